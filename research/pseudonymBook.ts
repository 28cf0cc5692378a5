/**
 * The pseudonym numbers of one installation: "Deltaker 7" is the same person in every export, every
 * research route and the dashboard, this year and the next.
 *
 * A person's number is looked up by HMAC-SHA-256 of their person id under a secret kept in storage
 * (storage/pseudonymStore.ts), so the stored table names nobody, and a list of person ids cannot be turned
 * into pseudonyms without the secret. Numbers are handed out once, the first time a person is asked for,
 * and kept: never from the person's position in one export.
 *
 * The book is loaded once per request (one partition read); people it has not met yet are numbered with
 * `ensure` before anything shows them, so `numberOf` can answer synchronously while an export streams.
 */
import { createHmac } from 'node:crypto';
import type { PseudonymStore } from '../storage/pseudonymStore';

export class PseudonymBook {
  /**
   * Keys already computed: an export asks for the same few people's numbers several times per event,
   * and an HMAC each time was a seventh of its work. Bounded by the people of the installation.
   */
  private readonly keys = new Map<string, string>();

  private constructor(
    private readonly store: PseudonymStore,
    private readonly secret: Uint8Array,
    private numbers: Map<string, number>,
  ) {}

  static async open(store: PseudonymStore, personIds: Iterable<string> = []): Promise<PseudonymBook> {
    const [secret, numbers] = await Promise.all([store.secret(), store.numbers()]);
    const book = new PseudonymBook(store, secret, numbers);
    await book.ensure(personIds);
    return book;
  }

  /** The key a person's number is stored under: HMAC-SHA-256 of the id, hex. */
  keyOf(personId: string): string {
    let key = this.keys.get(personId);
    if (key === undefined) {
      key = this.hmac(`person:${personId}`);
      this.keys.set(personId, key);
    }
    return key;
  }

  /** A stable, non-reversible token for anything else that must not be shown as is (a conversation id). */
  token(kind: string, value: string): string {
    return this.hmac(`${kind}:${value}`).slice(0, 16);
  }

  numberOf(personId: string): number | undefined {
    return this.numbers.get(this.keyOf(personId));
  }

  /** Numbers everyone in `personIds` who has none yet (new people in key order, so order says nothing). */
  async ensure(personIds: Iterable<string>): Promise<void> {
    const missing = [...new Set([...personIds].map((id) => this.keyOf(id)))]
      .filter((key) => !this.numbers.has(key))
      .sort();
    if (missing.length === 0) return;
    this.numbers = await this.store.assign(missing);
  }

  private hmac(value: string): string {
    return createHmac('sha256', this.secret).update(value, 'utf8').digest('hex');
  }
}
