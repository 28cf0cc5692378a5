/**
 * "ny sak Tittel @leder …": opens a case with the mentioned people as managers. "ny sak" alone shows the
 * open-case form.
 */
import { openCaseFormCard } from '../../cards';
import { openCase as open, openCaseFormData } from '../openCase';
import { replyCard } from '../reply';
import { anywhere } from './chatIntent';

export const openCase = anywhere<'openCase'>(async (app, turn, intent, here) => {
  if (intent.title === undefined) {
    return replyCard(openCaseFormCard(await openCaseFormData(app, turn, here.language)));
  }
  app.requireKnownMentions(turn);
  // A new case speaks the opener's Teams language, not the language of the case open before it.
  await open(app, turn, {
    title: intent.title,
    managerIds: turn.mentions.map((m) => m.personId),
    language: turn.language,
  });
  return undefined;
});
