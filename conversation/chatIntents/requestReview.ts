/** "be om vurdering" / "request review": sends the current stage's gate to its deciders (the approval card). */
import { stageOf } from '../../engine';
import { texts } from '../botTexts';
import { onCase } from './chatIntent';

export const requestReview = onCase<'requestReview'>(async (app, turn, _intent, here) => {
  const { state, template } = here;
  const outcome = await app.run(turn, state.caseId, {
    type: 'RequestGateReview',
    stageId: state.currentStageId,
  });
  await app.say(turn, texts.reviewRequested(stageOf(template, state.currentStageId).title), here.language);
  await app.carryOut(turn, outcome);
  return undefined;
});
