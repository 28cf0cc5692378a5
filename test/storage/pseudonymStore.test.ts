/**
 * The pseudonym store contract, on the in-memory fake and on Table Storage (Azurite): one secret for
 * everyone, numbers handed out once per key and never twice, also when processes assign at once.
 */
import { describe, expect, inject, it } from 'vitest';
import { MemoryPseudonymStore } from '../../storage/memoryPseudonymStore';
import type { PseudonymStore } from '../../storage/pseudonymStore';
import { TablePseudonymStore } from '../../storage/tablePseudonymStore';
import { createTableClient } from '../../runtime/tables';
import { uniqueTableName } from './caseFixtures';

const connectionString = inject('tablesConnectionString');

function describePseudonymStoreContract(
  name: string,
  makeStores: () => { first: PseudonymStore; second: PseudonymStore },
): void {
  describe(`${name} (PseudonymStore contract)`, () => {
    it('makes one secret of 32 bytes on first use and gives it to every caller after', async () => {
      const { first, second } = makeStores();
      const [a, b] = await Promise.all([first.secret(), second.secret()]);
      expect(a).toHaveLength(32);
      expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
      expect(Buffer.from(await first.secret()).equals(Buffer.from(a))).toBe(true);
    });

    it('numbers new keys in the order given and keeps the numbers of known ones', async () => {
      const { first } = makeStores();
      expect([...(await first.numbers())]).toEqual([]);
      await first.assign(['k-b', 'k-a']);
      const after = await first.assign(['k-a', 'k-c', 'k-c']);
      expect(Object.fromEntries(after)).toEqual({ 'k-b': 1, 'k-a': 2, 'k-c': 3 });
      expect(Object.fromEntries(await first.numbers())).toEqual({ 'k-b': 1, 'k-a': 2, 'k-c': 3 });
    });

    it('never gives one number twice when two stores assign at once', async () => {
      const { first, second } = makeStores();
      const keysA = Array.from({ length: 30 }, (_, i) => `a-${i}`);
      const keysB = Array.from({ length: 30 }, (_, i) => `b-${i}`);
      await Promise.all([first.assign([...keysA, 'shared']), second.assign(['shared', ...keysB])]);
      const numbers = await first.numbers();
      expect(numbers.size).toBe(61);
      expect(new Set(numbers.values()).size).toBe(61);
      expect(Math.max(...numbers.values())).toBe(61);
    });

    it('assigns more keys than one transaction can hold', async () => {
      const { first } = makeStores();
      const keys = Array.from({ length: 250 }, (_, i) => `key-${String(i).padStart(3, '0')}`);
      const numbers = await first.assign(keys);
      expect(keys.map((key) => numbers.get(key))).toEqual(keys.map((_, i) => i + 1));
    });
  });
}

describePseudonymStoreContract('MemoryPseudonymStore', () => {
  const store = new MemoryPseudonymStore();
  return { first: store, second: store };
});

describePseudonymStoreContract('TablePseudonymStore', () => {
  const table = uniqueTableName('pseud');
  return {
    first: new TablePseudonymStore(createTableClient(connectionString, table)),
    second: new TablePseudonymStore(createTableClient(connectionString, table)),
  };
});
