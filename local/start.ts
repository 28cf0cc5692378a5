/**
 * `npm start`: the whole app on this machine, without Azure Functions Core Tools.
 *
 * Services start in order and stop in reverse:
 * 1. storage: for `UseDevelopmentStorage=true`, Azurite's table service in this process, persisted under
 *    `<LOCAL_DATA_DIR>/azurite` on 127.0.0.1:<AZURITE_TABLE_PORT>; otherwise the configured account.
 * 2. functions: every `functions/*.ts` module loaded through the local Functions host, on PORT.
 * 3. playground: the Microsoft 365 Agents Playground, a Teams-like chat client pointed at the bot, as a
 *    child process on PLAYGROUND_PORT (56150); see local/playground.ts. Optional: `PLAYGROUND=off` skips
 *    it, it is off when a MicrosoftAppId is set, and when it cannot start the bot runs without it.
 *
 * A taken port is an error (exit 1, naming the port and the setting to change), never a silent move to
 * another port: a second Azurite on the same data file would overwrite the first one's writes, and a
 * moved app port would leave the developer's tools (Teams client, bookmarks) talking to the old process.
 *
 * Ctrl-C (SIGINT) or SIGTERM stops everything cleanly (closing Azurite writes its data file) and exits 0;
 * a second Ctrl-C exits at once.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { buildTab } from '../scripts/buildTab';
import { startFunctionsHost } from './functionsHost';
import { useLocalDevTokenKey } from '../config/devTokenKey';
import { startAzuriteTables } from './azurite';
import { planPlayground, playgroundConfigFile, PlaygroundStartError, startPlayground } from './playground';
import { signDevToken } from '../auth/devTokens';
import {
  devTokensAccepted,
  LOCAL_SETTINGS_FILE,
  loadSettings,
  SettingsError,
  readLocalSettingsValues,
  type Settings,
} from '../config/settings';
import { appVersion } from '../config/version';
import { checkStorage, isDevelopmentStorage } from '../runtime/tables';

const ROOT = path.resolve(__dirname, '..');

interface RunningService {
  /** Lines for the start banner. */
  banner: string[];
  stop(): Promise<void>;
}
interface Service {
  name: string;
  start(): Promise<RunningService>;
}

/** A startup failure whose message says everything; printed without a stack trace. */
class StartupError extends Error {}

function isAddressInUse(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'EADDRINUSE';
}

/**
 * Copies `local.settings.json` "Values" into the environment without overriding what is set, as
 * `func start` does, so code that reads `process.env` directly (botbuilder does) sees the same values.
 */
function applyLocalSettings(): void {
  const values = readLocalSettingsValues(path.join(process.cwd(), LOCAL_SETTINGS_FILE)) ?? {};
  for (const [name, value] of Object.entries(values)) process.env[name] ??= value;
}

function storageService(settings: Settings): Service {
  return {
    name: 'storage',
    async start() {
      if (!isDevelopmentStorage(settings.tablesConnectionString)) {
        const endpoint = /TableEndpoint=([^;]+)/i.exec(settings.tablesConnectionString)?.[1];
        const account = /AccountName=([^;]+)/i.exec(settings.tablesConnectionString)?.[1];
        const check = await checkStorage(settings.tablesConnectionString, { timeoutMs: 3000 });
        const where = endpoint ?? account ?? 'configured account';
        return {
          banner: [
            `Storage:   ${where} (from ${settings.tablesConnectionStringFrom})` +
              (check.reachable ? '' : ` - NOT REACHABLE: ${check.error ?? 'unknown error'}`),
          ],
          stop: async () => {},
        };
      }
      const location = path.resolve(settings.localDataDir, 'azurite');
      let azurite;
      try {
        azurite = await startAzuriteTables({ host: '127.0.0.1', port: settings.azuriteTablePort, location });
      } catch (error) {
        if (!isAddressInUse(error)) throw error;
        throw new StartupError(
          `Azurite's table port ${settings.azuriteTablePort} on 127.0.0.1 is already in use, probably by another ` +
            'Azurite (VS Code extension, Docker, another "npm start"). Stop it, set AZURITE_TABLE_PORT to a free ' +
            'port, or set TABLES_CONNECTION_STRING to use that storage instead.',
        );
      }
      // Everything loaded after this point (functions, botbuilder, storage adapters) gets an explicit
      // connection string, so it reaches this Azurite whatever port it listens on.
      process.env['TABLES_CONNECTION_STRING'] = azurite.connectionString;
      return {
        banner: [
          `Storage:   Azurite tables on http://127.0.0.1:${azurite.port} ` +
            `(data in ${path.relative(process.cwd(), location) || '.'})`,
        ],
        stop: () => azurite.close(),
      };
    },
  };
}

/** What a later service needs to know about an earlier one. */
interface StackFacts {
  /** The bot's messaging endpoint on the local Functions host, for example `http://127.0.0.1:7071/api/messages`. */
  botEndpoint?: string;
  /** What follows the dashboard's URL in the banner: a sign-in for the playground's user, or a hint. */
  dashboardLink?: string;
}

/**
 * The dashboard opened as the playground's own user (a development token in the URL fragment, which
 * never reaches a server log), so the cases made in the playground chat show at once.
 */
async function dashboardLink(settings: Settings): Promise<string> {
  if (!devTokensAccepted(settings)) return ' (sign-in outside Teams needs RESEARCH_DEV_TOKEN_KEY)';
  const config = playgroundConfigFile();
  const text = config === undefined || !existsSync(config) ? '' : readFileSync(config, 'utf8');
  const oid = /currentUser:[\s\S]*?aadObjectId:\s*([\w-]+)/.exec(text)?.[1];
  if (oid === undefined) return ' (sign in with a token from "npm run dev-token -- --oid <id>")';
  const token = await signDevToken(
    settings.research.devTokenKey,
    { oid, roles: [settings.research.researcherAppRole] },
    { expiresInSeconds: 12 * 3600 },
  );
  return `#token=${token}`;
}

function functionsService(settings: Settings, facts: StackFacts): Service {
  return {
    name: 'functions',
    async start() {
      const dir = path.join(ROOT, 'functions');
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
        .sort()
        .map((f) => path.join(dir, f));
      // The dashboard tab's page and script are served from its build; a fresh one for every start.
      await buildTab();
      let host;
      try {
        host = await startFunctionsHost({
          port: settings.port,
          host: settings.host,
          routePrefix: readRoutePrefix(),
          functionAppDirectory: ROOT,
          // CommonJS require, as the worker loads `main`; tsx compiles the TypeScript on the way.
          loadFunctions: () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            for (const file of files) require(file);
          },
        });
      } catch (error) {
        if (!isAddressInUse(error)) throw error;
        throw new StartupError(
          `Port ${settings.port} on ${settings.host} is already in use (another "npm start" or "func start"?). ` +
            'Stop it or set PORT to a free port.',
        );
      }
      const messages = host.functions.find((f) => f.name === 'messages' && f.path !== undefined);
      if (messages?.path !== undefined) facts.botEndpoint = `${host.url}${messages.path}`;
      const width = Math.max(...host.functions.map((f) => f.name.length));
      const list = host.functions.map((f) => {
        const what = f.trigger === 'http' ? `${f.methods?.join(',') ?? 'ANY'} ${f.path ?? ''}` : f.trigger;
        return `  ${f.name.padEnd(width)}  ${f.schedule === undefined ? what : `timer ${f.schedule}`}`;
      });
      return {
        banner: [
          `Health:    ${host.url}/api/health`,
          `Dashboard: ${host.url}/api/tab${facts.dashboardLink ?? ''}`,
          'Functions:',
          ...list,
        ],
        stop: () => host.close(),
      };
    },
  };
}

/**
 * Never fails the stack: when the playground is off or cannot start, the banner says why and the bot runs
 * on. Its output is prefixed; if it stops later, that is said once.
 */
function playgroundService(settings: Settings, facts: StackFacts): Service {
  return {
    name: 'playground',
    async start() {
      const plan = planPlayground(process.env, {
        appId: settings.microsoftApp.appId,
        isRunningInAzure: settings.isRunningInAzure,
      });
      if (!plan.start) return { banner: [`Playground: ${plan.reason}`], stop: async () => {} };
      if (facts.botEndpoint === undefined) {
        return {
          banner: ['Playground: not started, there is no "messages" function to talk to'],
          stop: async () => {},
        };
      }
      try {
        const playground = await startPlayground({
          botEndpoint: facts.botEndpoint,
          port: plan.port,
          host: settings.host,
          workDir: path.resolve(settings.localDataDir, 'playground'),
          configFile: playgroundConfigFile(),
          onOutput: (line, stream) => (stream === 'stderr' ? console.error(line) : console.log(line)),
          onUnexpectedExit: (message) => console.error(message),
        });
        return {
          banner: [
            `Playground: ${playground.url} (chat with the bot: open the group chat, @mention it, type "hjelp")` +
              (playground.portMoved ? ` - port ${plan.port} was taken, so it took ${playground.port}` : ''),
            `            log in ${path.relative(process.cwd(), playground.logFile) || playground.logFile}`,
          ],
          stop: () => playground.stop(),
        };
      } catch (error) {
        const why = error instanceof PlaygroundStartError ? error.message : format(error);
        return {
          banner: [`Playground: NOT STARTED, the bot runs without it: ${why}`],
          stop: async () => {},
        };
      }
    },
  };
}

/** host.json `extensions.http.routePrefix`, as the Functions host reads it; `api` when absent. */
function readRoutePrefix(): string | undefined {
  const file = path.join(ROOT, 'host.json');
  if (!existsSync(file)) return undefined;
  const hostJson = JSON.parse(readFileSync(file, 'utf8')) as {
    extensions?: { http?: { routePrefix?: unknown } };
  };
  const prefix = hostJson.extensions?.http?.routePrefix;
  return typeof prefix === 'string' ? prefix : undefined;
}

async function stopAll(running: { name: string; service: RunningService }[]): Promise<boolean> {
  let ok = true;
  for (const { name, service } of [...running].reverse()) {
    try {
      await service.stop();
    } catch (error) {
      ok = false;
      console.error(`Stopping ${name} failed: ${format(error)}`);
    }
  }
  return ok;
}

async function main(): Promise<void> {
  applyLocalSettings();
  const firstRead = loadSettings();
  // Outside Azure, a machine key for development tokens, so the dashboard can be tried at once.
  if (!firstRead.isRunningInAzure) useLocalDevTokenKey(firstRead, { create: true });
  const settings = loadSettings();
  const facts: StackFacts = { dashboardLink: await dashboardLink(settings) };
  const services = [
    storageService(settings),
    functionsService(settings, facts),
    playgroundService(settings, facts),
  ];
  const running: { name: string; service: RunningService }[] = [];

  // An object, not two lets: the signal handler changes them while `main` awaits.
  const phase = { stopping: false, started: false };
  const shutdown = (): Promise<never> => stopAll(running).then((ok) => process.exit(ok ? 0 : 1));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (phase.stopping) {
      console.error(`\n${signal} again: exiting without waiting.`);
      process.exit(130);
    }
    phase.stopping = true;
    console.log(`\n${signal}: shutting down (press Ctrl-C again to force)...`);
    // While starting, the loop below notices and shuts down once the current service is up.
    if (phase.started) void shutdown();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  for (const service of services) {
    try {
      running.push({ name: service.name, service: await service.start() });
    } catch (error) {
      console.error(
        error instanceof StartupError ? error.message : `Starting ${service.name} failed: ${format(error)}`,
      );
      await stopAll(running);
      // Exit explicitly: a failed Azurite start leaves timers behind that would keep the process alive.
      process.exit(1);
    }
    if (phase.stopping) await shutdown();
  }
  phase.started = true;
  const readyMs = Math.round(performance.now());
  console.log(
    [
      `innovation-gates ${appVersion()} running locally, ready in ${readyMs} ms (Ctrl-C to stop)`,
      ...running.flatMap(({ service }) => service.banner.map((line) => `  ${line}`)),
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof SettingsError ? error.message : format(error));
  process.exit(1);
});
