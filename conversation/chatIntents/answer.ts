/**
 * "svar: …" / "answer: …", and any message that is no command: the answer to the question the bot asked
 * last. Without a pending question, a plain message is not understood.
 */
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { answerPending } from './answering';
import { onCase } from './chatIntent';

export const answer = onCase<'answer' | 'text'>(async (app, turn, intent, here) => {
  const pending = here.record?.pendingQuestion;
  if (!pending || pending.caseId !== here.state.caseId) {
    return replyText(intent.kind === 'answer' ? texts.noPendingQuestion : texts.didNotUnderstand);
  }
  return answerPending(app, turn, here, intent.text);
});
