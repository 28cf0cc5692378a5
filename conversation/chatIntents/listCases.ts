/** "saker" / "cases": the cases of this conversation, the active one marked. */
import { ValidationError } from '../../engine';
import { escapeMarkdown } from '../../cards';
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { anywhere } from './chatIntent';

export const listCases = anywhere<'listCases'>(async (app, turn, _intent, here) => {
  const cases = await app.casesHere(turn.conversationId);
  if (cases.length === 0) throw new ValidationError('noCases', texts.noCases);
  const lines = cases.map(
    (c, i) =>
      `${i + 1}. ${c.caseId === here.record?.activeCaseId ? '▶ ' : ''}${escapeMarkdown(c.title)} (${c.status})`,
  );
  return replyText(texts.casesList(lines));
});
