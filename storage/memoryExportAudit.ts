/** The export audit in memory, for tests and the CLI's dry runs. Records are copied in and out. */
import type { ExportAudit, ExportRecord } from './exportAudit';

export class MemoryExportAudit implements ExportAudit {
  private readonly records: ExportRecord[] = [];

  record(entry: ExportRecord): Promise<void> {
    this.records.push(structuredClone(entry));
    return Promise.resolve();
  }

  async *list(): AsyncIterable<ExportRecord> {
    for (const record of [...this.records]) yield await Promise.resolve(structuredClone(record));
  }
}
