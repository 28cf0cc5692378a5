/**
 * What every Table adapter here needs from `@azure/data-tables`: clients built from a connection string
 * (Azurite included), tables created on first use, and the one place where the SDK's `RestError` is
 * translated. Nothing outside storage/ should ever see a `RestError`: callers act on our own errors
 * (`StorageUnavailableError`, conflicts), not on HTTP status codes.
 */
import {
  RestError,
  TableClient,
  type TableEntityResult,
  type TableServiceClientOptions,
} from '@azure/data-tables';
import { callSignal } from '../platform/deadline';
import { StorageUnavailableError } from './eventLog';

/** Operations one Table transaction may hold (all in one partition). */
export const MAX_TRANSACTION_OPERATIONS = 100;

/** Options passed on to every `TableClient` (retry options, for example). */
export type TableClientOptions = TableServiceClientOptions;

type PipelinePolicy = NonNullable<TableClientOptions['additionalPolicies']>[number]['policy'];

/**
 * Longest one storage operation may take, the SDK's own retries included. A point read or a transaction
 * answers in milliseconds; an operation still open after this long is stuck (a connection held open, a
 * service that accepts and never answers) and is given up so the turn can answer inside Teams' limits.
 */
export const STORAGE_CALL_TIMEOUT_MS = 3_000;

/**
 * Bounds every operation of a client: its HTTP request (and the SDK's retries of it, which run inside
 * this policy) is aborted after `STORAGE_CALL_TIMEOUT_MS`, or sooner when the budget of the work in
 * progress ends (platform/deadline.ts). Added per call, so it wraps the retry policy, not each try.
 */
export const storageDeadlinePolicy: PipelinePolicy = {
  name: 'storageDeadline',
  sendRequest: (request, next) => {
    request.abortSignal = callSignal(STORAGE_CALL_TIMEOUT_MS, request.abortSignal as AbortSignal | undefined);
    return next(request);
  },
};

/**
 * The client options production runs with, and therefore the tests too (fault tests must see the SDK's
 * retries as they are in Azure). The SDK retries network errors, 408 and 5xx itself, exponentially from
 * `retryDelayInMs`; the defaults (1 s, growing to 64 s) would spend a whole turn on one call, so the waits
 * are shorter and the deadline policy ends them in any case.
 */
export const STORAGE_CLIENT_OPTIONS: TableClientOptions = {
  retryOptions: { maxRetries: 3, retryDelayInMs: 150, maxRetryDelayInMs: 1_000 },
  additionalPolicies: [{ policy: storageDeadlinePolicy, position: 'perCall' }],
};

/** The production options with a caller's additions (their retry options win; policies add up). */
export function withStorageDefaults(options: TableClientOptions = {}): TableClientOptions {
  return {
    ...STORAGE_CLIENT_OPTIONS,
    ...options,
    retryOptions: { ...STORAGE_CLIENT_OPTIONS.retryOptions, ...options.retryOptions },
    additionalPolicies: [
      ...(STORAGE_CLIENT_OPTIONS.additionalPolicies ?? []),
      ...(options.additionalPolicies ?? []),
    ],
  };
}

/**
 * A `TableClient` for a connection string. Azurite and other local endpoints speak plain http, which the
 * SDK refuses unless told otherwise; `UseDevelopmentStorage=true` means the default Azurite endpoint
 * (the SDK maps it to 127.0.0.1:10002 itself).
 */
export function tableClientFromConnectionString(
  connectionString: string,
  tableName: string,
  clientOptions: TableClientOptions = {},
): TableClient {
  const isDevelopmentStorage = /usedevelopmentstorage=true/i.test(connectionString);
  const usesHttp =
    /defaultendpointsprotocol=http(;|$)/i.test(connectionString) || /=http:\/\//i.test(connectionString);
  // The SDK mutates the options it is given; pass a copy so a caller's object stays untouched.
  const options: TableClientOptions = {
    ...withStorageDefaults(clientOptions),
    ...((isDevelopmentStorage || usesHttp) && { allowInsecureConnection: true }),
  };
  return TableClient.fromConnectionString(connectionString, tableName, options);
}

/**
 * A table that is created the first time it is needed, once per process. A failed attempt is forgotten,
 * so the next call tries again instead of failing forever after a transient outage.
 */
export class LazyTable {
  private creation: Promise<void> | undefined;

  constructor(readonly client: TableClient) {}

  /** Resolves once the table exists. */
  ready(): Promise<void> {
    this.creation ??= this.create().catch((error: unknown) => {
      this.creation = undefined;
      throw error;
    });
    return this.creation;
  }

  private async create(): Promise<void> {
    try {
      await this.client.createTable();
    } catch (error) {
      // The SDK already ignores "TableAlreadyExists"; a 409 can still come from a table being deleted.
      if (statusOf(error) === 409 && codeOf(error) === 'TableAlreadyExists') return;
      throw translateStorageError(error, `creating table ${this.client.tableName}`);
    }
  }
}

/** The HTTP status of a storage error, or undefined when the request never got an answer. */
export function statusOf(error: unknown): number | undefined {
  return isRestError(error) ? error.statusCode : undefined;
}

/**
 * The service's error code. In a transaction the SDK puts it on `code`; elsewhere `code` may be empty and
 * the code is only in the response details (`errorCode`).
 */
export function codeOf(error: unknown): string | undefined {
  if (!isRestError(error)) return undefined;
  if (error.code !== undefined) return error.code;
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'errorCode' in details) {
    const code = (details as { errorCode?: unknown }).errorCode;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * Turns an SDK error into one of ours: no answer, a timeout, throttling or a server error means storage is
 * unavailable (the caller may retry later); any other refusal is a bug in how we call the service and
 * becomes a plain `Error` that names what we were doing. Errors that are not the SDK's pass unchanged.
 */
export function translateStorageError(error: unknown, doing: string): Error {
  if (isRestError(error)) {
    const status = error.statusCode;
    if (status === undefined || status === 408 || status === 429 || status >= 500) {
      return new StorageUnavailableError(error);
    }
    return new Error(`Table storage refused ${doing}: ${status} ${codeOf(error) ?? ''}`.trim(), {
      cause: error,
    });
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new StorageUnavailableError(error);
  }
  return error instanceof Error ? error : new Error(`Unexpected failure while ${doing}`, { cause: error });
}

/** Runs one storage call and translates any SDK error it throws. */
export async function callStorage<T>(doing: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translateStorageError(error, doing);
  }
}

/**
 * Every row a query returns (the whole table without a filter), page by page as the reader takes them;
 * each page's request is translated once, like any storage call.
 */
export async function* queryRows(
  client: TableClient,
  doing: string,
  filter?: string,
): AsyncGenerator<TableEntityResult<Record<string, unknown>>> {
  const rows = client.listEntities<Record<string, unknown>>(
    filter === undefined ? {} : { queryOptions: { filter } },
  );
  const iterator = rows[Symbol.asyncIterator]();
  for (;;) {
    const next = await callStorage(doing, () => iterator.next());
    if (next.done === true) return;
    yield next.value;
  }
}

/** A point read that treats "no such entity" as `undefined` instead of an error. */
export async function getEntityIfExists(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<(Record<string, unknown> & { etag: string }) | undefined> {
  try {
    return await client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw translateStorageError(error, `reading ${client.tableName}/${rowKey}`);
  }
}

function isRestError(error: unknown): error is RestError {
  // `instanceof` fails when two copies of the pipeline package are installed; the name does not.
  return error instanceof RestError || (error instanceof Error && error.name === 'RestError');
}
