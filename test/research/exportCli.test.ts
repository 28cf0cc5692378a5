/**
 * The command-line tools as a researcher runs them: `npm run export` against a storage connection string
 * (here Azurite, with a table prefix like a copied account) and `npm run dev-token`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyDevToken } from '../../auth/devTokens';
import { createResearchStorage, type ResearchStorage } from '../../runtime/research';
import type { ExportRecord } from '../../storage/exportAudit';
import { names, storeExampleCase } from './exampleCase';

const root = path.resolve(__dirname, '../..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const connectionString = inject('tablesConnectionString');
const prefix = `cli${Date.now().toString(36)}`;
const outDir = mkdtempSync(path.join(tmpdir(), 'export-cli-'));
// A working directory without local.settings.json, so a developer's own file cannot change the test.
const workDir = mkdtempSync(path.join(tmpdir(), 'export-cwd-'));
let storage: ResearchStorage;

function run(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const inherited = { ...process.env };
  delete inherited['TABLES_CONNECTION_STRING'];
  delete inherited['RESEARCH_DEV_TOKEN_KEY'];
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, script), ...args], {
    cwd: workDir,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  storage = createResearchStorage(connectionString, { tablePrefix: prefix });
  await storeExampleCase(storage.log, storage.people, 'case-cli-1');
  await storeExampleCase(storage.log, storage.people, 'case-cli-2');
});
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

describe('npm run export', () => {
  it('writes every format into a folder, pseudonymised, shows progress, and records each export', async () => {
    const folder = path.join(outDir, 'all');
    const result = await run('scripts/export.ts', [
      '--connection-string',
      connectionString,
      '--table-prefix',
      prefix,
      '--format',
      'all',
      '--out',
      folder,
      '--by',
      'rita',
    ]);
    expect(result.stderr).toContain('export: 2 cases');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /qdpx → .*research-export-.*\.qdpx: \d+ \/ \d+ events \(100%\), 2\/2 cases/,
    );
    const files = readdirSync(folder).sort();
    expect(files.map((file) => file.replace(/^research-export-\d{4}-\d\d-\d\d\./, ''))).toEqual([
      'anchoring.csv',
      'anchoring.csv.README.md',
      'answers.csv',
      'answers.csv.README.md',
      'cases.csv',
      'cases.csv.README.md',
      'events.csv',
      'events.csv.README.md',
      'json',
      'jsonl',
      'md',
      'qdpx',
    ]);
    const sheetFile = files.find((file) => file.endsWith('.cases.csv')) ?? '';
    const sheet = parse(readFileSync(path.join(folder, sheetFile)), { bom: true }) as string[][];
    // Beside each CSV file, the notice it has no room for: pseudonymisation, consent, neutralised cells.
    expect(readFileSync(path.join(folder, `${sheetFile}.README.md`), 'utf8')).toMatch(
      /Pseudonymisering: personer vises som «Deltaker N»[\s\S]*har fått en apostrof \('\) foran/,
    );
    expect(sheet).toHaveLength(3);
    for (const file of files.filter((f) => !f.endsWith('.qdpx'))) {
      const text = readFileSync(path.join(folder, file), 'utf8');
      for (const name of Object.values(names)) expect(text).not.toContain(name);
    }
    const records: ExportRecord[] = [];
    for await (const record of storage.audit.list()) records.push(record);
    expect(records).toHaveLength(8);
    expect(records.every((r) => r.requestedBy === 'cli:rita' && r.via === 'cli')).toBe(true);
  });

  it('exports named cases to stdout, and refuses unknown options and formats', async () => {
    const result = await run('scripts/export.ts', [
      '--connection-string',
      connectionString,
      '--table-prefix',
      prefix,
      '--cases',
      'case-cli-2',
      '--format',
      'jsonl',
      '--out',
      '-',
      '--skip-audit',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { record: string; caseId?: string });
    expect(lines.filter((line) => line.record === 'case').map((line) => line.caseId)).toEqual(['case-cli-2']);

    const unknownFormat = await run('scripts/export.ts', [
      '--connection-string',
      connectionString,
      '--format',
      'pdf',
    ]);
    expect(unknownFormat.code).toBe(1);
    expect(unknownFormat.stderr).toContain('Unknown format "pdf"');
    const badDate = await run('scripts/export.ts', [
      '--connection-string',
      connectionString,
      '--from',
      '2026-99-01',
    ]);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('Invalid date range');
  });

  it('exports in Nynorsk with --lang nn, and says in its usage that nn is a language', async () => {
    const result = await run('scripts/export.ts', [
      '--connection-string',
      connectionString,
      '--table-prefix',
      prefix,
      '--cases',
      'case-cli-1',
      '--format',
      'markdown',
      '--lang',
      'nn',
      '--out',
      '-',
      '--skip-audit',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('# Forskingseksport: dokumentert prosesslogg');
    expect(result.stdout).toContain('Pseudonymisering: personar blir viste som «Deltakar N».');
    expect(result.stdout).toMatch(/Deltakar \d+/);
    expect(result.stdout).not.toMatch(/Deltaker \d+/);
    expect(readFileSync(path.join(root, 'scripts/export.ts'), 'utf8')).toMatch(/--lang nb\|nn\|en /);
  });
});

describe('npm run dev-token', () => {
  const key = 'a-local-development-key-for-the-cli-test';

  it('prints a token the API accepts in dev mode', async () => {
    const result = await run(
      'scripts/devToken.ts',
      ['--oid', 'aad-rita', '--roles', 'Research.Read,Research.RealNames'],
      {
        RESEARCH_DEV_TOKEN_KEY: key,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const caller = await verifyDevToken(key, result.stdout.trim());
    expect(caller).toEqual({
      personId: 'aad-rita',
      appRoles: ['Research.Read', 'Research.RealNames'],
      tokenKind: 'development',
    });
  });

  it('refuses without a development key, or in Azure', async () => {
    const noKey = await run('scripts/devToken.ts', ['--oid', 'aad-rita']);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('RESEARCH_DEV_TOKEN_KEY is not set');
    const inAzure = await run('scripts/devToken.ts', ['--oid', 'aad-rita'], {
      RESEARCH_DEV_TOKEN_KEY: key,
      WEBSITE_SITE_NAME: 'x',
    });
    expect(inAzure.code).toBe(1);
    expect(inAzure.stderr).toContain('never accepted in Azure');
  });
});
