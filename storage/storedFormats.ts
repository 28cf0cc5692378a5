/**
 * Reading shapes that older (or newer) versions of this code stored, in the manner of emmett's
 * `schema.versioning`: the one place an event stored in an older format becomes today's `CaseEvent`, and
 * the one rule for when a head's state snapshot may be read as it is and when it must be re-folded from
 * the events. Both log adapters read through here, so they cannot disagree about an old row.
 *
 * Events are never rewritten: their hash covers what was stored, so an upcast event is handed out with
 * the stored original beside it (`StoredEvent.asStored`) for anyone who checks the chain.
 */
import { CASE_EVENT_TYPES, type CaseEvent } from '../engine/events';
import { evolve, type CaseState } from '../engine/state';
import { CASE_EVENT_FORMAT, STATE_FORMAT } from '../engine/stateFormat';
import type { EventAsStored, StoredEvent } from './eventLog';

/** The format of a row that has no format column: it was written before formats were recorded. */
export const UNRECORDED_FORMAT = 1;

/** Turns one event of format n into format n + 1. Must not change its argument. */
export type EventUpcaster = (event: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/**
 * `EVENT_UPCASTERS[n]` upcasts an event stored in format n to format n + 1; reading chains them up to
 * `CASE_EVENT_FORMAT`. Empty while every event ever stored is format 1, so reading is the identity. When
 * `CASE_EVENT_FORMAT` is bumped, the upcaster from the previous format comes here in the same commit
 * (test/storage/storedFormats.test.ts fails until it does).
 */
export const EVENT_UPCASTERS: Readonly<Partial<Record<number, EventUpcaster>>> = {};

/** An event as read: in today's format, with what was stored when that differs. */
export interface ReadEvent {
  event: CaseEvent;
  asStored?: EventAsStored;
}

/**
 * Today's shape of an event stored in `format`. Throws when the format is unknown, newer than this code
 * (a row written by a later version: better unreadable than misread) or the result is not an event.
 */
export function upcastEvent(
  stored: unknown,
  format: number,
  upcasters: Readonly<Partial<Record<number, EventUpcaster>>> = EVENT_UPCASTERS,
  currentFormat: number = CASE_EVENT_FORMAT,
): ReadEvent {
  if (!Number.isInteger(format) || format < 1) {
    throw new Error(`the event format ${format} is not a format`);
  }
  if (format > currentFormat) {
    throw new Error(`the event is stored in format ${format}, newer than this version's ${currentFormat}`);
  }
  if (format === currentFormat) return { event: asCaseEvent(stored) };
  // Upcasters work on a copy: the original must stay exactly as stored, for its hash.
  let value: unknown = structuredClone(stored);
  for (let from = format; from < currentFormat; from += 1) {
    const upcaster = upcasters[from];
    if (upcaster === undefined) throw new Error(`no upcaster from event format ${from}`);
    if (!isRecord(value)) throw new Error(`the event in format ${from} is not an object`);
    value = upcaster(value);
  }
  return { event: asCaseEvent(value), asStored: { format, event: stored } };
}

/** The format a column holds: absent means `UNRECORDED_FORMAT`; anything but a whole number is refused. */
export function formatFromColumn(value: unknown, column: string): number {
  if (value === undefined || value === null) return UNRECORDED_FORMAT;
  const format = typeof value === 'bigint' ? Number(value) : value;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) {
    throw new Error(`the ${column} column is not a format version`);
  }
  return format;
}

/**
 * Whether a head's snapshot was written in the shape this code folds to. Only then is it read as it is
 * (and compared with the fold by `verify`); a snapshot of an older format – or of a newer one, after a
 * rollback – is not this code's state, and the head is read as the fold of its events instead.
 */
export function isCurrentStateFormat(format: number): boolean {
  return format === STATE_FORMAT;
}

/**
 * The state a head at `version` stands for, folded from the case's events (which must be 1..version, in
 * order). One state in memory whatever the log's length.
 */
export async function foldStoredEvents(
  caseId: string,
  version: number,
  events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>,
): Promise<CaseState> {
  let state: CaseState | undefined;
  let previousSeq = 0;
  for await (const stored of events) {
    if (stored.seq !== previousSeq + 1) {
      throw new Error(`case ${caseId}: event ${previousSeq + 1} is missing, so its state cannot be folded`);
    }
    state = evolve(state, stored.event, stored.seq);
    previousSeq = stored.seq;
  }
  if (state === undefined || previousSeq !== version) {
    throw new Error(`case ${caseId}: its head is at version ${version}, its events end at ${previousSeq}`);
  }
  return state;
}

function asCaseEvent(value: unknown): CaseEvent {
  if (!isRecord(value) || !CASE_EVENT_TYPES.includes(value.type as CaseEvent['type'])) {
    throw new Error('the body is not a known event');
  }
  if (typeof value.at !== 'string' || typeof value.actorId !== 'string') {
    throw new Error('the body lacks at/actorId');
  }
  return value as unknown as CaseEvent;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
