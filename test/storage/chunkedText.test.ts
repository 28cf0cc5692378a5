import { describe, expect, it } from 'vitest';
import { CHUNK_CHARACTERS, chunkProperties, joinChunks, splitIntoChunks } from '../../storage/chunkedText';

describe('chunked text', () => {
  it('splits into pieces of at most the chunk size and joins back to the same text', () => {
    const text = 'abcdefghij'.repeat(7_001);
    const chunks = splitIntoChunks(text);
    expect(chunks.map((chunk) => chunk.length)).toEqual([CHUNK_CHARACTERS, CHUNK_CHARACTERS, 10_010]);
    expect(joinChunks(chunkProperties('body', chunks), 'body', chunks.length)).toBe(text);
  });

  it('never cuts between the two halves of a surrogate pair', () => {
    // '😀' is two UTF-16 code units; with a chunk size of 4 the pair would straddle the boundary.
    const text = 'abc😀def😀';
    const chunks = splitIntoChunks(text, 4);
    expect(chunks).toEqual(['abc', '😀de', 'f😀']);
    // Each piece survives a UTF-8 round trip, which replaces a lone surrogate with U+FFFD.
    for (const chunk of chunks) expect(Buffer.from(chunk, 'utf8').toString('utf8')).toBe(chunk);
    expect(chunks.join('')).toBe(text);
  });

  it('gives no chunks for empty text, and reads zero chunks as empty text', () => {
    expect(splitIntoChunks('')).toEqual([]);
    expect(joinChunks({}, 'state', 0)).toBe('');
  });

  it('refuses to read text with a chunk missing instead of returning less', () => {
    const properties = chunkProperties('body', ['one', 'two', 'three']);
    delete properties.body1;
    expect(() => joinChunks(properties, 'body', 3)).toThrow(/body1/);
  });
});
