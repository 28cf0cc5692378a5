/**
 * A message in the chat: which intent it is (commandParser.ts), the conversation's active case, and the
 * intent's handler from the table (chatIntents/index.ts). What the handler replies is posted; a refusal
 * it throws is said in the case's language. Errors are translated here, once:
 *
 * - a domain error (a refusal of the engine, a hint such as "no question is pending"): its words;
 * - anything else after the turn recorded something: "what you asked for is saved" (saying "nothing was
 *   saved" would make people repeat it, and open a second case); before: the error's words;
 * - a failure of the chat itself (the connector refusing a reply) is for the Teams edge, which knows that
 *   no further message would get through.
 */
import { isDomainError } from '../engine';
import type { ConversationApp } from './app';
import { texts } from './botTexts';
import { CHAT_INTENTS } from './chatIntents';
import type { CaseHere, ChatHandler, Here } from './chatIntents/chatIntent';
import { parseCommand, type BotIntent, type IntentKind } from './commandParser';
import type { Reply } from './reply';
import type { Turn } from './turn';

export async function handleMessage(
  app: ConversationApp,
  turn: Turn,
  isConnectorFailure: (error: unknown) => boolean,
): Promise<void> {
  // In "ny sak X @Mia" and "leder @Kari" the mentions are arguments; in ideas and answers they are part
  // of what was said ("idé: spør @Kari om turnus" keeps the name).
  const withoutMentions = parseCommand(turn.textWithoutMentions);
  const intent =
    withoutMentions.kind === 'openCase' || withoutMentions.kind === 'role'
      ? withoutMentions
      : parseCommand(turn.text);
  const record = await app.services.conversations.get(turn.conversationId);
  const state = record?.activeCaseId ? await app.services.cases.getCase(record.activeCaseId) : undefined;
  const here: Here = { record, state, language: state?.language ?? turn.language };
  try {
    const reply = await dispatch(app, turn, intent, here);
    if (reply) await post(turn, reply, here);
  } catch (error) {
    if (isConnectorFailure(error)) throw error;
    if (!isDomainError(error) && turn.recorded) {
      // What the person asked for is stored; only the bot's own bookkeeping or reply after it failed.
      app.errorText(error, { activityId: turn.deliveryId });
      await app.say(turn, texts.savedButFollowUpFailed, here.language);
      return;
    }
    await app.say(turn, app.errorText(error, { activityId: turn.deliveryId }), here.language);
  }
  await app.leftovers(turn, state?.caseId);
}

function dispatch(
  app: ConversationApp,
  turn: Turn,
  intent: BotIntent,
  here: Here,
): Promise<Reply | undefined> {
  const handler = CHAT_INTENTS[intent.kind] as ChatHandler<IntentKind>;
  if (!handler.needsCase) return handler.handle(app, turn, intent, here);
  if (!here.state) return Promise.resolve({ text: texts.noActiveCase });
  const caseHere: CaseHere = {
    ...here,
    state: here.state,
    template: app.services.templates.get(here.state.template),
  };
  return handler.handle(app, turn, intent, caseHere);
}

async function post(turn: Turn, reply: Reply, here: Here): Promise<void> {
  if ('card' in reply) await turn.chat.post({ card: reply.card });
  else await turn.chat.post({ text: reply.text[here.language] });
}
