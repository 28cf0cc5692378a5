import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../engine';
import { nextOpenPrompt, skippedOpenPrompts, stageOf } from '../../engine';
import { CaseSpecification, openCommand, people, template, validAnswer } from './caseSpecification';

const stage = stageOf(template, 'define-challenge');
const ids = stage.prompts.map((p) => p.id);

/** A case in stage 1 with these prompts answered. */
function answered(promptIds: string[]): CaseState {
  const spec = new CaseSpecification().given(people.olga, openCommand());
  if (promptIds.length > 0) {
    spec.given(people.olga, {
      type: 'RecordDocumentation',
      stageId: stage.id,
      answers: promptIds.map((promptId) => ({ promptId, answer: validAnswer(promptId) })),
    });
  }
  if (!spec.state) throw new Error('no state');
  return spec.state;
}

describe('the next prompt to ask in a stage', () => {
  it('follows the template order, an optional prompt where it stands', () => {
    // Stage 1: the fifth prompt is optional; it comes after the fourth, not after the last required one.
    expect(stage.prompts[4]?.required).toBe(false);
    const state = answered(ids.slice(0, 4));
    expect(nextOpenPrompt(state, stage, [], false)?.id).toBe(ids[4]);
  });

  it('passes over skipped prompts, and brings them back only when asked to, in the order skipped', () => {
    const state = answered(ids.slice(0, 4));
    const skipped = [ids[6] ?? '', ids[4] ?? ''];
    expect(nextOpenPrompt(state, stage, skipped, false)?.id).toBe(ids[5]);
    const rest = answered([...ids.slice(0, 4), ids[5] ?? '', ids[7] ?? '']);
    expect(nextOpenPrompt(rest, stage, skipped, false)).toBeUndefined();
    expect(nextOpenPrompt(rest, stage, skipped, true)?.id).toBe(ids[6]);
    expect(skippedOpenPrompts(rest, stage, [...skipped, ids[0] ?? '']).map((p) => p.id)).toEqual(skipped);
  });
});
