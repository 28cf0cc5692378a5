/**
 * The message actions, one per command of the manifest's message extension, in files named after them.
 * The compiler checks the table against `MESSAGE_ACTIONS` (cards/verbs.ts).
 */
import type { MessageActionId } from '../../cards';
import type { ConversationApp } from '../app';
import type { DialogAnswer, DialogHere } from '../messageActionTurn';
import type { ActedOnMessage, Turn } from '../turn';
import { keepMessage } from './keepMessage';

export interface MessageActionHandler {
  /** The dialog Teams shows when the person chooses the action on a message. */
  open(app: ConversationApp, turn: Turn, message: ActedOnMessage, here: DialogHere): Promise<DialogAnswer>;
  /** What the dialog submitted. */
  submit(
    app: ConversationApp,
    turn: Turn,
    message: ActedOnMessage,
    data: unknown,
    here: DialogHere,
  ): Promise<DialogAnswer>;
}

export const MESSAGE_ACTIONS_TABLE: { readonly [A in MessageActionId]: MessageActionHandler } = {
  keepMessage,
};
