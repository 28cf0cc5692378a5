/**
 * A click on a card (Universal Actions, `Action.Execute`): what the card sent (cards/submissions.ts reads
 * it and trusts nothing), the case it names, and the verb's handler from the table (cardActions/). The
 * answer is a card that replaces the clicked one, or a message Teams shows over it. A card can be
 * forwarded or copied, so it may only act on a case of this conversation. Errors are translated here,
 * once, into a message over the card (the card and what the person typed into it stay). The answer is
 * in the clicker's own language (`mitt språk nn`) when they chose one, else in the case's.
 */
import { isDomainError, type Language } from '../engine';
import { parseCardAction } from '../cards';
import type { ConversationApp } from './app';
import { texts } from './botTexts';
import { CARD_ACTIONS } from './cardActions';
import type { Reply } from './reply';
import type { Turn } from './turn';

/** What Teams shows: a card in place of the clicked one, or a message over it. */
export type CardAnswer = { card: object } | { message: string };

export async function handleCardAction(
  app: ConversationApp,
  turn: Turn,
  value: unknown,
): Promise<CardAnswer> {
  const action = parseCardAction(value);
  if ('error' in action) return { message: action.error[turn.language] };
  const handler = CARD_ACTIONS[action.verb];
  const { data } = action;
  let language: Language = turn.language;
  let caseId: string | undefined;
  try {
    // What a click answers only the clicker sees: it speaks their own language when they chose one, else
    // the case's (read beside the case, so it costs no extra wait).
    if (!handler.needsCase) {
      language = (await app.ownLanguage(turn.actorId)) ?? turn.language;
      return answer(await handler.handle(app, turn, data, { language }), language);
    }
    caseId = typeof data.caseId === 'string' && data.caseId !== '' ? data.caseId : undefined;
    const [state, own] = await Promise.all([
      caseId === undefined ? undefined : app.services.cases.getCase(caseId),
      app.ownLanguage(turn.actorId),
    ]);
    if (!state) return { message: texts.noActiveCase[own ?? language] };
    language = own ?? state.language;
    if (state.conversationId !== turn.conversationId) return { message: texts.otherConversation[language] };
    const template = app.services.templates.get(state.template);
    const reply = await handler.handle(app, turn, data, { language, state, template });
    await app.leftovers(turn, caseId);
    return answer(reply, language);
  } catch (error) {
    const text = app.errorText(error, { activityId: turn.deliveryId, verb: action.verb });
    // Recorded, and only what came after failed: never "nothing was saved" (the answer is the invoke
    // response, which reaches Teams even when posting to the chat failed).
    if (turn.recorded && !isDomainError(error)) return { message: texts.savedButFollowUpFailed[language] };
    return { message: text[language] };
  }
}

function answer(reply: Reply, language: Language): CardAnswer {
  return 'card' in reply ? { card: reply.card } : { message: reply.text[language] };
}
