/**
 * Azurite's Table service, started in this process. Used by `npm start` (persisted to a folder) and by the
 * test suite (in memory). `require('azurite')` cannot be used: its package main is the VS Code extension,
 * so the Table server and its configuration are loaded from their compiled paths. They ship no types.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** The well-known development account every Azurite instance accepts. */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteTablesOptions {
  /** Host to bind; loopback by default so nothing outside this machine can reach it. */
  host?: string;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Folder to persist to. Without it, everything lives in memory and is gone when the server closes. */
  location?: string;
}

export interface RunningAzuriteTables {
  host: string;
  port: number;
  /** A connection string for `@azure/data-tables` (plain http: pass `allowInsecureConnection`). */
  connectionString: string;
  close(): Promise<void>;
}

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}
type AzuriteServerConstructor = new (configuration: unknown) => AzuriteServer;
type AzuriteConfigurationConstructor = new (...args: unknown[]) => unknown;

function loadAzurite(): {
  TableServer: AzuriteServerConstructor;
  TableConfiguration: AzuriteConfigurationConstructor;
} {
  // Telemetry is only initialised by Azurite's CLI; switch it off explicitly so an in-process server
  // never tries to reach the network whatever a future patch version defaults to.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const telemetry = require('azurite/dist/src/common/Telemetry') as {
    AzuriteTelemetryClient?: { enableTelemetry: boolean };
  };
  if (telemetry.AzuriteTelemetryClient) telemetry.AzuriteTelemetryClient.enableTelemetry = false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const serverModule = require('azurite/dist/src/table/TableServer') as { default: AzuriteServerConstructor };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configModule = require('azurite/dist/src/table/TableConfiguration') as {
    default: AzuriteConfigurationConstructor;
  };
  return { TableServer: serverModule.default, TableConfiguration: configModule.default };
}

export function azuriteConnectionString(host: string, port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT_NAME};AccountKey=${AZURITE_ACCOUNT_KEY};` +
    `TableEndpoint=http://${host}:${port}/${AZURITE_ACCOUNT_NAME};`
  );
}

export async function startAzuriteTables(options: AzuriteTablesOptions = {}): Promise<RunningAzuriteTables> {
  const host = options.host ?? '127.0.0.1';
  const { TableServer, TableConfiguration } = loadAzurite();
  const inMemory = options.location === undefined;
  let dbPath = path.join(process.cwd(), '.data', 'unused-in-memory.json');
  if (options.location !== undefined) {
    mkdirSync(options.location, { recursive: true });
    dbPath = path.join(options.location, '__azurite_db_table__.json');
  }
  const configuration = new TableConfiguration(
    host,
    options.port ?? 0,
    undefined, // keep-alive timeout: default
    dbPath,
    false, // debug log
    false, // access log
    undefined,
    undefined,
    false, // loose
    false, // skip API version check
    '',
    '',
    '',
    undefined, // oauth
    false, // product-style URLs
    inMemory,
  );
  const server = new TableServer(configuration);
  await server.start();
  const address = server.getHttpServerAddress();
  const port = Number(new URL(address).port);
  return {
    host,
    port,
    connectionString: azuriteConnectionString(host, port),
    close: () => server.close(),
  };
}
