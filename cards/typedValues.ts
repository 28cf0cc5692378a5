/**
 * What a person typed into a card, put back into the card shown after a refusal: a form that refuses
 * shows the reason above it and keeps every field as the person left it, never the stored values. Only
 * inputs the card has are filled, each within its own length limit; the rest of what was sent is ignored.
 */
import type { AdaptiveCard } from './elements';

type Node = Record<string, unknown>;

export function withTypedValues(card: AdaptiveCard, typed: Readonly<Record<string, unknown>>): AdaptiveCard {
  const copy = structuredClone(card) as unknown as Node;
  visit(copy, typed);
  return copy as unknown as AdaptiveCard;
}

function visit(node: unknown, typed: Readonly<Record<string, unknown>>): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, typed);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const element = node as Node;
  const type = element.type;
  const id = element.id;
  if (
    typeof type === 'string' &&
    type.startsWith('Input.') &&
    typeof id === 'string' &&
    Object.hasOwn(typed, id)
  ) {
    const value = typed[id];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const text = String(value);
      const limit = typeof element.maxLength === 'number' ? element.maxLength : undefined;
      if (type === 'Input.Number') {
        const number = Number(text);
        if (text.trim() === '') delete element.value;
        else if (Number.isFinite(number)) element.value = number;
      } else if (text === '') {
        delete element.value;
      } else {
        element.value = limit === undefined ? text : Array.from(text).slice(0, limit).join('');
      }
    }
  }
  for (const key of ['body', 'items', 'columns', 'actions', 'card', 'inlineAction']) {
    if (key in element) visit(element[key], typed);
  }
}
