/**
 * Reads a chat reply as the answer to one prompt, by the prompt's kind: dates written the Norwegian or
 * the ISO way, amounts with spaces and "kr", choices by number or by label in either language, people by
 * @mention. What cannot be read gets a reply that says how to write it; nothing is guessed.
 */
import type { Answer, Language, Localized, PromptDefinition } from '../engine';
import { texts } from './botTexts';
import { parseLocaleNumber, readCalendarDate } from '../engine';

export type ParsedAnswer = { answer: Answer } | { problem: Localized };

export function answerFromText(
  prompt: PromptDefinition,
  text: string,
  mentionedPersonIds: readonly string[],
): ParsedAnswer {
  const trimmed = text.trim();
  switch (prompt.kind) {
    case 'shortText':
    case 'longText':
      if (trimmed === '') return { problem: texts.answerProblem.text };
      return { answer: { type: 'text', text: trimmed } };
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

function choiceFromText(prompt: PromptDefinition, text: string): ParsedAnswer {
  const options = prompt.options ?? [];
  const parts =
    prompt.kind === 'multipleChoice'
      ? text.split(/\s*(?:,|;|\n|\bog\b|\band\b|&)\s*/i).filter(Boolean)
      : [text];
  const optionIds: string[] = [];
  const others: string[] = [];
  for (const part of parts) {
    const found = matchOption(options, part);
    if (found) optionIds.push(found);
    else others.push(part);
  }
  if (others.length > 0 && !prompt.allowOther) {
    return { problem: texts.answerProblem.chooseByNumber(options.map((o) => o.label)) };
  }
  if (prompt.kind === 'singleChoice' && optionIds.length + (others.length > 0 ? 1 : 0) !== 1) {
    return { problem: texts.answerProblem.onlyOne };
  }
  const otherText = others.join(', ');
  return {
    answer: { type: 'choice', optionIds: [...new Set(optionIds)], ...(otherText !== '' && { otherText }) },
  };
}

function matchOption(options: PromptDefinition['options'] & object, part: string): string | undefined {
  const wanted = part.trim().toLowerCase().replace(/[.)]$/, '');
  const index = /^\d+$/.test(wanted) ? Number(wanted) - 1 : -1;
  if (index >= 0 && index < options.length) return options[index]?.id;
  const exact = options.find(
    (o) => o.id === wanted || o.label.nb.toLowerCase() === wanted || o.label.en.toLowerCase() === wanted,
  );
  return exact?.id;
}

/** 2026-09-01, 1.9.2026, 01.09.2026, 01/09/2026 → 2026-09-01: the engine's one date reader. */
export const parseDate = readCalendarDate;

/**
 * "1 500 000", "1 500 000 kr", "NOK 2,5" → numbers; anything unreadable or ambiguous ("1,500") →
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
