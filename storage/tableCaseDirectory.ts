/**
 * The case directory on Table Storage: one row per case with what a case list shows and filters on,
 * partitioned by conversation so "the cases of this chat" is a single-partition query.
 *
 * It is a copy kept beside the log, not part of it: the head row is the truth, and the directory is
 * updated after each successful append. Writes are guarded by the case version, so two appends finishing
 * out of order cannot leave the older summary behind.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { CaseStatus, CaseSummary } from '../engine/state';
import { DIRECTORY_TIME_SLACK_MS, type CaseFilter } from './eventLog';
import { directoryKeys, encodeKey } from './tableKeys';
import { optionalString, requireNumber, requireString, type StoredRow } from './tableEventRows';
import { getEntityIfExists, LazyTable, queryRows, statusOf, translateStorageError } from './tableStorage';

/** How often a directory write retries when another append updated the same row at the same moment. */
const DIRECTORY_WRITE_ATTEMPTS = 3;

/** Rows whose last known ETag is kept (the oldest is forgotten first): a few hundred bytes each. */
const REMEMBERED_ROWS = 10_000;

/** The case directory table; see the module comment. */
export class TableCaseDirectory {
  private readonly table: LazyTable;
  /**
   * The ETag and version of each row as this process last wrote or read it. Every append records the
   * case here, so the next append of the same case can write straight away with that ETag instead of
   * reading the row first; if anyone wrote the row since (another instance), the ETag no longer matches
   * and the write falls back to reading it. Only ever a hint: versions only grow, and every write is
   * guarded by an ETag.
   */
  private readonly known = new Map<string, KnownRow>();

  constructor(readonly client: TableClient) {
    this.table = new LazyTable(client);
  }

  /**
   * Stores the summary unless the directory already holds the same or a newer version of the case, or
   * unless nothing a list shows has changed (see `mayKeep`). `previous` is the summary of the state the
   * append was made on (its head's ETag matched, so it is what the case was a moment ago).
   * Throws on storage failure; the caller decides whether that matters.
   */
  async record(summary: CaseSummary, previous?: CaseSummary): Promise<void> {
    await this.table.ready();
    const keys = directoryKeys(summary.conversationId, summary.caseId);
    const entity = { ...keys, ...summaryColumns(summary) };
    // Partition keys are encoded ids without control characters, so NUL cannot occur in either part.
    const rowId = `${keys.partitionKey}\u0000${keys.rowKey}`;
    const known = this.known.get(rowId);
    if (known && known.version >= summary.version) return;
    if (known && previous !== undefined && mayKeep(known, previous, summary)) return;
    if (known) {
      try {
        const written = await this.client.updateEntity(entity, 'Replace', { etag: known.etag });
        this.remember(rowId, written.etag, summary);
        return;
      } catch (error) {
        const status = statusOf(error);
        // 412: written by someone else since; 404: gone. Either way, read it and decide below.
        if (status !== 404 && status !== 412) {
          throw translateStorageError(error, `recording case ${summary.caseId} in the directory`);
        }
        this.known.delete(rowId);
      }
    }
    for (let attempt = 1; attempt <= DIRECTORY_WRITE_ATTEMPTS; attempt += 1) {
      const existing = await getEntityIfExists(this.client, keys.partitionKey, keys.rowKey);
      if (existing && requireNumber(existing, 'version') >= summary.version) {
        this.remember(rowId, existing.etag, toCaseSummary(existing));
        return;
      }
      try {
        const written = existing
          ? await this.client.updateEntity(entity, 'Replace', { etag: existing.etag })
          : await this.client.createEntity(entity);
        this.remember(rowId, written.etag, summary);
        return;
      } catch (error) {
        const status = statusOf(error);
        // Someone else wrote the row between our read and write: read again and compare versions.
        if (status === 409 || status === 412) continue;
        throw translateStorageError(error, `recording case ${summary.caseId} in the directory`);
      }
    }
    throw new Error(
      `The directory row of case ${summary.caseId} kept changing; gave up after ${DIRECTORY_WRITE_ATTEMPTS} attempts`,
    );
  }

  private remember(rowId: string, etag: string | undefined, stored: CaseSummary): void {
    this.known.delete(rowId);
    if (etag === undefined || etag === '') return;
    this.known.set(rowId, {
      etag,
      version: stored.version,
      listing: listingOf(stored),
      updatedAt: stored.updatedAt,
    });
    if (this.known.size > REMEMBERED_ROWS) {
      const oldest = this.known.keys().next();
      if (oldest.done !== true) this.known.delete(oldest.value);
    }
  }

  /** Summaries matching every field of the filter, streamed page by page. */
  async *list(filter: CaseFilter = {}): AsyncIterable<CaseSummary> {
    await this.table.ready();
    const query = caseFilterToOData(filter);
    for await (const row of queryRows(this.client, 'listing cases', query)) yield toCaseSummary(row);
  }
}

/** What this process last wrote or read in a directory row. */
interface KnownRow {
  etag: string;
  version: number;
  /** The row's columns a list shows and filters on, except the version and the time (`listingOf`). */
  listing: string;
  updatedAt: string;
}

/**
 * What a list of cases shows and filters on, as one comparable string: every column but the version and
 * the time of the last change, which change with every append.
 */
function listingOf(summary: CaseSummary): string {
  const { version: _version, updatedAt: _updatedAt, ...listed } = summaryColumns(summary);
  return JSON.stringify(listed);
}

/**
 * True when the row may stay as it is: the append changed nothing a list shows (its state before and
 * after list the same), this process itself wrote (or read) the row with exactly that listing, and the
 * row's time of last change is less than `DIRECTORY_TIME_SLACK_MS` older than the case's. Most appends
 * (an answer, an idea, a join) change nothing a list shows, so they cost no directory write. The check
 * on the state before guards against another instance having changed the listing meanwhile (this
 * process's memory would then be out of date, but the head the append was made on is not: its ETag
 * matched); the check on memory guards against a directory write of an earlier append that failed.
 */
function mayKeep(known: KnownRow, previous: CaseSummary, summary: CaseSummary): boolean {
  const listing = listingOf(summary);
  return (
    listingOf(previous) === listing &&
    known.listing === listing &&
    Date.parse(summary.updatedAt) - Date.parse(known.updatedAt) < DIRECTORY_TIME_SLACK_MS
  );
}

/**
 * The OData filter for a case filter, every value escaped by the SDK's `odata` tag. The conversation is the
 * partition key, so filtering on it reads one partition; the rest are property filters.
 */
export function caseFilterToOData(filter: CaseFilter): string | undefined {
  const conditions: string[] = [];
  if (filter.conversationId !== undefined) {
    conditions.push(odata`PartitionKey eq ${encodeKey(filter.conversationId)}`);
  }
  if (filter.status !== undefined) conditions.push(odata`status eq ${filter.status}`);
  if (filter.templateId !== undefined) conditions.push(odata`templateId eq ${filter.templateId}`);
  if (filter.unit !== undefined) conditions.push(odata`unit eq ${filter.unit}`);
  if (filter.updatedFrom !== undefined) conditions.push(odata`updatedAt ge ${filter.updatedFrom}`);
  if (filter.updatedTo !== undefined) conditions.push(odata`updatedAt lt ${filter.updatedTo}`);
  return conditions.length === 0 ? undefined : conditions.join(' and ');
}

function summaryColumns(summary: CaseSummary): Record<string, string | number | boolean> {
  return {
    caseId: summary.caseId,
    conversationId: summary.conversationId,
    title: summary.title,
    ...(summary.unit !== undefined && { unit: summary.unit }),
    ...(summary.municipality !== undefined && { municipality: summary.municipality }),
    templateId: summary.templateId,
    templateVersion: summary.templateVersion,
    status: summary.status,
    currentStageId: summary.currentStageId,
    openedAt: summary.openedAt,
    updatedAt: summary.updatedAt,
    version: summary.version,
    gatePending: summary.gatePending,
  };
}

function toCaseSummary(row: StoredRow): CaseSummary {
  const unit = optionalString(row, 'unit');
  const municipality = optionalString(row, 'municipality');
  return {
    caseId: requireString(row, 'caseId'),
    conversationId: requireString(row, 'conversationId'),
    title: requireString(row, 'title'),
    ...(unit !== undefined && { unit }),
    ...(municipality !== undefined && { municipality }),
    templateId: requireString(row, 'templateId'),
    templateVersion: requireNumber(row, 'templateVersion'),
    status: requireString(row, 'status') as CaseStatus,
    currentStageId: requireString(row, 'currentStageId'),
    openedAt: requireString(row, 'openedAt'),
    updatedAt: requireString(row, 'updatedAt'),
    version: requireNumber(row, 'version'),
    gatePending: row.gatePending === true,
  };
}
