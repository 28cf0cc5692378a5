/**
 * The chain's digest is Node's native SHA-256; the engine keeps its pure-JS one (the engine does no
 * I/O and imports nothing of Node). Both must give the same digest for every text a log can hold, or a
 * log written by one would not verify by the other.
 */
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../engine/hashing';
import { eventHash, nativeSha256Hex } from '../../storage/hashChain';
import { GENESIS_HASH } from '../../storage/eventLog';

describe("the chain's SHA-256", () => {
  it.each([
    ['', 'empty'],
    ['abc', 'ASCII'],
    ['Hverdagsrehabilitering i «sone nord» – æøå ÆØÅ', 'Norwegian letters and quotes'],
    ['👩🏽‍⚕️ emoji, \u0000 NUL, \uFEFF BOM, \u2028 line separator', 'astral and control characters'],
    ['x'.repeat(200_000), 'a long text'],
  ])('is the engine digest for %#: %s', (text) => {
    expect(nativeSha256Hex(text)).toBe(sha256Hex(text));
  });

  it('is the standard SHA-256, and chains an event over its canonical content', () => {
    // SHA-256("abc") from FIPS 180-2: the native digest is the standard one.
    expect(nativeSha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const hash = eventHash(GENESIS_HASH, {
      caseId: 'case-1',
      seq: 1,
      event: { type: 'CaseLanguageChanged', language: 'nb', at: '2026-01-01T00:00:00.000Z', actorId: 'p1' },
      format: 2,
    });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(
      sha256Hex(
        `${GENESIS_HASH}\n{"caseId":"case-1","event":{"actorId":"p1","at":"2026-01-01T00:00:00.000Z","language":"nb","type":"CaseLanguageChanged"},"eventFormat":2,"seq":1}`,
      ),
    );
  });
});
