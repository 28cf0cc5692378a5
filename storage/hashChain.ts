/**
 * The hash chain that makes a case log tamper-evident. Each stored event carries the hash of the one
 * before it and its own hash over its content, so changing, removing or reordering any stored event after
 * the fact breaks the chain at that row, and `verify` can name it. Both log adapters use this module, so a
 * log exported from one verifies the same way anywhere.
 */
import { hash as oneShotHash } from 'node:crypto';
import type { CaseEvent } from '../engine/events';
import { canonicalJson } from '../engine/hashing';
import { evolve, type CaseState } from '../engine/state';
import { CASE_EVENT_FORMAT } from '../engine/stateFormat';
import {
  eventRowKey,
  GENESIS_HASH,
  type EventAsStored,
  type StoredEvent,
  type VerifyReport,
} from './eventLog';
import { UNRECORDED_FORMAT } from './storedFormats';

/** What an event's hash covers: everything stored about it except the chain fields themselves. */
export interface HashedEventContent {
  caseId: string;
  seq: number;
  /** The event as stored (in `format`), not as upcast. */
  event: unknown;
  deliveryId?: string;
  /** The event format it was stored in; absent means format 1. */
  format?: number;
}

/**
 * SHA-256 (hex) of the previous hash, a newline and the canonical JSON of the event's content. Canonical
 * JSON (sorted keys, no `undefined`) makes the hash independent of property order, so it can be recomputed
 * from a stored copy years later.
 *
 * The event format is hashed from format 2 on, so a later edit of a row's format cannot make it read as
 * another shape; a format 1 event is hashed without it, exactly as every event was before formats were
 * recorded, so old logs verify byte for byte.
 */
export function eventHash(prevHash: string, stored: HashedEventContent): string {
  const format = stored.format ?? UNRECORDED_FORMAT;
  const content = {
    caseId: stored.caseId,
    seq: stored.seq,
    deliveryId: stored.deliveryId,
    event: stored.event,
    eventFormat: format === UNRECORDED_FORMAT ? undefined : format,
  };
  return nativeSha256Hex(`${prevHash}\n${canonicalJson(content)}`);
}

/**
 * SHA-256 (hex) of the text's UTF-8 bytes, by Node's native implementation: the same digest as the
 * engine's pure-JS `sha256Hex` (a test holds the two equal), several times faster on the event sizes a
 * log holds. Every append and every export or verification hashes each event it writes or reads.
 */
export function nativeSha256Hex(text: string): string {
  // The one-shot `hash` (UTF-8 for a string) costs half of createHash().update().digest() on an event.
  return oneShotHash('sha256', text, 'hex');
}

/**
 * What a reader knows about the stored JSON body of an event it parsed: its text, when that text is the
 * canonical JSON of what it parses to (every body this log writes is), or that it is not.
 */
export type StoredBody = { canonical: true; text: string } | { canonical: false };

/**
 * Whether `text` is exactly `canonicalJson(parsed)`, where `parsed` is `JSON.parse(text)`.
 *
 * Mostly decided without building the canonical text: it is when every object's keys come in strictly
 * ascending order and JSON.stringify gives the text back (no whitespace, the escapes and number forms
 * JSON.stringify writes, no duplicate keys). Then both serialisations walk the same keys in the same
 * order and write every leaf with JSON.stringify, so they are equal. (JSON.parse yields no `undefined`
 * and, when the text comes back unchanged, no non-finite numbers: the two cases where they could differ.)
 * Otherwise the canonical text is built and compared, so a canonical body whose keys JavaScript orders
 * differently (integer-like keys: "10" sorts before "9" in canonical JSON, after it in an object) is
 * still recognised.
 */
export function storedBodyOf(text: string, parsed: unknown): StoredBody {
  if (keysAscendEverywhere(parsed) && JSON.stringify(parsed) === text) return { canonical: true, text };
  let canonical: string;
  try {
    canonical = canonicalJson(parsed);
  } catch {
    return { canonical: false }; // a number JSON cannot hold (1e999): no canonical form at all
  }
  return canonical === text ? { canonical: true, text } : { canonical: false };
}

function keysAscendEverywhere(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(keysAscendEverywhere);
  const record = value as Record<string, unknown>;
  let previous: string | undefined;
  // Object.keys is the order canonicalJson's Object.entries sorts from, and JSON.stringify writes in.
  for (const key of Object.keys(record)) {
    if (previous !== undefined && !(previous < key)) return false;
    if (!keysAscendEverywhere(record[key])) return false;
    previous = key;
  }
  return true;
}

/**
 * The event's hash computed from its stored body: the same bytes as `eventHash` hashes, with the event's
 * canonical JSON taken from storage as written instead of being rebuilt (the members of the hashed
 * content are written in canonicalJson's key order: caseId, deliveryId, event, eventFormat, seq). A body
 * that is not canonical was not written by this log, so it has no hash that could match: undefined.
 */
export function eventHashFromStoredBody(
  prevHash: string,
  content: Omit<HashedEventContent, 'event'>,
  body: StoredBody,
): string | undefined {
  if (!body.canonical) return undefined;
  const format = content.format ?? UNRECORDED_FORMAT;
  const deliveryId =
    content.deliveryId === undefined ? '' : `,"deliveryId":${JSON.stringify(content.deliveryId)}`;
  const eventFormat = format === UNRECORDED_FORMAT ? '' : `,"eventFormat":${JSON.stringify(format)}`;
  return nativeSha256Hex(
    `${prevHash}\n{"caseId":${JSON.stringify(content.caseId)}${deliveryId},"event":${body.text}${eventFormat},"seq":${JSON.stringify(content.seq)}}`,
  );
}

/**
 * Stored bodies of the events a log adapter read, kept beside them rather than on them: a `StoredEvent`
 * stays the port's plain value (equal to the one the append returned, cloned without it), and the entry
 * goes when the event does.
 */
const storedBodies = new WeakMap<StoredEvent, StoredBody>();

/** Records the stored body an event was read from, so its hash can be checked on that text. */
export function rememberStoredBody(stored: StoredEvent, body: StoredBody): void {
  storedBodies.set(stored, body);
}

/**
 * The hash a read event's stored content has, for comparing with its `hash`: from the stored body when
 * the adapter recorded it (undefined when that body is not canonical), else from the canonical JSON of
 * the event as stored.
 */
export function recomputedHashOf(caseId: string, stored: StoredEvent): string | undefined {
  const content = hashedContentOf(caseId, stored);
  const body = storedBodies.get(stored);
  return body === undefined
    ? eventHash(stored.prevHash, content)
    : eventHashFromStoredBody(stored.prevHash, content, body);
}

/** What a read event's hash was computed over: the stored original when it was upcast. */
export function hashedContentOf(
  caseId: string,
  stored: Pick<StoredEvent, 'seq' | 'event' | 'asStored' | 'deliveryId'>,
): HashedEventContent {
  return {
    caseId,
    seq: stored.seq,
    event: stored.asStored?.event ?? stored.event,
    format: stored.asStored?.format ?? CASE_EVENT_FORMAT,
    ...(stored.deliveryId !== undefined && { deliveryId: stored.deliveryId }),
  };
}

/** Where the chain stands before an append: the head's version and the hash of its newest event. */
export interface ChainPosition {
  version: number;
  lastHash: string;
}

/**
 * Numbers new events after `position` and chains them. The events are copied, so a caller changing its
 * objects afterwards cannot change what was hashed.
 */
export function stampEvents(
  caseId: string,
  events: readonly CaseEvent[],
  position: ChainPosition,
  deliveryId: string | undefined,
): StoredEvent[] {
  const stamped: StoredEvent[] = [];
  let prevHash = position.lastHash;
  events.forEach((original, index) => {
    const event = structuredClone(original);
    const seq = position.version + index + 1;
    const hash = eventHash(prevHash, { caseId, seq, event, deliveryId, format: CASE_EVENT_FORMAT });
    stamped.push({ caseId, seq, event, ...(deliveryId !== undefined && { deliveryId }), prevHash, hash });
    prevHash = hash;
  });
  return stamped;
}

/** The chain position of a case that has no events yet. */
export const EMPTY_CHAIN: ChainPosition = { version: 0, lastHash: GENESIS_HASH };

/** One stored event row as a log adapter read it, before any checking. */
export type RowUnderVerification =
  | {
      readable: true;
      rowKey: string;
      seq: number;
      prevHash: string;
      hash: string;
      deliveryId?: string;
      /** The event in today's format (what the fold uses). */
      event: CaseEvent;
      /** The event as stored, when it was upcast (what the hash covers). */
      asStored?: EventAsStored;
      /** The body the event was parsed from, when the adapter stores one (Table rows do). */
      storedBody?: StoredBody;
      /**
       * Set by adapters that keep readable copies of event fields beside the hashed body (the `type`
       * column of a Table row) when a copy disagrees with the body: the row was edited after the fact.
       */
      columnDisagreement?: string;
    }
  | {
      readable: false;
      rowKey: string;
      /** The seq the row claims, when at least that could be read. */
      seq?: number;
      detail: string;
    };

/** What the head says about the end of the chain, for the final comparison. */
export type HeadUnderVerification =
  | {
      readable: true;
      version: number;
      lastHash: string;
      /**
       * The state snapshot, when it is in the current `STATE_FORMAT`: it must equal the fold of the
       * events. Absent for a snapshot of another format, which no reader trusts (they re-fold).
       */
      snapshot?: CaseState;
    }
  | { readable: false; detail: string };

export const HEAD_ROW_KEY = 'H';

type Mismatch = NonNullable<VerifyReport['firstMismatch']>;

/**
 * Walks a case's event rows in order and remembers the first one that breaks the chain. Adapters feed it
 * rows with `check` until it returns false, then call `finish` with the head. Kept separate from any
 * storage so the rules are the same for every adapter.
 *
 * It also folds the events as it goes (one state, whatever the log's length), so `finish` can hold the
 * head's snapshot – what the bot and the dashboard read – to what the events say.
 */
export class ChainVerifier {
  private previousSeq = 0;
  private previousHash = GENESIS_HASH;
  private checked = 0;
  private mismatch: Mismatch | undefined;
  private state: CaseState | undefined;

  constructor(private readonly caseId: string) {}

  /** The seq of the last event that checked out (0 before any). */
  get lastGoodSeq(): number {
    return this.previousSeq;
  }

  /** Whether a mismatch has been found. */
  get failed(): boolean {
    return this.mismatch !== undefined;
  }

  /** Checks the next row. Returns false once a mismatch was found: the walk can stop there. */
  check(row: RowUnderVerification): boolean {
    if (this.mismatch) return false;
    this.checked += 1;
    const expectedSeq = this.previousSeq + 1;
    if (row.seq !== undefined && row.seq !== expectedSeq) {
      return this.fail(
        row.seq,
        row.rowKey,
        'gapInSequence',
        `expected event ${expectedSeq}, found ${row.seq}`,
      );
    }
    if (!row.readable) {
      return this.fail(row.seq ?? expectedSeq, row.rowKey, 'unreadable', row.detail);
    }
    if (row.rowKey !== eventRowKey(row.seq)) {
      return this.fail(
        row.seq,
        row.rowKey,
        'gapInSequence',
        `event ${row.seq} is stored under another row key`,
      );
    }
    if (row.prevHash !== this.previousHash) {
      return this.fail(row.seq, row.rowKey, 'brokenChain', 'prevHash is not the hash of the previous event');
    }
    const content = hashedContentOf(this.caseId, row);
    const recomputed =
      row.storedBody === undefined
        ? eventHash(row.prevHash, content)
        : eventHashFromStoredBody(row.prevHash, content, row.storedBody);
    if (recomputed !== row.hash) {
      return this.fail(row.seq, row.rowKey, 'hashMismatch', 'the stored content does not match its hash');
    }
    if (row.columnDisagreement !== undefined) {
      return this.fail(row.seq, row.rowKey, 'hashMismatch', row.columnDisagreement);
    }
    try {
      this.state = evolve(this.state, row.event, row.seq);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return this.fail(row.seq, row.rowKey, 'unreadable', `the event cannot be folded: ${reason}`);
    }
    this.previousSeq = row.seq;
    this.previousHash = row.hash;
    return true;
  }

  /** Compares the end of the chain with the head and produces the report. */
  finish(head: HeadUnderVerification | undefined): VerifyReport {
    if (!this.mismatch) {
      const headProblem = this.describeHeadProblem(head);
      const snapshotProblem = headProblem === undefined ? this.describeSnapshotProblem(head) : undefined;
      if (headProblem !== undefined || snapshotProblem !== undefined) {
        this.mismatch = {
          seq: this.previousSeq,
          rowKey: HEAD_ROW_KEY,
          reason: headProblem !== undefined ? 'headMismatch' : 'snapshotMismatch',
          detail: headProblem ?? snapshotProblem ?? '',
        };
      }
    }
    return {
      caseId: this.caseId,
      ok: this.mismatch === undefined,
      checked: this.checked,
      ...(this.mismatch && { firstMismatch: this.mismatch }),
    };
  }

  private describeHeadProblem(head: HeadUnderVerification | undefined): string | undefined {
    if (head === undefined) {
      return this.previousSeq === 0 ? undefined : `the case has ${this.previousSeq} events but no head`;
    }
    if (!head.readable) {
      return `the head cannot be read: ${head.detail}`;
    }
    if (head.version !== this.previousSeq) {
      return `the head says version ${head.version}, the log ends at event ${this.previousSeq}`;
    }
    if (head.lastHash !== this.previousHash) {
      return 'the head lastHash is not the hash of the last event';
    }
    if (head.snapshot !== undefined && head.snapshot.version !== head.version) {
      return `the head state is at version ${head.snapshot.version}, the head at ${head.version}`;
    }
    return undefined;
  }

  /** Whether the head's snapshot (of the current format) is the fold of the events, compared canonically. */
  private describeSnapshotProblem(head: HeadUnderVerification | undefined): string | undefined {
    if (head?.readable !== true || head.snapshot === undefined || this.state === undefined) return undefined;
    const differences = differingFields(head.snapshot, this.state);
    if (differences.length === 0) return undefined;
    return `the head's state snapshot is not the fold of the events; it differs in: ${differences.join(', ')}`;
  }

  private fail(seq: number, rowKey: string, reason: Mismatch['reason'], detail: string): false {
    this.mismatch = { seq, rowKey, reason, detail };
    return false;
  }
}

/**
 * The top-level fields in which two states differ, compared as canonical JSON (so key order and absent
 * versus `undefined` members do not count). Empty when they are equal.
 */
export function differingFields(snapshot: CaseState, fold: CaseState): string[] {
  const a = snapshot as unknown as Record<string, unknown>;
  const b = fold as unknown as Record<string, unknown>;
  if (canonicalJson(a) === canonicalJson(b)) return [];
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  // Top-level fields are compared one by one only to name them; equality is decided on the whole above.
  const differing = names.filter((name) => canonicalJson(a[name] ?? null) !== canonicalJson(b[name] ?? null));
  return differing.length > 0 ? differing : ['(the whole state)'];
}
