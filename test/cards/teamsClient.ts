/**
 * What Teams does when someone presses an Action.Execute button, as far as the bot can see it: it
 * gathers the inputs of the action's own card and of its parent cards (not of sibling show-cards),
 * sends every input's value as a string ("" when empty, comma-separated for multi-select), merges
 * them into the action's `data` and invokes `adaptiveCard/action` with `{ action, trigger }`.
 */
import type { AdaptiveCard, CardAction, CardElement } from '../../cards';

type InputLike = { id: string; type: string; value?: unknown };

function inputsOf(elements: readonly CardElement[]): InputLike[] {
  const found: InputLike[] = [];
  const visit = (element: CardElement): void => {
    if (element.type.startsWith('Input.')) found.push(element as InputLike);
    if (element.type === 'Container') element.items.forEach(visit);
    if (element.type === 'ColumnSet') element.columns.forEach((column) => column.items.forEach(visit));
  };
  elements.forEach(visit);
  return found;
}

export interface Press {
  /** The invoke value the bot receives. */
  value: {
    action: { type: 'Action.Execute'; verb: string; data: Record<string, unknown> };
    trigger: 'manual';
  };
  /** The ids of the inputs that were sent. */
  inputIds: string[];
}

/**
 * Presses the first Action.Execute that matches, with the inputs as prefilled, changed by `edits`
 * (input id → what the person leaves in the field).
 */
export function press(
  card: AdaptiveCard,
  matches: (action: { verb: string; data: Record<string, unknown> }) => boolean,
  edits: Record<string, string> = {},
): Press {
  const main = inputsOf(card.body);
  const search = (actions: readonly CardAction[], inherited: InputLike[]): Press | undefined => {
    for (const action of actions) {
      if (action.type === 'Action.Execute' && matches({ verb: action.verb, data: action.data })) {
        const data: Record<string, unknown> = { ...(action.data as Record<string, unknown>) };
        for (const input of inherited) {
          const prefilled =
            typeof input.value === 'string'
              ? input.value
              : typeof input.value === 'number'
                ? String(input.value)
                : '';
          data[input.id] = Object.prototype.hasOwnProperty.call(edits, input.id)
            ? edits[input.id]
            : prefilled;
        }
        return {
          value: { action: { type: 'Action.Execute', verb: action.verb, data }, trigger: 'manual' },
          inputIds: inherited.map((input) => input.id),
        };
      }
      if (action.type === 'Action.ShowCard') {
        const found = search(action.card.actions ?? [], [...inherited, ...inputsOf(action.card.body)]);
        if (found) return found;
      }
    }
    return undefined;
  };
  const found = search(card.actions ?? [], main);
  if (!found) throw new Error('No such button on the card');
  for (const id of Object.keys(edits)) {
    if (!found.inputIds.includes(id)) throw new Error(`The card sends no input ${id} with that button`);
  }
  return found;
}
