/**
 * Reads a chat reply as the answer to one prompt, by the prompt's kind: dates written the Norwegian or
 * the ISO way, amounts with spaces and "kr" or in millions ("1,2 mill"), choices by number or by label in
 * either language, with a comment after them ("Ja – Per var med"), people by @mention. What cannot be
 * read gets a reply that says how to write it; nothing is guessed.
 */
import type { Answer, Language, Localized, PromptDefinition } from '../engine';
import { texts } from './botTexts';
import { LANGUAGES, parseLocaleNumber, readCalendarDate } from '../engine';

export type ParsedAnswer = { answer: Answer } | { problem: Localized };

/**
 * `offered`: what the case has recorded that the prompt offers as its answer (the barriers or ideas, as
 * the bot listed them, numbered from 1): "alle", "1, 3" or "2: og dessuten …" answer with those.
 */
export function answerFromText(
  prompt: PromptDefinition,
  text: string,
  mentionedPersonIds: readonly string[],
  offered: readonly string[] = [],
): ParsedAnswer {
  const trimmed = text.trim();
  switch (prompt.kind) {
    case 'shortText':
    case 'longText': {
      if (trimmed === '') return { problem: texts.answerProblem.text };
      const selection = offered.length > 0 ? selectionFromText(trimmed, offered.length) : undefined;
      if (selection === 'outOfRange') return { problem: texts.answerProblem.offeredNumbers(offered.length) };
      if (selection !== undefined) {
        const lines = selection.indexes.map((index) => `• ${offered[index] ?? ''}`);
        const own = selection.ownWords === undefined ? [] : [selection.ownWords];
        return { answer: { type: 'text', text: [...lines, ...own].join('\n') } };
      }
      return { answer: { type: 'text', text: trimmed } };
    }
    case 'date': {
      const date = parseDate(trimmed);
      return date ? { answer: { type: 'date', date } } : { problem: texts.answerProblem.date };
    }
    case 'number': {
      const number = parseNumber(trimmed);
      return number === undefined
        ? { problem: texts.answerProblem.number }
        : { answer: { type: 'number', number } };
    }
    case 'link': {
      const url = /https?:\/\/\S+/i.exec(trimmed)?.[0]?.replace(/[).,;]+$/, '');
      return url ? { answer: { type: 'link', url } } : { problem: texts.answerProblem.link };
    }
    case 'person':
      return mentionedPersonIds.length > 0
        ? { answer: { type: 'people', personIds: [...new Set(mentionedPersonIds)] } }
        : { problem: texts.answerProblem.people };
    case 'singleChoice':
    case 'multipleChoice':
      return choiceFromText(prompt, trimmed);
  }
}

/**
 * A choice by number or label, and what the person adds to it: "Ja – Per Andersen var med", "1, 3 (mest
 * 3)", or for a single choice "Ja, Per var med" are the options with a comment. Text that names no option
 * is the "other" answer where the prompt allows one, and refused elsewhere.
 */
function choiceFromText(prompt: PromptDefinition, text: string): ParsedAnswer {
  const options = prompt.options ?? [];
  const whole = readChoices(prompt, text);
  if (whole.others.length > 0) {
    const withComment = splitComment(prompt, text)
      .map(({ head, comment }) => ({ ...readChoices(prompt, head), comment }))
      .find((read) => read.others.length === 0 && read.optionIds.length > 0);
    if (withComment) return choiceAnswer(prompt, withComment.optionIds, [], withComment.comment);
  }
  if (whole.others.length > 0 && !prompt.allowOther) {
    return { problem: texts.answerProblem.chooseByNumber(options.map((o) => o.label)) };
  }
  return choiceAnswer(prompt, whole.optionIds, whole.others);
}

function choiceAnswer(
  prompt: PromptDefinition,
  optionIds: string[],
  others: string[],
  comment?: string,
): ParsedAnswer {
  if (prompt.kind === 'singleChoice' && optionIds.length + (others.length > 0 ? 1 : 0) !== 1) {
    return { problem: texts.answerProblem.onlyOne };
  }
  const otherText = others.join(', ');
  return {
    answer: {
      type: 'choice',
      optionIds: [...new Set(optionIds)],
      ...(otherText !== '' && { otherText }),
      ...(comment !== undefined && comment !== '' && { comment }),
    },
  };
}

function readChoices(prompt: PromptDefinition, text: string): { optionIds: string[]; others: string[] } {
  const parts =
    prompt.kind === 'multipleChoice'
      ? text.split(/\s*(?:,|;|\n|\bog\b|\band\b|&)\s*/i).filter(Boolean)
      : [text];
  const optionIds: string[] = [];
  const others: string[] = [];
  for (const part of parts) {
    const found = matchOption(prompt.options ?? [], part);
    if (found) optionIds.push(found);
    else others.push(part);
  }
  return { optionIds, others };
}

/**
 * Where a comment may begin: after a dash between spaces, in brackets at the end, and for a single
 * choice also after the first comma, semicolon, colon or full stop. Earliest first.
 */
function splitComment(prompt: PromptDefinition, text: string): { head: string; comment: string }[] {
  const splits: { head: string; comment: string }[] = [];
  const dash = /^(.+?)\s+[-–—]\s+(.+)$/s.exec(text);
  if (dash) splits.push({ head: dash[1] ?? '', comment: dash[2] ?? '' });
  const bracket = /^(.+?)\s*\(([^()]+)\)\s*[.!]?$/s.exec(text);
  if (bracket) splits.push({ head: bracket[1] ?? '', comment: bracket[2] ?? '' });
  if (prompt.kind === 'singleChoice') {
    const punctuation = /^([^,;:.]+?)\s*[,;:.]\s*(.+)$/s.exec(text);
    if (punctuation) splits.push({ head: punctuation[1] ?? '', comment: punctuation[2] ?? '' });
  }
  return splits.map(({ head, comment }) => ({ head: head.trim(), comment: comment.trim() }));
}

function matchOption(options: PromptDefinition['options'] & object, part: string): string | undefined {
  const wanted = part.trim().toLowerCase().replace(/[.)]$/, '');
  const index = /^\d+$/.test(wanted) ? Number(wanted) - 1 : -1;
  if (index >= 0 && index < options.length) return options[index]?.id;
  const exact = options.find(
    (o) => o.id === wanted || LANGUAGES.some((language) => o.label[language].toLowerCase() === wanted),
  );
  return exact?.id;
}

const SELECTION =
  /^(alle|all|\d+(?:\s*(?:,|;|&|\bog\b|\band\b)\s*\d+)*)(?:\s*[:–—]\s*(.+?)|\s+-\s+(.+?))?\s*[.!]?$/is;

/**
 * A reply that picks offered items by number or all of them ("alle", "1, 3", "1 og 3"), with the
 * person's own words after a colon or a dash ("alle: og dessuten lite tid"): the indexes (from 0) and
 * the words. Undefined for any other reply ("1 gang i uka", "alle ansatte var skeptiske" are answers in
 * their own right); 'outOfRange' for a number that was not offered.
 */
export function selectionFromText(
  text: string,
  count: number,
): { indexes: number[]; ownWords?: string } | 'outOfRange' | undefined {
  const match = SELECTION.exec(text.trim());
  if (!match) return undefined;
  const picked = (match[1] ?? '').toLowerCase();
  const numbers =
    picked === 'alle' || picked === 'all'
      ? Array.from({ length: count }, (_, index) => index + 1)
      : (picked.match(/\d+/g) ?? []).map(Number);
  if (numbers.some((n) => n < 1 || n > count)) return 'outOfRange';
  const ownWords = (match[2] ?? match[3])?.trim();
  return {
    indexes: [...new Set(numbers)].map((n) => n - 1),
    ...(ownWords !== undefined && ownWords !== '' && { ownWords }),
  };
}

/** 2026-09-01, 1.9.2026, 01.09.2026, 01/09/2026 → 2026-09-01: the engine's one date reader. */
export const parseDate = readCalendarDate;

/**
 * "1 500 000", "1 500 000 kr", "NOK 2,5", "1,2 mill" → numbers; anything unreadable or ambiguous ("1,500") →
 * undefined. The same reader as the stage form's number inputs, so chat and card agree on every amount.
 */
export function parseNumber(text: string): number | undefined {
  const parsed = parseLocaleNumber(text);
  return 'number' in parsed ? parsed.number : undefined;
}

/** How to answer a prompt in chat, shown under the question. */
export function answerHint(prompt: PromptDefinition, language: Language): string {
  const list = (prompt.options ?? []).map((o, i) => `${i + 1}. ${o.label[language]}`).join('  \n');
  const hint = texts.answerHint[prompt.kind];
  const text = typeof hint === 'function' ? hint(list) : hint;
  return text[language] + (prompt.allowOther ? texts.answerHint.orOther[language] : '');
}
