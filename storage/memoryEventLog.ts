/**
 * The event log in memory: the fast fake for application and bot tests, held to the same contract suite
 * as the Table adapter (test/storage/eventLog.contract.ts). Everything is copied on the way in and on the
 * way out, so a test that mutates an object it passed or received cannot change what is "stored" – that
 * would hide exactly the aliasing bugs a real store exposes.
 */
import type { CaseState, CaseSummary } from '../engine/state';
import { summarize } from '../engine/state';
import { CASE_EVENT_FORMAT, STATE_FORMAT } from '../engine/stateFormat';
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
  outboxRowKey,
} from './eventLog';
import { ChainVerifier, EMPTY_CHAIN, stampEvents, type RowUnderVerification } from './hashChain';
import { foldStoredEvents, isCurrentStateFormat, upcastEvent } from './storedFormats';

interface MemoryHead {
  version: number;
  etag: string;
  lastHash: string;
  state: CaseState;
  /** The `STATE_FORMAT` the snapshot was written in, as the Table head's `stateFormat` column. */
  stateFormat: number;
  recentDeliveries: DeliveryRecord[];
  effectsVersion?: number;
}

/**
 * A stored event under the row key it was written to, as a Table row would be: the event as stored, in
 * the format it was stored in, read back through the same upcasting as the Table adapter's rows.
 */
interface MemoryRow {
  rowKey: string;
  seq: number;
  prevHash: string;
  hash: string;
  deliveryId?: string;
  format: number;
  body: unknown;
}

interface MemoryCase {
  head: MemoryHead;
  rows: MemoryRow[];
  deliveries: Map<string, DeliveryRecord>;
  /** Outbox items by id, settled ones included. */
  outbox: Map<string, OutboxItem & { settlement?: OutboxSettlement }>;
}

/** `EventLog` kept in process memory; see the module comment. */
export class MemoryEventLog implements EventLog {
  private readonly cases = new Map<string, MemoryCase>();
  private readonly directory = new Map<string, CaseSummary>();
  /** ETags are opaque to callers; a counter is enough to tell every head version apart. */
  private etagCounter = 0;

  async readHead(caseId: string): Promise<CaseHead | undefined> {
    const found = await settle(() => {
      assertValidCaseId(caseId);
      const stored = this.cases.get(caseId);
      return (
        stored && {
          head: toCaseHead(caseId, stored.head),
          trusted: isCurrentStateFormat(stored.head.stateFormat),
          rows: stored.rows.filter((row) => row.seq <= stored.head.version),
        }
      );
    });
    if (!found) return undefined;
    if (found.trusted) return found.head;
    // Not this code's state shape: the events say what it is (as in the Table adapter).
    const events = found.rows.map(toStoredEvent(caseId));
    return { ...found.head, state: await foldStoredEvents(caseId, found.head.version, events) };
  }

  append(request: AppendRequest): Promise<AppendResult> {
    return settle(() => this.appendNow(request));
  }

  /**
   * Synchronous on purpose: the check and the write happen in one turn of the event loop, which is this
   * fake's equivalent of the ETag-guarded transaction.
   */
  private appendNow(request: AppendRequest): AppendResult {
    validateAppendRequest(request);
    const stateJson = JSON.stringify(request.state);
    serializeWithinLimits(request.events, stateJson);
    const { caseId, deliveryId } = request;
    const existing = this.cases.get(caseId);
    // A delivery recorded before (even one the head no longer lists) is a duplicate, never a conflict:
    // the Table adapter learns this from its delivery row, here it is a map lookup.
    const earlier = deliveryId === undefined ? undefined : existing?.deliveries.get(deliveryId);
    try {
      checkAgainstCurrentHead(request, existing?.head);
    } catch (error) {
      throw error instanceof ConcurrencyConflictError && earlier
        ? new DuplicateDeliveryError({ ...earlier })
        : error;
    }
    if (earlier) throw new DuplicateDeliveryError({ ...earlier });

    const stored = stampEvents(caseId, request.events, existing?.head ?? EMPTY_CHAIN, deliveryId);
    const last = stored[stored.length - 1];
    const first = stored[0];
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
    const outboxRequest = request.outbox;
    const outbox: OutboxItem[] = (outboxRequest?.effects ?? []).map((effect, index) => ({
      caseId,
      id: outboxRowKey(last.seq, index),
      version: last.seq,
      index,
      effect: structuredClone(effect),
      createdAt: outboxRequest?.createdAt ?? '',
      ...(outboxRequest?.replyTo !== undefined && { replyTo: outboxRequest.replyTo }),
      leaseOwner: outboxRequest?.leaseOwner ?? '',
      leaseUntil: outboxRequest?.leaseUntil ?? '',
      attempts: 1,
      status: 'pending',
      etag: String((this.etagCounter += 1)),
    }));
    const effectsVersion = outbox.length > 0 ? last.seq : existing?.head.effectsVersion;

    const head: MemoryHead = {
      version: last.seq,
      etag: String((this.etagCounter += 1)),
      lastHash: last.hash,
      state: JSON.parse(stateJson) as CaseState,
      stateFormat: STATE_FORMAT,
      recentDeliveries: withRecentDelivery(existing?.head.recentDeliveries ?? [], record),
      ...(effectsVersion !== undefined && { effectsVersion }),
    };
    const memoryCase: MemoryCase = existing ?? { head, rows: [], deliveries: new Map(), outbox: new Map() };
    memoryCase.head = head;
    memoryCase.rows.push(...stored.map(toMemoryRow));
    if (record) memoryCase.deliveries.set(record.deliveryId, record);
    for (const item of outbox) memoryCase.outbox.set(item.id, structuredClone(item));
    this.cases.set(caseId, memoryCase);
    this.directory.set(caseId, summarize(head.state));

    return { head: toCaseHead(caseId, head), stored, outbox };
  }

  pendingEffects(caseId: string): Promise<OutboxItem[]> {
    return settle(() => {
      assertValidCaseId(caseId);
      const items = [...(this.cases.get(caseId)?.outbox.values() ?? [])];
      return items
        .filter((item) => item.status === 'pending')
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(({ settlement: _settlement, ...item }) => structuredClone(item));
    });
  }

  claimEffect(item: OutboxItem, owner: string, leaseUntil: string): Promise<OutboxItem | undefined> {
    return settle(() => {
      const stored = this.cases.get(item.caseId)?.outbox.get(item.id);
      if (!stored || stored.status !== 'pending' || stored.etag !== item.etag) return undefined;
      stored.leaseOwner = owner;
      stored.leaseUntil = leaseUntil;
      stored.attempts += 1;
      stored.etag = String((this.etagCounter += 1));
      const { settlement: _settlement, ...claimed } = stored;
      return structuredClone(claimed);
    });
  }

  settleEffect(item: OutboxItem, settlement: OutboxSettlement): Promise<void> {
    return settle(() => {
      const stored = this.cases.get(item.caseId)?.outbox.get(item.id);
      if (!stored) return;
      stored.status = settlement.status;
      stored.settlement = { ...settlement };
      stored.etag = String((this.etagCounter += 1));
    });
  }

  async settleEffects(settlements: readonly EffectSettlement[]): Promise<void> {
    for (const { item, settlement } of settlements) await this.settleEffect(item, settlement);
  }

  /** Test hook: every outbox item of a case, settled ones included, with how each was settled. */
  outboxForTests(caseId: string): (OutboxItem & { settlement?: OutboxSettlement })[] {
    return [...(this.cases.get(caseId)?.outbox.values() ?? [])].map((item) => structuredClone(item));
  }

  async *readEvents(
    caseId: string,
    range: { fromSeq?: number; toSeq?: number } = {},
  ): AsyncIterable<StoredEvent> {
    const rows = await settle(() => {
      assertValidCaseId(caseId);
      return [...(this.cases.get(caseId)?.rows ?? [])];
    });
    const fromSeq = range.fromSeq ?? 1;
    const toSeq = range.toSeq ?? Number.MAX_SAFE_INTEGER;
    for (const row of rows) {
      if (row.seq >= fromSeq && row.seq <= toSeq) yield toStoredEvent(caseId)(row);
    }
  }

  findDelivery(caseId: string, deliveryId: string): Promise<DeliveryRecord | undefined> {
    return settle(() => {
      assertValidCaseId(caseId);
      const record = this.cases.get(caseId)?.deliveries.get(deliveryId);
      return record ? { ...record } : undefined;
    });
  }

  verify(caseId: string): Promise<VerifyReport> {
    return settle(() => this.verifyNow(caseId));
  }

  private verifyNow(caseId: string): VerifyReport {
    assertValidCaseId(caseId);
    const stored = this.cases.get(caseId);
    const verifier = new ChainVerifier(caseId);
    for (const row of stored?.rows ?? []) {
      if (!verifier.check(readMemoryRow(row))) break;
    }
    const head = stored?.head;
    return verifier.finish(
      head && {
        readable: true,
        version: head.version,
        lastHash: head.lastHash,
        ...(isCurrentStateFormat(head.stateFormat) && { snapshot: structuredClone(head.state) }),
      },
    );
  }

  async *listCases(filter: CaseFilter = {}): AsyncIterable<CaseSummary> {
    const summaries = await settle(() => [...this.directory.values()]);
    for (const summary of summaries) {
      if (matchesCaseFilter(summary, filter)) yield structuredClone(summary);
    }
  }

  /**
   * Test hook: replaces a stored event as an attacker with write access to the store could, so tests can
   * show that `verify` notices. Never use outside tests.
   */
  unsafeOverwriteForTests(caseId: string, seq: number, change: (stored: StoredEvent) => StoredEvent): void {
    const rows = this.cases.get(caseId)?.rows;
    const index = rows?.findIndex((candidate) => candidate.seq === seq) ?? -1;
    const row = rows?.[index];
    if (!rows || !row) throw new Error(`No event ${seq} in case ${caseId}`);
    rows[index] = { ...toMemoryRow(change(toStoredEvent(caseId)(row))), rowKey: row.rowKey };
  }

  /**
   * Test hook: rewrites the head's state snapshot and its recorded format as someone with write access to
   * the store could (or as an older version of this code wrote it). Never use outside tests.
   */
  unsafeRewriteHeadForTests(
    caseId: string,
    change: (head: { state: CaseState; stateFormat: number }) => { state: CaseState; stateFormat: number },
  ): void {
    const head = this.cases.get(caseId)?.head;
    if (!head) throw new Error(`No case ${caseId}`);
    const changed = change(structuredClone({ state: head.state, stateFormat: head.stateFormat }));
    head.state = structuredClone(changed.state);
    head.stateFormat = changed.stateFormat;
  }

  /** Test hook: removes a stored event as an attacker could. Never use outside tests. */
  unsafeDeleteForTests(caseId: string, seq: number): void {
    const rows = this.cases.get(caseId)?.rows;
    const index = rows?.findIndex((candidate) => candidate.seq === seq) ?? -1;
    if (!rows || index < 0) throw new Error(`No event ${seq} in case ${caseId}`);
    rows.splice(index, 1);
  }
}

/**
 * Runs synchronous work as a promise, so that errors become rejections exactly as with the Table adapter
 * (a caller's `.catch` or `await` sees them; nothing is thrown synchronously).
 */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

/** The row an event is stored as: copied, in today's event format (or as `asStored` says). */
function toMemoryRow(stored: StoredEvent): MemoryRow {
  return {
    rowKey: eventRowKey(stored.seq),
    seq: stored.seq,
    prevHash: stored.prevHash,
    hash: stored.hash,
    ...(stored.deliveryId !== undefined && { deliveryId: stored.deliveryId }),
    format: stored.asStored?.format ?? CASE_EVENT_FORMAT,
    body: structuredClone(stored.asStored?.event ?? stored.event),
  };
}

/** A row as `verify` sees it: upcast like a Table row, or unreadable. */
function readMemoryRow(row: MemoryRow): RowUnderVerification {
  try {
    const { event, asStored } = upcastEvent(structuredClone(row.body), row.format);
    return {
      readable: true,
      rowKey: row.rowKey,
      seq: row.seq,
      prevHash: row.prevHash,
      hash: row.hash,
      event,
      ...(asStored !== undefined && { asStored }),
      ...(row.deliveryId !== undefined && { deliveryId: row.deliveryId }),
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { readable: false, rowKey: row.rowKey, seq: row.seq, detail };
  }
}

/** A row as `readEvents` hands it out; a row that cannot be read is corruption and throws. */
function toStoredEvent(caseId: string): (row: MemoryRow) => StoredEvent {
  return (row) => {
    const read = readMemoryRow(row);
    if (!read.readable) {
      throw new Error(`Event row ${read.rowKey} of case ${caseId} cannot be read: ${read.detail}`);
    }
    return {
      caseId,
      seq: read.seq,
      event: read.event,
      ...(read.asStored !== undefined && { asStored: read.asStored }),
      ...(read.deliveryId !== undefined && { deliveryId: read.deliveryId }),
      prevHash: read.prevHash,
      hash: read.hash,
    };
  };
}

function toCaseHead(caseId: string, head: MemoryHead): CaseHead {
  return {
    caseId,
    version: head.version,
    state: structuredClone(head.state),
    etag: head.etag,
    lastHash: head.lastHash,
    recentDeliveries: head.recentDeliveries.map((record) => ({ ...record })),
    ...(head.effectsVersion !== undefined && { effectsVersion: head.effectsVersion }),
  };
}

/**
 * Whether a summary passes a filter, with the same meaning as the Table adapter's OData filter: every
 * given field must match; `updatedFrom` is inclusive and `updatedTo` exclusive, compared as ISO strings.
 */
export function matchesCaseFilter(summary: CaseSummary, filter: CaseFilter): boolean {
  return (
    (filter.conversationId === undefined || summary.conversationId === filter.conversationId) &&
    (filter.status === undefined || summary.status === filter.status) &&
    (filter.templateId === undefined || summary.templateId === filter.templateId) &&
    (filter.unit === undefined || summary.unit === filter.unit) &&
    (filter.updatedFrom === undefined || summary.updatedAt >= filter.updatedFrom) &&
    (filter.updatedTo === undefined || summary.updatedAt < filter.updatedTo)
  );
}
