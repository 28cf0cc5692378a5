import { describe, expect, inject, it } from 'vitest';
import { azuriteConnectionString } from '../../local/azurite';
import {
  checkStorage,
  createTableClient,
  developmentStorageConnectionString,
  isDevelopmentStorage,
  resolveConnectionString,
  tableName,
} from '../../runtime/tables';

describe('table helpers', () => {
  it('builds the same Azurite connection string as the local Azurite starter', () => {
    expect(developmentStorageConnectionString('127.0.0.1', 12345)).toBe(
      azuriteConnectionString('127.0.0.1', 12345),
    );
  });

  it('expands UseDevelopmentStorage=true only when Azurite is not on its default port', () => {
    expect(isDevelopmentStorage('UseDevelopmentStorage=true')).toBe(true);
    expect(isDevelopmentStorage('usedevelopmentstorage=TRUE;')).toBe(true);
    expect(isDevelopmentStorage('AccountName=a;AccountKey=b')).toBe(false);
    expect(resolveConnectionString('UseDevelopmentStorage=true', 10002)).toBe('UseDevelopmentStorage=true');
    expect(resolveConnectionString('UseDevelopmentStorage=true', 20002)).toBe(
      developmentStorageConnectionString('127.0.0.1', 20002),
    );
    expect(resolveConnectionString('AccountName=a;AccountKey=b', 20002)).toBe('AccountName=a;AccountKey=b');
  });

  it('prefixes table names and refuses names Azure would reject', () => {
    expect(tableName('dev', 'Events')).toBe('devEvents');
    expect(tableName('', 'Events')).toBe('Events');
    expect(() => tableName('dev-', 'Events')).toThrow(/not a valid table name/);
    expect(() => tableName('', 'ab')).toThrow(/not a valid table name/);
  });

  it('talks to Azurite over plain http from an explicit connection string', async () => {
    const table = createTableClient(inject('tablesConnectionString'), `Helpers${Date.now()}`);
    await table.createTable();
    await table.upsertEntity({ partitionKey: 'p', rowKey: 'r', value: 1 });
    expect((await table.getEntity<{ value: number }>('p', 'r')).value).toBe(1);
    await table.deleteTable();
  });

  it('reports storage reachable with its latency, or unreachable with a short reason', async () => {
    const up = await checkStorage(inject('tablesConnectionString'));
    expect(up).toEqual({ reachable: true, latencyMs: expect.any(Number) as number });
    const down = await checkStorage(developmentStorageConnectionString('127.0.0.1', 1));
    expect(down).toMatchObject({ reachable: false, error: 'unreachable (ECONNREFUSED)' });
  });
});
