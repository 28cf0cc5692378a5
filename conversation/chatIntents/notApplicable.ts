/** "ikke relevant, fordi …" / "not applicable, because …": answers the pending question with a reason. */
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { answerPending } from './answering';
import { onCase } from './chatIntent';

export const notApplicable = onCase<'notApplicable'>(async (app, turn, intent, here) => {
  if (!intent.reason) return replyText(texts.needReason);
  return answerPending(app, turn, here, { type: 'notApplicable', reason: intent.reason });
});
