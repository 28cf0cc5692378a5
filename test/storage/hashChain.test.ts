/**
 * The chain's digest is Node's native SHA-256; the engine keeps its pure-JS one (the engine does no
 * I/O and imports nothing of Node). Both must give the same digest for every text a log can hold, or a
 * log written by one would not verify by the other. Reading a Table log, the hash is checked on the
 * stored body as written: the same bytes as the canonical content, and only when the body is canonical.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../engine/hashing';
import { eventHash, eventHashFromStoredBody, nativeSha256Hex, storedBodyOf } from '../../storage/hashChain';
import { GENESIS_HASH } from '../../storage/eventLog';

describe("the chain's SHA-256", () => {
  it.each([
    ['', 'empty'],
    ['abc', 'ASCII'],
    ['Hverdagsrehabilitering i «sone nord» – æøå ÆØÅ', 'Norwegian letters and quotes'],
    ['👩🏽‍⚕️ emoji, \u0000 NUL, \uFEFF BOM, \u2028 line separator', 'astral and control characters'],
    ['x'.repeat(200_000), 'a long text'],
    ['lone \uD800 high and \uDC00 low surrogates', 'text that is not well-formed UTF-16'],
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

describe('the hash of an event from its stored body', () => {
  const event = {
    type: 'IdeaRecorded',
    ideaId: 'idea-1',
    text: 'Ingrid foreslår «nattevakt» – 👩🏽‍⚕️ \u2028 "sitat" \\ slutt',
    at: '2026-01-01T00:00:00.000Z',
    actorId: 'p1',
    nested: { b: [1, 2.5, -3e-7, true, null, { z: 'z', a: 'a' }], a: '' },
  };

  it.each([
    { deliveryId: undefined, format: undefined },
    { deliveryId: undefined, format: 1 },
    { deliveryId: 'activity-1 "quoted"', format: 1 },
    { deliveryId: 'activity-1', format: 2 },
    { deliveryId: undefined, format: 2 },
  ])('is the hash of the canonical content (delivery $deliveryId, format $format)', (extra) => {
    const content = {
      caseId: 'case-æ-1',
      seq: 12,
      event,
      ...(extra.deliveryId !== undefined && { deliveryId: extra.deliveryId }),
      ...(extra.format !== undefined && { format: extra.format }),
    };
    const text = canonicalJson(event);
    const body = storedBodyOf(text, JSON.parse(text));

    expect(body).toEqual({ canonical: true, text });
    expect(eventHashFromStoredBody(GENESIS_HASH, content, body)).toBe(eventHash(GENESIS_HASH, content));
  });

  it('recognises canonical bodies whose keys JavaScript orders otherwise (integer-like keys)', () => {
    const text = canonicalJson({ '10': 'ten', '9': 'nine', a: { '2': 0, '11': 1 } });
    expect(text).toBe('{"10":"ten","9":"nine","a":{"11":1,"2":0}}');
    expect(storedBodyOf(text, JSON.parse(text))).toEqual({ canonical: true, text });
  });

  it.each([
    ['{"a":1, "b":2}', 'whitespace'],
    ['{"b":2,"a":1}', 'keys out of order'],
    ['{"a":{"d":1,"c":2}}', 'nested keys out of order'],
    ['{"a":"\\u0041"}', 'an escape JSON.stringify does not write'],
    ['{"a":1.0}', 'a number written otherwise'],
    ['{"a":1,"a":2}', 'a duplicate key'],
    ['{"a":1e999}', 'a number JSON cannot hold'],
  ])('refuses a body that is not canonical: %s (%s)', (text) => {
    const body = storedBodyOf(text, JSON.parse(text));
    expect(body).toEqual({ canonical: false });
    expect(eventHashFromStoredBody(GENESIS_HASH, { caseId: 'c', seq: 1 }, body)).toBeUndefined();
  });
});
