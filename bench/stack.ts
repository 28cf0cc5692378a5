/**
 * The stack every HTTP benchmark runs on, all on 127.0.0.1 in this process:
 *
 * - Azurite's table service in memory on a free port (local/azurite.ts);
 * - a recording Bot Connector stub (test/support/connectorStub.ts), the `serviceUrl` of every activity;
 * - the local Functions host (local/functionsHost.ts) serving the real `functions/messages.ts` on a free
 *   port: requests go through node:http, the Functions `HttpRequest`/`HttpResponse` classes, the
 *   messages handler and the CloudAdapter, exactly as `npm start` serves them;
 * - two bot runtimes built by `createBotRuntime` on the same settings and the same Azurite: the subject
 *   (the InnovationBot over `createAppServices`, production wiring and table names) and the floor (an echo
 *   bot doing one point read and one transaction, bench/floorBot.ts). `use('subject' | 'floor')` puts one
 *   of them behind the endpoint; benchmarks alternate between them in blocks.
 *
 * It also counts the HTTP requests the process makes to Azurite and to the connector (through Node's
 * `http.client.request.start` diagnostics channel), so a benchmark can say how many storage round trips a
 * turn costs, not only how long it takes.
 *
 * With `delays`, delay proxies (bench/delayProxy.ts) stand in front of Azurite and of the connector stub,
 * and everything goes through them, the floor's table included, so both bots pay the same round trips
 * (bench/productionShaped.ts). The counts are still taken where the requests reach Azurite and the stub.
 */
// The host first: importing it provides `@azure/functions-core` before any function module registers.
import { startFunctionsHost, type RunningFunctionsHost } from '../local/functionsHost';
import diagnostics from 'node:diagnostics_channel';
import { Agent, request as httpRequest, type ClientRequest } from 'node:http';
import type { TableClient } from '@azure/data-tables';
import { azuriteConnectionString, startAzuriteTables, type RunningAzuriteTables } from '../local/azurite';
import { parseSettings, type Settings } from '../config/settings';
import {
  createAppServices,
  createBotRuntime,
  setBotRuntimeForTests,
  type AppServices,
  type BotRuntime,
} from '../runtime/bot';
import { createTableClient } from '../runtime/tables';
import type { BotLogger } from '../bot/botAdapter';
import { startConnectorStub, type ConnectorStub } from '../test/support/connectorStub';
import { isTransaction, startFaultProxy, type FaultProxy } from '../test/support/faultProxy';
import { startDelayProxy, type DelayProxy } from './delayProxy';
import { FloorBot } from './floorBot';

export type Side = 'subject' | 'floor';

export interface PostResult {
  status: number;
  /** Response body text ('' when empty). */
  body: string;
  /** From writing the request to the end of the response body, in milliseconds. */
  ms: number;
}

/** HTTP requests the process made, by destination and kind. */
export interface RequestCounts {
  /** Point reads (GET of one entity). */
  storageReads: number;
  /** Entity writes outside transactions (insert, update, upsert, delete). */
  storageWrites: number;
  /** Transactions ($batch). */
  storageTransactions: number;
  /** Queries (GET of a table with a filter) and anything else sent to Azurite. */
  storageOther: number;
  /** Storage answers 409 or 412: a write lost an optimistic-concurrency race and was retried. */
  storageConflicts: number;
  /** Requests to the Bot Connector stub (replies, card updates, member look-ups). */
  connector: number;
  /**
   * Milliseconds spent inside Azurite's in-memory store (LokiJS finds, inserts, updates): the part of a
   * storage request that depends on how many rows a partition holds (see bench/flatness.ts).
   */
  emulatorStoreMs: number;
}

export interface BenchStack {
  azurite: RunningAzuriteTables;
  /** The fault proxy in front of Azurite, when the stack was started with faults. */
  proxy: FaultProxy | undefined;
  /** The delay proxies in front of storage and the connector, when the stack was started with delays. */
  delays: { storage: DelayProxy; connector: DelayProxy } | undefined;
  connector: ConnectorStub;
  host: RunningFunctionsHost;
  /** `${host.url}/api/messages` */
  endpoint: string;
  serviceUrl: string;
  settings: Settings;
  services: AppServices;
  subject: BotRuntime;
  floor: BotRuntime;
  floorBot: FloorBot;
  floorTable: TableClient;
  /** Errors the adapter, the bot or the host reported; a benchmark with any is not trusted. */
  errors: string[];
  use(side: Side): void;
  /** POSTs an activity to the endpoint over a keep-alive connection. */
  post(activity: object): Promise<PostResult>;
  /** Counts of requests made since the stack started (take differences). */
  counts(): RequestCounts;
  close(): Promise<void>;
}

function emptyCounts(): RequestCounts {
  return {
    storageReads: 0,
    storageWrites: 0,
    storageTransactions: 0,
    storageOther: 0,
    storageConflicts: 0,
    connector: 0,
    emulatorStoreMs: 0,
  };
}

export function countsBetween(after: RequestCounts, before: RequestCounts): RequestCounts {
  return {
    storageReads: after.storageReads - before.storageReads,
    storageWrites: after.storageWrites - before.storageWrites,
    storageTransactions: after.storageTransactions - before.storageTransactions,
    storageOther: after.storageOther - before.storageOther,
    storageConflicts: after.storageConflicts - before.storageConflicts,
    connector: after.connector - before.connector,
    emulatorStoreMs: after.emulatorStoreMs - before.emulatorStoreMs,
  };
}

/** LokiJS, the in-memory database under Azurite's table service (the copy Azurite itself loads). */
interface LokiModule {
  Collection: { prototype: Record<string, unknown> };
  Resultset: { prototype: Record<string, unknown> };
}

/**
 * Times every call into Azurite's store, adding the milliseconds to `counts.emulatorStoreMs`. Nested
 * calls (a findOne runs a Resultset find) count once. Installed once per process; the last stack's
 * counter receives the time.
 */
const storeTimer: { counts: RequestCounts | undefined; installed: boolean } = {
  counts: undefined,
  installed: false,
};

function timeEmulatorStore(counts: RequestCounts): void {
  storeTimer.counts = counts;
  if (storeTimer.installed) return;
  storeTimer.installed = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loki = require('lokijs') as LokiModule;
  let depth = 0;
  const wrap = (prototype: Record<string, unknown>, names: readonly string[]): void => {
    for (const name of names) {
      const original = prototype[name];
      if (typeof original !== 'function') continue;
      prototype[name] = function (this: unknown, ...args: unknown[]): unknown {
        if (depth > 0) return (original as (...a: unknown[]) => unknown).apply(this, args);
        depth += 1;
        const started = performance.now();
        try {
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        } finally {
          depth -= 1;
          if (storeTimer.counts) storeTimer.counts.emulatorStoreMs += performance.now() - started;
        }
      };
    }
  };
  wrap(loki.Collection.prototype, ['findOne', 'find', 'where', 'insert', 'update', 'remove', 'by']);
  wrap(loki.Resultset.prototype, ['find', 'where', 'sort', 'simplesort', 'limit', 'data', 'findOne']);
}

export interface BenchStackOptions {
  /**
   * Puts a fault proxy between the bot and Azurite that resets this share of the entity-group
   * transactions, half after they committed (the answer is lost), half before they arrive.
   */
  transactionResets?: number;
  /**
   * Puts delay proxies in front of Azurite (after the fault proxy, when there is one) and in front of the
   * connector stub, holding every request this many milliseconds before forwarding it; the activities'
   * `serviceUrl` is then the connector's proxy. The delays can be changed later through `delays`.
   */
  delays?: { storageMs: number; connectorMs: number };
}

export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const azurite = await startAzuriteTables();
  const proxy =
    options.transactionResets === undefined
      ? undefined
      : await startFaultProxy({ host: azurite.host, port: azurite.port });
  if (proxy && options.transactionResets !== undefined) {
    const share = options.transactionResets / 2;
    proxy.inject({ fault: 'resetAfterCommit', when: isTransaction, probability: share });
    proxy.inject({ fault: 'resetBeforeForward', when: isTransaction, probability: share / (1 - share) });
  }
  const connector = await startConnectorStub();
  const connectorPort = Number(new URL(connector.serviceUrl).port);
  const delays =
    options.delays === undefined
      ? undefined
      : {
          storage: await startDelayProxy(
            { host: '127.0.0.1', port: proxy?.port ?? azurite.port },
            { delayMs: options.delays.storageMs },
          ),
          connector: await startDelayProxy(
            { host: '127.0.0.1', port: connectorPort },
            // Its bodies tell a message from other posts (bench/productionShaped.ts).
            { delayMs: options.delays.connectorMs, keepBodies: true },
          ),
        };
  const storageConnectionString = delays
    ? azuriteConnectionString('127.0.0.1', delays.storage.port)
    : (proxy?.connectionString ?? azurite.connectionString);
  // Teams sends the serviceUrl with a trailing slash; the proxy's url has none.
  const serviceUrl = delays ? `${delays.connector.url}/` : connector.serviceUrl;
  const errors: string[] = [];

  const counts = emptyCounts();
  const onRequest = (message: unknown): void => {
    const request = (message as { request: ClientRequest }).request;
    const port = Number(String(request.getHeader('host') ?? '').split(':')[1]);
    if (port === connectorPort) {
      counts.connector += 1;
      return;
    }
    if (port !== azurite.port) return;
    const path = request.path;
    const method = request.method;
    if (path.includes('$batch')) counts.storageTransactions += 1;
    else if (method === 'GET' && /\(PartitionKey=.*RowKey=.*\)/.test(decodeURIComponent(path)))
      counts.storageReads += 1;
    else if (method === 'GET') counts.storageOther += 1;
    else if (method === 'POST' && /\/Tables(\(|\?|$)/.test(path)) counts.storageOther += 1;
    else counts.storageWrites += 1;
  };
  const onResponse = (message: unknown): void => {
    const { request, response } = message as { request: ClientRequest; response: { statusCode?: number } };
    const port = Number(String(request.getHeader('host') ?? '').split(':')[1]);
    if (port === azurite.port && (response.statusCode === 409 || response.statusCode === 412)) {
      counts.storageConflicts += 1;
    }
  };
  diagnostics.subscribe('http.client.request.start', onRequest);
  diagnostics.subscribe('http.client.response.finish', onResponse);
  timeEmulatorStore(counts);

  const settings = parseSettings([
    {
      name: 'the benchmark',
      values: { TABLES_CONNECTION_STRING: storageConnectionString },
    },
  ]);
  const logger: BotLogger = {
    error: (message, details) => errors.push(`${message} ${formatDetails(details)}`),
    warn: (message, details) => errors.push(`warning: ${message} ${formatDetails(details)}`),
    info: () => undefined,
  };
  const services = createAppServices(settings);
  const subject = createBotRuntime({ settings, services, logger });
  // Straight to Azurite unless there are delays: the fault benchmark does not fault the floor.
  const floorTable = createTableClient(
    delays ? storageConnectionString : azurite.connectionString,
    'benchfloor',
  );
  await floorTable.createTable();
  const floorBot = new FloorBot(floorTable);
  const floor = createBotRuntime({ settings, services, logger, createBot: () => floorBot });

  const host = await startFunctionsHost({
    port: 0,
    // Only the messages function: the reminders timer must not fire in the middle of a measurement.
    loadFunctions: () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../functions/messages');
    },
    log: (level, message) => {
      if (level === 'error' || level === 'critical' || level === 'warning') errors.push(message);
    },
  });
  const endpoint = `${host.url}/api/messages`;
  const target = new URL(endpoint);
  // As the Bot Connector does: persistent connections, several in parallel.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  const post = (activity: object): Promise<PostResult> =>
    new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(activity));
      const started = performance.now();
      const req = httpRequest(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  return {
    azurite,
    proxy,
    delays,
    connector,
    host,
    endpoint,
    serviceUrl,
    settings,
    services,
    subject,
    floor,
    floorBot,
    floorTable,
    errors,
    use: (side) => setBotRuntimeForTests(side === 'subject' ? subject : floor),
    post,
    counts: () => ({ ...counts }),
    close: async () => {
      setBotRuntimeForTests(undefined);
      diagnostics.unsubscribe('http.client.request.start', onRequest);
      diagnostics.unsubscribe('http.client.response.finish', onResponse);
      agent.destroy();
      await host.close();
      await delays?.connector.close();
      await delays?.storage.close();
      await connector.close();
      await proxy?.close();
      await azurite.close();
    },
  };
}

function formatDetails(details: Readonly<Record<string, unknown>> | undefined): string {
  if (details === undefined) return '';
  try {
    return JSON.stringify(details, (_key, value: unknown) =>
      value instanceof Error ? `${value.name}: ${value.message}` : value,
    );
  } catch {
    return '(details that cannot be shown as JSON)';
  }
}
