/**
 * Every text table of the product, walked to its texts: a `Localized` value is checked where it stands,
 * and a function that makes texts is called with sample arguments (strings, then numbers, then texts),
 * so the texts it builds are checked too. Each text is named by its path, so a failing test names the key.
 */
import { authenticationRefusals } from '../../auth/researchCaller';
import { TURN_FAILED_TEXT } from '../../bot/botAdapter';
import { cardTexts } from '../../cards/cardTexts';
import { texts as botTexts } from '../../conversation/botTexts';
import { COMMAND_WORDS } from '../../conversation/commandParser';
import { dashboardRefusals } from '../../dashboard/dashboardRefusals';
import { LANGUAGES, type Language } from '../../engine/localized';
import {
  ACTIONS,
  ANSWER_PROBLEMS,
  COMMAND_PROBLEMS,
  FIELDS,
  refuse,
  VALUE_PROBLEMS,
} from '../../engine/refusals';
import { researchRefusals } from '../../research/researchRefusals';
import {
  COMPARISON_ASPECTS,
  DECISION_KIND_NAMES,
  OUTCOME_NAMES,
  RECORDED_VIA_HEADING,
  RECORDED_VIA_NAMES,
  recordedViaPhrase,
  STATUS_NAMES,
  WORDS,
} from '../../research/vocabulary';
import { TEXTS as TAB_TEXTS } from '../../tab/texts';

export const TEXT_TABLES: Record<string, unknown> = {
  botTexts,
  cardTexts,
  commandWords: Object.fromEntries(COMMAND_WORDS.map((command) => [command.kind, command.description])),
  refuse,
  FIELDS,
  ACTIONS,
  COMMAND_PROBLEMS,
  VALUE_PROBLEMS,
  ANSWER_PROBLEMS,
  researchRefusals,
  dashboardRefusals,
  authenticationRefusals,
  TURN_FAILED_TEXT,
  OUTCOME_NAMES,
  STATUS_NAMES,
  WORDS,
  DECISION_KIND_NAMES,
  COMPARISON_ASPECTS,
  RECORDED_VIA_NAMES,
  RECORDED_VIA_HEADING,
  recordedViaPhrase,
  tab: TAB_TEXTS,
};

export type Texts = Readonly<Record<Language, unknown>>;

export interface FoundText {
  path: string;
  text: Texts;
}

const SAMPLE = 'Qzx';
const SAMPLE_TEXT = Object.fromEntries(LANGUAGES.map((language) => [language, SAMPLE]));
/** One argument that reads as a string, a number and a text at once (for texts that take several kinds). */
const SAMPLE_ANY: unknown = Object.assign(
  Object.create({
    [Symbol.toPrimitive]: (hint: string) => (hint === 'number' ? 2 : SAMPLE),
  }) as object,
  SAMPLE_TEXT,
);

function isTexts(value: unknown): value is Texts {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    LANGUAGES.some((language) => language in value) &&
    Object.keys(value).every((key) => (LANGUAGES as readonly string[]).includes(key))
  );
}

/** A made text that shows a sample went in where it did not fit. */
function misfits(made: unknown): boolean {
  const json = JSON.stringify(made) ?? '';
  return json.includes('undefined') || json.includes('[object Object]') || json.includes('NaN');
}

/** What a text function returns for sample arguments, or undefined when no sample fits. */
function sampled(make: (...args: unknown[]) => unknown): unknown {
  const samples: unknown[] = [SAMPLE_ANY, SAMPLE, 2, SAMPLE_TEXT, [SAMPLE_TEXT], [SAMPLE]];
  let first: unknown;
  for (const sample of samples) {
    try {
      const made = make(...Array.from({ length: Math.max(make.length, 1) }, () => sample));
      if (!misfits(made)) return made;
      first ??= made;
    } catch {
      // The next kind of sample.
    }
  }
  return first;
}

/** Every text under `value`, with its path from `path`. */
export function textsIn(value: unknown, path: string, found: FoundText[] = [], depth = 0): FoundText[] {
  if (depth > 8) return found;
  if (isTexts(value)) {
    found.push({ path, text: value });
    return found;
  }
  if (typeof value === 'function') {
    textsIn(sampled(value as (...args: unknown[]) => unknown), `${path}()`, found, depth + 1);
    return found;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => textsIn(item, `${path}[${index}]`, found, depth + 1));
    return found;
  }
  if (typeof value === 'object' && value !== null) {
    // A refusal's `details` are values for machines (ids, limits), not texts.
    const entries =
      value instanceof Error
        ? Object.entries(value).filter(([key]) => key !== 'stack' && key !== 'details')
        : Object.entries(value as Record<string, unknown>);
    for (const [key, inner] of entries) textsIn(inner, `${path}.${key}`, found, depth + 1);
  }
  return found;
}

/** Every text of every table. */
export function everyText(): FoundText[] {
  return Object.entries(TEXT_TABLES).flatMap(([name, table]) => textsIn(table, name));
}
