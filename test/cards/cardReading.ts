/**
 * Reading a card the way a person does: its texts in order, its buttons, its inputs. Keeps the
 * behaviour tests free of JSON paths.
 */
import type { AdaptiveCard } from '../../cards';
import { displayStrings, executeActions, nodes } from './cardValidation';

/** All text a person reads on the card, one string per block, in order. */
export function textsOf(card: AdaptiveCard): string[] {
  return displayStrings(card).map(({ text }) => text);
}

/** The whole card as one text, for "mentions X" assertions. */
export function readCard(card: AdaptiveCard): string {
  return textsOf(card).join('\n');
}

/** The verbs of the buttons a person can press (the automatic `refresh` action is not a button). */
export function verbsOf(card: AdaptiveCard): string[] {
  const { refresh: _automatic, ...buttons } = card;
  return executeActions(buttons).map((action) => action.verb);
}

export interface FoundInput {
  type: string;
  id: string;
  label?: string;
  value?: unknown;
  [key: string]: unknown;
}

export function inputsOf(card: AdaptiveCard): FoundInput[] {
  return nodes(card)
    .map(({ value }) => value)
    .filter(
      (value): value is FoundInput => typeof value.type === 'string' && value.type.startsWith('Input.'),
    );
}

export function inputById(card: AdaptiveCard, id: string): FoundInput | undefined {
  return inputsOf(card).find((input) => input.id === id);
}

/** The rows of the stage map: the text of the second column of each ColumnSet, with its icon. */
export function stageMapOf(card: AdaptiveCard): { icon: string; text: string }[] {
  return nodes(card.body)
    .map(({ value }) => value)
    .filter((value) => value.type === 'ColumnSet')
    .map((value) => {
      const columns = value.columns as { items: { text?: string }[] }[];
      return { icon: columns[0]?.items[0]?.text ?? '', text: columns[1]?.items[0]?.text ?? '' };
    });
}
