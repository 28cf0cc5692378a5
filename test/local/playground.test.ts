/**
 * local/playground.ts: when `npm start` runs the Agents Playground, and how it runs it. The real
 * playground package is started (no browser; test/e2e/playground.test.ts chats through it).
 */
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAYGROUND_PORT,
  PLAYGROUND_CONFIG_FILE,
  planPlayground,
  PlaygroundStartError,
  startPlayground,
  type RunningPlayground,
} from '../../local/playground';

const root = path.resolve(__dirname, '../..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const temp = mkdtempSync(path.join(tmpdir(), 'playground-test-'));
const running: RunningPlayground[] = [];
afterAll(async () => {
  for (const playground of running) await playground.stop();
  rmSync(temp, { recursive: true, force: true });
});

/** Nothing listens here: the playground starts without an answering bot. */
const BOT = 'http://127.0.0.1:9/api/messages';
const anonymous = { appId: '', isRunningInAzure: false };

async function listening(port = 0): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
async function freePort(): Promise<number> {
  const server = await listening();
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Whether a TCP connection to host:port is accepted. */
/** /proc/net's hex forms of 127.0.0.1, ::1 and ::ffff:127.0.0.1. */
const LOOPBACK_ADDRESSES = new Set([
  '0100007F',
  '00000000000000000000000001000000',
  '0000000000000000FFFF00000100007F',
]);

/** The local addresses (as /proc/net/tcp and tcp6 write them) of the sockets listening on a port. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6']
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
    .map((fields) => (fields[1] ?? '').split(':')[0] ?? '');
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Alive and not a zombie (Linux reads /proc; elsewhere signal 0). */
function isRunning(pid: number): boolean {
  if (existsSync(`/proc/${pid}/stat`)) {
    try {
      return !/^\d+ \(.*\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('planPlayground: whether npm start runs the playground', () => {
  it('runs it on 56150 by default, or on PLAYGROUND_PORT', () => {
    expect(planPlayground({}, anonymous)).toEqual({ start: true, port: DEFAULT_PLAYGROUND_PORT });
    expect(planPlayground({ PLAYGROUND: 'on', PLAYGROUND_PORT: '4000' }, anonymous)).toEqual({
      start: true,
      port: 4000,
    });
    expect(planPlayground({ PLAYGROUND_PORT: '0' }, anonymous)).toEqual({ start: true, port: 0 });
  });

  it('skips it with PLAYGROUND=off', () => {
    for (const value of ['off', 'OFF', 'false', '0', 'no']) {
      expect(planPlayground({ PLAYGROUND: value }, anonymous)).toEqual({
        start: false,
        reason: 'off (PLAYGROUND=off)',
      });
    }
  });

  it('skips it when the bot wants a token, saying that the bot would answer 401', () => {
    const plan = planPlayground(
      {},
      { appId: '00000000-0000-0000-0000-000000000001', isRunningInAzure: false },
    );
    expect(plan.start).toBe(false);
    expect(!plan.start && plan.reason).toMatch(/MicrosoftAppId is set.*401/);
    const inAzure = planPlayground({}, { appId: '', isRunningInAzure: true });
    expect(!inAzure.start && inAzure.reason).toMatch(/401/);
  });

  it('names a malformed setting instead of guessing', () => {
    const port = planPlayground({ PLAYGROUND_PORT: '70000' }, anonymous);
    expect(!port.start && port.reason).toContain('PLAYGROUND_PORT must be a port number');
    const onOff = planPlayground({ PLAYGROUND: 'maybe' }, anonymous);
    expect(!onOff.start && onOff.reason).toContain('PLAYGROUND must be "on" or "off"');
  });
});

describe('startPlayground', () => {
  it(
    'serves it on loopback only, pointed at the bot, with telemetry off and no secrets or proxies; stop() ends it',
    { timeout: 60_000 },
    async () => {
      // A stand-in bot: some of the playground's endpoints wait until the bot answers.
      const bot = createHttpServer((_request, response) => response.end());
      await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
      const botAddress = bot.address();
      if (botAddress === null || typeof botAddress === 'string') throw new Error('no port');
      const botEndpoint = `http://127.0.0.1:${botAddress.port}/api/messages`;
      const port = await freePort();
      const saved = { ...process.env };
      Object.assign(process.env, {
        HTTP_PROXY: 'http://proxy.invalid:3128',
        https_proxy: 'http://proxy.invalid:3128',
        AUTH_CLIENT_SECRET: 'not-for-the-playground',
        MicrosoftAppPassword: 'not-for-the-playground',
        TABLES_CONNECTION_STRING: 'AccountName=secret;AccountKey=c2VjcmV0',
      });
      let playground: RunningPlayground;
      try {
        playground = await startPlayground({
          botEndpoint,
          port,
          host: '127.0.0.1',
          workDir: path.join(temp, 'serves'),
          configFile: PLAYGROUND_CONFIG_FILE,
        });
      } finally {
        process.env = saved;
      }
      running.push(playground);
      expect(playground).toMatchObject({ url: `http://localhost:${port}`, port, portMoved: false });

      // The page, and the people and chats of the committed config file.
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      const config = (await (
        await fetch(`http://127.0.0.1:${port}/_internal/v1/config`, { signal: AbortSignal.timeout(10_000) })
      ).json()) as {
        config: { bot: { name: string }; users: unknown[]; groupChats: { name: string }[] };
      };
      expect(config.config.bot.name).toBe('Innovasjonsporter');
      expect(config.config.users).toHaveLength(5);
      expect(config.config.groupChats[0]?.name).toBe('Prosjektgruppe hverdagsrehabilitering');

      // Loopback only: every socket listening on the port is bound to a loopback address, and none of
      // this machine's network addresses (if it has any) accepts a connection.
      const listeners = listeningAddresses(port);
      expect(listeners.length, 'sockets listening on the port').toBeGreaterThan(0);
      expect(listeners.filter((address) => !LOOPBACK_ADDRESSES.has(address))).toEqual([]);
      const externals = Object.values(networkInterfaces())
        .flat()
        .filter((address) => address?.family === 'IPv4' && !address.internal)
        .map((address) => address?.address ?? '');
      expect(await Promise.all(externals.map((address) => accepts(address, port)))).toEqual(
        externals.map(() => false),
      );
      expect(await accepts('127.0.0.1', port)).toBe(true);

      if (process.platform === 'linux') {
        const args = readFileSync(`/proc/${playground.pid}/cmdline`, 'utf8').split('\0');
        expect(args).toEqual(
          expect.arrayContaining(['-e', botEndpoint, '--disable-telemetry', '-p', String(port)]),
        );
        const env = readFileSync(`/proc/${playground.pid}/environ`, 'utf8').split('\0');
        expect(env).toEqual(
          expect.arrayContaining(['APPLICATION_INSIGHTS_NO_STATSBEAT=true', 'TEAMSAPPTESTER_BROWSER=none']),
        );
        const names = env.map((entry) => entry.split('=')[0]);
        for (const name of [
          'HTTP_PROXY',
          'https_proxy',
          'AUTH_CLIENT_SECRET',
          'MicrosoftAppPassword',
          'TABLES_CONNECTION_STRING',
        ]) {
          expect(names).not.toContain(name);
        }
      }

      await playground.stop();
      bot.close();
      expect(isRunning(playground.pid)).toBe(false);
      expect(await accepts('127.0.0.1', port)).toBe(false);
    },
  );

  it('says why when its port is taken, and starts nothing', async () => {
    const blocker = await listening();
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const started = startPlayground({
        botEndpoint: BOT,
        port: address.port,
        host: '127.0.0.1',
        workDir: path.join(temp, 'taken'),
      });
      await expect(started).rejects.toThrow(PlaygroundStartError);
      await expect(started).rejects.toThrow(`port ${address.port} on 127.0.0.1 is already in use`);
      await expect(started).rejects.toThrow('PLAYGROUND_PORT');
    } finally {
      blocker.close();
    }
  });

  it('says why when its config file is invalid, quoting its log', { timeout: 60_000 }, async () => {
    const configFile = path.join(temp, 'broken.yml');
    writeFileSync(configFile, 'version: "0.1.1"\nusers: []\n');
    const started = startPlayground({
      botEndpoint: BOT,
      port: await freePort(),
      host: '127.0.0.1',
      workDir: path.join(temp, 'broken'),
      configFile,
    });
    await expect(started).rejects.toThrow(
      /it exited \(code 1\)[\s\S]*Failed to start Microsoft 365 Agents Playground/,
    );
  });

  it('exits with its parent when the parent is killed (no orphan)', { timeout: 60_000 }, async () => {
    const parent = spawn(
      process.execPath,
      [
        '--import',
        tsxLoader,
        path.join(__dirname, 'fixtures/playgroundParent.ts'),
        BOT,
        String(await freePort()),
        path.join(temp, 'orphan'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    parent.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    parent.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect.poll(() => output, { timeout: 30_000, interval: 100 }).toMatch(/ready \d+ \d+/);
      const [, pid = '', port = ''] = /ready (\d+) (\d+)/.exec(output) ?? [];
      expect(isRunning(Number(pid))).toBe(true);
      parent.kill('SIGKILL');
      await expect.poll(() => isRunning(Number(pid)), { timeout: 10_000, interval: 100 }).toBe(false);
      expect(await accepts('127.0.0.1', Number(port))).toBe(false);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    }
  });
});
