/**
 * The pseudonym store on Azure Table Storage, table "pseudonyms":
 *
 * | partition | row key        | holds                                                        |
 * |-----------|----------------|--------------------------------------------------------------|
 * | `secret`  | `hmac`         | the secret key (base64), created once with `createEntity`    |
 * | `number`  | `next`         | the next number to hand out                                   |
 * | `number`  | `<key>`        | the number of one key (an HMAC in hex, never a person id)     |
 *
 * Numbers are handed out in one transaction per batch: the counter row is replaced with the ETag it was
 * read with and the new key rows are created, so two processes assigning at once cannot give one number
 * twice or one key two numbers; the loser reads again and finds its keys numbered.
 */
import { randomBytes } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { PSEUDONYM_SECRET_BYTES, type PseudonymStore } from './pseudonymStore';
import { optionalString, requireNumber, requireString } from './tableEventRows';
import { getEntityIfExists, LazyTable, queryRows, statusOf, translateStorageError } from './tableStorage';

export const DEFAULT_PSEUDONYMS_TABLE = 'pseudonyms';

const SECRET_PARTITION = 'secret';
const SECRET_ROW = 'hmac';
const NUMBER_PARTITION = 'number';
const COUNTER_ROW = 'next';
/** A transaction holds at most 100 operations: the counter and 99 new keys. */
const KEYS_PER_TRANSACTION = 99;
const ASSIGN_ATTEMPTS = 8;

export class TablePseudonymStore implements PseudonymStore {
  private readonly table: LazyTable;
  private cachedSecret: Uint8Array | undefined;

  constructor(client: TableClient) {
    this.table = new LazyTable(client);
  }

  async secret(): Promise<Uint8Array> {
    if (this.cachedSecret) return this.cachedSecret;
    await this.table.ready();
    const client = this.table.client;
    let row = await getEntityIfExists(client, SECRET_PARTITION, SECRET_ROW);
    if (!row) {
      const made = randomBytes(PSEUDONYM_SECRET_BYTES).toString('base64');
      try {
        await client.createEntity({ partitionKey: SECRET_PARTITION, rowKey: SECRET_ROW, secret: made });
      } catch (error) {
        // Another process made it first: theirs is the secret.
        if (statusOf(error) !== 409) throw translateStorageError(error, 'creating the pseudonym secret');
      }
      row = await getEntityIfExists(client, SECRET_PARTITION, SECRET_ROW);
    }
    const stored = row && optionalString(row, 'secret');
    if (stored === undefined) throw new Error('The pseudonym secret could not be read back');
    this.cachedSecret = new Uint8Array(Buffer.from(stored, 'base64'));
    return this.cachedSecret;
  }

  async numbers(): Promise<Map<string, number>> {
    return (await this.read()).numbers;
  }

  async assign(keys: readonly string[]): Promise<Map<string, number>> {
    for (let attempt = 1; attempt <= ASSIGN_ATTEMPTS; attempt += 1) {
      const { numbers, next, etag } = await this.read();
      const missing = [...new Set(keys)].filter((key) => !numbers.has(key)).slice(0, KEYS_PER_TRANSACTION);
      if (missing.length === 0) return numbers;
      const actions: TransactionAction[] = missing.map((key, index) => [
        'create',
        { partitionKey: NUMBER_PARTITION, rowKey: key, number: next + index },
      ]);
      const counter = { partitionKey: NUMBER_PARTITION, rowKey: COUNTER_ROW, next: next + missing.length };
      actions.push(etag === undefined ? ['create', counter] : ['update', counter, 'Replace', { etag }]);
      try {
        await this.table.client.submitTransaction(actions);
        // A batch was cut at the transaction limit: the rest goes in the next round, without a pause.
        attempt = 0;
      } catch (error) {
        const status = statusOf(error);
        // Someone else assigned in between (the counter's ETag, or a key row, changed): read again.
        if (status !== 409 && status !== 412) throw translateStorageError(error, 'assigning pseudonyms');
      }
    }
    throw new Error('Pseudonym numbers kept changing while assigning; gave up');
  }

  private async read(): Promise<{ numbers: Map<string, number>; next: number; etag?: string }> {
    await this.table.ready();
    const numbers = new Map<string, number>();
    let next = 1;
    let etag: string | undefined;
    const filter = odata`PartitionKey eq ${NUMBER_PARTITION}`;
    for await (const row of queryRows(this.table.client, 'reading pseudonyms', filter)) {
      const rowKey = requireString(row, 'rowKey');
      if (rowKey === COUNTER_ROW) {
        next = requireNumber(row, 'next');
        etag = requireString(row, 'etag');
      } else {
        numbers.set(rowKey, requireNumber(row, 'number'));
      }
    }
    return { numbers, next, ...(etag !== undefined && { etag }) };
  }
}
