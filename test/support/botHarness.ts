/**
 * Drives the bot through its real HTTP endpoint: the `messages` Azure Function handler, called with the
 * Functions library's own `HttpRequest` and `InvocationContext`, in front of the real botbuilder
 * `CloudAdapter`, with a recording Bot Connector stub as every activity's `serviceUrl`.
 *
 * Why the handler and not the local Functions host (local/functionsHost.ts): the host adds routing and
 * a node:http socket, but builds each request with the same `HttpRequest` class and writes each answer
 * through the same `HttpResponse` class used here, so everything the endpoint does is exercised either way.
 * The host also keeps one registry of functions per process; tests that each start it would compete for
 * it. Calling the handler needs no port, starts in microseconds, and lets a test run in parallel with others.
 *
 * `send(activity)` returns the HTTP status and parsed body the Bot Connector would get (an invoke
 * response's body, a 401, a 400); what the bot wrote back is in `connector`.
 */
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { CaseService } from '../../application/caseService';
import { parseSettings } from '../../config/settings';
import { builtInTemplates } from '../../engine';
import { messages } from '../../functions/messages';
import {
  createBotRuntime,
  setBotRuntimeForTests,
  type AppServices,
  type BotLike,
  type BotRuntime,
} from '../../runtime/bot';
import type { BotLogger } from '../../bot/botAdapter';
import { MemoryConversationStore } from '../../storage/memoryConversationStore';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { startConnectorStub, type ConnectorStub } from './connectorStub';

export interface HarnessResponse {
  status: number;
  /** The body parsed as JSON, or the text when it is not JSON, or undefined when empty. */
  body: unknown;
  headers: Headers;
}

export interface LogLine {
  level: 'error' | 'warn' | 'info';
  message: string;
  details?: unknown;
}

export interface BotHarness {
  connector: ConnectorStub;
  /** The connector stub's URL: put it in every activity's `serviceUrl`. */
  serviceUrl: string;
  runtime: BotRuntime;
  services: AppServices;
  /** What the adapter and the function logged. */
  logs: LogLine[];
  /** Posts an activity as JSON. */
  send(activity: object, options?: { headers?: Record<string, string> }): Promise<HarnessResponse>;
  /** Posts any body as is (to test what the endpoint refuses). */
  sendRaw(body: string, options?: { headers?: Record<string, string> }): Promise<HarnessResponse>;
  close(): Promise<void>;
}

export interface BotHarnessOptions {
  /** A MicrosoftAppId: the adapter then demands a Bot Framework token. Anonymous without one. */
  appId?: string;
  /** Pretend to run in Azure (WEBSITE_SITE_NAME set). */
  inAzure?: boolean;
  /** The bot under test; the runtime's placeholder bot by default. */
  createBot?: (services: AppServices) => BotLike;
  /** In-memory storage by default. */
  services?: AppServices;
  clock?: () => Date;
}

/** The app's services on in-memory storage, with the given clock. */
export function memoryServices(clock: () => Date = () => new Date()): AppServices {
  const log = new MemoryEventLog();
  const templates = builtInTemplates();
  return {
    cases: new CaseService({ log, templates }),
    log,
    templates,
    conversations: new MemoryConversationStore(),
    people: new MemoryPeopleDirectory(),
    clock,
  };
}

/** Settings as the app would read them from an environment holding only these values. */
export function testSettings(values: Record<string, string | undefined>): ReturnType<typeof parseSettings> {
  return parseSettings([{ name: 'the test', values }]);
}

export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const connector = await startConnectorStub();
  const logs: LogLine[] = [];
  const logger: BotLogger = {
    error: (message, details) => logs.push({ level: 'error', message, details }),
    warn: (message, details) => logs.push({ level: 'warn', message, details }),
    info: (message, details) => logs.push({ level: 'info', message, details }),
  };
  const services = options.services ?? memoryServices(options.clock);
  const runtime = createBotRuntime({
    settings: testSettings({
      MicrosoftAppId: options.appId,
      ...(options.inAzure === true && { WEBSITE_SITE_NAME: 'innovation-gates-test' }),
    }),
    services,
    ...(options.createBot !== undefined && { createBot: options.createBot }),
    logger,
  });
  setBotRuntimeForTests(runtime);

  const sendRaw = async (
    body: string,
    sendOptions: { headers?: Record<string, string> } = {},
  ): Promise<HarnessResponse> => {
    const request = new HttpRequest({
      method: 'POST',
      url: 'http://localhost:7071/api/messages',
      headers: { 'content-type': 'application/json', ...sendOptions.headers },
      body: { string: body },
    });
    const context = new InvocationContext({
      functionName: 'messages',
      logHandler: (level, ...args) =>
        logs.push({
          level: level === 'error' || level === 'critical' ? 'error' : level === 'warning' ? 'warn' : 'info',
          message: args.map(String).join(' '),
        }),
    });
    const init: HttpResponseInit = await messages(request, context);
    // The library's own response class applies the defaults Azure applies (jsonBody → JSON text).
    const response = new HttpResponse(init);
    const text = await response.text();
    let parsed: unknown = text === '' ? undefined : text;
    try {
      if (text !== '') parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return {
    connector,
    serviceUrl: connector.serviceUrl,
    runtime,
    services,
    logs,
    send: (activity, sendOptions) => sendRaw(JSON.stringify(activity), sendOptions),
    sendRaw,
    close: async () => {
      setBotRuntimeForTests(undefined);
      await connector.close();
    },
  };
}
