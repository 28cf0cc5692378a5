/**
 * What every card must satisfy before Teams sees it, checked two independent ways:
 *
 * - the official Adaptive Cards 1.5 JSON schema (ajv 8), and
 * - the `adaptivecards` library itself, parsing at target version 1.5 (it flags elements and
 *   properties above 1.5, unknown types and duplicate ids) and validating properties.
 *
 * `msteams` (mentions, full width) is Teams' own extension that the official schema does not list
 * (its AdaptiveCard has additionalProperties: false), so it is taken off before the schema check and
 * checked here on its own: every mention entity's text must appear verbatim in a TextBlock.
 *
 * Plus the house rules: no unresolved `${…}` outside input values (those hold what people wrote and
 * must round-trip), every Action.Execute uses a verb from cards/verbs.ts with the data that verb
 * promises, and the card fits Teams' message size.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import type * as AdaptiveCards from 'adaptivecards';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { AdaptiveCard } from '../../cards';
import { CARD_BYTE_BUDGET, cardBytes, CARD_VERBS, isCardVerb } from '../../cards';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaPath = path.resolve(
  repoRoot,
  '..',
  'shared',
  'schemas',
  'adaptive-cards',
  'adaptive-card-1.5.json',
);

type SchemaDocument = Record<string, unknown> & { id?: unknown; $schema?: unknown };

function loadSchema(): Record<string, unknown> {
  const raw = JSON.parse(readFileSync(schemaPath, 'utf8')) as SchemaDocument;
  // The schema is draft-06 style: ajv 8 wants `$id`, and the draft-06 meta-schema is not needed.
  const { id, $schema: _ignored, ...rest } = raw;
  return { ...rest, $id: id };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validateSchema = ajv.compile(loadSchema());

// `require('adaptivecards')` fails on Node 20 (extensionless ESM imports); the UMD bundle works.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

export function schemaErrors(card: AdaptiveCard): ErrorObject[] {
  const { msteams: _teamsExtension, ...standard } = card;
  return validateSchema(JSON.parse(JSON.stringify(standard))) ? [] : [...(validateSchema.errors ?? [])];
}

/** Messages from the adaptivecards library: parse events at v1.5 and property validation failures. */
export function libraryProblems(card: AdaptiveCard): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(JSON.parse(JSON.stringify(card)), context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${event.message}`);
  return problems;
}

export interface Node {
  value: Record<string, unknown>;
  path: string;
}

/** Every object in the card, depth first, with its JSON path. */
export function nodes(value: unknown, at = '$'): Node[] {
  const found: Node[] = [];
  const visit = (current: unknown, where: string): void => {
    if (Array.isArray(current)) {
      current.forEach((item, index) => visit(item, `${where}[${index}]`));
    } else if (typeof current === 'object' && current !== null) {
      const record = current as Record<string, unknown>;
      found.push({ value: record, path: where });
      for (const [key, child] of Object.entries(record)) visit(child, `${where}.${key}`);
    }
  };
  visit(value, at);
  return found;
}

const isInput = (node: Record<string, unknown>): boolean =>
  typeof node.type === 'string' && node.type.startsWith('Input.');

/** Texts a person reads: TextBlocks, facts, labels, choice titles, action titles, fallback text. */
export function displayStrings(card: AdaptiveCard): { text: string; path: string; markdown: boolean }[] {
  const strings: { text: string; path: string; markdown: boolean }[] = [];
  if (card.fallbackText !== undefined)
    strings.push({ text: card.fallbackText, path: '$.fallbackText', markdown: false });
  for (const { value, path: where } of nodes(card)) {
    if (value.type === 'TextBlock' && typeof value.text === 'string') {
      strings.push({ text: value.text, path: `${where}.text`, markdown: true });
    }
    if (Array.isArray(value.facts)) {
      for (const [index, fact] of (value.facts as { title: string; value: string }[]).entries()) {
        strings.push({ text: fact.title, path: `${where}.facts[${index}].title`, markdown: true });
        strings.push({ text: fact.value, path: `${where}.facts[${index}].value`, markdown: true });
      }
    }
    if (isInput(value)) {
      for (const key of ['label', 'placeholder', 'errorMessage'] as const) {
        if (typeof value[key] === 'string')
          strings.push({ text: value[key], path: `${where}.${key}`, markdown: false });
      }
    }
    if (Array.isArray(value.choices)) {
      for (const [index, choice] of (value.choices as { title: string }[]).entries()) {
        strings.push({ text: choice.title, path: `${where}.choices[${index}].title`, markdown: false });
      }
    }
    if (
      typeof value.type === 'string' &&
      value.type.startsWith('Action.') &&
      typeof value.title === 'string'
    ) {
      strings.push({ text: value.title, path: `${where}.title`, markdown: false });
    }
  }
  return strings;
}

/** Input values: what people wrote, exactly, so a resubmitted form records nothing new. */
export function inputValues(card: AdaptiveCard): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const { value } of nodes(card)) {
    if (isInput(value) && typeof value.id === 'string' && value.value !== undefined)
      values.set(value.id, value.value);
  }
  return values;
}

export interface ExecuteFound {
  verb: string;
  data: Record<string, unknown>;
  title: string | undefined;
  path: string;
}

export function executeActions(card: Partial<AdaptiveCard>): ExecuteFound[] {
  return nodes(card)
    .filter(({ value }) => value.type === 'Action.Execute')
    .map(({ value, path: where }) => ({
      verb: String(value.verb),
      data: (value.data ?? {}) as Record<string, unknown>,
      title: typeof value.title === 'string' ? value.title : undefined,
      path: where,
    }));
}

/** The fields each verb's data must carry for the bot to find the case and notice a stale card. */
const REQUIRED_DATA: Record<string, readonly string[]> = {
  [CARD_VERBS.openCase]: [],
  [CARD_VERBS.showOpenCaseForm]: [],
  [CARD_VERBS.recordDocumentation]: ['caseId', 'stageId', 'round'],
  [CARD_VERBS.showStageForm]: ['caseId'],
  [CARD_VERBS.showStatus]: ['caseId'],
  [CARD_VERBS.requestReview]: ['caseId', 'stageId', 'round', 'version'],
  [CARD_VERBS.decideGate]: ['caseId', 'stageId', 'requestSeq', 'outcome'],
  [CARD_VERBS.refreshApproval]: ['caseId', 'stageId', 'requestSeq'],
  [CARD_VERBS.refreshStatus]: ['caseId', 'version'],
  [CARD_VERBS.switchCase]: ['caseId'],
  [CARD_VERBS.joinCase]: ['caseId'],
};

/** Everything a card must satisfy; fails with the card's problems listed. */
export function expectValidCard(card: AdaptiveCard, label = 'card'): void {
  expect(card.type, label).toBe('AdaptiveCard');
  expect(card.version, label).toBe('1.5');
  expect(
    schemaErrors(card).map((error) => `${error.instancePath} ${error.message ?? ''}`),
    `${label}: schema`,
  ).toEqual([]);
  expect(libraryProblems(card), `${label}: adaptivecards 1.5`).toEqual([]);
  expect(cardBytes(card), `${label}: size`).toBeLessThanOrEqual(CARD_BYTE_BUDGET);

  const unresolved = displayStrings(card).filter(({ text }) => text.includes('${'));
  expect(
    unresolved.map(({ path: where }) => where),
    `${label}: unresolved \${…}`,
  ).toEqual([]);
  // Data and ids are ours: no `${` anywhere outside input values.
  const { body: _body, actions: _actions, ...top } = card;
  expect(JSON.stringify(top).includes('${'), `${label}: \${ at top level`).toBe(false);
  for (const action of executeActions(card)) {
    expect(isCardVerb(action.verb), `${label}: verb ${action.verb} at ${action.path}`).toBe(true);
    for (const field of REQUIRED_DATA[action.verb] ?? []) {
      expect(action.data[field], `${label}: ${action.verb} data.${field} at ${action.path}`).toBeDefined();
    }
    expect(JSON.stringify(action.data).includes('${'), `${label}: \${ in data`).toBe(false);
  }

  const textBlocks = nodes(card.body)
    .filter(({ value }) => value.type === 'TextBlock')
    .map(({ value }) => String(value.text));
  for (const entity of card.msteams?.entities ?? []) {
    expect(entity.type).toBe('mention');
    expect(entity.text).toMatch(/^<at>.+<\/at>$/s);
    expect(entity.mentioned.id.length, `${label}: mention id`).toBeGreaterThan(0);
    expect(
      textBlocks.some((text) => text.includes(entity.text)),
      `${label}: mention ${entity.text} shown`,
    ).toBe(true);
  }
  expect([undefined, 'Full'], `${label}: msteams.width`).toContain(card.msteams?.width);

  const ids = nodes(card)
    .map(({ value }) => value)
    .filter(
      (value) =>
        typeof value.id === 'string' &&
        typeof value.type === 'string' &&
        !String(value.type).startsWith('Action.'),
    )
    .map((value) => String(value.id));
  expect(new Set(ids).size, `${label}: element ids unique`).toBe(ids.length);
}
