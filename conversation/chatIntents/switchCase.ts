/** "bytt 2" / "bytt Trygghetsalarm": makes another case of this conversation the active one. */
import { ValidationError } from '../../engine';
import { escapeMarkdown } from '../../cards';
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { anywhere } from './chatIntent';

export const switchCase = anywhere<'switchCase'>(async (app, turn, intent) => {
  const which = intent.which.trim();
  const cases = await app.casesHere(turn.conversationId);
  const index = /^\d+$/.test(which) ? Number(which) - 1 : -1;
  const chosen =
    cases[index] ?? cases.find((c) => which !== '' && c.title.toLowerCase().includes(which.toLowerCase()));
  if (!chosen) throw new ValidationError('caseNotFoundHere', texts.caseNotFoundHere);
  await app.makeActive(turn, chosen.caseId);
  return replyText(texts.switched(escapeMarkdown(chosen.title)));
});
