import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import { startAzuriteTables } from '../../local/azurite';
import { ConversationBusyError } from '../../storage/conversationRecords';
import { StorageUnavailableError } from '../../storage/eventLog';
import { MemoryConversationStore } from '../../storage/memoryConversationStore';
import { TableConversationStore } from '../../storage/tableConversationStore';
import { tableClientFromConnectionString } from '../../storage/tableStorage';
import { encodeKey } from '../../storage/tableKeys';
import { awkwardText, collect, uniqueTableName } from './caseFixtures';
import {
  describeConversationStoreContract,
  sampleRecord,
  uniqueConversationId,
} from './conversationStore.contract';
import { failureOf } from './eventLog.contract';

const connectionString = inject('tablesConnectionString');

describeConversationStoreContract('MemoryConversationStore', () => new MemoryConversationStore());
describeConversationStoreContract('TableConversationStore on Azurite', () =>
  TableConversationStore.fromConnectionString(connectionString, { tableName: uniqueTableName('conv') }),
);

type PipelinePolicy = Parameters<TableClient['pipeline']['addPolicy']>[0];

describe('TableConversationStore on the wire', () => {
  it('keeps one row per conversation: plain columns to browse, the record as chunked JSON', async () => {
    const tableName = uniqueTableName('conv');
    const store = TableConversationStore.fromConnectionString(connectionString, { tableName });
    const conversationId = `19:chan@thread.tacv2;messageid=1/2#3?`;
    const record = sampleRecord(conversationId, { activeCaseId: `case-${awkwardText(70_000)}` });

    await store.update(conversationId, () => record);

    const client = TableClient.fromConnectionString(connectionString, tableName, {
      allowInsecureConnection: true,
    });
    const rows = await collect(client.listEntities<Record<string, unknown>>());
    expect(rows).toHaveLength(1);
    const row: Record<string, unknown> = rows[0] ?? {};
    expect(row).toMatchObject({
      partitionKey: 'conversation',
      rowKey: encodeKey(conversationId),
      format: 1,
      conversationId,
      updatedAt: record.updatedAt,
      recordChunks: 3,
    });
    for (const chunk of ['record0', 'record1', 'record2'])
      expect(String(row[chunk]).length).toBeLessThanOrEqual(30_000);
    expect(await store.get(conversationId)).toEqual(record);
  });

  it('drops the chunks of a longer earlier record when the record shrinks', async () => {
    const tableName = uniqueTableName('conv');
    const store = TableConversationStore.fromConnectionString(connectionString, { tableName });
    const conversationId = uniqueConversationId();
    await store.update(conversationId, () =>
      sampleRecord(conversationId, { activeCaseId: 'x'.repeat(70_000) }),
    );

    await store.update(conversationId, () => sampleRecord(conversationId));

    const client = TableClient.fromConnectionString(connectionString, tableName, {
      allowInsecureConnection: true,
    });
    const row: Record<string, unknown> =
      (await collect(client.listEntities<Record<string, unknown>>()))[0] ?? {};
    expect(row['recordChunks']).toBe(1);
    expect(row).not.toHaveProperty('record1');
    expect(await store.get(conversationId)).toEqual(sampleRecord(conversationId));
  });

  it('retries a write that lost the ETag race, then gives up with ConversationBusyError', async () => {
    const client = tableClientFromConnectionString(connectionString, uniqueTableName('conv'));
    // Every conditional write carries an ETag that no row has: the service answers 412 each time, as if
    // another writer always changed the record between our read and our write.
    const staleEtag: PipelinePolicy = {
      name: 'staleEtagForTest',
      sendRequest: (request, next) => {
        if (request.headers.has('If-Match'))
          request.headers.set('If-Match', `W/"datetime'2000-01-01T00%3A00%3A00.0000000Z'"`);
        return next(request);
      },
    };
    const waits: number[] = [];
    const store = new TableConversationStore(client, {
      maxAttempts: 4,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const conversationId = uniqueConversationId();
    await store.update(conversationId, () => sampleRecord(conversationId));
    client.pipeline.addPolicy(staleEtag);
    let calls = 0;

    const failure = await failureOf(
      store.update(conversationId, (current) => {
        calls += 1;
        return { ...(current ?? sampleRecord(conversationId)), activeCaseId: 'never-stored' };
      }),
    );

    expect(failure).toBeInstanceOf(ConversationBusyError);
    expect(failure).toMatchObject({
      kind: 'conflict',
      code: 'conversationBusy',
      details: { conversationId, attempts: 4 },
    });
    expect(calls).toBe(4);
    expect(waits).toHaveLength(3);
    client.pipeline.removePolicy(staleEtag);
    expect((await store.get(conversationId))?.activeCaseId).toBe('case-1');
  });

  it('throws StorageUnavailableError from every operation when storage does not answer', async () => {
    const azurite = await startAzuriteTables();
    await azurite.close();
    const store = TableConversationStore.fromConnectionString(azurite.connectionString, {
      clientOptions: { retryOptions: { maxRetries: 0 } },
    });
    const conversationId = uniqueConversationId();

    const failures = [
      await failureOf(store.get(conversationId)),
      await failureOf(store.update(conversationId, () => sampleRecord(conversationId))),
      await failureOf(collect(store.list())),
    ];

    for (const failure of failures) expect(failure).toBeInstanceOf(StorageUnavailableError);
  });
});
