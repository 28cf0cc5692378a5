/**
 * Escaping for the hand-written REFI-QDA XML: a text that needs nothing is passed through untouched
 * (the fast path), anything else is escaped and cleaned exactly as the full replacements do.
 */
import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText } from '../../research/qdpx/xml';

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const fullText = (text: string): string =>
  text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fullAttribute = (text: string): string =>
  fullText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');

const SAMPLES = [
  '',
  'b0100074-8bd1-81b0-8f49-d12cd140763b',
  '2026-01-05T08:00:00.000Z',
  'Deltaker 3 (eier) · æøå ÆØÅ «sitat» – 👩🏽‍⚕️',
  'a & b < c > d',
  'she said "yes"',
  "it's",
  'line\nbreak\r\nand\ttab',
  'control \u0001 \u0008 \u001f chars',
  'lone \uD800 high and \uDC00 low',
  'not characters \uFFFE \uFFFF',
  'private use \uE000 and astral \u{10FFFF}',
];

describe('XML escaping', () => {
  it.each(SAMPLES)('writes %j as the full replacements do', (sample) => {
    expect(escapeText(sample)).toBe(fullText(sample));
    expect(escapeAttribute(sample)).toBe(fullAttribute(sample));
  });
});
