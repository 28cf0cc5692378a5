/**
 * The key source behind every token check: one refresh shared by concurrent requests, a deadline on
 * it, no refetch storm after a failure or for unknown key ids, known keys kept through an outage, and
 * the outage logged once. Against a local metadata host (real HTTP) and, where time matters, a clock
 * the test moves.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SigningKeySource,
  SigningKeysUnavailableError,
  UnknownSigningKeyError,
  type SigningKeySourceOptions,
} from '../../auth/signingKeys';
import { freePort } from '../support/ports';
import {
  signingKey,
  startSigningKeyServer,
  type SigningKey,
  type SigningKeyServer,
} from './signingKeyServer';

let key1: SigningKey;
let key2: SigningKey;
const servers: SigningKeyServer[] = [];

beforeAll(async () => {
  key1 = await signingKey('key-1', { endorsements: ['msteams', 'webchat'] });
  key2 = await signingKey('key-2');
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(options: Parameters<typeof startSigningKeyServer>[0]): Promise<SigningKeyServer> {
  const started = await startSigningKeyServer(options);
  servers.push(started);
  return started;
}

interface Harness {
  source: SigningKeySource;
  logs: { level: 'warn' | 'info'; message: string }[];
  /** Moves the source's clock on. */
  advance(ms: number): void;
}

function keySource(metadataUrl: string, options: Partial<SigningKeySourceOptions> = {}): Harness {
  let now = 1_000_000;
  const logs: Harness['logs'] = [];
  const source = new SigningKeySource({
    issuerName: 'Test issuer',
    metadataUrl,
    timeoutMs: 500,
    isRunningInAzure: false,
    now: () => now,
    log: {
      warn: (message) => logs.push({ level: 'warn', message }),
      info: (message) => logs.push({ level: 'info', message }),
    },
    ...options,
  });
  return { source, logs, advance: (ms) => (now += ms) };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a failure');
}

describe('a key source whose metadata host answers', () => {
  it('fetches metadata and keys once for many concurrent requests, and keeps the endorsements', async () => {
    const host = await server({ keys: [key1.jwk, key2.jwk] });
    const { source } = keySource(host.metadataUrl);

    const keys = await Promise.all(
      Array.from({ length: 10 }, (_, i) => source.key(i % 2 ? 'key-1' : 'key-2')),
    );

    expect(host.requests).toEqual(['/openid', '/keys']);
    expect(keys.map((key) => key.kid)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? 'key-1' : 'key-2')),
    );
    expect(keys[1]?.endorsements).toEqual(['msteams', 'webchat']);
    expect(keys[0]?.endorsements).toBeUndefined();
  });

  it('refuses an unknown key id after one refresh, and does not refresh for unknown ids again for a while', async () => {
    const host = await server({ keys: [key1.jwk] });
    const { source, advance } = keySource(host.metadataUrl);
    await source.key('key-1');

    expect(await failure(source.key('forged-1'))).toBeInstanceOf(UnknownSigningKeyError);
    expect(await failure(source.key('forged-2'))).toBeInstanceOf(UnknownSigningKeyError);
    expect(await failure(source.key(undefined))).toBeInstanceOf(UnknownSigningKeyError);
    expect(host.requests).toHaveLength(2);

    // After the cooldown an unknown id may be a new key: one refresh finds it.
    host.keys = [key1.jwk, key2.jwk];
    advance(5 * 60 * 1000 + 1);
    expect((await source.key('key-2')).kid).toBe('key-2');
    expect(host.requests).toHaveLength(4);
  });

  it('refreshes old keys in the background while the known ones go on serving, even when that refresh fails', async () => {
    const host = await server({ keys: [key1.jwk] });
    const { source, advance, logs } = keySource(host.metadataUrl);
    await source.key('key-1');
    host.mode = 'fail';
    advance(24 * 60 * 60 * 1000 + 1);

    expect((await source.key('key-1')).kid).toBe('key-1');
    await expect.poll(() => host.requests.length).toBe(3);
    await expect.poll(() => logs.length).toBe(1);
    expect((await source.key('key-1')).kid).toBe('key-1');
    expect(logs[0]?.message).toContain('answered 500');
  });

  it('skips keys it cannot use (not RSA, not for signing, no id) and fails when none is left', async () => {
    const host = await server({
      keys: [
        { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'ec' },
        { ...key1.jwk, use: 'enc', kid: 'enc' },
        { ...key1.jwk, kid: undefined },
      ],
    });
    const { source, logs } = keySource(host.metadataUrl);

    expect(await failure(source.key('ec'))).toBeInstanceOf(SigningKeysUnavailableError);
    expect(logs[0]?.message).toContain('no usable RSA signing key');
  });
});

describe('a key source whose metadata host fails', () => {
  it('gives up on a host that never answers at its deadline, with one fetch for all waiting requests', async () => {
    const host = await server({ mode: 'hang' });
    const { source } = keySource(host.metadataUrl, { now: Date.now });

    const started = performance.now();
    const errors = await Promise.all(Array.from({ length: 10 }, () => failure(source.key('key-1'))));
    const elapsed = performance.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2000);
    expect(host.requests).toEqual(['/openid']);
    for (const error of errors) {
      expect(error).toBeInstanceOf(SigningKeysUnavailableError);
      expect((error as SigningKeysUnavailableError).retryAfterSeconds).toBe(5);
    }
  });

  it('answers at once while a failure is fresh, tries again after it, and logs the outage and the recovery once each', async () => {
    const host = await server({ mode: 'fail', keys: [key1.jwk] });
    const { source, advance, logs } = keySource(host.metadataUrl);

    await failure(source.key('key-1'));
    advance(2000);
    const fresh = await failure(source.key('key-1'));
    expect((fresh as SigningKeysUnavailableError).retryAfterSeconds).toBe(3);
    expect(host.requests).toHaveLength(1);

    advance(3001);
    await failure(source.key('key-1'));
    expect(host.requests).toHaveLength(2);
    expect(logs.map((line) => line.level)).toEqual(['warn']);

    host.mode = 'serve';
    advance(5001);
    expect((await source.key('key-1')).kid).toBe('key-1');
    expect(logs.map((line) => line.level)).toEqual(['warn', 'info']);
    expect(logs[1]?.message).toContain('after 2 failed attempt(s)');
  });

  it('treats an unreachable host, a failing name lookup and an oversized answer as outages', async () => {
    const unreachable = keySource(`http://127.0.0.1:${await freePort()}/openid`);
    expect(await failure(unreachable.source.key('k'))).toBeInstanceOf(SigningKeysUnavailableError);
    expect(unreachable.logs[0]?.message).toMatch(/ECONNREFUSED/);

    const dnsFailure = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND login.example'), { code: 'ENOTFOUND' }),
    });
    const noDns = keySource('https://login.example/openid', { fetch: () => Promise.reject(dnsFailure) });
    expect(await failure(noDns.source.key('k'))).toBeInstanceOf(SigningKeysUnavailableError);
    expect(noDns.logs[0]?.message).toContain('fetch failed (ENOTFOUND)');

    const huge = keySource('https://login.example/openid', {
      fetch: () => Promise.resolve(new Response('x'.repeat(600 * 1024), { status: 200 })),
    });
    expect(await failure(huge.source.key('k'))).toBeInstanceOf(SigningKeysUnavailableError);
    expect(huge.logs[0]?.message).toContain('larger than');
  });

  it('does not follow the metadata to a key set in the clear on another host', async () => {
    const { source, logs } = keySource('https://login.example/openid', {
      fetch: () =>
        Promise.resolve(Response.json({ jwks_uri: 'http://keys.example.com/keys' }, { status: 200 })),
    });
    expect(await failure(source.key('k'))).toBeInstanceOf(SigningKeysUnavailableError);
    expect(logs[0]?.message).toContain('no acceptable jwks_uri');
  });
});
