/**
 * Someone with write access to the storage account edits the log behind the application's back. The
 * hash chain cannot prevent that, but `verify` must notice it and name the first row affected.
 */
import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import { STATE_FORMAT } from '../../engine/stateFormat';
import { eventRowKey } from '../../storage/eventLog';
import { eventHash, nativeSha256Hex } from '../../storage/hashChain';
import { TableEventLog } from '../../storage/tableEventLog';
import { TablePeopleDirectory } from '../../storage/tablePeopleDirectory';
import {
  appendOnto,
  caseOpened,
  collect,
  ideaRecorded,
  minutesAfterStart,
  uniqueCaseId,
  uniqueTableName,
} from './caseFixtures';

const connectionString = inject('tablesConnectionString');

interface TamperableCase {
  log: TableEventLog;
  table: TableClient;
  caseId: string;
}

/** A case of five events (opened, then "idea 1" … "idea 4"), each idea by its own person. */
async function caseOfFiveEvents(): Promise<TamperableCase> {
  const tableName = uniqueTableName('ev');
  const log = TableEventLog.fromConnectionString(connectionString, {
    eventsTableName: tableName,
    directoryTableName: uniqueTableName('dir'),
  });
  const caseId = uniqueCaseId();
  let head = (await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]))).head;
  for (let index = 1; index <= 4; index += 1) {
    const idea = ideaRecorded(`idea ${index}`, minutesAfterStart(index), `person-${index}`);
    head = (await log.append(appendOnto(caseId, head, [idea], `activity-${index}`))).head;
  }
  const table = TableClient.fromConnectionString(connectionString, tableName, {
    allowInsecureConnection: true,
  });
  return { log, table, caseId };
}

async function editRow(
  { table, caseId }: TamperableCase,
  rowKey: string,
  edit: (row: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const row = await table.getEntity<Record<string, unknown>>(caseId, rowKey);
  const serviceFields = ['etag', 'timestamp', 'odata.metadata'];
  const properties = Object.fromEntries(
    Object.entries(row).filter(([name]) => !serviceFields.includes(name)),
  );
  await table.updateEntity({ ...edit(properties), partitionKey: caseId, rowKey }, 'Replace');
}

describe('verify on a tampered Table log', () => {
  it('passes the untouched log', async () => {
    const tamperable = await caseOfFiveEvents();
    expect(await tamperable.log.verify(tamperable.caseId)).toEqual({
      caseId: tamperable.caseId,
      ok: true,
      checked: 5,
    });
  });

  it('names an event whose text was edited in place', async () => {
    const tamperable = await caseOfFiveEvents();
    await editRow(tamperable, eventRowKey(3), (row) => ({
      ...row,
      body0: String(row.body0).replace('idea 2', 'idea X'),
    }));

    const report = await tamperable.log.verify(tamperable.caseId);

    expect(report).toMatchObject({
      ok: false,
      checked: 3,
      firstMismatch: { seq: 3, rowKey: eventRowKey(3), reason: 'hashMismatch' },
    });
  });

  it('names the row after one that was deleted', async () => {
    const tamperable = await caseOfFiveEvents();
    await tamperable.table.deleteEntity(tamperable.caseId, eventRowKey(3));

    const report = await tamperable.log.verify(tamperable.caseId);

    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject({ seq: 4, rowKey: eventRowKey(4), reason: 'gapInSequence' });
  });

  it('catches an edit whose hash was recomputed, at the next row', async () => {
    const tamperable = await caseOfFiveEvents();
    const [original] = await collect(tamperable.log.readEvents(tamperable.caseId, { fromSeq: 3, toSeq: 3 }));
    if (original?.event.type !== 'IdeaRecorded') throw new Error('fixture changed');
    const forged = { ...original.event, text: 'forged' };
    await editRow(tamperable, eventRowKey(3), (row) => ({
      ...row,
      body0: String(row.body0).replace('idea 2', 'forged'),
      hash: eventHash(original.prevHash, {
        caseId: tamperable.caseId,
        seq: 3,
        event: forged,
        deliveryId: 'activity-2',
      }),
    }));

    const report = await tamperable.log.verify(tamperable.caseId);

    expect(report.firstMismatch).toMatchObject({ seq: 4, rowKey: eventRowKey(4), reason: 'brokenChain' });
  });

  it('names a row whose body was rewritten in a form the log never writes, even with the same content', async () => {
    // The hash is checked on the body as stored; a body that is not canonical JSON was not written by
    // the log. Here its keys are reversed: its canonical form is unchanged and would match the hash.
    const reordered = await caseOfFiveEvents();
    await editRow(reordered, eventRowKey(3), (row) => ({
      ...row,
      body0: JSON.stringify(
        Object.fromEntries(Object.entries(JSON.parse(String(row.body0)) as object).reverse()),
      ),
    }));
    expect(await reordered.log.verify(reordered.caseId)).toMatchObject({
      ok: false,
      checked: 3,
      firstMismatch: { seq: 3, rowKey: eventRowKey(3), reason: 'hashMismatch' },
    });

    // A forger who hashes the non-canonical text itself does not get through either.
    const forged = await caseOfFiveEvents();
    const [original] = await collect(forged.log.readEvents(forged.caseId, { fromSeq: 3, toSeq: 3 }));
    if (original === undefined) throw new Error('fixture changed');
    const spaced = JSON.stringify(original.event, undefined, 1);
    await editRow(forged, eventRowKey(3), (row) => ({
      ...row,
      body0: spaced,
      hash: nativeSha256Hex(
        `${original.prevHash}\n{"caseId":${JSON.stringify(forged.caseId)},"deliveryId":"activity-2","event":${spaced},"seq":3}`,
      ),
    }));
    expect((await forged.log.verify(forged.caseId)).firstMismatch).toMatchObject({
      seq: 3,
      rowKey: eventRowKey(3),
      reason: 'hashMismatch',
    });
  });

  it('names a row whose body no longer parses, and one whose readable columns were changed', async () => {
    const unreadable = await caseOfFiveEvents();
    await editRow(unreadable, eventRowKey(2), (row) => ({ ...row, body0: '{"type":"IdeaRec' }));
    expect((await unreadable.log.verify(unreadable.caseId)).firstMismatch).toMatchObject({
      seq: 2,
      rowKey: eventRowKey(2),
      reason: 'unreadable',
    });

    const relabelled = await caseOfFiveEvents();
    await editRow(relabelled, eventRowKey(4), (row) => ({ ...row, actorId: 'someone-else' }));
    expect((await relabelled.log.verify(relabelled.caseId)).firstMismatch).toMatchObject({
      seq: 4,
      rowKey: eventRowKey(4),
      reason: 'hashMismatch',
    });
  });

  it('names the head when it no longer matches the last event', async () => {
    const tamperable = await caseOfFiveEvents();
    await editRow(tamperable, 'H', (row) => ({ ...row, lastHash: '1'.repeat(64) }));

    expect((await tamperable.log.verify(tamperable.caseId)).firstMismatch).toMatchObject({
      rowKey: 'H',
      reason: 'headMismatch',
    });
  });

  it('reads and verifies rows written before formats were recorded, trusting the events over the snapshot', async () => {
    const tamperable = await caseOfFiveEvents();
    const before = await tamperable.log.readHead(tamperable.caseId);
    const events = await collect(tamperable.log.readEvents(tamperable.caseId));
    // Rows as the previous version wrote them: no eventFormat, no stateFormat; and a snapshot that an
    // older evolve could have built differently (here: another title and count than the events say).
    for (let seq = 1; seq <= 5; seq += 1) {
      await editRow(tamperable, eventRowKey(seq), ({ eventFormat: _eventFormat, ...row }) => row);
    }
    await editRow(tamperable, 'H', ({ stateFormat: _stateFormat, ...row }) => ({
      ...row,
      state0: String(row.state0).replace('"ideas":4', '"ideas":7').replace('Felles', 'Stale'),
    }));

    const oldHeadRow = await tamperable.table.getEntity<Record<string, unknown>>(tamperable.caseId, 'H');
    expect(String(oldHeadRow.state0)).toContain('"ideas":7');
    expect(await collect(tamperable.log.readEvents(tamperable.caseId))).toEqual(events);
    const head = await tamperable.log.readHead(tamperable.caseId);
    expect(head?.state).toEqual(before?.state);
    expect(head?.state.counts.ideas).toBe(4);
    expect(await tamperable.log.verify(tamperable.caseId)).toEqual({
      caseId: tamperable.caseId,
      ok: true,
      checked: 5,
    });

    if (!head) throw new Error('no head');
    const idea = ideaRecorded('idea 5', minutesAfterStart(5));
    await tamperable.log.append(appendOnto(tamperable.caseId, head, [idea], 'activity-5'));
    const headRow = await tamperable.table.getEntity<Record<string, unknown>>(tamperable.caseId, 'H');
    const newRow = await tamperable.table.getEntity<Record<string, unknown>>(
      tamperable.caseId,
      eventRowKey(6),
    );
    expect(headRow.stateFormat).toBe(STATE_FORMAT);
    expect(newRow.eventFormat).toBe(1);
    expect(String(headRow.state0)).toContain('"ideas":5');
    expect(await tamperable.log.verify(tamperable.caseId)).toMatchObject({ ok: true, checked: 6 });
  });

  it('names the head when the title in its snapshot was changed but not in the events', async () => {
    const tamperable = await caseOfFiveEvents();
    await editRow(tamperable, 'H', (row) => ({
      ...row,
      state0: String(row.state0).replace('Felles oppstartsteam', 'Endret tittel'),
    }));

    expect(await tamperable.log.verify(tamperable.caseId)).toEqual({
      caseId: tamperable.caseId,
      ok: false,
      checked: 5,
      firstMismatch: {
        seq: 5,
        rowKey: 'H',
        reason: 'snapshotMismatch',
        detail: "the head's state snapshot is not the fold of the events; it differs in: title",
      },
    });
  });

  it('names a row whose event format is newer than this version or not a format at all', async () => {
    const newer = await caseOfFiveEvents();
    await editRow(newer, eventRowKey(3), (row) => ({ ...row, eventFormat: 99 }));
    expect((await newer.log.verify(newer.caseId)).firstMismatch).toMatchObject({
      seq: 3,
      rowKey: eventRowKey(3),
      reason: 'unreadable',
      detail: expect.stringContaining('format 99, newer than this version') as unknown,
    });
    await expect(collect(newer.log.readEvents(newer.caseId))).rejects.toThrow(/format 99/);

    const garbled = await caseOfFiveEvents();
    await editRow(garbled, eventRowKey(2), (row) => ({ ...row, eventFormat: 'one' }));
    expect((await garbled.log.verify(garbled.caseId)).firstMismatch).toMatchObject({
      seq: 2,
      reason: 'unreadable',
      detail: 'the eventFormat column is not a format version',
    });
  });

  it('refuses to read an old-format head whose events have a gap, rather than guess its state', async () => {
    const tamperable = await caseOfFiveEvents();
    await editRow(tamperable, 'H', ({ stateFormat: _stateFormat, ...row }) => row);
    await tamperable.table.deleteEntity(tamperable.caseId, eventRowKey(3));

    await expect(tamperable.log.readHead(tamperable.caseId)).rejects.toThrow(/event 3 is missing/);
  });

  it('still verifies after the people directory erases a name: events hold ids only', async () => {
    const tamperable = await caseOfFiveEvents();
    const people = TablePeopleDirectory.fromConnectionString(connectionString, {
      tableName: uniqueTableName('people'),
    });
    await people.upsertPerson({
      personId: 'person-2',
      displayName: 'Kari Nordmann',
      email: 'kari@kommune.no',
      seenAt: minutesAfterStart(2),
    });
    const rows = tamperable.table.listEntities({
      queryOptions: { filter: `PartitionKey eq '${tamperable.caseId}'` },
    });
    for await (const row of rows) {
      expect(JSON.stringify(row)).not.toContain('Kari');
    }

    await people.erasePerson('person-2', minutesAfterStart(60));

    expect((await people.getPeople(['person-2'])).get('person-2')).toEqual({
      personId: 'person-2',
      erasedAt: minutesAfterStart(60),
    });
    expect(await tamperable.log.verify(tamperable.caseId)).toMatchObject({ ok: true, checked: 5 });
    const [idea] = await collect(tamperable.log.readEvents(tamperable.caseId, { fromSeq: 3, toSeq: 3 }));
    expect(idea?.event.actorId).toBe('person-2');
  });
});
