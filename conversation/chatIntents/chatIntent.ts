/**
 * What a chat intent's handler is: one per thing a person can ask for in a message (commandParser.ts
 * reads which), in a file named after it. A handler answers with a `Reply` (posted in the chat) or
 * nothing, and refuses by throwing a domain error, which the chat turn translates (chatTurn.ts).
 */
import type { CaseState, Language, ProcessTemplate } from '../../engine';
import type { ConversationRecord } from '../../storage/conversationStore';
import type { ConversationApp } from '../app';
import type { BotIntent, IntentKind } from '../commandParser';
import type { Reply } from '../reply';
import type { Turn } from '../turn';

export type IntentOf<K extends IntentKind> = Extract<BotIntent, { kind: K }>;

/** Where the message was written: the conversation's record, its active case, the language to answer in. */
export interface Here {
  record: ConversationRecord | undefined;
  state: CaseState | undefined;
  language: Language;
}

/** `Here` for intents that act on the active case (the turn answers "no case yet" for them otherwise). */
export interface CaseHere extends Here {
  state: CaseState;
  template: ProcessTemplate;
}

export type ChatHandler<K extends IntentKind> =
  | {
      needsCase: false;
      handle(app: ConversationApp, turn: Turn, intent: IntentOf<K>, here: Here): Promise<Reply | undefined>;
    }
  | {
      needsCase: true;
      handle(
        app: ConversationApp,
        turn: Turn,
        intent: IntentOf<K>,
        here: CaseHere,
      ): Promise<Reply | undefined>;
    };

/** A handler that works without a case. */
export function anywhere<K extends IntentKind>(
  handle: (app: ConversationApp, turn: Turn, intent: IntentOf<K>, here: Here) => Promise<Reply | undefined>,
): ChatHandler<K> {
  return { needsCase: false, handle };
}

/** A handler that acts on the conversation's active case. */
export function onCase<K extends IntentKind>(
  handle: (
    app: ConversationApp,
    turn: Turn,
    intent: IntentOf<K>,
    here: CaseHere,
  ) => Promise<Reply | undefined>,
): ChatHandler<K> {
  return { needsCase: true, handle };
}
