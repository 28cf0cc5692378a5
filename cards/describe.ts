/**
 * How the cards put case facts into words: times, dates, numbers, people, answers and stages. Shared
 * by the status, approval, stage-form and recorded cards so the same answer reads the same everywhere.
 * Every function returns markdown that is safe to put in a TextBlock: user text is escaped here.
 */
import type { Answer, CaseState, Language, Localized, ProcessTemplate, PromptDefinition } from '../engine';
import { isNorwegianForm, LANGUAGE_TAGS, stageOf } from '../engine';
import { cardTexts } from './cardTexts';
import type { Summarizer } from './text';
import { cleanText, escapeMarkdown, NAME_LIMIT } from './text';

/**
 * A moment in the reader's own time zone and locale: the Adaptive Cards host expands
 * `{{DATE()}}`/`{{TIME()}}` on the device. The functions accept RFC 3339 to the second only, so the
 * milliseconds of our ISO timestamps are dropped. Anything else is shown as escaped text.
 */
export function when(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  if (!match) return escapeMarkdown(iso);
  const stamp = `${match[1]}Z`;
  return `{{DATE(${stamp}, SHORT)}} {{TIME(${stamp})}}`;
}

/** A calendar date (YYYY-MM-DD) as people write it: 12.03.2026 in Norwegian, 12 Mar 2026 in English. */
export function calendarDate(date: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return escapeMarkdown(date);
  const [, year, month, day] = match;
  if (isNorwegianForm(language)) return `${day}.${month}.${year}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(day)} ${months[Number(month) - 1] ?? month} ${year}`;
}

/** 1 500 000 in Norwegian, 1,500,000 in English. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LANGUAGE_TAGS[language], { maximumFractionDigits: 6 }).format(value);
}

/** A person's display name, escaped; people without a known name (erased, never seen) say so. */
export function personName(names: ReadonlyMap<string, string>, personId: string, language: Language): string {
  const name = names.get(personId);
  if (name === undefined || cleanText(name).trim() === '') return cardTexts.common.unknownPerson[language];
  const line = cleanText(name).replace(/\s+/g, ' ').trim();
  const short =
    Array.from(line).length > NAME_LIMIT
      ? `${Array.from(line)
          .slice(0, NAME_LIMIT - 1)
          .join('')}…`
      : line;
  return escapeMarkdown(short);
}

export function peopleList(
  ids: readonly string[],
  names: ReadonlyMap<string, string>,
  language: Language,
): string {
  if (ids.length === 0) return cardTexts.common.unknownPerson[language];
  return ids.map((id) => personName(names, id, language)).join(', ');
}

/**
 * Template text (titles, labels, help) for a markdown field. Templates are versioned process data, not
 * card markup: escaping them too means a label such as "Budget (1,000 NOK) *" shows as written.
 */
export function templateText(text: Localized, language: Language): string {
  return escapeMarkdown(text[language]);
}

/** A stage title, escaped; a stage the template does not have is refused (`stageOf`). */
export function stageTitle(template: ProcessTemplate, stageId: string, language: Language): string {
  return templateText(stageOf(template, stageId).title, language);
}

/** The answer as text for a summary: shortened through the summarizer, escaped. */
export function describeAnswer(
  prompt: PromptDefinition,
  answer: Answer,
  language: Language,
  names: ReadonlyMap<string, string>,
  summarizer: Summarizer,
  limit: number,
): string {
  switch (answer.type) {
    case 'text':
      return summarizer.block(answer.text, limit);
    case 'date':
      return calendarDate(answer.date, language);
    case 'number':
      return formatNumber(answer.number, language);
    case 'link':
      return answer.label !== undefined
        ? `${summarizer.inline(answer.label, 100)} (${summarizer.inline(answer.url, 200)})`
        : summarizer.inline(answer.url, 200);
    case 'people':
      return peopleList(answer.personIds, names, language);
    case 'choice': {
      const labels = answer.optionIds.map((id) => {
        const option = prompt.options?.find((candidate) => candidate.id === id);
        return option ? templateText(option.label, language) : escapeMarkdown(id);
      });
      if (answer.otherText !== undefined) {
        labels.push(
          `${cardTexts.stageForm.otherChoice[language]}: ${summarizer.inline(answer.otherText, limit)}`,
        );
      }
      return answer.comment === undefined
        ? labels.join(', ')
        : `${labels.join(', ')} – ${summarizer.inline(answer.comment, limit)}`;
    }
    case 'notApplicable':
      return `${capitalise(cardTexts.status.notApplicable[language])}: ${summarizer.inline(answer.reason, limit)}`;
  }
}

export type PromptStatus = 'answered' | 'notApplicable' | 'open';

export function promptStatus(state: CaseState, prompt: PromptDefinition): PromptStatus {
  const record = state.answers[prompt.id];
  if (!record) return 'open';
  return record.answer.type === 'notApplicable' ? 'notApplicable' : 'answered';
}

export const STATUS_ICON: Record<PromptStatus, string> = { answered: '✓', notApplicable: '⊘', open: '○' };

/** The label of a prompt with its requiredness, for lists. */
export function promptLine(prompt: PromptDefinition, language: Language): string {
  const marker = prompt.required ? cardTexts.common.required[language] : cardTexts.common.optional[language];
  return `${templateText(prompt.label, language)} (${marker})`;
}

/** Joins labels into "a, b and c". */
export function listing(items: readonly string[], language: Language): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${cardTexts.common.and[language]} ${items[items.length - 1] ?? ''}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
