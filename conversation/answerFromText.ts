/**
 * Reads a chat reply as the answer to one prompt, by the prompt's kind: dates written the Norwegian or
 * the ISO way, amounts with spaces and "kr", choices by number or by label in either language, people by
 * @mention. What cannot be read gets a reply that says how to write it; nothing is guessed.
 */
import type { Answer, Language, Localized, PromptDefinition } from '../engine';
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
      if (trimmed === '')
        return { problem: { nb: 'Skriv svaret etter navnet mitt.', en: 'Write the answer after my name.' } };
      return { answer: { type: 'text', text: trimmed } };
    case 'date': {
      const date = parseDate(trimmed);
      return date
        ? { answer: { type: 'date', date } }
        : {
            problem: {
              nb: 'Skriv datoen som 01.09.2026 eller 2026-09-01.',
              en: 'Write the date as 2026-09-01 or 01.09.2026.',
            },
          };
    }
    case 'number': {
      const number = parseNumber(trimmed);
      return number === undefined
        ? {
            problem: {
              nb: 'Skriv et tall, for eksempel 1 500 000.',
              en: 'Write a number, for example 1500000.',
            },
          }
        : { answer: { type: 'number', number } };
    }
    case 'link': {
      const url = /https?:\/\/\S+/i.exec(trimmed)?.[0]?.replace(/[).,;]+$/, '');
      return url
        ? { answer: { type: 'link', url } }
        : {
            problem: {
              nb: 'Lim inn en lenke som begynner med https://',
              en: 'Paste a link starting with https://',
            },
          };
    }
    case 'person':
      return mentionedPersonIds.length > 0
        ? { answer: { type: 'people', personIds: [...new Set(mentionedPersonIds)] } }
        : {
            problem: {
              nb: 'Nevn personene med @, for eksempel @Kari.',
              en: 'Mention the people with @, for example @Kari.',
            },
          };
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
    return {
      problem: {
        nb: `Velg med tall: ${options.map((o, i) => `${i + 1}. ${o.label.nb}`).join(', ')}.`,
        en: `Choose by number: ${options.map((o, i) => `${i + 1}. ${o.label.en}`).join(', ')}.`,
      },
    };
  }
  if (prompt.kind === 'singleChoice' && optionIds.length + (others.length > 0 ? 1 : 0) !== 1) {
    return { problem: { nb: 'Velg bare ett alternativ.', en: 'Choose only one option.' } };
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
  const options = prompt.options ?? [];
  const list = options.map((o, i) => `${i + 1}. ${o.label[language]}`).join('  \n');
  const hints: Record<PromptDefinition['kind'], Localized> = {
    shortText: { nb: 'Svar med en kort tekst.', en: 'Answer with a short text.' },
    longText: { nb: 'Svar med så mye tekst du vil.', en: 'Answer with as much text as you like.' },
    date: {
      nb: 'Svar med en dato, for eksempel 01.09.2026.',
      en: 'Answer with a date, for example 2026-09-01.',
    },
    number: { nb: 'Svar med et tall.', en: 'Answer with a number.' },
    link: { nb: 'Svar med en lenke (https://…).', en: 'Answer with a link (https://…).' },
    person: { nb: 'Svar ved å nevne personene med @.', en: 'Answer by mentioning the people with @.' },
    singleChoice: { nb: `Svar med ett tall:  \n${list}`, en: `Answer with one number:  \n${list}` },
    multipleChoice: {
      nb: `Svar med ett eller flere tall, skilt med komma:  \n${list}`,
      en: `Answer with one or more numbers, separated by commas:  \n${list}`,
    },
  };
  const other = prompt.allowOther
    ? { nb: '  \nEller skriv noe annet med egne ord.', en: '  \nOr write something else in your own words.' }
    : { nb: '', en: '' };
  return hints[prompt.kind][language] + other[language];
}
