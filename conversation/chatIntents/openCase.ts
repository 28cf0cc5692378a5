/**
 * "ny sak Tittel @leder …": opens a case with the mentioned people as managers. "ny sak" alone shows the
 * open-case form.
 */
import { openCaseFormCard } from '../../cards';
import { openCase as open, openCaseFormData } from '../openCase';
import { replyCard } from '../reply';
import { anywhere } from './chatIntent';

export const openCase = anywhere<'openCase'>(async (app, turn, intent, _here) => {
  // A new case speaks the language of the words that opened it ("åpne sak", "opne sak", "new case"), not
  // the language of the case open before it. Words both Norwegian forms share ("ny sak") get the turn's
  // Norwegian: Nynorsk for a Nynorsk locale, else the municipality's written form.
  const language = app.languageAskedFor(turn, intent.language ?? 'norwegian');
  if (intent.title === undefined) {
    return replyCard(openCaseFormCard(await openCaseFormData(app, turn, language)));
  }
  app.requireKnownMentions(turn);
  await open(app, turn, {
    title: intent.title,
    managerIds: turn.mentions.map((m) => m.personId),
    language,
  });
  return undefined;
});
