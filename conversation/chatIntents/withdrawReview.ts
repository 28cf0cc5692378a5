/** "trekk" / "withdraw": takes the pending review request back, so the documentation can change. */
import { onCase } from './chatIntent';

export const withdrawReview = onCase<'withdrawReview'>(async (app, turn, intent, here) => {
  const { state } = here;
  const outcome = await app.run(turn, state.caseId, {
    type: 'WithdrawGateReview',
    stageId: state.gate?.stageId ?? state.currentStageId,
    ...(intent.reason !== undefined && { reason: intent.reason }),
  });
  await app.carryOut(turn, outcome);
  return undefined;
});
