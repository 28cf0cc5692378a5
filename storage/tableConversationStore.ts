/**
 * The conversation store on Azure Table Storage: table "conversations" (name configurable), one partition
 * ("conversation"), row key = the encoded conversation id. The whole record is one JSON text, cut into
 * 30,000-character chunks (`record0`, `record1`, …) so a long record is never cut short; a few plain
 * columns beside it (conversation id, active case, update time) let people browse the table.
 *
 * `update` reads the row with its ETag, applies the change and writes it back only if the row is still the
 * one it read (If-Match), or creates it when there was none. Losing that race (412, or 409 for two
 * creators) means another writer changed the record first: the change is applied again to the fresh
 * record, a bounded number of times, then refused with `ConversationBusyError`. Two people answering in
 * a group chat at the same moment therefore both keep their change.
 */
import { odata, type TableClient } from '@azure/data-tables';
import { chunkProperties, joinChunks, splitIntoChunks } from './chunkedText';
import {
  CONVERSATION_UPDATE_ATTEMPTS,
  ConversationBusyError,
  conflictBackoffMs,
  parseConversationRecord,
  serializeConversationRecord,
} from './conversationRecords';
import type { ConversationRecord, ConversationStore } from './conversationStore';
import { optionalString, requireNumber, type StoredRow } from './tableEventRows';
import { encodeKey } from './tableKeys';
import {
  getEntityIfExists,
  LazyTable,
  queryRows,
  statusOf,
  tableClientFromConnectionString,
  type TableClientOptions,
  translateStorageError,
} from './tableStorage';

export const DEFAULT_CONVERSATIONS_TABLE = 'conversations';

/** Every conversation is in one partition: the table is small and read by point reads. */
const CONVERSATION_PARTITION = 'conversation';

/** Longest copy of a value kept in a plain column. */
const PLAIN_COLUMN_CHARACTERS = 1_000;

/** Layout version of the row, so a later layout can read rows written by this one. */
const ROW_FORMAT = 1;

/** Conversations whose last known row is kept for `update` (the oldest is forgotten first). */
const REMEMBERED_CONVERSATIONS = 1_000;

/** A record's JSON and the ETag of the row holding it. */
interface KnownRow {
  json: string;
  etag: string;
}

export interface TableConversationStoreOptions {
  tableName?: string;
  clientOptions?: TableClientOptions;
  /** Attempts of one `update` before `ConversationBusyError`; tests lower it. */
  maxAttempts?: number;
  /** Pause between attempts; tests replace it to run without waiting. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `ConversationStore` on Azure Table Storage; see the module comment. */
export class TableConversationStore implements ConversationStore {
  private readonly table: LazyTable;
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /**
   * Each conversation's row as this process last read or wrote it. A turn reads its conversation's
   * record and then, often, updates it (the next question asked): `update` applies the change to the
   * remembered copy and writes it with its ETag, and reads the row only when that write fails because
   * someone else wrote the row meanwhile. `get` always reads storage; this is only a starting point for
   * an ETag-guarded write, never an answer.
   */
  private readonly known = new Map<string, KnownRow>();

  constructor(
    client: TableClient,
    options: Pick<TableConversationStoreOptions, 'maxAttempts' | 'sleep'> = {},
  ) {
    this.table = new LazyTable(client);
    this.maxAttempts = options.maxAttempts ?? CONVERSATION_UPDATE_ATTEMPTS;
    this.sleep = options.sleep ?? realSleep;
  }

  static fromConnectionString(
    connectionString: string,
    options: TableConversationStoreOptions = {},
  ): TableConversationStore {
    return new TableConversationStore(
      tableClientFromConnectionString(
        connectionString,
        options.tableName ?? DEFAULT_CONVERSATIONS_TABLE,
        options.clientOptions,
      ),
      options,
    );
  }

  private get client(): TableClient {
    return this.table.client;
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    await this.table.ready();
    const rowKey = encodeKey(conversationId);
    const row = await this.readRow(rowKey);
    return row && parseConversationRecord(row.json);
  }

  async update(
    conversationId: string,
    change: (current: ConversationRecord | undefined) => ConversationRecord,
  ): Promise<ConversationRecord> {
    await this.table.ready();
    const rowKey = encodeKey(conversationId);
    // The first attempt starts from the remembered row, without reading it; if someone else wrote the
    // row since, that write is refused like any lost race, and the next attempt reads.
    const remembered = this.known.get(rowKey);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const row = attempt === 1 && remembered ? remembered : await this.readRow(rowKey);
      const written = await this.write(conversationId, rowKey, row, change);
      if (written) return written;
      if (attempt < this.maxAttempts) await this.sleep(conflictBackoffMs(attempt));
    }
    throw new ConversationBusyError(conversationId, this.maxAttempts);
  }

  /** The row's record JSON and ETag, remembered for the next `update`; undefined when there is none. */
  private async readRow(rowKey: string): Promise<KnownRow | undefined> {
    const row = await getEntityIfExists(this.client, CONVERSATION_PARTITION, rowKey);
    if (!row) {
      this.known.delete(rowKey);
      return undefined;
    }
    const known = { json: recordJson(row), etag: row.etag };
    this.remember(rowKey, known);
    return known;
  }

  /**
   * Applies the change to `current` and writes it only if the row is still `current` (If-Match), or
   * creates it when there was none. Undefined when another writer got there first (412, 409, or 404
   * for a remembered row that is gone): the caller reads again.
   */
  private async write(
    conversationId: string,
    rowKey: string,
    current: KnownRow | undefined,
    change: (current: ConversationRecord | undefined) => ConversationRecord,
  ): Promise<ConversationRecord | undefined> {
    const next = change(current && parseConversationRecord(current.json));
    const json = serializeConversationRecord(conversationId, next);
    const entity = { partitionKey: CONVERSATION_PARTITION, rowKey, ...recordColumns(next, json) };
    try {
      // "Replace", not "Merge": a shorter record must not keep the old record's trailing chunks.
      const written = current
        ? await this.client.updateEntity(entity, 'Replace', { etag: current.etag })
        : await this.client.createEntity(entity);
      if (written.etag) this.remember(rowKey, { json, etag: written.etag });
      else this.known.delete(rowKey);
      return parseConversationRecord(json);
    } catch (error) {
      const status = statusOf(error);
      // 412: changed since we read it; 409: created by someone else since we found nothing.
      if (status !== 409 && status !== 412 && status !== 404) {
        throw translateStorageError(error, `writing conversation ${conversationId}`);
      }
      this.known.delete(rowKey);
      return undefined;
    }
  }

  private remember(rowKey: string, row: KnownRow): void {
    this.known.delete(rowKey);
    this.known.set(rowKey, row);
    if (this.known.size > REMEMBERED_CONVERSATIONS) {
      const oldest = this.known.keys().next();
      if (oldest.done !== true) this.known.delete(oldest.value);
    }
  }

  async *list(): AsyncIterable<ConversationRecord> {
    await this.table.ready();
    const filter = odata`PartitionKey eq ${CONVERSATION_PARTITION}`;
    for await (const row of queryRows(this.client, 'listing conversations', filter)) yield readRecord(row);
  }
}

/** The columns of a row: the chunked JSON (the truth) and plain copies for people browsing the table. */
function recordColumns(record: ConversationRecord, json: string): Record<string, string | number> {
  const chunks = splitIntoChunks(json);
  return {
    format: ROW_FORMAT,
    conversationId: plainCopy(record.conversationId),
    ...(record.activeCaseId !== undefined && { activeCaseId: plainCopy(record.activeCaseId) }),
    updatedAt: plainCopy(record.updatedAt),
    recordChunks: chunks.length,
    ...chunkProperties('record', chunks),
  };
}

/**
 * A column for browsing only, cut to a length any property can hold: the record's JSON is the truth,
 * and an id from outside must never make the write fail.
 */
function plainCopy(text: string): string {
  return text.length <= PLAIN_COLUMN_CHARACTERS
    ? text
    : `${splitIntoChunks(text, PLAIN_COLUMN_CHARACTERS - 1)[0] ?? ''}…`;
}

function readRecord(row: StoredRow): ConversationRecord {
  return parseConversationRecord(recordJson(row));
}

/** The record's JSON, joined from its chunks; refuses a row of a layout this version cannot read. */
function recordJson(row: StoredRow): string {
  const format = requireNumber(row, 'format');
  if (format !== ROW_FORMAT) {
    throw new Error(
      `Conversation row ${optionalString(row, 'rowKey') ?? '?'} has format ${format}; this version reads ${ROW_FORMAT}`,
    );
  }
  return joinChunks(row, 'record', requireNumber(row, 'recordChunks'));
}
