/** The export audit, held to one contract in memory and on Azurite. */
import { describe, expect, inject, it } from 'vitest';
import type { ExportAudit, ExportRecord } from '../../storage/exportAudit';
import { MemoryExportAudit } from '../../storage/memoryExportAudit';
import { TableExportAudit } from '../../storage/tableExportAudit';
import { createTableClient } from '../../runtime/tables';
import { uniqueTableName } from './caseFixtures';

const connectionString = inject('tablesConnectionString');

function record(overrides: Partial<ExportRecord> = {}): ExportRecord {
  return {
    exportId: 'export-1',
    at: '2026-12-01T10:00:00.000Z',
    requestedBy: 'aad-rita',
    via: 'api',
    format: 'qdpx',
    names: 'pseudonymised',
    language: 'nb',
    scope: { caseIds: ['case-a', 'case-b'], filter: { status: 'completed' } },
    eventCount: 120,
    ...overrides,
  };
}

async function all(audit: ExportAudit): Promise<ExportRecord[]> {
  const records: ExportRecord[] = [];
  for await (const entry of audit.list()) records.push(entry);
  return records;
}

function describeContract(name: string, make: () => ExportAudit): void {
  describe(`${name} (ExportAudit contract)`, () => {
    it('records exports and lists them oldest first, whole', async () => {
      const audit = make();
      await audit.record(record());
      await audit.record(
        record({
          exportId: 'export-2',
          at: '2027-01-02T09:00:00.000Z',
          via: 'cli',
          names: 'real',
          language: 'en',
          requestedBy: 'cli:rita',
        }),
      );
      expect(await all(audit)).toEqual([
        record(),
        record({
          exportId: 'export-2',
          at: '2027-01-02T09:00:00.000Z',
          via: 'cli',
          names: 'real',
          language: 'en',
          requestedBy: 'cli:rita',
        }),
      ]);
    });

    it('keeps a large scope without cutting it short', async () => {
      const audit = make();
      const caseIds = Array.from(
        { length: 2000 },
        (_, i) => `case-${String(i).padStart(5, '0')}-with-a-longer-id`,
      );
      await audit.record(record({ scope: { caseIds } }));
      expect((await all(audit))[0]?.scope.caseIds).toEqual(caseIds);
    });
  });
}

describeContract('MemoryExportAudit', () => new MemoryExportAudit());
describeContract(
  'TableExportAudit on Azurite',
  () => new TableExportAudit(createTableClient(connectionString, uniqueTableName('audit'))),
);

describe('TableExportAudit', () => {
  it('never replaces a record', async () => {
    const audit = new TableExportAudit(createTableClient(connectionString, uniqueTableName('audit')));
    await audit.record(record());
    await expect(audit.record(record({ format: 'json' }))).rejects.toThrow();
    expect((await all(audit)).map((r) => r.format)).toEqual(['qdpx']);
  });
});
