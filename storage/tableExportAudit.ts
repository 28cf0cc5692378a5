/**
 * The export audit on Azure Table Storage: table "researchexports", partitioned by month of the export
 * (`2026-01`), row key = start time and export id, so key order is time order and a month is one query.
 * The scope (possibly hundreds of case ids) is JSON in chunked properties, never cut short.
 */
import type { TableClient } from '@azure/data-tables';
import { isLanguage } from '../engine/localized';
import { chunkProperties, joinChunks, splitIntoChunks } from './chunkedText';
import type { ExportAudit, ExportRecord } from './exportAudit';
import { requireNumber, requireString } from './tableEventRows';
import { LazyTable, queryRows, translateStorageError } from './tableStorage';

export const DEFAULT_EXPORT_AUDIT_TABLE = 'researchexports';

/** A row holds at most 1 MiB; the scope's chunks stay well below it (about 800 KB of JSON). */
const MAX_SCOPE_CHUNKS = 25;

export class TableExportAudit implements ExportAudit {
  private readonly table: LazyTable;

  constructor(client: TableClient) {
    this.table = new LazyTable(client);
  }

  async record(entry: ExportRecord): Promise<void> {
    await this.table.ready();
    const scope = splitIntoChunks(JSON.stringify(entry.scope));
    if (scope.length > MAX_SCOPE_CHUNKS) {
      throw new Error(`The export scope is too large to record (${scope.length} chunks of JSON)`);
    }
    try {
      // `createEntity`, never upsert: an audit record is written once and never replaced.
      await this.table.client.createEntity({
        partitionKey: entry.at.slice(0, 7),
        rowKey: `${entry.at}_${entry.exportId}`,
        exportId: entry.exportId,
        at: entry.at,
        requestedBy: entry.requestedBy,
        via: entry.via,
        format: entry.format,
        names: entry.names,
        language: entry.language,
        caseCount: entry.scope.caseIds.length,
        eventCount: entry.eventCount,
        scopeChunks: scope.length,
        ...chunkProperties('scope', scope),
      });
    } catch (error) {
      throw translateStorageError(error, 'recording a research export');
    }
  }

  async *list(): AsyncIterable<ExportRecord> {
    await this.table.ready();
    for await (const row of queryRows(this.table.client, 'listing research exports')) {
      yield {
        exportId: requireString(row, 'exportId'),
        at: requireString(row, 'at'),
        requestedBy: requireString(row, 'requestedBy'),
        via: requireString(row, 'via') === 'cli' ? 'cli' : 'api',
        format: requireString(row, 'format'),
        names: requireString(row, 'names') === 'real' ? 'real' : 'pseudonymised',
        language: languageOfRow(requireString(row, 'language')),
        scope: JSON.parse(
          joinChunks(row, 'scope', requireNumber(row, 'scopeChunks')),
        ) as ExportRecord['scope'],
        eventCount: requireNumber(row, 'eventCount'),
      };
    }
  }
}

/** The export's language as recorded; a row from before a language was known reads as Bokmål, the default. */
function languageOfRow(value: string): ExportRecord['language'] {
  return isLanguage(value) ? value : 'nb';
}
