/** "Be om vurdering" on the status card: sends the gate to its deciders; a card of an earlier stage is stale. */
import { stageOf } from '../../engine';
import { texts } from '../botTexts';
import { replyCard } from '../reply';
import { caseCard } from './cardAction';

export const requestReview = caseCard(async (app, turn, data, here) => {
  const { state, template, language } = here;
  if (data.stageId !== undefined && data.stageId !== state.currentStageId) {
    return replyCard(await app.statusCard(state, { language, notice: texts.staleCard[language] }));
  }
  const outcome = await app.run(turn, state.caseId, {
    type: 'RequestGateReview',
    stageId: state.currentStageId,
  });
  await app.carryOut(turn, outcome);
  const notice = texts.reviewRequested(stageOf(template, state.currentStageId).title)[language];
  return replyCard(await app.statusCard(outcome.state, { language, notice }));
});
