/**
 * Small, strict helpers for writing REFI-QDA XML by hand (streamed, so no DOM): escaping, characters
 * XML 1.0 cannot hold, code-point positions and GUIDs.
 */
import { nativeSha256Hex as sha256Hex } from '../../storage/hashChain';

/** Characters XML 1.0 does not allow (most control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text with the characters XML cannot carry removed (they would make the whole file unreadable). */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/**
 * Whether a text needs escaping at all (as element text; as an attribute value). Most values (GUIDs,
 * times, numbers, plain names) do not, and one test is cheaper than the replacements that would each
 * scan it and find nothing.
 */
const TEXT_NEEDS_WORK = /[&<>]|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NEEDS_WORK = /[&<>"\t\n\r]|[^\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function escapeText(text: string): string {
  if (!TEXT_NEEDS_WORK.test(text)) return text;
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For attribute values: also quotes, and line breaks and tabs as references so parsers keep them. */
export function escapeAttribute(text: string): string {
  if (!ATTRIBUTE_NEEDS_WORK.test(text)) return text;
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** `name="value"` pairs for the defined values, in the order given (the schema does not order them). */
export function attributes(values: Record<string, string | number | boolean | undefined>): string {
  // A plain loop: every source writes several elements' attributes, and the array steps cost more
  // than the writing.
  let written = '';
  for (const name of Object.keys(values)) {
    const value = values[name];
    if (value !== undefined) written += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return written;
}

/** Length in Unicode code points: REFI-QDA counts positions in code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one code point.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    }
    count += 1;
  }
  return count;
}

/**
 * A GUID derived from the given parts (SHA-256, formatted as an RFC 9562 version 8 UUID), so the same
 * thing gets the same GUID in every export and tests can predict them. Parts never include person ids.
 */
export function guidFrom(...parts: (string | number)[]): string {
  return guidFromHex(digestOf(parts));
}

/**
 * Several GUIDs from one digest of the parts: `at(index)` is the digest's GUID with its last 32 bits
 * XOR-ed with the index. An event's source, selection and codings get their GUIDs this way, one SHA-256
 * per event instead of one per GUID. Distinct indexes differ in those bits (which the version and variant
 * bits do not touch), so the GUIDs of one event are distinct; GUIDs of other parts differ in the other 90
 * random bits, so a collision is as unlikely as between any two digests.
 */
export class GuidFamily {
  private readonly head: string;
  private readonly tail: number;

  constructor(...parts: (string | number)[]) {
    const hex = digestOf(parts);
    this.head = hex.slice(0, 24);
    this.tail = parseInt(hex.slice(24, 32), 16);
  }

  at(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index > 0xffff_ffff) {
      throw new RangeError(`GUID index ${index} is not a 32-bit index`);
    }
    const tail = ((this.tail ^ index) >>> 0).toString(16).padStart(8, '0');
    return guidFromHex(this.head + tail);
  }
}

function digestOf(parts: readonly (string | number)[]): string {
  return sha256Hex(parts.map(String).join('\u001f'));
}

/** The first 32 hex digits as a version 8 UUID (version nibble 8, variant bits 10). */
function guidFromHex(hex: string): string {
  const variant = ((parseInt(hex.charAt(16) || '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
