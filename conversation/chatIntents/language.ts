/**
 * "språk nn" / "språk nb" / "language en": the case's language, for everyone in the conversation. A question the
 * bot was waiting for an answer to is asked again in the new language, so nobody answers a question
 * they could not read.
 */
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { onCase } from './chatIntent';

export const language = onCase<'language'>(async (app, turn, intent, here) => {
  if (!intent.language) return replyText(texts.languageHelp);
  const wanted = app.languageAskedFor(turn, intent.language);
  const outcome = await app.run(turn, here.state.caseId, {
    type: 'ChangeLanguage',
    language: wanted,
  });
  const pending = here.record?.pendingQuestion;
  if (pending?.caseId === here.state.caseId && !outcome.duplicate) {
    await app.askNext(turn, outcome.state, here.template, {
      reaskSkipped: false,
      skipped: pending.skipped,
      lead: texts.languageChanged[wanted],
    });
  } else {
    await app.say(turn, texts.languageChanged, wanted);
  }
  return undefined;
});
