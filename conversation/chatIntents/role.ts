/**
 * "leder @Kari" / "forsker @Rita" (and "fjern leder @Kari"): gives or takes a role, for each person
 * mentioned. A message that starts like a role command but names nobody is an answer when a question is
 * pending ("Leder for hjemmetjenesten …").
 */
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { answerPending } from './answering';
import { onCase } from './chatIntent';

export const role = onCase<'role'>(async (app, turn, intent, here) => {
  if (turn.mentions.length === 0) {
    if (here.record?.pendingQuestion?.caseId === here.state.caseId)
      return answerPending(app, turn, here, turn.text);
    return replyText(texts.needMention);
  }
  app.requireKnownMentions(turn);
  for (const person of turn.mentions) {
    await app.run(
      turn,
      here.state.caseId,
      { type: intent.revoke ? 'RevokeRole' : 'AssignRole', personId: person.personId, role: intent.role },
      { deliverySuffix: `:${person.personId}` },
    );
  }
  return replyText(texts.roleChanged(turn.mentions.length, intent.revoke));
});
