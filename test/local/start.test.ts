/**
 * `npm start` end to end: the real entry point in a child process, as a developer runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CaseService } from '../../application/caseService';
import { builtInTemplates } from '../../engine';
import { azuriteConnectionString } from '../../local/azurite';
import { TableEventLog } from '../../storage/tableEventLog';
import { openCommand, people } from '../engine/caseSpecification';

const root = path.resolve(__dirname, '../..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const dataDir = mkdtempSync(path.join(tmpdir(), 'start-test-'));
// A working directory without local.settings.json, so a developer's own file cannot change the test.
const workDir = mkdtempSync(path.join(tmpdir(), 'start-cwd-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(env: Record<string, string>): Started {
  // Unset, so the child falls back to the development storage it starts itself.
  const inherited = { ...process.env };
  delete inherited['TABLES_CONNECTION_STRING'];
  delete inherited['AzureWebJobsStorage'];
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'local/start.ts')], {
    cwd: workDir,
    // The playground has its own test (test/e2e/playground.test.ts); here it would only add a second.
    env: { ...inherited, LOCAL_DATA_DIR: dataDir, PLAYGROUND: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function untilReady(started: Started): Promise<void> {
  await expect.poll(() => started.output(), { timeout: 15_000, interval: 50 }).toContain('ready in');
}

async function stopWithSigint(started: Started): Promise<number | null> {
  started.child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000));
  return Promise.race([started.exit, timeout]) as Promise<number | null>;
}

async function occupy(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const portOf = (server: Server): number => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return address.port;
};
async function freePort(): Promise<number> {
  const server = await occupy();
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm start (local/start.ts)', () => {
  it('serves /api/health on Azurite, shuts down on SIGINT with 0, and keeps the data for the next start', async () => {
    const port = await freePort();
    const azuritePort = await freePort();
    const env = { PORT: String(port), AZURITE_TABLE_PORT: String(azuritePort) };

    const first = start(env);
    await untilReady(first);
    expect(first.output()).toContain(`http://127.0.0.1:${port}/api/health`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', storage: { reachable: true } });

    // A case written through the real log into the child's storage, in the app's own tables.
    const log = TableEventLog.fromConnectionString(azuriteConnectionString('127.0.0.1', azuritePort));
    const cases = new CaseService({ log, templates: builtInTemplates() });
    await cases.execute({
      caseId: 'persisted-case',
      actorId: people.olga,
      at: '2026-01-05T08:00:00.000Z',
      command: openCommand({ caseId: 'persisted-case', title: 'Benk ved vannet' }),
    });
    expect(await stopWithSigint(first)).toBe(0);
    expect(first.output()).toContain('shutting down');

    const second = start(env);
    await untilReady(second);
    const state = await cases.getCase('persisted-case');
    expect(state?.title).toBe('Benk ved vannet');
    expect(state?.version).toBe(5);
    expect((await log.verify('persisted-case')).ok).toBe(true);
    expect(await stopWithSigint(second)).toBe(0);
  });

  it('exits non-zero and names the port when the app port is taken', async () => {
    const blocker = await occupy();
    try {
      const started = start({ PORT: String(portOf(blocker)), AZURITE_TABLE_PORT: String(await freePort()) });
      expect(await started.exit).not.toBe(0);
      expect(started.output()).toContain(`Port ${portOf(blocker)} on 127.0.0.1 is already in use`);
      expect(started.output()).toContain('set PORT to a free port');
    } finally {
      blocker.close();
    }
  });

  it('exits non-zero and names the setting when the Azurite port is taken', async () => {
    const blocker = await occupy();
    try {
      const started = start({ PORT: String(await freePort()), AZURITE_TABLE_PORT: String(portOf(blocker)) });
      expect(await started.exit).not.toBe(0);
      expect(started.output()).toContain(
        `Azurite's table port ${portOf(blocker)} on 127.0.0.1 is already in use`,
      );
      expect(started.output()).toContain('AZURITE_TABLE_PORT');
    } finally {
      blocker.close();
    }
  });
});
