/**
 * "hopp over" / "skip": leaves the pending question for later, says which one it was and how to come
 * back to it, and asks the next one. A question skipped again while the skipped ones are asked anew goes
 * to the back of their line.
 */
import { nextOpenPrompt, skippedOpenPrompts, stageOf } from '../../engine';
import { texts } from '../botTexts';
import { pendingQuestionOf } from './answering';
import { onCase } from './chatIntent';

export const skip = onCase<'skip'>(async (app, turn, _intent, here) => {
  const { pending, prompt } = pendingQuestionOf(here);
  const stage = stageOf(here.template, pending.stageId);
  const reasking = pending.skipped.includes(prompt.id);
  const skipped = [...pending.skipped.filter((id) => id !== prompt.id), prompt.id];
  const othersFollow = nextOpenPrompt(here.state, stage, skipped, false) !== undefined;
  const index = stage.prompts.indexOf(prompt) + 1;
  await app.askNext(turn, here.state, here.template, {
    reaskSkipped: reasking && skippedOpenPrompts(here.state, stage, skipped).length > 1,
    skipped,
    lead: texts.skipped(index, prompt.label, othersFollow)[here.state.language],
  });
  return undefined;
});
