/**
 * Seeded random text for fuzz tests: reproducible (a failure names its seed and input), and biased
 * towards what breaks cards: markdown and HTML syntax, template and date expressions, mentions,
 * control characters, bidirectional overrides, emoji, lone surrogates and line breaks.
 */

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAZARDS = [
  '**',
  '__',
  '*',
  '_',
  '~~',
  '`',
  '```',
  '[x](https://evil.example)',
  '![i](https://evil.example/i.png)',
  '<at>Boss</at>',
  '<b>',
  '</div>',
  '<script>alert(1)</script>',
  '&lt;',
  '&amp;',
  '&#60;',
  '${x}',
  '${',
  '{{DATE(1999-12-31T23:59:59Z, SHORT)}}',
  '{{TIME(1999-12-31T23:59:59Z)}}',
  '\n# ',
  '\n- ',
  '\n+ ',
  '\n1. ',
  '\n2) ',
  '\n> ',
  '\n---\n',
  '\n===\n',
  '\n    ',
  '|a|b|',
  '\\',
  '\\*',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u200b',
  '\r\n',
  '\r',
  '\t',
  '😀',
  '👩🏽‍⚕️',
  '\ud800',
  '\udfff',
  'æøå ÆØÅ',
  '«»“”',
  '\u00a0',
  'https://example.kommune.no/a_b_(c)',
];

const ALPHABET =
  'abcdefghijklmnopqrstuvwxyzæøå ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ 0123456789 .,;:!?()-+=#$%&/\'"@';

export function randomText(random: () => number, approximateLength: number): string {
  let text = '';
  while (text.length < approximateLength) {
    const roll = random();
    if (roll < 0.35) {
      text += HAZARDS[Math.floor(random() * HAZARDS.length)] ?? '';
    } else if (roll < 0.45) {
      // Any code point from the Basic Multilingual Plane and beyond, surrogates included.
      text += String.fromCodePoint(Math.floor(random() * 0x10ffff));
    } else {
      text += ALPHABET.charAt(Math.floor(random() * ALPHABET.length));
    }
  }
  return text;
}
