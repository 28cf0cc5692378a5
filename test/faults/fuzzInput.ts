/**
 * Seeded random input for the endpoint fuzz (fuzz.test.ts): bodies that are not activities, values of the
 * wrong type, and text full of what breaks chats and cards. Reproducible: the same seed gives the same
 * cases, so a failure names its seed and case number.
 */
import { randomText, seededRandom } from '../cards/randomText';

export { seededRandom };

/** The seed of this run: FUZZ_SEED from the environment, or a fixed default. */
export function fuzzSeed(fallback: number): number {
  const raw = process.env['FUZZ_SEED'];
  if (raw === undefined || raw.trim() === '') return fallback;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${raw}`);
  return seed;
}

export class Fuzz {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Text people might type or a client might send: markup, mentions, controls, long runs. */
  text(maxLength = 300): string {
    const roll = this.next();
    if (roll < 0.04) return 'x'.repeat(100_001);
    if (roll < 0.08) return randomText(this.next, 20_001 + this.int(5_000));
    if (roll < 0.12) return this.controlsOnly();
    const parts: string[] = [];
    const count = 1 + this.int(4);
    for (let i = 0; i < count; i += 1) {
      parts.push(this.chance(0.5) ? this.pick(INJECTIONS) : randomText(this.next, 1 + this.int(maxLength)));
    }
    return parts.join(this.pick(['', ' ', '\n', '  \n']));
  }

  /** Only characters that normalise away: nothing to record. */
  controlsOnly(): string {
    const controls = ['\u0000', '\u0007', '\u001b', '\u007f', '\u200b', ' ', '\t', '\n', '\r', '\u202e'];
    return Array.from({ length: 1 + this.int(20) }, () => this.pick(controls)).join('');
  }

  /** A value of any JSON type, deep or huge now and then, with prototype-polluting keys. */
  anyValue(depth = 0): unknown {
    const roll = this.int(depth > 2 ? 8 : 11);
    switch (roll) {
      case 0:
        return this.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1]);
      case 1:
        return this.chance(0.5);
      case 2:
        return null;
      case 3:
      case 4:
        return this.text(60);
      case 5:
        return '';
      case 6:
        return this.pick(['1', 'true', 'null', '[]', '{}', 'approve', 'define-challenge']);
      case 7:
        return pollutingObject();
      case 8:
        return Array.from({ length: this.int(4) }, () => this.anyValue(depth + 1));
      default: {
        const record: Record<string, unknown> = {};
        for (let i = this.int(4); i > 0; i -= 1) record[this.pick(KEYS)] = this.anyValue(depth + 1);
        return record;
      }
    }
  }

  /** A value that is not a string (for fields that must be one). */
  notAString(): unknown {
    for (;;) {
      const value = this.anyValue();
      if (typeof value !== 'string') return value;
    }
  }

  /** Neither a string nor null (null reads as "absent", which many fields may be). */
  wrongType(): unknown {
    for (;;) {
      const value = this.anyValue();
      if (typeof value !== 'string' && value !== null) return value;
    }
  }

  /** A value that is not a plain object (for fields that must be one). */
  notAnObject(): unknown {
    for (;;) {
      const value = this.anyValue();
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    }
  }
}

/** Markup that must reach people literally, never as formatting, links, mentions or script. */
export const INJECTIONS = [
  '**x**',
  '__y__',
  '<at>Boss</at>',
  '<script>alert(1)</script>',
  '${x}',
  '[link](javascript:alert(1))',
  '![i](https://evil.example/i.png)',
  '{{DATE(1999-12-31T23:59:59Z, SHORT)}}',
  '&lt;b&gt;',
  '<b>bold</b>',
  '# heading',
  '\n- item',
  '\n1. item',
  '`code`',
  '~~strike~~',
  '\u0000\u0007\u001b[31m',
  '\u202eevil',
  '\ud800',
];

/**
 * Pieces of the injections that only user input contains: none of them may appear in a markdown field or
 * a chat text other than escaped (right after a backslash).
 */
export const NEVER_RAW = [
  '<at>Boss',
  '${x}',
  '{{DATE(1999',
  '](javascript:',
  '](https://evil',
  '<script',
  '&lt;',
  '<b>',
  '\u202e',
].map((token) => ({
  token,
  pattern: new RegExp(`(?<!\\\\)${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
}));

// eslint-disable-next-line no-control-regex
export const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202e\u2066]/;

const KEYS = [
  'action',
  'data',
  'verb',
  'type',
  'caseId',
  'value',
  'text',
  'id',
  'a',
  '__proto__',
  'constructor',
];

/** `{"__proto__": {"polluted": true}}` as JSON.parse makes it: an own property named __proto__. */
export function pollutingObject(): unknown {
  return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
}

/** Whether `value` occurs in `text` other than right after a backslash (which escapes its start). */
export function containsUnescaped(text: string, value: string): boolean {
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    if (text.charAt(at - 1) !== '\\') return true;
  }
  return false;
}
