/**
 * The Microsoft 365 Agents Playground (a Teams-like chat client, npm `@microsoft/m365agentsplayground`),
 * run by `npm start` as a child process pointed at the local bot, so a developer can chat with the bot
 * on http://localhost:56150 without a Microsoft 365 tenant. Local only: never deployed.
 *
 * Settings (environment, then local.settings.json "Values"):
 * - `PLAYGROUND`: `off` (or false/0/no) skips it; `on` by default.
 * - `PLAYGROUND_PORT`: its port, 56150 by default; 0 lets it pick a free one.
 * It is also skipped when the bot is not anonymous (a MicrosoftAppId is set, or the app thinks it runs in
 * Azure): the playground sends no token, so the bot would answer every message 401.
 *
 * Nothing leaves the machine: telemetry is off twice (`--disable-telemetry` for its own events,
 * `APPLICATION_INSIGHTS_NO_STATSBEAT=true` for the Application Insights SDK's heartbeat), no browser is
 * opened (`TEAMSAPPTESTER_BROWSER=none`), and the child gets a short list of environment variables, so
 * neither proxy settings (`HTTP_PROXY`: the bot's traffic would go through the proxy) nor sign-in settings
 * (`AUTH_CLIENT_ID`/`AUTH_CLIENT_SECRET`: it would fetch tokens from Entra ID) nor the app's own secrets
 * reach it. The web page it serves does load its fonts from Microsoft's CDN (res-1.cdn.office.net); it
 * works without them.
 *
 * `playgroundPreload.mjs` is loaded into the child: it binds the playground to loopback (it would listen
 * on every interface, letting the network post to the anonymous bot) and makes it exit when its parent
 * goes away, however that happens. On POSIX the child also leads its own process group, and `stop()`
 * signals the whole group: SIGTERM, then SIGKILL after a grace period.
 *
 * Its console output goes to a log file (`<LOCAL_DATA_DIR>/playground/playground.log`, replaced at each
 * start): when its stdout is not a terminal, the playground writes only "Listening on <port>" there, which
 * is read here to learn the port; anything else it prints is passed on prefixed with `[playground]`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEFAULT_PLAYGROUND_PORT = 56150;
const PACKAGE = '@microsoft/m365agentsplayground';
const ROOT = path.resolve(__dirname, '..');
/** The committed people, chats and team (see the file); `M365_AGENTS_PLAYGROUND_CONFIG_PATH` overrides it. */
export const PLAYGROUND_CONFIG_FILE = path.join(ROOT, '.m365agentsplayground.yml');

/** Environment variables the playground may see; everything else (secrets, proxies, sign-in) is withheld. */
const PASSED_ENVIRONMENT = [
  'PATH',
  'Path',
  'PATHEXT',
  'HOME',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'TMPDIR',
  'TMP',
  'TEMP',
  'SystemRoot',
  'SYSTEMROOT',
  'windir',
  'ComSpec',
  'LANG',
  'LC_ALL',
  'TZ',
  'M365_AGENTS_PLAYGROUND_CONFIG_PATH',
];

export type PlaygroundPlan = { start: true; port: number } | { start: false; reason: string };

/**
 * Whether `npm start` runs the playground, and on which port. Pure: the caller passes the environment
 * (after local.settings.json is applied) and what the settings say about the bot's authentication.
 */
export function planPlayground(
  env: Readonly<Record<string, string | undefined>>,
  bot: { appId: string; isRunningInAzure: boolean },
): PlaygroundPlan {
  const switchValue = (env['PLAYGROUND'] ?? '').trim().toLowerCase();
  if (['off', 'false', '0', 'no'].includes(switchValue))
    return { start: false, reason: 'off (PLAYGROUND=off)' };
  if (!['', 'on', 'true', '1', 'yes'].includes(switchValue)) {
    return {
      start: false,
      reason: `not started: PLAYGROUND must be "on" or "off" (got "${env['PLAYGROUND']}")`,
    };
  }
  if (bot.appId !== '') {
    return {
      start: false,
      reason:
        'off - MicrosoftAppId is set and the playground sends no token, so the bot would answer it 401. ' +
        'Chat in Teams, or unset MicrosoftAppId to chat locally.',
    };
  }
  if (bot.isRunningInAzure) {
    return {
      start: false,
      reason:
        'off - WEBSITE_INSTANCE_ID or WEBSITE_SITE_NAME is set, so the bot refuses requests without a token (401).',
    };
  }
  const portText = (env['PLAYGROUND_PORT'] ?? '').trim();
  if (portText === '') return { start: true, port: DEFAULT_PLAYGROUND_PORT };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    return {
      start: false,
      reason: `not started: PLAYGROUND_PORT must be a port number from 0 to 65535 (got "${portText}")`,
    };
  }
  return { start: true, port };
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, for example `http://127.0.0.1:7071/api/messages`. */
  botEndpoint: string;
  /** 0 lets the playground pick a free port. */
  port: number;
  /** The interface to listen on; loopback unless the developer chose otherwise (HOST). */
  host: string;
  /** Working directory of the child; its log file is written here. Created if missing. */
  workDir: string;
  /** The `.m365agentsplayground.yml` to use; the playground's built-in people and chats when absent. */
  configFile?: string;
  /** How long to wait for it to serve its page. The first start after an install can take seconds. */
  readyTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** Called once if the playground exits while running, with a message saying so. */
  onUnexpectedExit?: (message: string) => void;
  /** Lines the playground prints besides "Listening on" (already prefixed). */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface RunningPlayground {
  /** What to open in a browser, for example `http://localhost:56150`. */
  url: string;
  port: number;
  pid: number;
  logFile: string;
  /** When the playground could not have the port it was asked for and took another one. */
  portMoved: boolean;
  /** Stops the playground and every process in its group; resolves once it has exited. */
  stop(): Promise<void>;
}

/** A playground that did not start; the message says why, in words for the developer. */
export class PlaygroundStartError extends Error {}

/** The CLI script of the installed package, run with this Node (no shell, no PATH lookup, any OS). */
export function playgroundCli(): string {
  const manifestPath = require.resolve(`${PACKAGE}/package.json`, { paths: [ROOT] });
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: Record<string, string> };
  const bin = manifest.bin?.['agentsplayground'];
  if (bin === undefined) throw new PlaygroundStartError(`${PACKAGE} has no "agentsplayground" command`);
  return path.resolve(path.dirname(manifestPath), bin);
}

/**
 * The end of the playground's log, for a failure message: its "error" lines when there are any (it
 * explains a bad config file there), else its last lines; its "debug" lines (telemetry dumps) never.
 */
function logTail(file: string, count = 4): string[] {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trimEnd())
      .filter((line) => line !== '' && !line.startsWith('debug '));
  } catch {
    return [];
  }
  const errors = lines.filter((line) => line.startsWith('error '));
  return (errors.length > 0 ? errors : lines).slice(-count).map((line) => `    ${line}`);
}

async function portIsFree(port: number, host: string): Promise<boolean> {
  if (port === 0) return true;
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

const ANY_ADDRESS = ['0.0.0.0', '::', ''];
const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

/** Where this process reaches a server listening on `host`. */
function loopbackFor(host: string): string {
  if (ANY_ADDRESS.includes(host) || LOOPBACK.includes(host)) return host === '::1' ? '[::1]' : '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** What to type in a browser: `localhost` for loopback and every-interface servers, the address otherwise. */
function browserHostFor(host: string): string {
  return ANY_ADDRESS.includes(host) || LOOPBACK.includes(host) ? 'localhost' : loopbackFor(host);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // A negative pid signals the whole process group the child leads (POSIX only).
    if (process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    child.kill(signal);
  }
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 3000;
  if (!(await portIsFree(options.port, options.host))) {
    throw new PlaygroundStartError(
      `port ${options.port} on ${options.host} is already in use (another playground or "npm start"?). ` +
        'Stop it, or set PLAYGROUND_PORT to a free port (PLAYGROUND=off to skip it)',
    );
  }
  let cli: string;
  try {
    cli = playgroundCli();
  } catch (error) {
    if (error instanceof PlaygroundStartError) throw error;
    throw new PlaygroundStartError(`${PACKAGE} is not installed (run "npm install")`);
  }

  mkdirSync(options.workDir, { recursive: true });
  const logFile = path.join(options.workDir, 'playground.log');
  const env: Record<string, string> = {};
  for (const name of PASSED_ENVIRONMENT) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    PLAYGROUND_BIND_HOST: options.host,
  });
  if (env['M365_AGENTS_PLAYGROUND_CONFIG_PATH'] === undefined && options.configFile !== undefined) {
    env['M365_AGENTS_PLAYGROUND_CONFIG_PATH'] = options.configFile;
  }

  const preload = pathToFileURL(path.join(__dirname, 'playgroundPreload.mjs')).href;
  const args = ['-e', options.botEndpoint, '--disable-telemetry', '-p', String(options.port)];
  const child = spawn(process.execPath, ['--import', preload, cli, ...args], {
    cwd: options.workDir,
    env,
    // The IPC channel is how the child notices that this process is gone (see playgroundPreload.mjs).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group, so stop() reaches everything it started; on Windows this would open a console.
    detached: process.platform !== 'win32',
    windowsHide: true,
  });

  let stopping = false;
  let listeningPort: number | undefined;
  let onListening: ((port: number) => void) | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));

  const forward = (stream: 'stdout' | 'stderr') => {
    let pending = '';
    return (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const listening = /^Listening on (\d+)$/.exec(line.trim());
        if (listening && listeningPort === undefined) {
          listeningPort = Number(listening[1]);
          onListening?.(listeningPort);
        } else if (line.trim() !== '') {
          options.onOutput?.(`[playground] ${line}`, stream);
        }
      }
    };
  };
  child.stdout?.on('data', forward('stdout'));
  child.stderr?.on('data', forward('stderr'));

  const stop = async (): Promise<void> => {
    stopping = true;
    signalGroup(child, 'SIGTERM');
    const timeout = (ms: number) =>
      new Promise<'timeout'>((resolve) => setTimeout(resolve, ms, 'timeout').unref());
    if ((await Promise.race([exited, timeout(stopTimeoutMs)])) === 'timeout') {
      signalGroup(child, 'SIGKILL');
      await Promise.race([exited, timeout(2000)]);
    }
    if (child.connected) child.disconnect();
  };

  const failure = async (why: string): Promise<never> => {
    await stop();
    const tail = logTail(logFile);
    throw new PlaygroundStartError(
      [why, ...(tail.length > 0 ? [`  its log (${logFile}) ends with:`, ...tail] : [])].join('\n'),
    );
  };

  // 1. It prints "Listening on <port>" once its HTTP server is up (on another port if ours was taken).
  const listened = await Promise.race([
    new Promise<number>((resolve) => {
      if (listeningPort !== undefined) resolve(listeningPort);
      onListening = resolve;
    }),
    exited.then(({ code, signal }) => `it exited (${signal ?? `code ${code}`}) before listening`),
    spawnFailed.then((error) => `it could not be started: ${error.message}`),
    new Promise<string>((resolve) =>
      setTimeout(
        resolve,
        readyTimeoutMs,
        `it did not start listening within ${readyTimeoutMs / 1000} s`,
      ).unref(),
    ),
  ]);
  if (typeof listened === 'string') return failure(listened);

  // 2. Right after listening it loads its config file and mounts its API, or exits if the file is bad.
  //    Its (internal, undocumented) ping answers once that worked. Its other endpoints may wait for the
  //    bot to answer, which is not needed here.
  const deadline = Date.now() + readyTimeoutMs;
  const early: { exit?: string } = {};
  void exited.then(
    ({ code, signal }) => (early.exit = `it exited (${signal ?? `code ${code}`}) while starting`),
  );
  for (;;) {
    try {
      const response = await fetch(`http://${loopbackFor(options.host)}:${listened}/_debug/ping`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok && early.exit === undefined) break;
    } catch {
      // Not answering yet.
    }
    if (early.exit !== undefined) return failure(early.exit);
    if (Date.now() > deadline) return failure(`it did not answer within ${readyTimeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  void exited.then(({ code, signal }) => {
    if (stopping) return;
    const tail = logTail(logFile);
    options.onUnexpectedExit?.(
      [
        `The playground stopped unexpectedly (${signal ?? `exit code ${code}`}); the bot keeps running.`,
        ...(tail.length > 0 ? [`  its log (${logFile}) ends with:`, ...tail] : []),
      ].join('\n'),
    );
  });

  return {
    url: `http://${browserHostFor(options.host)}:${listened}`,
    port: listened,
    pid: child.pid ?? -1,
    logFile,
    portMoved: options.port !== 0 && listened !== options.port,
    stop,
  };
}

/** The committed config file, if present; `M365_AGENTS_PLAYGROUND_CONFIG_PATH` still wins when set. */
export function playgroundConfigFile(): string | undefined {
  return existsSync(PLAYGROUND_CONFIG_FILE) ? PLAYGROUND_CONFIG_FILE : undefined;
}
