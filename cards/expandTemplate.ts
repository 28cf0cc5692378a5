/**
 * Expands a card template (JSON with `${…}` bindings, imported as a module so `tsc` ships it in dist)
 * with data. Used for the cards whose shape is fixed; cards whose shape follows the process template's
 * prompts are built in TypeScript instead.
 *
 * The templating engine inserts data values as they are and never evaluates `${…}` inside them, so
 * user text bound into a template cannot become an expression. It is still escaped before binding
 * (see text.ts), because the card host renders markdown.
 */
import { Template } from 'adaptivecards-templating';
import type { AdaptiveCard } from './elements';
import { CARD_VERSION } from './elements';

const parsed = new WeakMap<object, Template>();

export function expandTemplate(template: object, data: Record<string, unknown>): AdaptiveCard {
  let compiled = parsed.get(template);
  if (!compiled) {
    compiled = new Template(template);
    parsed.set(template, compiled);
  }
  const expanded: unknown = compiled.expand({ $root: data });
  if (!isCard(expanded)) {
    // A template in this folder is broken: a programming error, caught by the card tests.
    throw new Error('A card template did not expand to an Adaptive Card');
  }
  return expanded;
}

function isCard(value: unknown): value is AdaptiveCard {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.type === 'AdaptiveCard' && record.version === CARD_VERSION && Array.isArray(record.body);
}
