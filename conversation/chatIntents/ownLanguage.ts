/**
 * "mitt språk nn" / "my language en": the person's own language, for what only they see (the cards a
 * click answers, a refreshed approval card). What the whole group reads stays in the case's language
 * ("språk nn" changes that, for everyone). "mitt språk sak" follows the case again; "mitt språk" alone
 * says what is set.
 */
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { anywhere } from './chatIntent';

export const ownLanguage = anywhere<'ownLanguage'>(async (app, turn, intent, _here) => {
  if (intent.unrecognised !== undefined) return replyText(texts.ownLanguageUnknown);
  if (intent.language === undefined) {
    const own = await app.ownLanguage(turn.actorId);
    return replyText(own === undefined ? texts.ownLanguageNone : texts.ownLanguageIs(own));
  }
  if (intent.language === 'case') {
    await app.setOwnLanguage(turn.actorId, undefined);
    return replyText(texts.ownLanguageCleared);
  }
  const wanted = app.languageAskedFor(turn, intent.language);
  await app.setOwnLanguage(turn.actorId, wanted);
  // Said in the language chosen: the person sees at once that it is the one they wanted.
  await app.say(turn, texts.ownLanguageSet, wanted);
  return undefined;
});
