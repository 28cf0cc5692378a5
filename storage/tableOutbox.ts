/**
 * The outbox rows of a case partition on Table Storage (see eventLog.ts `OutboxItem`): written by the
 * append's transaction (tableEventLog.ts), read, claimed and settled here. A claim is guarded by the row's
 * ETag, so two deliverers never both take one effect; a claim or settle whose answer was lost is
 * recognised by reading the row back.
 */
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { assertValidCaseId } from './appendRules';
import {
  StorageUnavailableError,
  type EffectSettlement,
  type OutboxItem,
  type OutboxSettlement,
} from './eventLog';
import { toOutboxItem } from './tableEventRows';
import {
  callStorage,
  getEntityIfExists,
  type LazyTable,
  MAX_TRANSACTION_OPERATIONS,
  queryRows,
  statusOf,
  translateStorageError,
} from './tableStorage';

/** Every outbox row key sorts between these two. */
const OUTBOX_FIRST_KEY = 'O';
const OUTBOX_END_KEY = 'P';

export class TableOutbox {
  constructor(private readonly table: LazyTable) {}

  private get client(): TableClient {
    return this.table.client;
  }

  async pending(caseId: string): Promise<OutboxItem[]> {
    assertValidCaseId(caseId);
    await this.table.ready();
    const filter = odata`PartitionKey eq ${caseId} and RowKey ge ${OUTBOX_FIRST_KEY} and RowKey lt ${OUTBOX_END_KEY} and status eq ${'pending'}`;
    const items: OutboxItem[] = [];
    for await (const row of queryRows(this.client, `reading the outbox of case ${caseId}`, filter)) {
      items.push(toOutboxItem(caseId, row));
    }
    return items.sort((a, b) => a.id.localeCompare(b.id));
  }

  async claim(item: OutboxItem, owner: string, leaseUntil: string): Promise<OutboxItem | undefined> {
    assertValidCaseId(item.caseId);
    await this.table.ready();
    const claimed = { ...item, leaseOwner: owner, leaseUntil, attempts: item.attempts + 1 };
    try {
      const response = await this.client.updateEntity(
        {
          partitionKey: item.caseId,
          rowKey: item.id,
          leaseOwner: owner,
          leaseUntil,
          attempts: claimed.attempts,
        },
        'Merge',
        { etag: item.etag },
      );
      // Without an ETag in the answer the stale one stands: a later claim on it fails safe (412).
      return { ...claimed, etag: response.etag ?? item.etag };
    } catch (error) {
      const status = statusOf(error);
      if (status !== 412 && status !== 404) {
        const translated = translateStorageError(error, 'claiming an effect');
        if (!(translated instanceof StorageUnavailableError)) throw translated;
      }
      // Lost the claim, or our own claim landed and its answer was lost: the row says which.
      const row = await getEntityIfExists(this.client, item.caseId, item.id);
      if (!row) return undefined;
      const now = toOutboxItem(item.caseId, row);
      return now.status === 'pending' && now.leaseOwner === owner && now.leaseUntil === leaseUntil
        ? now
        : undefined;
    }
  }

  async settle(item: OutboxItem, settlement: OutboxSettlement): Promise<void> {
    assertValidCaseId(item.caseId);
    await this.table.ready();
    await callStorage('settling an effect', () =>
      this.client.updateEntity(settledRow(item, settlement), 'Merge'),
    );
  }

  /**
   * Several settlements of one case in one transaction (a merge per row, unconditional like `settle`, so
   * a retry after a lost answer changes nothing).
   */
  async settleAll(settlements: readonly EffectSettlement[]): Promise<void> {
    const [first] = settlements;
    if (first === undefined) return;
    if (settlements.length === 1) return this.settle(first.item, first.settlement);
    const caseId = first.item.caseId;
    assertValidCaseId(caseId);
    if (settlements.some(({ item }) => item.caseId !== caseId)) {
      throw new Error('settleAll: the effects must be of one case (one partition)');
    }
    await this.table.ready();
    for (let start = 0; start < settlements.length; start += MAX_TRANSACTION_OPERATIONS) {
      const actions: TransactionAction[] = settlements
        .slice(start, start + MAX_TRANSACTION_OPERATIONS)
        .map(({ item, settlement }) => ['update', settledRow(item, settlement), 'Merge']);
      await callStorage('settling effects', () => this.client.submitTransaction(actions));
    }
  }
}

function settledRow(item: OutboxItem, settlement: OutboxSettlement) {
  return {
    partitionKey: item.caseId,
    rowKey: item.id,
    status: settlement.status,
    settledAt: settlement.at,
    ...(settlement.activityId !== undefined && { activityId: settlement.activityId }),
    ...(settlement.note !== undefined && { note: settlement.note.slice(0, 1_000) }),
  };
}
