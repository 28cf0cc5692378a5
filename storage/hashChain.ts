/**
 * The hash chain that makes a case log tamper-evident. Each stored event carries the hash of the one
 * before it and its own hash over its content, so changing, removing or reordering any stored event after
 * the fact breaks the chain at that row, and `verify` can name it. Both log adapters use this module, so a
 * log exported from one verifies the same way anywhere.
 */
import type { CaseEvent } from '../engine/events';
import { canonicalJson, sha256Hex } from '../engine/hashing';
import { eventRowKey, GENESIS_HASH, type StoredEvent, type VerifyReport } from './eventLog';

/** What an event's hash covers: everything stored about it except the chain fields themselves. */
export interface HashedEventContent {
  caseId: string;
  seq: number;
  event: CaseEvent;
  deliveryId?: string;
}

/**
 * SHA-256 (hex) of the previous hash, a newline and the canonical JSON of the event's content. Canonical
 * JSON (sorted keys, no `undefined`) makes the hash independent of property order, so it can be recomputed
 * from a stored copy years later.
 */
export function eventHash(prevHash: string, stored: HashedEventContent): string {
  const content = {
    caseId: stored.caseId,
    seq: stored.seq,
    deliveryId: stored.deliveryId,
    event: stored.event,
  };
  return sha256Hex(`${prevHash}\n${canonicalJson(content)}`);
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
    const hash = eventHash(prevHash, { caseId, seq, event, deliveryId });
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
      event: CaseEvent;
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
      /** The version inside the stored state snapshot; it must equal `version`. */
      stateVersion: number;
    }
  | { readable: false; detail: string };

export const HEAD_ROW_KEY = 'H';

type Mismatch = NonNullable<VerifyReport['firstMismatch']>;

/**
 * Walks a case's event rows in order and remembers the first one that breaks the chain. Adapters feed it
 * rows with `check` until it returns false, then call `finish` with the head. Kept separate from any
 * storage so the rules are the same for every adapter.
 */
export class ChainVerifier {
  private previousSeq = 0;
  private previousHash = GENESIS_HASH;
  private checked = 0;
  private mismatch: Mismatch | undefined;

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
    const recomputed = eventHash(row.prevHash, {
      caseId: this.caseId,
      seq: row.seq,
      event: row.event,
      ...(row.deliveryId !== undefined && { deliveryId: row.deliveryId }),
    });
    if (recomputed !== row.hash) {
      return this.fail(row.seq, row.rowKey, 'hashMismatch', 'the stored content does not match its hash');
    }
    if (row.columnDisagreement !== undefined) {
      return this.fail(row.seq, row.rowKey, 'hashMismatch', row.columnDisagreement);
    }
    this.previousSeq = row.seq;
    this.previousHash = row.hash;
    return true;
  }

  /** Compares the end of the chain with the head and produces the report. */
  finish(head: HeadUnderVerification | undefined): VerifyReport {
    if (!this.mismatch) {
      const headProblem = this.describeHeadProblem(head);
      if (headProblem !== undefined) {
        this.mismatch = {
          seq: this.previousSeq,
          rowKey: HEAD_ROW_KEY,
          reason: 'headMismatch',
          detail: headProblem,
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
    if (head.stateVersion !== head.version) {
      return `the head state is at version ${head.stateVersion}, the head at ${head.version}`;
    }
    return undefined;
  }

  private fail(seq: number, rowKey: string, reason: Mismatch['reason'], detail: string): false {
    this.mismatch = { seq, rowKey, reason, detail };
    return false;
  }
}
