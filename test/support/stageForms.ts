/**
 * Stage form inputs for tests and benchmarks: every open required prompt of a stage answered with a
 * value its kind accepts, under the input ids the stage form card uses.
 */
import { INPUT_IDS } from '../../cards';
import type { CaseState, Language, StageDefinition } from '../../engine';

export function requiredAnswers(
  stage: StageDefinition,
  state: CaseState,
  /** `language`: the language the answers are typed in (Bokmål when absent). */
  options: { personId: string; author?: string; language?: Language },
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const prompt of stage.prompts.filter((p) => p.required && state.answers[p.id] === undefined)) {
    const id = INPUT_IDS.answer(prompt.id);
    switch (prompt.kind) {
      case 'date':
        inputs[id] = '2026-09-01';
        break;
      case 'number':
        inputs[id] = '250000';
        break;
      case 'link':
        inputs[id] = 'https://kommune.no/sak.pdf';
        break;
      case 'person':
        inputs[id] = options.personId;
        break;
      case 'singleChoice':
      case 'multipleChoice':
        inputs[id] = prompt.options?.[0]?.id;
        break;
      default:
        inputs[id] = answerText(prompt.label[options.language ?? 'nb'], options);
    }
  }
  return inputs;
}

const ANSWER_WORDS: { readonly [L in Language]: { answer: string; from: string; on: string } } = {
  nb: { answer: 'Svar', from: 'fra', on: 'på' },
  nn: { answer: 'Svar', from: 'frå', on: 'på' },
  en: { answer: 'Answer', from: 'from', on: 'to' },
};

/** "Svar fra Olga på «…»", in the language the answer is typed in. */
function answerText(label: string, options: { author?: string; language?: Language }): string {
  const words = ANSWER_WORDS[options.language ?? 'nb'];
  const who = options.author === undefined ? words.answer : `${words.answer} ${words.from} ${options.author}`;
  return options.language === 'en' ? `${who} ${words.on} “${label}”` : `${who} ${words.on} «${label}»`;
}
