/**
 * A decider decided a gate on the approval card: approve, approve with conditions, send back, pause or
 * stop. A card whose review was decided or withdrawn meanwhile is stale: shown as it stands, nothing
 * recorded. The decision's effects (the card replaced for everyone, the outcome announced, the next
 * question asked) go through the outbox.
 */
import { parseGateDecision } from '../../cards';
import { isCurrentReview, ValidationError } from '../../engine';
import { texts } from '../botTexts';
import { replyCard } from '../reply';
import { caseCard } from './cardAction';

export const decideGate = caseCard(async (app, turn, data, here) => {
  const { state, language } = here;
  const parsed = parseGateDecision(data);
  if ('error' in parsed) throw new ValidationError('invalidDecision', parsed.error);
  if (!isCurrentReview(state, parsed.stageId, parsed.requestSeq)) {
    return replyCard(
      await app.approvalView(turn, state, parsed.requestSeq, {
        language,
        notice: texts.staleCard[language],
      }),
    );
  }
  const outcome = await app.run(turn, state.caseId, {
    type: 'DecideGate',
    stageId: parsed.stageId,
    requestSeq: parsed.requestSeq,
    decision: parsed.decision,
    ...(parsed.politicalDecision !== undefined && { politicalDecision: parsed.politicalDecision }),
  });
  await app.carryOut(turn, outcome);
  return replyCard(await app.approvalView(turn, outcome.state, parsed.requestSeq, { language }));
});
