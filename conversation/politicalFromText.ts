/**
 * Reads a chat reply as a political decision reference, the way people write one down:
 * "Kommunestyret, 12.03.2026, sak 2026/417: Kommunestyret slutter seg til …", with a link to the
 * decision instead of (or besides) its text. Or, in a later round, that the decision recorded earlier
 * still stands: "gjelder fortsatt fordi …" / "gjeld framleis fordi …" / "still stands because …". What
 * cannot be read gets a reply that says what is missing; nothing is guessed. Pure.
 */
import type { Localized, PoliticalDecisionReference } from '../engine';
import { readCalendarDate } from '../engine';
import { texts } from './botTexts';

export type ParsedPolitical =
  { reference: PoliticalDecisionReference } | { stillStandsBecause: string } | { problem: Localized };

const STILL_STANDS =
  /^(?:(?:det samme |samme |det same |same )?vedtaket )?(?:gjelder|gjeld|står) (?:fortsatt|fremdeles|framleis)[,:]?\s*(?:fordi|siden|sidan|ettersom|:)?\s*(.*)$|^(?:the )?(?:same )?decision (?:still stands|still holds|stands)[,:]?\s*(?:because|as|since|:)?\s*(.*)$/is;
const DATE = /\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4})\b/;
const CASE_NUMBER = /\b(?:saksnummer|saksnr\.?|sak|case number|case no\.?|case)\s*:?\s*([0-9][\w./-]*)/i;
const BARE_CASE_NUMBER = /\b(\d{2,4}\/\d+(?:[-/]\d+)*)\b/;
const LINK = /https?:\/\/\S+/i;

export function politicalFromText(text: string): ParsedPolitical {
  const trimmed = text.trim();
  const still = STILL_STANDS.exec(trimmed);
  if (still) {
    const because = (still[1] ?? still[2] ?? '').trim();
    return because === '' ? { problem: texts.politicalProblem.because } : { stillStandsBecause: because };
  }
  const dateMatch = DATE.exec(trimmed);
  const meetingDate = dateMatch?.[1] ? readCalendarDate(dateMatch[1]) : undefined;
  if (!dateMatch || meetingDate === undefined) return { problem: texts.politicalProblem.date };
  const body = trimmed
    .slice(0, dateMatch.index)
    .replace(/[\s,;:–-]+$/u, '')
    .replace(/\b(?:i|in|på|at|den|on)$/i, '')
    .trim();
  if (body === '') return { problem: texts.politicalProblem.body };
  const rest = trimmed.slice(dateMatch.index + dateMatch[0].length);
  const caseMatch = CASE_NUMBER.exec(rest) ?? BARE_CASE_NUMBER.exec(rest);
  const caseNumber = caseMatch?.[1]?.replace(/[.,;:]+$/, '');
  if (!caseMatch || caseNumber === undefined || caseNumber === '') {
    return { problem: texts.politicalProblem.caseNumber };
  }
  const after = rest.slice(caseMatch.index + caseMatch[0].length);
  const link = LINK.exec(after)?.[0]?.replace(/[).,;]+$/, '');
  const decisionText = (link === undefined ? after : after.replace(LINK, ' '))
    .replace(/^[\s,;:.–-]+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (decisionText === '' && link === undefined) return { problem: texts.politicalProblem.decision };
  return {
    reference: {
      body,
      meetingDate,
      caseNumber,
      ...(decisionText !== '' && { decisionText }),
      ...(link !== undefined && { link }),
    },
  };
}
