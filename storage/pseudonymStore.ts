/**
 * Where research pseudonyms are kept, so a person is the same "Deltaker 7" in every export, every route
 * of the research API and the dashboard, for as long as the installation lives:
 *
 * - a secret key (32 random bytes, made on first use and never replaced), with which research/ turns a
 *   person id into an HMAC: a key that says nothing about the person without the secret;
 * - one number per such key, handed out once, counting up from 1.
 *
 * The table holds no person id and no name: on its own it identifies nobody. Numbers are given in the
 * order keys are first asked for (a batch in key order), never from a person's place in one export.
 */

export interface PseudonymStore {
  /** The secret, made on first use; every caller, in every process, gets the same one afterwards. */
  secret(): Promise<Uint8Array>;
  /** Every number handed out so far, by key. */
  numbers(): Promise<Map<string, number>>;
  /**
   * Gives the keys that have no number yet the next numbers (in the order given), and returns every
   * number handed out, theirs included. Safe when several processes assign at once: a key gets one
   * number, and no number goes to two keys.
   */
  assign(keys: readonly string[]): Promise<Map<string, number>>;
}

/** 256 bits, as HMAC-SHA-256 wants. */
export const PSEUDONYM_SECRET_BYTES = 32;
