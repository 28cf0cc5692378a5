/** "språk nb" / "language en": the case's language, for everyone in the conversation. */
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { onCase } from './chatIntent';

export const language = onCase<'language'>(async (app, turn, intent, here) => {
  if (!intent.language) return replyText(texts.languageHelp);
  await app.run(turn, here.state.caseId, { type: 'ChangeLanguage', language: intent.language });
  await app.say(turn, texts.languageChanged, intent.language);
  return undefined;
});
