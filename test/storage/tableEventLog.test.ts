import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import { sha256Hex } from '../../engine/hashing';
import { summarize, type CaseState } from '../../engine/state';
import { chunkProperties, splitIntoChunks } from '../../storage/chunkedText';
import { eventRowKey } from '../../storage/eventLog';
import { TableCaseDirectory } from '../../storage/tableCaseDirectory';
import { TableEventLog, type TableEventLogOptions } from '../../storage/tableEventLog';
import { tableClientFromConnectionString } from '../../storage/tableStorage';
import {
  appendOnto,
  awkwardText,
  caseOpened,
  casePaused,
  collect,
  documentationRecorded,
  foldOnto,
  ideaRecorded,
  minutesAfterStart,
  uniqueCaseId,
  uniqueTableName,
} from './caseFixtures';
import {
  describeEventLogContract,
  describeStoredStateContract,
  type StoredHeadSnapshot,
} from './eventLog.contract';

const connectionString = inject('tablesConnectionString');

function makeTableLog(options: TableEventLogOptions = {}): { log: TableEventLog; eventsTableName: string } {
  const eventsTableName = uniqueTableName('ev');
  const log = TableEventLog.fromConnectionString(connectionString, {
    eventsTableName,
    directoryTableName: uniqueTableName('dir'),
    ...options,
  });
  return { log, eventsTableName };
}

describeEventLogContract('TableEventLog on Azurite', () => Promise.resolve(makeTableLog().log));

describeStoredStateContract('TableEventLog on Azurite', () => {
  const { log, eventsTableName } = makeTableLog();
  const table = TableClient.fromConnectionString(connectionString, eventsTableName, {
    allowInsecureConnection: true,
  });
  return Promise.resolve({ log, rewriteHead: (caseId, change) => rewriteHeadRow(table, caseId, change) });
});

/**
 * Rewrites the head row's snapshot and `stateFormat` column directly in the table (`stateFormat`
 * undefined: the column is removed, as in heads written before it existed). Small snapshots only.
 */
async function rewriteHeadRow(
  table: TableClient,
  caseId: string,
  change: (head: StoredHeadSnapshot) => StoredHeadSnapshot,
): Promise<void> {
  const row = await table.getEntity<Record<string, unknown>>(caseId, 'H');
  if (row.snapshotRows !== 0) throw new Error('rewriteHeadRow handles snapshots within the head only');
  const chunks = Number(row.stateChunks);
  const stateJson = Array.from({ length: chunks }, (_, index) => String(row[`state${index}`])).join('');
  const changed = change({
    state: JSON.parse(stateJson) as CaseState,
    stateFormat: row.stateFormat === undefined ? undefined : Number(row.stateFormat),
  });
  const kept = Object.fromEntries(
    Object.entries(row).filter(
      ([name]) =>
        !['etag', 'timestamp', 'odata.metadata', 'stateFormat', 'stateChunks'].includes(name) &&
        !/^state\d+$/.test(name),
    ),
  );
  const newChunks = splitIntoChunks(JSON.stringify(changed.state));
  await table.updateEntity(
    {
      ...kept,
      partitionKey: caseId,
      rowKey: 'H',
      stateChunks: newChunks.length,
      ...chunkProperties('state', newChunks),
      ...(changed.stateFormat !== undefined && { stateFormat: changed.stateFormat }),
    },
    'Replace',
  );
}

type PipelinePolicy = Parameters<TableClient['pipeline']['addPolicy']>[0];

/** Counts the HTTP requests a client sends, to hold the adapter to its cost promises. */
/** Makes the client's next requests fail as an unreachable service would (the SDK does not retry a 400). */
function failNextRequests(client: TableClient): { failNext: (count: number) => void } {
  let failures = 0;
  const policy: PipelinePolicy = {
    name: 'failNextRequestsForTest',
    sendRequest: (request, next) => {
      if (failures === 0) return next(request);
      failures -= 1;
      return Promise.reject(new Error('injected directory failure'));
    },
  };
  client.pipeline.addPolicy(policy);
  return { failNext: (count) => (failures = count) };
}

function countRequests(client: TableClient): { count: () => number; reset: () => void } {
  let requests = 0;
  const policy: PipelinePolicy = {
    name: 'countRequestsForTest',
    sendRequest: (request, next) => {
      requests += 1;
      return next(request);
    },
  };
  client.pipeline.addPolicy(policy);
  return { count: () => requests, reset: () => (requests = 0) };
}

async function rowsOf(client: TableClient, caseId: string): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>();
  for await (const row of client.listEntities<Record<string, unknown>>({
    queryOptions: { filter: `PartitionKey eq '${caseId}'` },
  })) {
    rows.set(row.rowKey ?? '', row);
  }
  return rows;
}

describe('TableEventLog row layout', () => {
  it('keeps events, deliveries, head and snapshot spill rows in the case partition', async () => {
    const { log, eventsTableName } = makeTableLog();
    const caseId = uniqueCaseId();
    let head = (await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)], 'activity/1#?'))).head;
    const longText = awkwardText(100_000);
    head = (await log.append(appendOnto(caseId, head, [ideaRecorded(longText, minutesAfterStart(1))]))).head;
    for (let prompt = 1; prompt <= 4; prompt += 1) {
      const answer = documentationRecorded(`prompt${prompt}`, 'z'.repeat(120_000), 1, minutesAfterStart(2));
      head = (await log.append(appendOnto(caseId, head, [answer]))).head;
    }

    const client = TableClient.fromConnectionString(connectionString, eventsTableName, {
      allowInsecureConnection: true,
    });
    const rows = await rowsOf(client, caseId);
    expect([...rows.keys()].sort()).toEqual([
      `D${sha256Hex('activity/1#?')}`,
      eventRowKey(1),
      eventRowKey(2),
      eventRowKey(3),
      eventRowKey(4),
      eventRowKey(5),
      eventRowKey(6),
      'H',
      'S000001',
    ]);

    const longEvent = rows.get(eventRowKey(2)) ?? {};
    expect(longEvent).toMatchObject({ seq: 2, type: 'IdeaRecorded', actorId: 'person-owner', bodyChunks: 4 });
    for (const chunk of ['body0', 'body1', 'body2', 'body3']) {
      expect(String(longEvent[chunk]).length).toBeLessThanOrEqual(30_000);
    }
    expect(rows.get(`D${sha256Hex('activity/1#?')}`)).toMatchObject({
      deliveryId: 'activity/1#?',
      firstSeq: 1,
      lastSeq: 1,
    });
    expect(rows.get('H')).toMatchObject({
      version: 6,
      lastHash: head.lastHash,
      stateChunks: 12,
      snapshotRows: 1,
      status: 'active',
      conversationId: head.state.conversationId,
      title: head.state.title,
      templateId: 'default',
      updatedAt: head.state.updatedAt,
    });
    expect(rows.get('S000001')).toMatchObject({ version: 6 });
    for (const row of rows.values()) {
      for (const value of Object.values(row)) expect(typeof value).not.toBe('bigint');
    }
  });

  it('reads a case with one request however long its log is', async () => {
    const eventsClient = tableClientFromConnectionString(connectionString, uniqueTableName('ev'));
    const directoryClient = tableClientFromConnectionString(connectionString, uniqueTableName('dir'));
    const log = new TableEventLog(eventsClient, directoryClient);
    const requests = countRequests(eventsClient);
    const caseId = uniqueCaseId();
    const opened = await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]));
    const ideas = Array.from({ length: 80 }, (_, index) =>
      ideaRecorded(`idea ${index}`, minutesAfterStart(1)),
    );
    await log.append(appendOnto(caseId, opened.head, ideas));

    requests.reset();
    const head = await log.readHead(caseId);

    expect(head?.version).toBe(81);
    expect(requests.count()).toBe(1);
  });

  it("appends with one transaction and no read: the caller's head and its ETag stand in", async () => {
    const eventsClient = tableClientFromConnectionString(connectionString, uniqueTableName('ev'));
    const log = new TableEventLog(
      eventsClient,
      tableClientFromConnectionString(connectionString, uniqueTableName('dir')),
    );
    const requests = countRequests(eventsClient);
    const caseId = uniqueCaseId();
    const opened = await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]));

    requests.reset();
    await log.append(
      appendOnto(caseId, opened.head, [ideaRecorded('one'), ideaRecorded('two')], 'activity-2'),
    );

    expect(requests.count()).toBe(1);
  });
});

describe('TableEventLog case directory', () => {
  it('does not fail an append when the directory cannot be written, and warns', async () => {
    const warnings: string[] = [];
    const eventsClient = tableClientFromConnectionString(connectionString, uniqueTableName('ev'));
    const unreachableDirectory = tableClientFromConnectionString(
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=' +
        'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
        'TableEndpoint=http://127.0.0.1:1/devstoreaccount1;',
      uniqueTableName('dir'),
      { retryOptions: { maxRetries: 0 } },
    );
    const log = new TableEventLog(eventsClient, unreachableDirectory, (message) => warnings.push(message));
    const caseId = uniqueCaseId();

    const result = await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]));

    expect(result.head.version).toBe(1);
    expect((await log.readHead(caseId))?.version).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('directory');
  });

  it('writes no directory row for an append that changes nothing a list shows', async () => {
    const directoryClient = tableClientFromConnectionString(connectionString, uniqueTableName('dir'));
    const log = new TableEventLog(
      tableClientFromConnectionString(connectionString, uniqueTableName('ev')),
      directoryClient,
    );
    const directoryRequests = countRequests(directoryClient);
    const caseId = uniqueCaseId();
    const opened = await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]));
    const writesAfterOpening = directoryRequests.count();

    const idea = await log.append(
      appendOnto(caseId, opened.head, [ideaRecorded('one', minutesAfterStart(5))]),
    );
    const writesAfterIdea = directoryRequests.count();
    const paused = await log.append(
      appendOnto(caseId, idea.head, [casePaused('budget', minutesAfterStart(6))]),
    );

    expect(writesAfterOpening).toBeGreaterThan(0);
    expect(writesAfterIdea).toBe(writesAfterOpening);
    expect(directoryRequests.count()).toBeGreaterThan(writesAfterIdea);
    expect(await collect(log.listCases({ conversationId: opened.head.state.conversationId }))).toEqual([
      summarize(paused.head.state),
    ]);
  });

  it('rewrites a directory row whose time of change is an hour behind, though nothing listed changed', async () => {
    const log = makeTableLog().log;
    const caseId = uniqueCaseId();
    const opened = await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]));
    const soon = await log.append(
      appendOnto(caseId, opened.head, [ideaRecorded('soon', minutesAfterStart(30))]),
    );
    const late = await log.append(
      appendOnto(caseId, soon.head, [ideaRecorded('late', minutesAfterStart(61))]),
    );

    const [listed] = await collect(log.listCases({ conversationId: opened.head.state.conversationId }));
    expect(listed?.updatedAt).toBe(late.head.state.updatedAt);
    expect(listed?.version).toBe(3);
  });

  it('repairs the directory at the next append after a failed directory write, though nothing listed changed', async () => {
    const directoryName = uniqueTableName('dir');
    const directoryClient = tableClientFromConnectionString(connectionString, directoryName);
    const failing = failNextRequests(directoryClient);
    const warnings: string[] = [];
    const log = new TableEventLog(
      tableClientFromConnectionString(connectionString, uniqueTableName('ev')),
      directoryClient,
      (message) => warnings.push(message),
    );
    const caseId = uniqueCaseId();
    const opened = await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]));
    const first = await log.append(
      appendOnto(caseId, opened.head, [ideaRecorded('first', minutesAfterStart(2))]),
    );
    failing.failNext(1);
    // A paused case is listed differently, so this append writes the row, and the write fails.
    const paused = await log.append(
      appendOnto(caseId, first.head, [casePaused('budget', minutesAfterStart(3))]),
    );
    expect(warnings).toHaveLength(1);
    // Recorded while paused: nothing listed changes between this append's state before and after.
    await log.append(appendOnto(caseId, paused.head, [ideaRecorded('second', minutesAfterStart(4))]));

    const [listed] = await collect(log.listCases({ conversationId: opened.head.state.conversationId }));
    expect(listed?.status).toBe('paused');
    expect(listed?.version).toBe(4);
  });

  it('keeps the newest summary when directory writes arrive out of order', async () => {
    const directory = new TableCaseDirectory(
      tableClientFromConnectionString(connectionString, uniqueTableName('dir')),
    );
    const caseId = uniqueCaseId();
    const opened = foldOnto(undefined, 0, [caseOpened(caseId)]);
    const later = foldOnto(opened, 1, [ideaRecorded('later', minutesAfterStart(9))]);

    await directory.record(summarize(later));
    await directory.record(summarize(opened));

    const listed = [];
    for await (const summary of directory.list({ conversationId: opened.conversationId }))
      listed.push(summary);
    expect(listed).toEqual([summarize(later)]);
  });
});
