/**
 * Table Storage clients from a connection string, the same way in Azure and locally.
 *
 * Two quirks of `@azure/data-tables` are handled here once:
 * - `UseDevelopmentStorage=true` is hard-wired to 127.0.0.1:10002. Locally Azurite may run on another
 *   port (AZURITE_TABLE_PORT), so the shorthand is expanded to an explicit Azurite connection string.
 * - An explicit `http://` endpoint (Azurite) is refused unless `allowInsecureConnection` is set.
 */
import { TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
import { withStorageDefaults } from '../storage/tableStorage';

/** Azurite's well-known development account (public; the same in every emulator). */
const DEV_ACCOUNT_NAME = 'devstoreaccount1';
const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const DEFAULT_AZURITE_TABLE_PORT = 10002;

export function isDevelopmentStorage(connectionString: string): boolean {
  return /^\s*UseDevelopmentStorage\s*=\s*true\s*(;|$)/i.test(connectionString);
}

/** An explicit connection string for Azurite's table service on `host:port`. */
export function developmentStorageConnectionString(host: string, port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT_NAME};AccountKey=${DEV_ACCOUNT_KEY};` +
    `TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT_NAME};`
  );
}

export interface TablesConnectionOptions {
  /** Where Azurite listens when the connection string is `UseDevelopmentStorage=true`. */
  azuriteTablePort?: number;
  /** Extra client options (retries, for example). */
  clientOptions?: TableServiceClientOptions;
}

/** Expands the development shorthand when Azurite is not on its default port; else returns the input. */
export function resolveConnectionString(connectionString: string, azuriteTablePort?: number): string {
  if (!isDevelopmentStorage(connectionString)) return connectionString;
  if (azuriteTablePort === undefined || azuriteTablePort === DEFAULT_AZURITE_TABLE_PORT)
    return connectionString;
  return developmentStorageConnectionString('127.0.0.1', azuriteTablePort);
}

function clientOptions(
  connectionString: string,
  extra?: TableServiceClientOptions,
): TableServiceClientOptions {
  // Plain http is only ever Azurite (or another local emulator); Azure itself is https only.
  const insecure = /(^|;)\s*(TableEndpoint\s*=\s*http:|DefaultEndpointsProtocol\s*=\s*http\s*(;|$))/i.test(
    connectionString,
  );
  return { ...(insecure ? { allowInsecureConnection: true } : {}), ...withStorageDefaults(extra) };
}

export function createTableServiceClient(
  connectionString: string,
  options: TablesConnectionOptions = {},
): TableServiceClient {
  const resolved = resolveConnectionString(connectionString, options.azuriteTablePort);
  return TableServiceClient.fromConnectionString(resolved, clientOptions(resolved, options.clientOptions));
}

export function createTableClient(
  connectionString: string,
  table: string,
  options: TablesConnectionOptions = {},
): TableClient {
  const resolved = resolveConnectionString(connectionString, options.azuriteTablePort);
  return TableClient.fromConnectionString(resolved, table, clientOptions(resolved, options.clientOptions));
}

/**
 * The physical name of a table: `prefix` + `base`. Throws when the result breaks Azure's rule (a letter,
 * then letters and digits, 3 to 63 characters), which the service would otherwise answer with a bare 400.
 */
export function tableName(prefix: string, base: string): string {
  const name = `${prefix}${base}`;
  if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(name)) {
    throw new Error(
      `"${name}" is not a valid table name (a letter, then letters and digits, 3-63 characters)`,
    );
  }
  return name;
}

export interface StorageCheck {
  reachable: boolean;
  /** Time the check took, in milliseconds, whether it succeeded or not. */
  latencyMs: number;
  /** A short reason when not reachable; never contains the connection string. */
  error?: string;
}

export interface CheckStorageOptions {
  azuriteTablePort?: number;
  /** Give up after this long; a health probe must answer before its caller times out. */
  timeoutMs?: number;
}

// One client per connection string: building the HTTP pipeline costs more than the check itself.
const checkClients = new Map<string, TableServiceClient>();

/** Asks the table service for its properties: cheap, read-only, and fails on a bad key too. */
export async function checkStorage(
  connectionString: string,
  options: CheckStorageOptions = {},
): Promise<StorageCheck> {
  const key = `${options.azuriteTablePort ?? ''}|${connectionString}`;
  let client = checkClients.get(key);
  if (client === undefined) {
    // No retries: a probe that retries for seconds hides the outage it is meant to report.
    client = createTableServiceClient(connectionString, {
      azuriteTablePort: options.azuriteTablePort,
      clientOptions: { retryOptions: { maxRetries: 0 } },
    });
    checkClients.set(key, client);
  }
  const started = performance.now();
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
  try {
    await client.getProperties({ abortSignal: AbortSignal.timeout(options.timeoutMs ?? 2000) });
    return { reachable: true, latencyMs: elapsed() };
  } catch (error) {
    return { reachable: false, latencyMs: elapsed(), error: describeStorageError(error) };
  }
}

function describeStorageError(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; statusCode?: unknown; message?: unknown };
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return 'timed out';
  if (typeof e.statusCode === 'number') {
    return e.statusCode === 403
      ? 'access denied (check the account key)'
      : `storage answered ${e.statusCode}`;
  }
  if (typeof e.code === 'string' && e.code !== '') return `unreachable (${e.code})`;
  return typeof e.message === 'string' ? e.message.slice(0, 200) : 'unknown error';
}
