/** "be om vurdering" / "request review": sends the current stage's gate to its deciders (the approval card). */
import { carriedConditions, stageOf } from '../../engine';
import { escapeMarkdown } from '../../cards';
import { joined, texts } from '../botTexts';
import { onCase } from './chatIntent';

export const requestReview = onCase<'requestReview'>(async (app, turn, _intent, here) => {
  const { state, template } = here;
  const outcome = await app.run(turn, state.caseId, {
    type: 'RequestGateReview',
    stageId: state.currentStageId,
  });
  const requested = texts.reviewRequested(stageOf(template, state.currentStageId).title);
  // Conditions set at the gate before this stage are the deciders' to follow up now: the group sees them too.
  const carried = carriedConditions(state, state.currentStageId);
  await app.say(
    turn,
    carried
      ? joined(
          requested,
          texts.conditionsToFollowUp(
            stageOf(template, carried.fromStageId).title,
            carried.conditions.map(escapeMarkdown),
          ),
        )
      : requested,
    here.language,
  );
  await app.carryOut(turn, outcome);
  return undefined;
});
