/**
 * What a card verb's handler is: one per verb of cards/verbs.ts, in a file named after it. A handler
 * answers with a `Reply` (a card that replaces the clicked one, or a text shown over it) and refuses by
 * throwing a domain error, which the card turn translates (cardTurn.ts).
 */
import type { CaseState, Language, ProcessTemplate } from '../../engine';
import type { CardVerb } from '../../cards';
import type { ConversationApp } from '../app';
import type { Reply } from '../reply';
import type { Turn } from '../turn';

/** The data the card sent (its action data merged with its inputs), read by the handler. */
export type CardData = Record<string, unknown>;

export interface CardHere {
  language: Language;
}

/** For verbs that act on the case the card names (checked to be a case of this conversation). */
export interface CaseCardHere extends CardHere {
  state: CaseState;
  template: ProcessTemplate;
}

export type CardHandler =
  | {
      needsCase: false;
      handle(app: ConversationApp, turn: Turn, data: CardData, here: CardHere): Promise<Reply>;
    }
  | {
      needsCase: true;
      handle(app: ConversationApp, turn: Turn, data: CardData, here: CaseCardHere): Promise<Reply>;
    };

export function anyCard(
  handle: (app: ConversationApp, turn: Turn, data: CardData, here: CardHere) => Promise<Reply>,
): CardHandler {
  return { needsCase: false, handle };
}

export function caseCard(
  handle: (app: ConversationApp, turn: Turn, data: CardData, here: CaseCardHere) => Promise<Reply>,
): CardHandler {
  return { needsCase: true, handle };
}

export type CardActionTable = { [V in CardVerb]: CardHandler };
