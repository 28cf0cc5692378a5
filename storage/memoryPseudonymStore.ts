/** The pseudonym store in memory, for tests and local tools; held to the same contract as the Table one. */
import { randomBytes } from 'node:crypto';
import { PSEUDONYM_SECRET_BYTES, type PseudonymStore } from './pseudonymStore';

export class MemoryPseudonymStore implements PseudonymStore {
  private key: Uint8Array | undefined;
  private readonly assigned = new Map<string, number>();

  secret(): Promise<Uint8Array> {
    this.key ??= new Uint8Array(randomBytes(PSEUDONYM_SECRET_BYTES));
    return Promise.resolve(this.key);
  }

  numbers(): Promise<Map<string, number>> {
    return Promise.resolve(new Map(this.assigned));
  }

  assign(keys: readonly string[]): Promise<Map<string, number>> {
    for (const key of keys) {
      if (!this.assigned.has(key)) this.assigned.set(key, this.assigned.size + 1);
    }
    return Promise.resolve(new Map(this.assigned));
  }
}
