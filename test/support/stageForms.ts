/**
 * Stage form inputs for tests and benchmarks: every open required prompt of a stage answered with a
 * value its kind accepts, under the input ids the stage form card uses.
 */
import { INPUT_IDS } from '../../cards';
import type { CaseState, StageDefinition } from '../../engine';

export function requiredAnswers(
  stage: StageDefinition,
  state: CaseState,
  options: { personId: string; author?: string },
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
        inputs[id] =
          `${options.author === undefined ? 'Svar' : `Svar fra ${options.author}`} på «${prompt.label.nb}»`;
    }
  }
  return inputs;
}
