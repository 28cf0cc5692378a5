/**
 * An export from the Table log checks each event's hash on the body as stored (the canonical JSON the
 * log wrote), not on a canonical form rebuilt from it. A row whose content was edited, or whose body was
 * rewritten in another form than the one the log writes, is reported at that event; the untouched rows
 * check out.
 */
import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import type { ProjectedEvent } from '../../research/exportModel';
import { eventRowKey } from '../../storage/eventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { TableEventLog } from '../../storage/tableEventLog';
import { uniqueCaseId, uniqueTableName } from '../storage/caseFixtures';
import { storeExampleCase } from './exampleCase';
import { projectedItems } from './exportSupport';

const connectionString = inject('tablesConnectionString');

async function exampleOnTable(): Promise<{
  log: TableEventLog;
  table: TableClient;
  caseId: string;
  people: MemoryPeopleDirectory;
}> {
  const eventsTableName = uniqueTableName('ev');
  const log = TableEventLog.fromConnectionString(connectionString, {
    eventsTableName,
    directoryTableName: uniqueTableName('dir'),
  });
  const people = new MemoryPeopleDirectory();
  const caseId = uniqueCaseId();
  await storeExampleCase(log, people, caseId);
  const table = TableClient.fromConnectionString(connectionString, eventsTableName, {
    allowInsecureConnection: true,
  });
  return { log, table, caseId, people };
}

/** Replaces one event row's single-chunk body with what `rewrite` makes of the stored text. */
async function rewriteBody(
  { table, caseId }: { table: TableClient; caseId: string },
  seq: number,
  rewrite: (body: string) => string,
): Promise<void> {
  const row = await table.getEntity<Record<string, unknown>>(caseId, eventRowKey(seq));
  if (row.bodyChunks !== 1) throw new Error('the fixture row has more than one chunk');
  await table.updateEntity(
    { partitionKey: caseId, rowKey: eventRowKey(seq), body0: rewrite(String(row.body0)) },
    'Merge',
  );
}

async function exportedEvents(
  fixture: Awaited<ReturnType<typeof exampleOnTable>>,
): Promise<ProjectedEvent[]> {
  const { items } = await projectedItems(fixture.log, fixture.people, [fixture.caseId]);
  return items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
}

describe('the chain check of an export from the Table log', () => {
  it('passes every untouched event', async () => {
    const fixture = await exampleOnTable();
    const events = await exportedEvents(fixture);
    expect(events.length).toBeGreaterThan(20);
    expect(events.filter((event) => !event.chainOk)).toEqual([]);
  });

  it('reports an event whose stored text was edited', async () => {
    const fixture = await exampleOnTable();
    await rewriteBody(fixture, 4, (body) => body.replace('"at":"', '"at":"1'));
    const events = await exportedEvents(fixture);
    expect(
      events.filter((event) => !event.chainOk).map((event) => [event.seq, event.chainProblem?.reason]),
    ).toEqual([[4, 'hashMismatch']]);
  });

  it('reports an event whose body was rewritten in a form the log does not write, though it means the same', async () => {
    const fixture = await exampleOnTable();
    // Same content, keys no longer sorted: its canonical form would still hash to the stored hash.
    await rewriteBody(fixture, 4, (body) =>
      JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(body) as object).reverse())),
    );
    const events = await exportedEvents(fixture);
    expect(
      events.filter((event) => !event.chainOk).map((event) => [event.seq, event.chainProblem?.reason]),
    ).toEqual([[4, 'hashMismatch']]);
  });
});
