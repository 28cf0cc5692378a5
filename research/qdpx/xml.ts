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

export function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For attribute values: also quotes, and line breaks and tabs as references so parsers keep them. */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** `name="value"` pairs for the defined values, in the order given (the schema does not order them). */
export function attributes(values: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
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
  const hex = sha256Hex(parts.map(String).join('\u001f')).slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
