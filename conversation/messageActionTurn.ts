/**
 * A message action (the app's command on a message's "…" menu in Teams): Teams asks for its dialog
 * (`composeExtension/fetchTask`), then sends what the dialog submitted (`composeExtension/submitAction`).
 * The command's handler comes from the table (messageActions/); the answer is a dialog to show, or a
 * message Teams shows in the dialog's place. Errors are translated here, once, in the person's own
 * language when they chose one, else in the case's or the turn's.
 */
import { isDomainError, type Language } from '../engine';
import { isMessageActionId } from '../cards';
import type { ConversationApp } from './app';
import { texts } from './botTexts';
import { MESSAGE_ACTIONS_TABLE } from './messageActions';
import type { ActedOnMessage, Turn } from './turn';

/** What Teams shows: a dialog (its title and Adaptive Card), or a message. */
export type DialogAnswer = { dialog: { title: string; card: object } } | { message: string };

export interface MessageActionRequest {
  /** The command id from the manifest, as Teams sends it. */
  commandId: unknown;
  phase: 'open' | 'submit';
  /** The message the action was used on; undefined when Teams sent none (or none that can be read). */
  message: ActedOnMessage | undefined;
  /** For a submit: what the dialog sent back. */
  data?: unknown;
}

/** Where a handler answers: in which language, which it may set once it knows the case. */
export interface DialogHere {
  language: Language;
  /** The person's own language (`mitt språk nn`), when they chose one: it wins over the case's. */
  own?: Language;
}

export async function handleMessageAction(
  app: ConversationApp,
  turn: Turn,
  request: MessageActionRequest,
): Promise<DialogAnswer> {
  const here: DialogHere = { language: turn.language };
  try {
    const own = await app.ownLanguage(turn.actorId);
    if (own !== undefined) {
      here.own = own;
      here.language = own;
    }
    if (!isMessageActionId(request.commandId)) return { message: texts.unknownMessageAction[here.language] };
    const handler = MESSAGE_ACTIONS_TABLE[request.commandId];
    if (request.message === undefined) return { message: texts.keepNoMessage[here.language] };
    return request.phase === 'open'
      ? await handler.open(app, turn, request.message, here)
      : await handler.submit(app, turn, request.message, request.data, here);
  } catch (error) {
    const text = app.errorText(error, { activityId: turn.deliveryId, commandId: request.commandId });
    // Recorded, and only what came after failed: never "nothing was saved".
    if (turn.recorded && !isDomainError(error))
      return { message: texts.savedButFollowUpFailed[here.language] };
    return { message: text[here.language] };
  }
}
