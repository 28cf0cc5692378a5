/**
 * The case log on Azure Table Storage (Azurite locally). One partition per case holds the event rows,
 * the delivery rows and the head (see tableEventRows.ts for the layout). Each append is one transaction
 * in that partition that creates the new event rows and the delivery row and replaces the head on the
 * ETag the caller read: all of it is written or none of it, and two commands decided on the same head
 * cannot both succeed. Reading a case is one point read of the head, whatever the log's length – unless
 * the head's snapshot is of another state format, when the events are folded instead (storedFormats.ts).
 *
 * Why this file is longer than most (about 500 lines): the append, the recovery of an append whose answer
 * was lost, the head read and the verify walk all depend on the same row layout and the same head, and
 * splitting them would spread one invariant (events, delivery row, outbox rows and head change together)
 * over several files. The outbox's own reads and writes are in tableOutbox.ts, the row shapes in
 * tableEventRows.ts.
 */
import { randomUUID } from 'node:crypto';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { hasLessThan } from '../platform/deadline';
import { consoleLogger } from '../platform/logger';
import { summarize, type CaseState, type CaseSummary } from '../engine/state';
import {
  assertValidCaseId,
  checkAgainstCurrentHead,
  serializeWithinLimits,
  validateAppendRequest,
  withRecentDelivery,
} from './appendRules';
import {
  ConcurrencyConflictError,
  DuplicateDeliveryError,
  eventRowKey,
  StorageUnavailableError,
  type AppendRequest,
  type AppendResult,
  type CaseFilter,
  type CaseHead,
  type DeliveryRecord,
  type EventLog,
  type OutboxItem,
  type OutboxSettlement,
  type EffectSettlement,
  type StoredEvent,
  type VerifyReport,
} from './eventLog';
import {
  ChainVerifier,
  EMPTY_CHAIN,
  HEAD_ROW_KEY,
  stampEvents,
  type HeadUnderVerification,
} from './hashChain';
import { TableCaseDirectory } from './tableCaseDirectory';
import { TableOutbox } from './tableOutbox';
import {
  deliveryEntity,
  eventEntity,
  FIRST_EVENT_ROW_KEY,
  headEntities,
  LAST_POSSIBLE_EVENT_ROW_KEY,
  outboxEntities,
  parseHeadRow,
  parseState,
  readEventRow,
  readSpillRow,
  toDeliveryRecord,
  toOutboxItem,
  toStoredEvent,
  type HeadRow,
  type StoredRow,
} from './tableEventRows';
import { prefetchedRows } from './prefetchedPages';
import { foldStoredEvents, isCurrentStateFormat } from './storedFormats';
import { deliveryRowKey, snapshotRowKey } from './tableKeys';
import {
  getEntityIfExists,
  LazyTable,
  statusOf,
  STORAGE_CALL_TIMEOUT_MS,
  tableClientFromConnectionString,
  MAX_TRANSACTION_OPERATIONS,
  translateStorageError,
  type TableClientOptions,
} from './tableStorage';

/** How often one append's transaction is sent when no answer comes back (see `submitAppend`). */
const APPEND_SEND_ATTEMPTS = 2;

/** Errors of a connection that was refused or never found: the request was not sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function neverSent(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && NOT_SENT_CODES.has(code);
}

/**
 * How often `readHead` re-reads a head whose spill rows were replaced while it read them (an append
 * landed in between). Only heads with spill rows can need this.
 */
const HEAD_READ_ATTEMPTS = 5;

/** How often `verify` follows a head that moved on while it walked the events. */
const VERIFY_CATCH_UP_PASSES = 5;

export const DEFAULT_EVENTS_TABLE = 'caseevents';
export const DEFAULT_DIRECTORY_TABLE = 'casedirectory';

/** Receives problems that do not fail the operation but someone should see (a stale case directory). */
export type StorageWarning = (message: string, details: Readonly<Record<string, unknown>>) => void;

export interface TableEventLogOptions {
  /** Table of the case partitions; tests pass a unique name to run in isolation. */
  eventsTableName?: string;
  /** Table of the case directory. */
  directoryTableName?: string;
  /** Passed to every `TableClient` (for example `retryOptions`). */
  clientOptions?: TableClientOptions;
  onWarning?: StorageWarning;
}

const warnOnConsole: StorageWarning = (message, details) => consoleLogger.warn(message, details);

/** `EventLog` on Azure Table Storage; see the module comment. */
export class TableEventLog implements EventLog {
  private readonly events: LazyTable;
  private readonly directory: TableCaseDirectory;
  private readonly outbox: TableOutbox;

  /** Takes ready clients, so tests can point the two tables at different services. */
  constructor(
    eventsClient: TableClient,
    directoryClient: TableClient,
    private readonly onWarning: StorageWarning = warnOnConsole,
  ) {
    this.events = new LazyTable(eventsClient);
    this.directory = new TableCaseDirectory(directoryClient);
    this.outbox = new TableOutbox(this.events);
  }

  /** The log for a storage connection string (`UseDevelopmentStorage=true` and Azurite's http work). */
  static fromConnectionString(connectionString: string, options: TableEventLogOptions = {}): TableEventLog {
    const clientOptions = options.clientOptions ?? {};
    return new TableEventLog(
      tableClientFromConnectionString(
        connectionString,
        options.eventsTableName ?? DEFAULT_EVENTS_TABLE,
        clientOptions,
      ),
      tableClientFromConnectionString(
        connectionString,
        options.directoryTableName ?? DEFAULT_DIRECTORY_TABLE,
        clientOptions,
      ),
      options.onWarning,
    );
  }

  private get client(): TableClient {
    return this.events.client;
  }

  async readHead(caseId: string): Promise<CaseHead | undefined> {
    assertValidCaseId(caseId);
    const stored = await this.readStoredHead(caseId);
    if (!stored) return undefined;
    const { head } = stored;
    // A snapshot of another format is not this code's state: the events say what it is. Events 1..version
    // never change, so the fold belongs to this head (its ETag and lastHash) even if an append lands now.
    const state =
      stored.snapshot ??
      (await foldStoredEvents(caseId, head.version, this.readEvents(caseId, { toSeq: head.version })));
    return {
      caseId,
      version: head.version,
      state,
      etag: head.etag,
      lastHash: head.lastHash,
      recentDeliveries: head.recentDeliveries,
      ...(head.effectsVersion !== undefined && { effectsVersion: head.effectsVersion }),
    };
  }

  /**
   * The head row and, when it is in the current state format, its snapshot as stored (spill rows
   * included). A snapshot of another format is not read at all: nobody may use it.
   */
  private async readStoredHead(
    caseId: string,
  ): Promise<{ head: HeadRow; snapshot: CaseState | undefined } | undefined> {
    await this.events.ready();
    for (let attempt = 1; attempt <= HEAD_READ_ATTEMPTS; attempt += 1) {
      const head = await this.readHeadRow(caseId);
      if (!head) return undefined;
      if (!isCurrentStateFormat(head.stateFormat)) return { head, snapshot: undefined };
      const stateJson = await this.readStateJson(caseId, head);
      if (stateJson === undefined) continue; // spill rows replaced meanwhile: read the newer head
      return { head, snapshot: parseState(stateJson) };
    }
    throw new ConcurrencyConflictError(caseId);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    validateAppendRequest(request);
    const { caseId, deliveryId } = request;
    const operationId = request.operationId ?? randomUUID();
    const stateJson = JSON.stringify(request.state);
    const bodies = serializeWithinLimits(request.events, stateJson);
    await this.events.ready();

    // The caller's head stands in for a fresh read: the transaction's ETag guard refuses it if stale.
    const current = request.expected;
    try {
      checkAgainstCurrentHead(request, current);
    } catch (error) {
      throw await this.duplicateInsteadOfConflict(caseId, deliveryId, error);
    }

    const stored = stampEvents(caseId, request.events, current ?? EMPTY_CHAIN, deliveryId);
    const first = stored[0];
    const last = stored[stored.length - 1];
    if (!first || !last) throw new Error('unreachable: validateAppendRequest requires events');
    const record: DeliveryRecord | undefined =
      deliveryId === undefined
        ? undefined
        : {
            deliveryId,
            firstSeq: first.seq,
            lastSeq: last.seq,
            ...(request.deliveryFingerprint !== undefined && { fingerprint: request.deliveryFingerprint }),
          };
    const recentDeliveries = withRecentDelivery(current?.recentDeliveries ?? [], record);
    const outboxRows =
      request.outbox && request.outbox.effects.length > 0
        ? outboxEntities(caseId, last.seq, request.outbox)
        : [];
    const effectsVersion = outboxRows.length > 0 ? last.seq : current?.effectsVersion;
    const { head, spillRows } = headEntities(caseId, {
      version: last.seq,
      lastHash: last.hash,
      state: request.state,
      stateJson,
      recentDeliveries,
      operationId,
      ...(effectsVersion !== undefined && { effectsVersion }),
    });

    const actions: TransactionAction[] = stored.map((event, index) => [
      'create',
      eventEntity(caseId, event, bodies[index] ?? '', operationId),
    ]);
    if (record) actions.push(['create', deliveryEntity(caseId, record)]);
    for (const row of outboxRows) actions.push(['create', row]);
    // Spill rows may exist from an earlier, larger snapshot: replace them. They are covered by the same
    // transaction, so they change together with the head that counts them.
    for (const spillRow of spillRows) actions.push(['upsert', spillRow, 'Replace']);
    const headIndex = actions.length;
    actions.push(
      request.expected === undefined
        ? ['create', head]
        : ['update', head, 'Replace', { etag: request.expected.etag }],
    );
    if (actions.length > MAX_TRANSACTION_OPERATIONS) {
      throw new Error(
        `append(${caseId}): needs ${actions.length} operations; a transaction holds at most ${MAX_TRANSACTION_OPERATIONS}`,
      );
    }

    const etag = await this.submitAppend(caseId, deliveryId, operationId, first.seq, actions, headIndex);
    await this.recordInDirectory(
      summarize(request.state),
      request.expected?.state === undefined ? undefined : summarize(request.expected.state),
    );
    const outbox = outboxRows.map((row) => toOutboxItem(caseId, { ...row, etag: '' }));
    return {
      head: {
        caseId,
        version: last.seq,
        state: JSON.parse(stateJson) as CaseState,
        etag: etag ?? (await this.etagOfVersion(caseId, last.seq)),
        lastHash: last.hash,
        recentDeliveries,
        ...(effectsVersion !== undefined && { effectsVersion }),
      },
      stored,
      outbox,
    };
  }

  /**
   * Sends the append's transaction and returns the new head's ETag (undefined when the answer did not
   * carry it). When no clear answer comes back, the log looks at what storage holds instead of guessing:
   *
   * - 409/412 can be someone else's write, or our own: the SDK retries a transaction whose answer was
   *   lost (a reset connection after the commit), and the retry then finds the rows it created itself.
   * - No answer at all (a timeout, a reset before the answer, an outage) leaves the outcome unknown.
   *
   * Either way the first event row says who wrote it (`operationId`): ours means the append landed; a
   * row of another append means we lost the race; no row after a failure without an answer means it did
   * not land yet, and the same transaction is sent once more if time allows (the ETag guard lets at most
   * one of the two land, and a late landing is then recognised as ours). Only when storage cannot be read
   * either is the outcome reported as unknown.
   */
  private async submitAppend(
    caseId: string,
    deliveryId: string | undefined,
    operationId: string,
    firstSeq: number,
    actions: TransactionAction[],
    headIndex: number,
  ): Promise<string | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      let failure: unknown;
      try {
        const response = await this.client.submitTransaction(actions);
        return response.subResponses[headIndex]?.etag?.trim() || undefined;
      } catch (error) {
        failure = error;
      }
      const status = statusOf(failure);
      const refused = status === 409 || status === 412;
      const translated = refused ? undefined : translateStorageError(failure, `appending to case ${caseId}`);
      if (translated !== undefined && !(translated instanceof StorageUnavailableError)) throw translated;

      let writer: 'ours' | 'other' | 'none';
      try {
        writer = await this.writerOfEvent(caseId, firstSeq, operationId);
      } catch (error) {
        if (refused) throw error;
        // A connection that was never made carried nothing: then "not saved" is the truth.
        throw new StorageUnavailableError(failure, !neverSent(failure));
      }
      if (writer === 'ours') {
        this.onWarning('An append was answered with an error but had landed; it counts as done.', {
          caseId,
          firstSeq,
          status: status ?? 'no answer',
        });
        const head = await this.readHeadRow(caseId).catch(() => undefined);
        return head?.operationId === operationId ? head.etag : 'W/"outdated"';
      }
      if (writer === 'other' || refused) {
        // 409: a row we create exists (an event or delivery row written by a concurrent append, or the head
        // of a case opened concurrently); 412: the head changed since the caller read it.
        throw await this.duplicateInsteadOfConflict(caseId, deliveryId, new ConcurrencyConflictError(caseId));
      }
      if (attempt >= APPEND_SEND_ATTEMPTS || hasLessThan(STORAGE_CALL_TIMEOUT_MS)) {
        throw new StorageUnavailableError(failure, true);
      }
    }
  }

  /** Who wrote event `seq` of the case: this operation, another one, or nobody yet. */
  private async writerOfEvent(
    caseId: string,
    seq: number,
    operationId: string,
  ): Promise<'ours' | 'other' | 'none'> {
    const row = await getEntityIfExists(this.client, caseId, eventRowKey(seq));
    if (!row) return 'none';
    return row.operationId === operationId ? 'ours' : 'other';
  }

  pendingEffects(caseId: string): Promise<OutboxItem[]> {
    return this.outbox.pending(caseId);
  }

  claimEffect(item: OutboxItem, owner: string, leaseUntil: string): Promise<OutboxItem | undefined> {
    return this.outbox.claim(item, owner, leaseUntil);
  }

  settleEffect(item: OutboxItem, settlement: OutboxSettlement): Promise<void> {
    return this.outbox.settle(item, settlement);
  }

  settleEffects(settlements: readonly EffectSettlement[]): Promise<void> {
    return this.outbox.settleAll(settlements);
  }

  async *readEvents(
    caseId: string,
    range: { fromSeq?: number; toSeq?: number } = {},
  ): AsyncIterable<StoredEvent> {
    assertValidCaseId(caseId);
    const fromKey =
      range.fromSeq === undefined ? FIRST_EVENT_ROW_KEY : eventRowKey(Math.max(1, range.fromSeq));
    const toKey =
      range.toSeq === undefined ? LAST_POSSIBLE_EVENT_ROW_KEY : eventRowKey(Math.max(0, range.toSeq));
    if (fromKey > toKey) return;
    for await (const row of this.eventRows(caseId, fromKey, toKey)) {
      yield toStoredEvent(caseId, row);
    }
  }

  async findDelivery(caseId: string, deliveryId: string): Promise<DeliveryRecord | undefined> {
    assertValidCaseId(caseId);
    await this.events.ready();
    const row = await getEntityIfExists(this.client, caseId, deliveryRowKey(deliveryId));
    return row ? toDeliveryRecord(row) : undefined;
  }

  /**
   * Walks every event row, then compares the end of the chain with the head. Appends may land while it
   * walks; as events and head change in one transaction, a head ahead of the walk means the walk
   * continues up to the head's version before comparing.
   */
  async verify(caseId: string): Promise<VerifyReport> {
    assertValidCaseId(caseId);
    const verifier = new ChainVerifier(caseId);
    let head: HeadUnderVerification | undefined;
    let fromKey = FIRST_EVENT_ROW_KEY;
    for (let pass = 1; pass <= VERIFY_CATCH_UP_PASSES; pass += 1) {
      for await (const row of this.eventRows(caseId, fromKey, LAST_POSSIBLE_EVENT_ROW_KEY)) {
        if (!verifier.check(readEventRow(row))) return verifier.finish(undefined);
      }
      head = await this.readHeadForVerification(caseId);
      if (!head?.readable || head.version <= verifier.lastGoodSeq) break;
      fromKey = eventRowKey(verifier.lastGoodSeq + 1);
    }
    return verifier.finish(head);
  }

  listCases(filter: CaseFilter = {}): AsyncIterable<CaseSummary> {
    return this.directory.list(filter);
  }

  /** The event rows between two row keys (inclusive), streamed page by page in key order. */
  private async *eventRows(caseId: string, fromKey: string, toKey: string): AsyncIterable<StoredRow> {
    await this.events.ready();
    const rows = this.client.listEntities<Record<string, unknown>>({
      queryOptions: {
        filter: odata`PartitionKey eq ${caseId} and RowKey ge ${fromKey} and RowKey le ${toKey}`,
      },
    });
    // The next page is read while this one is consumed: an export or a verification works on every row.
    yield* prefetchedRows(rows.byPage(), `reading the events of case ${caseId}`);
  }

  private async readHeadRow(caseId: string): Promise<HeadRow | undefined> {
    const row = await getEntityIfExists(this.client, caseId, HEAD_ROW_KEY);
    return row ? parseHeadRow(row) : undefined;
  }

  /**
   * The whole state JSON of a head: what the head holds, followed by its spill rows. Undefined when a
   * spill row belongs to another version (an append replaced it while we read).
   */
  private async readStateJson(caseId: string, head: HeadRow): Promise<string | undefined> {
    if (head.snapshotRows === 0) return head.stateInHead;
    const indexes = Array.from({ length: head.snapshotRows }, (_, index) => index + 1);
    const rows = await Promise.all(
      indexes.map((index) => getEntityIfExists(this.client, caseId, snapshotRowKey(index))),
    );
    const parts: string[] = [head.stateInHead];
    for (const row of rows) {
      const part = row && readSpillRow(row, head.version);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return parts.join('');
  }

  /** The head as stored, snapshot included (never re-folded: `verify` folds the events itself). */
  private async readHeadForVerification(caseId: string): Promise<HeadUnderVerification | undefined> {
    try {
      const stored = await this.readStoredHead(caseId);
      return (
        stored && {
          readable: true,
          version: stored.head.version,
          lastHash: stored.head.lastHash,
          ...(stored.snapshot !== undefined && { snapshot: stored.snapshot }),
        }
      );
    } catch (error) {
      // An outage or a busy case is no finding about the log: let those through.
      if (error instanceof StorageUnavailableError || error instanceof ConcurrencyConflictError) throw error;
      return { readable: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * A refused append whose delivery was recorded earlier is a duplicate, not a conflict: the caller must
   * not retry it. The head only remembers recent deliveries; older ones are found through their row.
   */
  private async duplicateInsteadOfConflict(
    caseId: string,
    deliveryId: string | undefined,
    error: unknown,
  ): Promise<unknown> {
    if (!(error instanceof ConcurrencyConflictError) || deliveryId === undefined) return error;
    const earlier = await this.findDelivery(caseId, deliveryId);
    return earlier ? new DuplicateDeliveryError(earlier) : error;
  }

  /**
   * The ETag of the head at `version`, for the rare response that did not carry it. If the head has
   * moved on, the returned token matches nothing, so an append based on it fails as a conflict
   * instead of overwriting a newer head.
   */
  private async etagOfVersion(caseId: string, version: number): Promise<string> {
    const head = await this.readHeadRow(caseId);
    return head && head.version === version ? head.etag : 'W/"outdated"';
  }

  /** The directory is a copy: failing to update it must not fail an append that is already stored. */
  private async recordInDirectory(summary: CaseSummary, previous: CaseSummary | undefined): Promise<void> {
    try {
      await this.directory.record(summary, previous);
    } catch (error) {
      this.onWarning('The case directory could not be updated; the next append of the case repairs it.', {
        caseId: summary.caseId,
        version: summary.version,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
