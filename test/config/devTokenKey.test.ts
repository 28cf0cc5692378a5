/**
 * The machine's development-token key that `npm start` makes when none is configured, so the dashboard
 * can be signed in to right after `npm install` and `npm start`; `npm run dev-token` reads the same one.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSettings } from '../../config/settings';
import { DEV_TOKEN_KEY_FILE, useLocalDevTokenKey } from '../../config/devTokenKey';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dev-key-'));
  vi.stubEnv('RESEARCH_DEV_TOKEN_KEY', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function settings(values: Record<string, string> = {}) {
  return parseSettings([{ name: 'test', values: { LOCAL_DATA_DIR: dir, ...values } }]);
}

describe('the local development-token key', () => {
  it('is made once, readable by its owner only, and used from then on', () => {
    expect(useLocalDevTokenKey(settings(), { create: true })).toBe('created');
    const file = path.join(dir, DEV_TOKEN_KEY_FILE);
    const key = readFileSync(file, 'utf8').trim();
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(process.env['RESEARCH_DEV_TOKEN_KEY']).toBe(key);
    // What a later run (or `npm run dev-token`) then reads, and accepts as a valid setting.
    vi.stubEnv('RESEARCH_DEV_TOKEN_KEY', '');
    expect(useLocalDevTokenKey(settings(), { create: false })).toBe('file');
    expect(process.env['RESEARCH_DEV_TOKEN_KEY']).toBe(key);
    expect(settings({ RESEARCH_DEV_TOKEN_KEY: key }).research.devTokenKey).toBe(key);
  });

  it('leaves a configured key alone, and makes none when asked only to read', () => {
    const configured = 'configured-key-that-is-long-enough-0123456789';
    expect(useLocalDevTokenKey(settings({ RESEARCH_DEV_TOKEN_KEY: configured }), { create: true })).toBe(
      'configured',
    );
    expect(process.env['RESEARCH_DEV_TOKEN_KEY']).toBe('');
    expect(useLocalDevTokenKey(settings(), { create: false })).toBe('none');
    expect(() => statSync(path.join(dir, DEV_TOKEN_KEY_FILE))).toThrow();
  });
});
