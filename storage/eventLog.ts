/**
 * The port between the application and the append-only case log. Two adapters implement it and pass one
 * contract suite (test/storage/eventLog.contract.ts): `MemoryEventLog` for fast tests and
 * `TableEventLog` on Azure Table Storage (Azurite locally).
 *
 * Guarantees every adapter gives:
 * - Events of a case are numbered 1, 2, 3 … without gaps, in the order appended.
 * - `append` is all-or-nothing and only succeeds on the version (and ETag) it was given, so two
 *   concurrent commands never both write on stale state; the loser gets `ConcurrencyConflictError`.
 * - A delivery id is recorded once per case: appending it again fails with `DuplicateDeliveryError`,
 *   which carries the first outcome, and writes nothing.
 * - Each stored event carries the hash of the previous one (`prevHash`) and its own `hash`, so `verify`
 *   can name the first row that was changed after the fact; `verify` also folds the events and names the
 *   head when its state snapshot is not that fold.
 * - Stored shapes carry a format version (storage/storedFormats.ts): events are upcast to today's shape
 *   when read, and a head whose snapshot is in another format than `STATE_FORMAT` is read as the fold of
 *   its events, never as the snapshot; the next append stores the current format.
 * - Text is never cut short: an event too large for one table property is stored in chunks and read
 *   back whole; one too large for a row is refused with `EventTooLargeError`, naming the limit.
 */
import type { Effect } from '../engine/effects';
import { ConflictError, ValidationError } from '../engine/errors';
import type { CaseEvent } from '../engine/events';
import { localized, type Localized } from '../engine/localized';
import type { CaseState, CaseStatus, CaseSummary } from '../engine/state';

export interface StoredEvent {
  caseId: string;
  /** Position in the case's log, from 1. */
  seq: number;
  /** The event in today's format (`CASE_EVENT_FORMAT`): upcast when read if it was stored in an older one. */
  event: CaseEvent;
  /**
   * The event exactly as it was stored, when that was in an older format than today's: its hash covers
   * this, not the upcast `event`. Absent when `event` is what was stored.
   */
  asStored?: EventAsStored;
  /** The delivery (for example a Teams activity id) whose command appended this event, if any. */
  deliveryId?: string;
  /** `hash` of the previous event; for the first event, `GENESIS_HASH`. */
  prevHash: string;
  /** SHA-256 hex of `prevHash` and the canonical JSON of this event (see `eventHash`). */
  hash: string;
}

/** An event in the format it was written in (see storage/storedFormats.ts). */
export interface EventAsStored {
  format: number;
  event: unknown;
}

export interface CaseHead {
  caseId: string;
  /** Sequence number of the newest event. */
  version: number;
  /** The state after the newest event. */
  state: CaseState;
  /** Opaque concurrency token of the head; pass it back to `append`. */
  etag: string;
  /** Hash of the newest event, to chain the next one. */
  lastHash: string;
  /** The most recent deliveries and the events each appended, for a cheap duplicate check. */
  recentDeliveries: DeliveryRecord[];
  /** The newest version whose append wrote effects to the outbox; absent when none ever did. */
  effectsVersion?: number;
}

export interface DeliveryRecord {
  deliveryId: string;
  firstSeq: number;
  lastSeq: number;
  /**
   * What the delivery carried (who, and a digest of what they sent), so a reused delivery id with other
   * content is told apart from a redelivery. Absent in records written before it existed.
   */
  fingerprint?: string;
}

/**
 * The transactional outbox: what the group must be told once a command is stored (an approval card, an
 * announcement, the next question, a reminder) is written in the same transaction as the events, one
 * row per effect, and marked when delivered. So "recorded" always implies "will be told": a crash, a
 * lost response or a Bot Connector outage after the append leaves the effect pending, and the next turn
 * in the conversation or the outbox timer delivers it (application/outbox.ts).
 */
export interface OutboxRequest {
  effects: Effect[];
  /** Who delivers the effects first (the command's operation) and until when nobody else may. */
  leaseOwner: string;
  leaseUntil: string;
  createdAt: string;
  /** The conversation (thread) to answer in, when it is not the case's conversation itself. */
  replyTo?: string;
}

export type OutboxStatus = 'pending' | 'delivered' | 'superseded' | 'abandoned';

export interface OutboxItem {
  caseId: string;
  /** Storage key; key order is the order the effects were produced in. */
  id: string;
  /** The case version after the command that produced the effect. */
  version: number;
  /** Position among that command's effects. */
  index: number;
  effect: Effect;
  createdAt: string;
  replyTo?: string;
  leaseOwner: string;
  leaseUntil: string;
  /** Deliveries begun so far (the first by the command's own turn). */
  attempts: number;
  status: OutboxStatus;
  /** Opaque concurrency token of the row, for `claimEffect`. */
  etag: string;
}

/** How an effect's delivery ended. */
export interface OutboxSettlement {
  status: Exclude<OutboxStatus, 'pending'>;
  at: string;
  /** The Teams activity the effect posted, if any (an approval card is updated in place later). */
  activityId?: string;
  /** Why, for superseded and abandoned effects (for people reading the table). */
  note?: string;
}

/** Row key of effect `index` of the command that brought the case to `version`. */
export function outboxRowKey(version: number, index: number): string {
  return `O${String(version).padStart(10, '0')}-${String(index).padStart(2, '0')}`;
}

export interface AppendRequest {
  caseId: string;
  /**
   * The head the command was decided on, as `readHead` returned it; `undefined` for a case that does not
   * exist yet. The log chains the new events to its `lastHash` and guards the write with its `etag`, so
   * an append costs one transaction and no extra read: if the head moved on, the ETag no longer matches.
   * Its `state`, when given, is what the case was before the append (the case directory is then
   * written only if what a list shows changed).
   */
  expected:
    | (Pick<CaseHead, 'version' | 'etag' | 'lastHash' | 'recentDeliveries' | 'effectsVersion'> &
        Partial<Pick<CaseHead, 'state'>>)
    | undefined;
  /** At least one event. */
  events: CaseEvent[];
  /** The case state after these events (becomes the new head). */
  state: CaseState;
  deliveryId?: string;
  /** See `DeliveryRecord.fingerprint`. */
  deliveryFingerprint?: string;
  /**
   * Identifies this append, so that a retry of it (by the storage SDK after a lost response, or after a
   * timeout) is recognised as the same write, never as someone else's. The log makes one when absent.
   */
  operationId?: string;
  /** Effects to write to the outbox in the same transaction. */
  outbox?: OutboxRequest;
}

export interface AppendResult {
  head: CaseHead;
  stored: StoredEvent[];
  /** The outbox rows written, in order (empty without effects). */
  outbox: OutboxItem[];
}

/**
 * How far a case directory row's `updatedAt` may lag the case: a row is rewritten when anything a list
 * shows changes, and otherwise only when its time is this much older than the case's (so an answer or
 * an idea costs no directory write). A filter on time widens by it and confirms on the head
 * (`directoryUpdatedFrom`, `changedSince`).
 */
export const DIRECTORY_TIME_SLACK_MS = 60 * 60 * 1000;

/** The `updatedFrom` to give the directory for cases changed at or after `from` (widened by the slack). */
export function directoryUpdatedFrom(from: string): string {
  return new Date(Date.parse(from) - DIRECTORY_TIME_SLACK_MS).toISOString();
}

/** Whether a case, as its head says, changed at or after `from`: the truth behind a widened filter. */
export function changedSince(state: Pick<CaseState, 'updatedAt'>, from: string): boolean {
  return state.updatedAt >= from;
}

export interface CaseFilter {
  conversationId?: string;
  status?: CaseStatus;
  templateId?: string;
  unit?: string;
  /**
   * Cases whose directory row says they were updated at or after this ISO time. The row may lag the case
   * by `DIRECTORY_TIME_SLACK_MS`: ask with `directoryUpdatedFrom` and confirm with `changedSince`.
   */
  updatedFrom?: string;
  /** Cases updated before this ISO time. */
  updatedTo?: string;
}

export interface VerifyReport {
  caseId: string;
  ok: boolean;
  /** How many events were checked. */
  checked: number;
  /** The first event that does not match, when `ok` is false. */
  firstMismatch?: {
    seq: number;
    /** The storage row holding it (a Table row key; the memory log uses the same form). */
    rowKey: string;
    /**
     * `snapshotMismatch`: the head's state snapshot, which the bot and the dashboard read, is not what
     * folding the events gives (named as the head row).
     */
    reason:
      'hashMismatch' | 'brokenChain' | 'gapInSequence' | 'unreadable' | 'headMismatch' | 'snapshotMismatch';
    detail: string;
  };
}

export interface EventLog {
  readHead(caseId: string): Promise<CaseHead | undefined>;
  append(request: AppendRequest): Promise<AppendResult>;
  /** Events in order; `fromSeq`/`toSeq` are inclusive. Streams: large logs are not held in memory. */
  readEvents(caseId: string, range?: { fromSeq?: number; toSeq?: number }): AsyncIterable<StoredEvent>;
  findDelivery(caseId: string, deliveryId: string): Promise<DeliveryRecord | undefined>;
  verify(caseId: string): Promise<VerifyReport>;
  /** The case directory: one summary per case, kept beside the log after each append. */
  listCases(filter?: CaseFilter): AsyncIterable<CaseSummary>;
  /** The case's effects not yet delivered, in the order they were produced. */
  pendingEffects(caseId: string): Promise<OutboxItem[]>;
  /**
   * Takes over a pending effect whose lease has run out (or that `owner` already holds): returns it
   * with the new lease and one more attempt, or undefined when someone else took it first or it is
   * settled. Guarded by the row's ETag, and a retried claim that landed is recognised as `owner`'s.
   */
  claimEffect(item: OutboxItem, owner: string, leaseUntil: string): Promise<OutboxItem | undefined>;
  /** Marks an effect delivered (or superseded, or given up); repeating it is harmless. */
  settleEffect(item: OutboxItem, settlement: OutboxSettlement): Promise<void>;
  /**
   * Marks several effects of one case at once (a turn's own effects, delivered one after another): one
   * request however many there are, up to a transaction's size. Repeating it is harmless.
   */
  settleEffects(settlements: readonly EffectSettlement[]): Promise<void>;
}

/** One effect and how its delivery ended. */
export interface EffectSettlement {
  item: OutboxItem;
  settlement: OutboxSettlement;
}

/** All-zero hash the first event of every case chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** How many recent deliveries the head remembers (older ones are found through their own rows). */
export const RECENT_DELIVERIES = 32;

/** Row key of event `seq`: zero-padded so that key order is event order. */
export function eventRowKey(seq: number): string {
  return `E${String(seq).padStart(10, '0')}`;
}

/** Another command changed the case between read and append. Retry on fresh state. */
export class ConcurrencyConflictError extends ConflictError {
  constructor(caseId: string) {
    super(
      'concurrencyConflict',
      localized(
        'Saken ble endret av noen andre samtidig. Prøv igjen.',
        'Saka vart endra av nokon andre samtidig. Prøv igjen.',
        'The case was changed by someone else at the same time. Please try again.',
      ),
      { caseId },
    );
  }
}

/** The delivery was already recorded; `record` says which events it appended the first time. */
export class DuplicateDeliveryError extends ConflictError {
  constructor(readonly record: DeliveryRecord) {
    super(
      'duplicateDelivery',
      localized(
        'Dette er allerede registrert.',
        'Dette er allereie registrert.',
        'This has already been recorded.',
      ),
      { ...record },
    );
  }
}

/** An event larger than one storage row can hold. Nothing was written. */
export class EventTooLargeError extends ValidationError {
  constructor(limitCharacters: number, actualCharacters: number) {
    super(
      'eventTooLarge',
      localized(
        `Innholdet er for stort til å lagres (${actualCharacters} tegn; grensen er ${limitCharacters}). Del det opp eller legg ved en lenke.`,
        `Innhaldet er for stort til å lagrast (${actualCharacters} teikn; grensa er ${limitCharacters}). Del det opp eller legg ved ei lenkje.`,
        `The content is too large to store (${actualCharacters} characters; the limit is ${limitCharacters}). Split it up or attach a link.`,
      ),
      { limitCharacters, actualCharacters },
    );
  }
}

/**
 * Storage did not answer (outage, timeout, throttling beyond retries). Nothing was recorded, or – when
 * `outcomeUnknown` – a write was sent and neither its answer nor a read afterwards could tell whether it
 * landed. A retry with the same delivery id never records twice.
 */
export class StorageUnavailableError extends Error {
  readonly text: Localized;
  constructor(
    cause: unknown,
    readonly outcomeUnknown = false,
  ) {
    super(outcomeUnknown ? 'Storage did not confirm a write' : 'Storage is unavailable', { cause });
    this.name = 'StorageUnavailableError';
    this.text = outcomeUnknown
      ? localized(
          'Lagringstjenesten svarer så tregt at vi ikke vet om dette ble lagret. Skriv «status» for å se hva som er registrert før du prøver igjen.',
          'Lagringstenesta svarar så tregt at vi ikkje veit om dette vart lagra. Skriv «status» for å sjå kva som er registrert før du prøver igjen.',
          'Storage is answering so slowly that we cannot tell whether this was saved. Type “status” to see what is recorded before you try again.',
        )
      : localized(
          'Ikke lagret: lagringstjenesten svarer ikke akkurat nå. Prøv igjen om litt.',
          'Ikkje lagra: lagringstenesta svarar ikkje akkurat no. Prøv igjen om litt.',
          'Not saved: storage is not answering right now. Please try again in a moment.',
        );
  }
}

/** A delivery id that was recorded for another person or other content: refused, nothing recorded. */
export class DeliveryReusedError extends ConflictError {
  constructor(deliveryId: string) {
    super(
      'deliveryReused',
      localized(
        'Denne meldingen har samme id som en annen melding med et annet innhold, så den ble ikke registrert.',
        'Denne meldinga har same id som ei anna melding med eit anna innhald, så ho vart ikkje registrert.',
        'This message carries the id of another message with different content, so it was not recorded.',
      ),
      { deliveryId },
    );
  }
}
