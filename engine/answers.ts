/**
 * What can be recorded as documentation, and the limits every adapter (card, chat, API) shares.
 *
 * The limits are the engine's, not the storage's: a 100,000-character answer is refused here with the
 * limit named, instead of being cut short anywhere downstream.
 */

/** An answer to one prompt. Person answers hold person ids only: names live in the people directory. */
export type Answer =
  | { type: 'text'; text: string }
  | { type: 'date'; date: string }
  /** `comment`: what the person added to the choice ("Ja – Per Andersen var med"). */
  | { type: 'choice'; optionIds: string[]; otherText?: string; comment?: string }
  | { type: 'number'; number: number }
  | { type: 'link'; url: string; label?: string }
  | { type: 'people'; personIds: string[] }
  /** A required prompt that does not apply, with the reason why. */
  | { type: 'notApplicable'; reason: string };

/**
 * A reference to a decision by the political leadership. Political bodies usually work outside Teams,
 * so the decision is recorded as a reference a researcher can look up in the municipality's records.
 */
export interface PoliticalDecisionReference {
  /** The body that decided, for example "Kommunestyret" or "Helse- og omsorgsutvalget". */
  body: string;
  /** The meeting date, YYYY-MM-DD. */
  meetingDate: string;
  /** The case number in the municipality's records (saksnummer). */
  caseNumber: string;
  /** The decision text, or a summary of it. At least one of decisionText and link is required. */
  decisionText?: string;
  /** A link to the decision in the municipality's public records. */
  link?: string;
}

export const LIMITS = {
  shortText: 500,
  longText: 20_000,
  reason: 4_000,
  comment: 4_000,
  ideaOrBarrier: 4_000,
  memo: 20_000,
  title: 200,
  unit: 200,
  url: 2_000,
  linkLabel: 200,
  people: 50,
  choices: 50,
  politicalField: 500,
  decisionText: 20_000,
  managers: 25,
} as const;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An absolute http(s) URL. */
export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Text that holds something other than whitespace. */
export function hasText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
