/** "bli med" / "join": joins the case as a member without doing anything else. */
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { onCase } from './chatIntent';

export const join = onCase<'join'>(async (app, turn, _intent, here) => {
  await app.run(turn, here.state.caseId, { type: 'JoinCase' });
  return replyText(texts.joined);
});
