/**
 * Long text across several Table Storage properties.
 *
 * One string property holds at most 64 KiB, that is 32K UTF-16 code units (Azurite refuses a
 * ~40,000-character string with `PropertyValueTooLarge`). Text that can be longer – an event's JSON body,
 * a case's state snapshot – is therefore written as numbered properties `prefix0`, `prefix1`, … and joined
 * back whole on read. Nothing here ever shortens text: a caller that cannot afford the chunks refuses the
 * write before anything is stored.
 */

/** Characters per chunk: below the 32K-character property limit with room to spare. */
export const CHUNK_CHARACTERS = 30_000;

/**
 * Cuts `text` into pieces of at most `chunkCharacters` UTF-16 code units, never between the two halves of
 * a surrogate pair (a lone half is not valid UTF-16, and a service may replace it instead of storing it).
 * Every piece but the last therefore has at least `chunkCharacters - 1` code units. Empty text gives no
 * pieces.
 */
export function splitIntoChunks(text: string, chunkCharacters: number = CHUNK_CHARACTERS): string[] {
  if (!Number.isInteger(chunkCharacters) || chunkCharacters < 2) {
    throw new RangeError(`chunkCharacters must be an integer of at least 2, got ${chunkCharacters}`);
  }
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + chunkCharacters, text.length);
    if (
      end < text.length &&
      isHighSurrogate(text.charCodeAt(end - 1)) &&
      isLowSurrogate(text.charCodeAt(end))
    ) {
      end -= 1;
    }
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/** The properties `prefix0`, `prefix1`, … holding the given chunks, ready to spread into an entity. */
export function chunkProperties(prefix: string, chunks: readonly string[]): Record<string, string> {
  const properties: Record<string, string> = {};
  chunks.forEach((chunk, index) => {
    properties[`${prefix}${index}`] = chunk;
  });
  return properties;
}

/**
 * Joins `count` chunk properties of a stored row back into the original text. Throws when one is missing
 * or not a string: a row that lost part of its text must be reported, never read as a shorter text.
 */
export function joinChunks(row: Readonly<Record<string, unknown>>, prefix: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`Invalid chunk count ${String(count)} for "${prefix}"`);
  }
  const parts: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const part = row[`${prefix}${index}`];
    if (typeof part !== 'string') {
      throw new Error(`Chunk "${prefix}${index}" of ${count} is missing`);
    }
    parts.push(part);
  }
  return parts.join('');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
