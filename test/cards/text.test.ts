/**
 * User text on a card is shown as written: never as formatting, a mention, a date function or a
 * template expression. The escaper is checked against an oracle (CommonMark's own rule for backslash
 * escapes) over hand-picked hazards and thousands of random strings.
 */
import { describe, expect, test } from 'vitest';
import { cleanText, escapeMarkdown, mentionText, plainText, Summarizer } from '../../cards';
import { randomText, seededRandom } from './randomText';

/** What a CommonMark renderer shows for escaped text: a backslash before ASCII punctuation disappears. */
export function unescapeCommonMark(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The text a reader should see: cleaned, and without the indentation a card cannot show anyway. */
function shownAs(text: string): string {
  return cleanText(text)
    .split('\n')
    .map((line) => line.replace(/^ +/, ''))
    .join('\n');
}

/** Formatting an escaped text could still trigger, with where. */
export function formattingHazards(escaped: string): string[] {
  const hazards: string[] = [];
  for (let i = 0; i < escaped.length; i += 1) {
    const char = escaped.charAt(i);
    if (!'\\`*_~[]<>{'.includes(char)) continue;
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && escaped.charAt(j) === '\\'; j -= 1) backslashes += 1;
    if (char === '\\') {
      // A backslash is fine when it escapes the next character or is itself escaped.
      continue;
    }
    if (backslashes % 2 === 0) hazards.push(`unescaped ${char} at ${i}`);
  }
  for (const line of escaped.split('\n')) {
    if (/^ {0,3}(?:[#>+=|*-]|\d{1,9}[.)])/.test(line))
      hazards.push(`block marker at line start: ${line.slice(0, 20)}`);
    if (/^ {4}/.test(line)) hazards.push('indented code');
  }
  if (escaped.includes('${')) hazards.push('${');
  if (escaped.includes('{{')) hazards.push('{{');
  if (/<at>/i.test(escaped)) hazards.push('<at>');
  if (/(?<!\\)&#?[a-zA-Z0-9]+;/.test(escaped)) hazards.push('entity');
  return hazards;
}

describe('escapeMarkdown', () => {
  test.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['_italic_ and *also*', '\\_italic\\_ and \\*also\\*'],
    ['[click](https://evil.example)', '\\[click\\](https://evil.example)'],
    ['# Heading', '\\# Heading'],
    ['- item\n+ item\n1. first\n2) second', '\\- item\n\\+ item\n1\\. first\n2\\) second'],
    ['<at>Boss</at> <b>x</b>', '\\<at\\>Boss\\</at\\> \\<b\\>x\\</b\\>'],
    ['${x} {{DATE(2026-01-01T00:00:00Z)}}', '$\\{x} \\{\\{DATE(2026-01-01T00:00:00Z)}}'],
    ['&lt;script&gt; & friends', '\\&lt;script\\&gt; & friends'],
    ['> quote', '\\> quote'],
    ['`code` ~~strike~~', '\\`code\\` \\~\\~strike\\~\\~'],
    ['back\\slash', 'back\\\\slash'],
    ['    indented code', 'indented code'],
    [
      'Helse- og omsorg 2026. Budsjett: 1 500 000 kr (ca.)',
      'Helse- og omsorg 2026. Budsjett: 1 500 000 kr (ca.)',
    ],
    ['Ærlig talt: «ja», “yes”', 'Ærlig talt: «ja», “yes”'],
  ])('%j is shown literally', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
    expect(unescapeCommonMark(escapeMarkdown(input))).toBe(shownAs(input));
    expect(formattingHazards(escapeMarkdown(input))).toEqual([]);
  });

  test('control characters, bidirectional overrides and lone surrogates are removed or replaced', () => {
    expect(escapeMarkdown('a\u0000b\u0007c\u202ed\u2066e\r\nf\ud800g')).toBe('abcde\nf\ufffdg');
  });

  test('ordinary Norwegian and English prose passes through unchanged', () => {
    const prose =
      'Vi prøver ut hverdagsrehabilitering i sone nord. Brukerne (og pårørende) er med fra start!';
    expect(escapeMarkdown(prose)).toBe(prose);
  });

  test('random text: what a reader sees is what was written, and nothing can format', () => {
    const random = seededRandom(20_260_105);
    for (let i = 0; i < 3000; i += 1) {
      const input = randomText(random, 1 + Math.floor(random() * 120));
      const escaped = escapeMarkdown(input);
      expect(unescapeCommonMark(escaped), JSON.stringify(input)).toBe(shownAs(input));
      expect(formattingHazards(escaped), JSON.stringify(input)).toEqual([]);
    }
  });
});

describe('plainText (fields that render no markdown)', () => {
  test('keeps markdown characters but breaks ${ and {{, and puts the text on one line', () => {
    expect(plainText('**Kari** ${x}\n{{DATE(x)}}')).toBe('**Kari** $\u200b{x} {\u200b{DATE(x)}}');
  });

  test('shortens at a character boundary, never inside an emoji', () => {
    expect(plainText('😀😀😀😀', 3)).toBe('😀😀…');
  });
});

describe('Summarizer', () => {
  test('leaves short text alone and remembers nothing was cut', () => {
    const summarizer = new Summarizer();
    expect(summarizer.inline('Kort svar', 50)).toBe('Kort svar');
    expect(summarizer.shortened).toBe(false);
  });

  test('shortens long text with "…" and remembers it, so the card can point to the log', () => {
    const summarizer = new Summarizer();
    const shown = summarizer.inline('a'.repeat(500), 100);
    expect(Array.from(shown)).toHaveLength(100);
    expect(shown.endsWith('…')).toBe(true);
    expect(summarizer.shortened).toBe(true);
  });

  test('block text keeps paragraphs as Teams shows them (a blank line per break), escaped', () => {
    expect(new Summarizer().block('Linje 1\n\n\n- Linje 2', 100)).toBe('Linje 1\n\n\\- Linje 2');
  });
});

test('mentionText escapes the name inside the tag, so a name cannot close it early', () => {
  expect(mentionText('Kari </at><at>Boss')).toBe('<at>Kari \\</at\\>\\<at\\>Boss</at>');
  expect(mentionText('  Kari\nNordmann ')).toBe('<at>Kari Nordmann</at>');
});
