/**
 * The rules every event log adapter applies to an append, in one place so the in-memory fake and the
 * Table adapter refuse exactly the same requests (the contract suite runs against both).
 *
 * Two kinds of refusal: a request the application should never build (wrong version arithmetic, no
 * events) is a programming error and throws a plain `Error`; a request that is fine but does not fit the
 * case as it stands now throws the domain errors of `eventLog.ts`.
 */
import { ValidationError } from '../engine/errors';
import type { CaseEvent } from '../engine/events';
import { canonicalJson } from '../engine/hashing';
import { localized } from '../engine/localized';
import {
  ConcurrencyConflictError,
  DuplicateDeliveryError,
  EventTooLargeError,
  RECENT_DELIVERIES,
  type AppendRequest,
  type DeliveryRecord,
} from './eventLog';

/**
 * Chunks one event row may use for its JSON body. 14 × 30,000 UTF-16 characters is 840,000 bytes, which
 * leaves room for the other columns under the 1 MiB an entity may hold.
 */
export const MAX_EVENT_BODY_CHUNKS = 14;

/**
 * Largest event body accepted, in characters of its canonical JSON. Chosen so that any body this long
 * fits in `MAX_EVENT_BODY_CHUNKS` chunks even when every cut has to step back over a surrogate pair.
 */
export const MAX_EVENT_BODY_CHARACTERS = 400_000;

/**
 * Largest append accepted: the event bodies plus the new state snapshot, in characters. One append is one
 * Table transaction, whose payload may not exceed 4 MiB; one UTF-16 character costs at most 3 bytes on
 * the wire, so 1,200,000 characters stay below 3.6 MB with room for keys, hashes and batch framing.
 */
export const MAX_APPEND_CHARACTERS = 1_200_000;

/**
 * Most events one append may carry. A Table transaction holds at most 100 operations, and besides the
 * events it writes the head, the delivery row and possibly a few state snapshot rows. Commands produce a
 * handful of events, so reaching this is a bug in the caller.
 */
export const MAX_EVENTS_PER_APPEND = 90;

/** Longest delivery id accepted (Teams activity ids are far shorter); keeps the head's list small. */
export const MAX_DELIVERY_ID_CHARACTERS = 512;

/**
 * Case ids are short ids the application chooses. Restricting them to these characters keeps them safe
 * as Table partition keys (which must not contain `/ \ # ?` or control characters) and in URLs.
 */
const CASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** Refuses a case id that could not be stored safely as a partition key. */
export function assertValidCaseId(caseId: string): void {
  if (!CASE_ID_PATTERN.test(caseId)) {
    throw new ValidationError(
      'invalidCaseId',
      localized(
        'Ugyldig saks-id: bruk inntil 100 bokstaver (a–z), sifre og . _ : -',
        'Ugyldig saks-id: bruk inntil 100 bokstavar (a–z), siffer og . _ : -',
        'Invalid case id: use up to 100 letters (a–z), digits and . _ : -',
      ),
      { caseId },
    );
  }
}

/** Checks the parts of a request that do not depend on the stored case. */
export function validateAppendRequest(request: AppendRequest): void {
  assertValidCaseId(request.caseId);
  const { caseId, expected, events, state, deliveryId } = request;
  if (events.length === 0) {
    throw new Error(`append(${caseId}): at least one event is required`);
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new Error(
      `append(${caseId}): ${events.length} events in one append; at most ${MAX_EVENTS_PER_APPEND} fit in one transaction`,
    );
  }
  if (expected !== undefined) {
    if (!Number.isInteger(expected.version) || expected.version < 1) {
      throw new Error(
        `append(${caseId}): expected.version must be a positive integer, got ${expected.version}`,
      );
    }
    if (typeof expected.etag !== 'string' || expected.etag.length === 0) {
      // An empty ETag would be sent as no condition at all: the append would overwrite blindly.
      throw new Error(`append(${caseId}): expected.etag is empty`);
    }
  }
  const firstSeq = (expected?.version ?? 0) + 1;
  const lastSeq = firstSeq + events.length - 1;
  if (state.version !== lastSeq) {
    throw new Error(
      `append(${caseId}): the new events are ${firstSeq}..${lastSeq}, but state.version is ${state.version}`,
    );
  }
  if (state.caseId !== caseId) {
    throw new Error(`append(${caseId}): state.caseId is ${state.caseId}`);
  }
  events.forEach((event, index) => {
    const isFirstOfCase = expected === undefined && index === 0;
    if (isFirstOfCase !== (event.type === 'CaseOpened')) {
      throw new Error(`append(${caseId}): CaseOpened must be the first event of a case and only the first`);
    }
    if (event.type === 'CaseOpened' && event.caseId !== caseId) {
      throw new Error(`append(${caseId}): CaseOpened names case ${event.caseId}`);
    }
  });
  if (
    deliveryId !== undefined &&
    (deliveryId.length === 0 || deliveryId.length > MAX_DELIVERY_ID_CHARACTERS)
  ) {
    throw new Error(`append(${caseId}): deliveryId must have 1..${MAX_DELIVERY_ID_CHARACTERS} characters`);
  }
}

/**
 * The stored form of each event (canonical JSON), refusing with `EventTooLargeError` – before anything is
 * written – an event or an append that storage cannot hold whole.
 */
export function serializeWithinLimits(events: readonly CaseEvent[], stateJson: string): string[] {
  const bodies = events.map((event) => canonicalJson(event));
  for (const body of bodies) {
    if (body.length > MAX_EVENT_BODY_CHARACTERS) {
      throw new EventTooLargeError(MAX_EVENT_BODY_CHARACTERS, body.length);
    }
  }
  const total = bodies.reduce((sum, body) => sum + body.length, stateJson.length);
  if (total > MAX_APPEND_CHARACTERS) {
    throw new EventTooLargeError(MAX_APPEND_CHARACTERS, total);
  }
  return bodies;
}

/** What an adapter knows about the stored head when it checks an append against it. */
export interface CurrentHead {
  version: number;
  etag: string;
  recentDeliveries: readonly DeliveryRecord[];
}

/**
 * Checks an append against the head as stored now. A delivery recorded among the recent ones is reported
 * first: a redelivered command arrives with a stale head, and the caller must learn that it is a
 * duplicate, not that it should retry.
 */
export function checkAgainstCurrentHead(request: AppendRequest, current: CurrentHead | undefined): void {
  const { caseId, expected, deliveryId } = request;
  if (deliveryId !== undefined) {
    const recent = current?.recentDeliveries.find((record) => record.deliveryId === deliveryId);
    if (recent) throw new DuplicateDeliveryError({ ...recent });
  }
  if (expected === undefined) {
    if (current !== undefined) throw new ConcurrencyConflictError(caseId);
    return;
  }
  if (current === undefined || current.etag !== expected.etag) {
    throw new ConcurrencyConflictError(caseId);
  }
  if (current.version !== expected.version) {
    throw new Error(
      `append(${caseId}): expected.version ${expected.version} does not belong to its ETag (head is at ${current.version})`,
    );
  }
}

/** The head's list of recent deliveries after recording `record`: oldest first, at most RECENT_DELIVERIES. */
export function withRecentDelivery(
  recent: readonly DeliveryRecord[],
  record: DeliveryRecord | undefined,
): DeliveryRecord[] {
  const copies = recent.map((item) => ({ ...item }));
  if (record === undefined) return copies;
  return [...copies, { ...record }].slice(-RECENT_DELIVERIES);
}
