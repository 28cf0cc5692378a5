/**
 * The one result type of every handler: what it tells the person who acted. In a chat turn it is posted
 * as a message; for a card action it is the invoke response (a card replaces the card, a text is shown
 * over it). Refusals are not replies: they are thrown as domain errors (engine/errors.ts) and translated
 * once, by the turn (chatTurn.ts, cardTurn.ts).
 */
import type { Localized } from '../engine';

export type Reply = { text: Localized } | { card: object };

export const replyText = (text: Localized): Reply => ({ text });
export const replyCard = (card: object): Reply => ({ card });
