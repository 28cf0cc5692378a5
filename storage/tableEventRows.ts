/**
 * The rows of a case partition in the `caseevents` table and how each maps to and from the log's types.
 *
 *   D<sha256(deliveryId)>  one per delivery: which events it appended (for duplicate detection)
 *   E0000000001 …          one per event: plain columns for people browsing the table, the canonical JSON
 *                          body (the hashed record) in chunks, its format, and the chain hashes
 *   H                      the head: version, last hash, the state snapshot and its format, recent deliveries
 *   O0000000007-00 …       the outbox: one per effect of the command that brought the case to version 7
 *                          (what the group must be told), its lease and whether it was delivered
 *   S000001 …              spill rows for a state snapshot too large for the head
 *
 * Only strings and plain numbers are stored: Table Storage refuses nested objects, returns Int64 as
 * `bigint` and drops null/undefined properties, so everything structured lives inside the JSON bodies.
 */
import type { TableEntity } from '@azure/data-tables';
import type { Effect } from '../engine/effects';
import type { CaseState } from '../engine/state';
import { CASE_EVENT_FORMAT, STATE_FORMAT } from '../engine/stateFormat';
import { MAX_EVENT_BODY_CHUNKS } from './appendRules';
import { chunkProperties, joinChunks, splitIntoChunks } from './chunkedText';
import {
  eventRowKey,
  outboxRowKey,
  type DeliveryRecord,
  type OutboxItem,
  type OutboxRequest,
  type OutboxStatus,
  type StoredEvent,
} from './eventLog';
import { HEAD_ROW_KEY, rememberStoredBody, storedBodyOf, type RowUnderVerification } from './hashChain';
import { formatFromColumn, upcastEvent } from './storedFormats';
import { deliveryRowKey, snapshotRowKey } from './tableKeys';

/** A row as the SDK returns it: properties of unknown shape. */
export type StoredRow = Readonly<Record<string, unknown>>;

type Entity = TableEntity<Record<string, string | number>>;

/**
 * Chunks of the state snapshot kept in the head row itself. 12 × 30,000 characters is 720,000 bytes,
 * leaving room under 1 MiB for the recent deliveries and the plain columns.
 */
export const HEAD_STATE_CHUNKS = 12;

/** Chunks of the state snapshot per spill row (the same budget as an event body). */
export const SNAPSHOT_ROW_CHUNKS = MAX_EVENT_BODY_CHUNKS;

/** Longest copy of a free text kept in a plain column; the full text is in the JSON. */
const PLAIN_COLUMN_CHARACTERS = 1_000;

/** The first event row key: every event row key sorts between these two. */
export const FIRST_EVENT_ROW_KEY = eventRowKey(1);
export const LAST_POSSIBLE_EVENT_ROW_KEY = `E${'9'.repeat(10)}`;

// ---------------------------------------------------------------------------------------------- events

/**
 * The row of one event; `body` is its canonical JSON, already checked against the size limits.
 * `operationId` names the append that wrote it (not hashed: it is storage bookkeeping), so the append
 * can recognise its own write when the answer to it was lost. `eventFormat` says which shape the body
 * has (`CASE_EVENT_FORMAT`; rows written before it existed have none and are format 1).
 */
export function eventEntity(
  partitionKey: string,
  stored: StoredEvent,
  body: string,
  operationId: string,
): Entity {
  const chunks = splitIntoChunks(body);
  if (chunks.length > MAX_EVENT_BODY_CHUNKS) {
    throw new Error(`unreachable: event body of ${body.length} characters passed the size check`);
  }
  return {
    partitionKey,
    rowKey: eventRowKey(stored.seq),
    seq: stored.seq,
    type: stored.event.type,
    at: stored.event.at,
    actorId: stored.event.actorId,
    ...(stored.deliveryId !== undefined && { deliveryId: stored.deliveryId }),
    prevHash: stored.prevHash,
    hash: stored.hash,
    operationId,
    eventFormat: CASE_EVENT_FORMAT,
    bodyChunks: chunks.length,
    ...chunkProperties('body', chunks),
  };
}

/**
 * Reads an event row without ever throwing: what cannot be read is reported as such, so `verify` can
 * name the row instead of failing on it. The body is upcast to today's event format.
 */
export function readEventRow(row: StoredRow): RowUnderVerification {
  const rowKey = typeof row.rowKey === 'string' ? row.rowKey : '?';
  const seq = numberOrUndefined(row.seq);
  try {
    if (seq === undefined) throw new Error('the seq column is missing');
    const bodyChunks = requireNumber(row, 'bodyChunks');
    const text = joinChunks(row, 'body', bodyChunks);
    const body = JSON.parse(text) as unknown;
    // Checked before the parsed body is handed out (and could be changed): the hash is then checked on
    // the stored text itself.
    const storedBody = storedBodyOf(text, body);
    const { event, asStored } = upcastEvent(body, formatFromColumn(row.eventFormat, 'eventFormat'));
    const deliveryId = optionalString(row, 'deliveryId');
    return {
      readable: true,
      rowKey,
      seq,
      prevHash: requireString(row, 'prevHash'),
      hash: requireString(row, 'hash'),
      event,
      ...(asStored !== undefined && { asStored }),
      storedBody,
      ...(deliveryId !== undefined && { deliveryId }),
      ...describeColumnDisagreement(row, asStored?.event ?? event),
    };
  } catch (error) {
    return { readable: false, rowKey, ...(seq !== undefined && { seq }), detail: errorMessage(error) };
  }
}

/** An event row as a `StoredEvent`; a row that cannot be read is corruption and throws. */
export function toStoredEvent(caseId: string, row: StoredRow): StoredEvent {
  const read = readEventRow(row);
  if (!read.readable) {
    throw new Error(`Event row ${read.rowKey} of case ${caseId} cannot be read: ${read.detail}`);
  }
  const stored: StoredEvent = {
    caseId,
    seq: read.seq,
    event: read.event,
    ...(read.asStored !== undefined && { asStored: read.asStored }),
    ...(read.deliveryId !== undefined && { deliveryId: read.deliveryId }),
    prevHash: read.prevHash,
    hash: read.hash,
  };
  if (read.storedBody !== undefined) rememberStoredBody(stored, read.storedBody);
  return stored;
}

/**
 * The plain columns are copies for people, written from the body as stored; if one disagrees with the
 * hashed body, the row was edited.
 */
function describeColumnDisagreement(row: StoredRow, stored: unknown): { columnDisagreement?: string } {
  const body = isRecord(stored) ? stored : {};
  for (const column of ['type', 'at', 'actorId'] as const) {
    if (row[column] !== body[column]) {
      return { columnDisagreement: `the ${column} column does not match the hashed body` };
    }
  }
  return {};
}

// ---------------------------------------------------------------------------------------------- deliveries

/** The row recording which events a delivery appended; created in the append's transaction. */
export function deliveryEntity(partitionKey: string, record: DeliveryRecord): Entity {
  return {
    partitionKey,
    rowKey: deliveryRowKey(record.deliveryId),
    deliveryId: record.deliveryId,
    firstSeq: record.firstSeq,
    lastSeq: record.lastSeq,
    ...(record.fingerprint !== undefined && { fingerprint: record.fingerprint }),
  };
}

export function toDeliveryRecord(row: StoredRow): DeliveryRecord {
  const fingerprint = optionalString(row, 'fingerprint');
  return {
    deliveryId: requireString(row, 'deliveryId'),
    firstSeq: requireNumber(row, 'firstSeq'),
    lastSeq: requireNumber(row, 'lastSeq'),
    ...(fingerprint !== undefined && { fingerprint }),
  };
}

// ---------------------------------------------------------------------------------------------- outbox

/** Largest effect body kept in an outbox row (effects are small: ids and stage names). */
const MAX_EFFECT_CHARACTERS = 30_000;

const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'delivered', 'superseded', 'abandoned'];

/** The outbox rows of an append that brings the case to `version`. */
export function outboxEntities(partitionKey: string, version: number, outbox: OutboxRequest): Entity[] {
  return outbox.effects.map((effect, index) => {
    const body = JSON.stringify(effect);
    if (body.length > MAX_EFFECT_CHARACTERS) {
      throw new Error(`unreachable: an effect of ${body.length} characters (${effect.type})`);
    }
    return {
      partitionKey,
      rowKey: outboxRowKey(version, index),
      version,
      index,
      type: effect.type,
      effect: body,
      createdAt: outbox.createdAt,
      ...(outbox.replyTo !== undefined && { replyTo: outbox.replyTo }),
      leaseOwner: outbox.leaseOwner,
      leaseUntil: outbox.leaseUntil,
      attempts: 1,
      status: 'pending',
    };
  });
}

export function toOutboxItem(caseId: string, row: StoredRow & { etag: string }): OutboxItem {
  const status = requireString(row, 'status') as OutboxStatus;
  if (!OUTBOX_STATUSES.includes(status)) throw new Error(`unknown outbox status ${status}`);
  const replyTo = optionalString(row, 'replyTo');
  return {
    caseId,
    id: requireString(row, 'rowKey'),
    version: requireNumber(row, 'version'),
    index: requireNumber(row, 'index'),
    effect: JSON.parse(requireString(row, 'effect')) as Effect,
    createdAt: requireString(row, 'createdAt'),
    ...(replyTo !== undefined && { replyTo }),
    leaseOwner: requireString(row, 'leaseOwner'),
    leaseUntil: requireString(row, 'leaseUntil'),
    attempts: requireNumber(row, 'attempts'),
    status,
    etag: row.etag,
  };
}

// ---------------------------------------------------------------------------------------------- head

export interface HeadContent {
  version: number;
  lastHash: string;
  state: CaseState;
  /** `JSON.stringify(state)`, already checked against the append size limit. */
  stateJson: string;
  recentDeliveries: readonly DeliveryRecord[];
  /** The append writing this head (see `eventEntity`). */
  operationId: string;
  effectsVersion?: number;
}

/**
 * The head row and, when the state snapshot is larger than the head can hold, the spill rows that carry
 * the rest. Spill rows carry the head's version, so a reader can tell a spill row of this head from a
 * leftover of an older, larger snapshot or one replaced while it was reading.
 */
export function headEntities(
  partitionKey: string,
  content: HeadContent,
): { head: Entity; spillRows: Entity[] } {
  const chunks = splitIntoChunks(content.stateJson);
  const headChunks = chunks.slice(0, HEAD_STATE_CHUNKS);
  const spillRows: Entity[] = [];
  for (let start = HEAD_STATE_CHUNKS; start < chunks.length; start += SNAPSHOT_ROW_CHUNKS) {
    const rowChunks = chunks.slice(start, start + SNAPSHOT_ROW_CHUNKS);
    spillRows.push({
      partitionKey,
      rowKey: snapshotRowKey(spillRows.length + 1),
      version: content.version,
      stateChunks: rowChunks.length,
      ...chunkProperties('state', rowChunks),
    });
  }
  const { state } = content;
  const head: Entity = {
    partitionKey,
    rowKey: HEAD_ROW_KEY,
    version: content.version,
    lastHash: content.lastHash,
    stateChunks: headChunks.length,
    ...chunkProperties('state', headChunks),
    snapshotRows: spillRows.length,
    recentDeliveries: JSON.stringify(content.recentDeliveries),
    operationId: content.operationId,
    ...(content.effectsVersion !== undefined && { effectsVersion: content.effectsVersion }),
    // The shape of the snapshot: a reader of another format re-folds the events instead of trusting it.
    stateFormat: STATE_FORMAT,
    // Plain copies for people browsing the table; the snapshot above is what the application reads.
    status: state.status,
    conversationId: state.conversationId,
    title: plainColumnCopy(state.title),
    templateId: state.template.id,
    updatedAt: state.updatedAt,
  };
  return { head, spillRows };
}

/** The head row as read, before any spill rows are fetched. */
export interface HeadRow {
  etag: string;
  version: number;
  lastHash: string;
  recentDeliveries: DeliveryRecord[];
  /** The part of the state JSON held by the head itself. */
  stateInHead: string;
  snapshotRows: number;
  /** The `STATE_FORMAT` the snapshot was written in; 1 for heads written before it was recorded. */
  stateFormat: number;
  /** Absent in heads written before it existed. */
  operationId?: string;
  effectsVersion?: number;
}

export function parseHeadRow(row: StoredRow & { etag: string }): HeadRow {
  const recent = JSON.parse(requireString(row, 'recentDeliveries')) as unknown;
  if (!Array.isArray(recent)) throw new Error('recentDeliveries is not a list');
  return {
    etag: row.etag,
    version: requireNumber(row, 'version'),
    lastHash: requireString(row, 'lastHash'),
    recentDeliveries: recent.map((item: unknown) => toDeliveryRecord(isRecord(item) ? item : {})),
    stateInHead: joinChunks(row, 'state', requireNumber(row, 'stateChunks')),
    snapshotRows: requireNumber(row, 'snapshotRows'),
    stateFormat: formatFromColumn(row.stateFormat, 'stateFormat'),
    ...optionalFields(row),
  };
}

function optionalFields(row: StoredRow): { operationId?: string; effectsVersion?: number } {
  const operationId = optionalString(row, 'operationId');
  const effectsVersion = numberOrUndefined(row.effectsVersion);
  return {
    ...(operationId !== undefined && { operationId }),
    ...(effectsVersion !== undefined && { effectsVersion }),
  };
}

/** The part of the state JSON in one spill row, or undefined when the row belongs to another head version. */
export function readSpillRow(row: StoredRow, version: number): string | undefined {
  if (requireNumber(row, 'version') !== version) return undefined;
  return joinChunks(row, 'state', requireNumber(row, 'stateChunks'));
}

export function parseState(stateJson: string): CaseState {
  const value = JSON.parse(stateJson) as unknown;
  if (!isRecord(value) || typeof value.caseId !== 'string' || typeof value.version !== 'number') {
    throw new Error('the state snapshot is not a case state');
  }
  return value as unknown as CaseState;
}

// ---------------------------------------------------------------------------------------------- properties

export function requireString(row: StoredRow, name: string): string {
  const value = row[name];
  if (typeof value !== 'string') throw new Error(`the ${name} column is missing`);
  return value;
}

export function optionalString(row: StoredRow, name: string): string | undefined {
  const value = row[name];
  return typeof value === 'string' ? value : undefined;
}

/** A number column; Int64 columns (written by other tools) come back as `bigint` and are accepted. */
export function requireNumber(row: StoredRow, name: string): number {
  const value = numberOrUndefined(row[name]);
  if (value === undefined) throw new Error(`the ${name} column is missing`);
  return value;
}

function numberOrUndefined(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

function plainColumnCopy(text: string): string {
  if (text.length <= PLAIN_COLUMN_CHARACTERS) return text;
  return `${splitIntoChunks(text, PLAIN_COLUMN_CHARACTERS - 1)[0] ?? ''}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
