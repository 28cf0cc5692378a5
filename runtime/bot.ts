/**
 * The bot's composition root: the adapter, the bot and the services they use, built from settings once
 * per process, on first use. The Functions entry modules (functions/messages.ts, functions/reminders.ts)
 * load this module lazily, so `require('botbuilder')` (about 220 ms) is paid by the first message or
 * timer run, not by every cold start of the app (the health probe does not need it).
 *
 * Tests put their own runtime in place with `setBotRuntimeForTests` (a bot over in-memory storage, an
 * adapter with an app id, …) and take it away again with `setBotRuntimeForTests(undefined)`.
 */
import { CaseService } from '../application/caseService';
import { loadSettings, type Settings } from '../config/settings';
import { builtInTemplates } from '../engine';
import { DEFAULT_CONVERSATIONS_TABLE, TableConversationStore } from '../storage/tableConversationStore';
import { DEFAULT_DIRECTORY_TABLE, DEFAULT_EVENTS_TABLE, TableEventLog } from '../storage/tableEventLog';
import { DEFAULT_PEOPLE_TABLE, TablePeopleDirectory } from '../storage/tablePeopleDirectory';
import {
  consoleBotLogger,
  createBotAdapter,
  type BotAuthMode,
  type BotAdapterSetup,
  type BotLogger,
  type BotRequestGate,
} from '../bot/botAdapter';
import { botParts } from '../conversation/botParts';
import type { ProactiveChats } from '../conversation/chat';
import type { EffectRunner } from '../conversation/effectRunner';
import { proactiveChats } from '../bot/proactive';
import { InnovationBot, type BotServices } from '../bot/innovationBot';
import { createTableClient, tableName } from './tables';

/** Everything the bot and the reminder timer work with (the bot defines what it needs). */
export type AppServices = BotServices;

/** What the HTTP endpoint runs: anything with an ActivityHandler's `run`. */
export type BotLike = Pick<InnovationBot, 'run'>;

export interface BotRuntime {
  adapter: BotAdapterSetup['adapter'];
  authMode: BotAuthMode;
  /** The app id proactive messages are sent in the name of ('' when anonymous). */
  appId: string;
  bot: BotLike;
  services: AppServices;
  logger: BotLogger;
  /** The one effect runner: the bot's turns, the dashboard, the reminder run and the outbox timer. */
  effects: EffectRunner;
  /** Proactive chats in the bot's name (the dashboard's decisions, reminders, the outbox timer). */
  proactive: ProactiveChats;
  /** POST /api/messages: the token checked before the body is read, then the adapter. */
  gate: BotRequestGate;
}

export interface BotRuntimeOptions {
  settings: Settings;
  /** Defaults to Table Storage as the settings say. */
  services?: AppServices;
  /** Defaults to the InnovationBot. */
  createBot?: (services: AppServices) => BotLike;
  logger?: BotLogger;
}

/** Storage and the case service on the Table Storage account the settings name. */
export function createAppServices(settings: Settings): AppServices {
  const client = (base: string) =>
    createTableClient(settings.tablesConnectionString, tableName(settings.tablePrefix, base), {
      // Locally `UseDevelopmentStorage=true` means the Azurite that `npm start` runs, on its own port.
      ...(!settings.isRunningInAzure && { azuriteTablePort: settings.azuriteTablePort }),
    });
  const log = new TableEventLog(client(DEFAULT_EVENTS_TABLE), client(DEFAULT_DIRECTORY_TABLE));
  const templates = builtInTemplates();
  return {
    cases: new CaseService({ log, templates }),
    log,
    templates,
    conversations: new TableConversationStore(client(DEFAULT_CONVERSATIONS_TABLE)),
    people: new TablePeopleDirectory(client(DEFAULT_PEOPLE_TABLE)),
    clock: () => new Date(),
    timeZone: settings.research.timeZone,
    writtenForm: settings.writtenForm,
  };
}

export function createBotRuntime(options: BotRuntimeOptions): BotRuntime {
  const logger = options.logger ?? consoleBotLogger;
  const { adapter, authMode, appId, gate } = createBotAdapter(options.settings, { log: logger });
  const services = options.services ?? createAppServices(options.settings);
  const parts = botParts(services, services.logger ?? logger);
  // Outside local development every actor must be tied to an Entra id (bot/identity.ts).
  const bot =
    options.createBot?.(services) ??
    new InnovationBot(services, parts, { requireEntraId: authMode !== 'anonymous' });
  const proactive = proactiveChats(adapter, appId);
  return { adapter, authMode, appId, bot, services, logger, effects: parts.runner, proactive, gate };
}

let built: BotRuntime | undefined;
let forTests: BotRuntime | undefined;

/**
 * The process's runtime, built on first use. Invalid settings throw (every time, so a fixed setting is
 * picked up without a restart) instead of leaving a half-built runtime behind.
 */
export function getBotRuntime(): BotRuntime {
  if (forTests) return forTests;
  built ??= createBotRuntime({ settings: loadSettings() });
  return built;
}

/** Puts a test's runtime in place of the real one; `undefined` restores the real one. */
export function setBotRuntimeForTests(runtime: BotRuntime | undefined): void {
  forTests = runtime;
}
