/**
 * The inverse of the cards: what a card sends back (an `adaptiveCard/action` invoke value, and the
 * `data` in it with the inputs Teams merged in), read into typed pieces the bot turns into engine
 * commands.
 *
 * The payload comes from the network and is never trusted: every field is type-checked, nothing
 * inherited is read, keys that could pollute prototypes are refused, and oversized text is refused
 * with its limit named. A malformed payload gives `{ error }` (words for the person, in both
 * languages), never an exception. These checks are about the form; the engine checks the rules again
 * (required answers, roles, stale requests) whatever the card said.
 *
 * Why one file (~540 lines): it is the one trust boundary for card payloads, so every reader shares the
 * same few guards (own fields only, limits named, `{ error }` never thrown) and a reviewer audits it in
 * one read. Split it by verb only if a verb's reader grows its own rules.
 */
import type {
  Answer,
  AnswerRecord,
  GateDecision,
  GateOutcome,
  Language,
  Localized,
  PoliticalDecisionReference,
  PromptDefinition,
  StageDefinition,
} from '../engine';
import {
  canonicalJson,
  checkAnswer,
  ENTITY_ID_PATTERN,
  byLanguage,
  FIELDS,
  parseLocaleNumber,
  readCalendarDate,
  isLanguage,
  isWebLink,
  LIMITS,
  localized,
  normaliseText,
  refuse,
  TEMPLATE_ID_PATTERN,
} from '../engine';
import { cardTexts } from './cardTexts';
import type { CardActionDataByVerb, CardVerb } from './verbs';
import {
  GATE_OUTCOMES,
  INPUT_IDS,
  isCardVerb,
  KEEP_AS_BARRIER_PREFIX,
  KEEP_AS_IDEA,
  OTHER_CHOICE,
} from './verbs';

/** What a refused submission says, in every language. */
export interface SubmissionError {
  error: Localized;
}

/** Card data with the inputs in it: a null-prototype copy holding only the payload's own fields. */
export type CardInputs = Readonly<Record<string, unknown>>;

/** The data a verb's action carries once checked, together with the inputs. */
export type ParsedActionData<V extends CardVerb> = V extends 'openCase' | 'showOpenCaseForm'
  ? CardInputs
  : CardActionDataByVerb[V] & CardInputs;

/** A card action read from an invoke value; discriminated by `verb`. */
export type ParsedCardAction = {
  [V in CardVerb]: { verb: V; data: ParsedActionData<V>; trigger: 'manual' | 'automatic' };
}[CardVerb];

const t = cardTexts.submission;

/** Keys that would reach an object's prototype if a careless consumer copied them by assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** More inputs than any card has: the payload was not made by our cards. */
const MAX_FIELDS = 500;
/** No input on our cards takes more (the longest limit is 20,000); refuse before normalising more. */
const MAX_STRING = 100_000;

// The engine's own id rules: a card can never name an id the engine would refuse, nor accept one it would not.
const CASE_ID = ENTITY_ID_PATTERN;
const TEMPLATE_ID = TEMPLATE_ID_PATTERN;
// Teams ids look like "29:1a2b…", Entra ids are GUIDs: no control characters, no commas (multi-select).
// eslint-disable-next-line no-control-regex
const PERSON_ID = /^[^\u0000-\u001f\u007f,]{1,256}$/;

/** Thrown inside the readers and caught at their edge (`guarded`): it never leaves this module. */
class Refusal extends Error {
  constructor(readonly text: Localized) {
    super(text.en);
    this.name = 'Refusal';
  }
}

function fail(text: Localized): never {
  throw new Refusal(text);
}

/** Runs a reader; a refusal becomes `{ error }`, anything else is a bug and is rethrown. */
function guarded<T>(read: () => T): T | SubmissionError {
  try {
    return read();
  } catch (error) {
    if (error instanceof Refusal) return { error: error.text };
    throw error;
  }
}

/** Copies a payload object's own fields into a null-prototype record, refusing what cannot be ours. */
function readData(value: unknown): CardInputs {
  if (value === undefined || value === null) return Object.create(null) as CardInputs;
  if (typeof value !== 'object' || Array.isArray(value)) fail(t.malformed);
  const keys = Object.keys(value);
  if (keys.length > MAX_FIELDS) fail(t.malformed);
  const record = Object.create(null) as Record<string, unknown>;
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) fail(t.malformed);
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'string' && field.length > MAX_STRING) {
      fail(
        refuse.textTooLong(
          { nb: 'et felt i kortet', nn: 'eit felt i kortet', en: 'a field on the card' },
          MAX_STRING,
          field.length,
        ).text,
      );
    }
    record[key] = field;
  }
  return record;
}

function ownField(data: CardInputs, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
}

/** An optional string field: absent → undefined; anything but a string → refused. */
function optionalString(data: CardInputs, key: string): string | undefined {
  const value = ownField(data, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(t.malformed);
  return value;
}

/** An optional text input: normalised like the engine does; empty → undefined; over the limit → refused. */
function optionalText(data: CardInputs, key: string, field: Localized, limit: number): string | undefined {
  const raw = optionalString(data, key);
  if (raw === undefined) return undefined;
  const text = normaliseText(raw);
  if (text === '') return undefined;
  if (text.length > limit) fail(refuse.textTooLong(field, limit, text.length).text);
  return text;
}

function requiredText(data: CardInputs, key: string, field: Localized, limit: number): string {
  return optionalText(data, key, field, limit) ?? fail(refuse.textRequired(field).text);
}

function matching(data: CardInputs, key: string, pattern: RegExp): string {
  const value = ownField(data, key);
  if (typeof value !== 'string' || !pattern.test(value)) fail(t.malformed);
  return value;
}

function positiveInteger(data: CardInputs, key: string): number {
  const value = ownField(data, key);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) fail(t.malformed);
  return value;
}

/** Comma-separated values of a multi-select ChoiceSet, trimmed, without empties or repeats. */
function multiValues(data: CardInputs, key: string): string[] {
  const raw = optionalString(data, key);
  if (raw === undefined) return [];
  return [
    ...new Set(
      raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    ),
  ];
}

// ── parseCardAction ──────────────────────────────────────────────────────────────────────────────

/**
 * Reads an `adaptiveCard/action` invoke value: `{ action: { type: 'Action.Execute', verb, data },
 * trigger? }`. Checks the fields each verb's card always sends (case id, stage and round, request
 * sequence, outcome); the inputs stay in `data` for the verb's own parser.
 */
export function parseCardAction(value: unknown): ParsedCardAction | SubmissionError {
  return guarded(() => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(t.malformed);
    const envelope = readData(value);
    const action = ownField(envelope, 'action');
    if (typeof action !== 'object' || action === null || Array.isArray(action)) fail(t.malformed);
    const fields = readData(action);
    if (ownField(fields, 'type') !== 'Action.Execute') fail(t.malformed);
    const verb = ownField(fields, 'verb');
    if (!isCardVerb(verb)) fail(t.unknownVerb);
    const data = readData(ownField(fields, 'data'));
    const trigger = ownField(envelope, 'trigger') === 'automatic' ? 'automatic' : 'manual';
    checkActionData(verb, data);
    // The checks above hold the fields the verb's type promises; the rest are inputs, read later.
    return { verb, data, trigger } as ParsedCardAction;
  });
}

function checkActionData(verb: CardVerb, data: CardInputs): void {
  switch (verb) {
    case 'openCase':
    case 'showOpenCaseForm':
      return;
    case 'showStageForm':
    case 'switchCase':
    case 'joinCase':
      matching(data, 'caseId', CASE_ID);
      return;
    case 'showStatus':
    case 'refreshStatus':
      matching(data, 'caseId', CASE_ID);
      if (ownField(data, 'version') !== undefined) positiveInteger(data, 'version');
      return;
    case 'recordDocumentation':
      matching(data, 'caseId', CASE_ID);
      matching(data, 'stageId', TEMPLATE_ID);
      positiveInteger(data, 'round');
      return;
    case 'requestReview':
      matching(data, 'caseId', CASE_ID);
      matching(data, 'stageId', TEMPLATE_ID);
      positiveInteger(data, 'round');
      positiveInteger(data, 'version');
      return;
    case 'refreshApproval':
      matching(data, 'caseId', CASE_ID);
      matching(data, 'stageId', TEMPLATE_ID);
      positiveInteger(data, 'requestSeq');
      return;
    case 'decideGate':
      matching(data, 'caseId', CASE_ID);
      matching(data, 'stageId', TEMPLATE_ID);
      positiveInteger(data, 'requestSeq');
      readOutcome(data);
      return;
  }
}

function readOutcome(data: CardInputs): GateOutcome {
  const outcome = ownField(data, 'outcome');
  const known = GATE_OUTCOMES.find((candidate) => candidate === outcome);
  return known ?? fail(t.malformed);
}

// ── parseStageFormSubmission ─────────────────────────────────────────────────────────────────────

export interface StageFormSubmission {
  stageId: string;
  round: number;
  /** Answers the person filled in (or changed, when `previous` was given), checked for form only. */
  answers: { promptId: string; answer: Answer }[];
  /** The political decision reference, when any of its fields was filled in. */
  politicalDecision?: PoliticalDecisionReference;
  /** Why the decision of an earlier round still stands, when written. */
  politicalStillStandsBecause?: string;
  /** Prompts left empty: no answer given this time (an earlier answer stays as it is). */
  skippedEmpty: string[];
  /** Prompts submitted exactly as they were already recorded (only known when `previous` was given). */
  unchanged: string[];
}

/**
 * Reads a submitted stage form. Empty inputs are "no answer", not an error. "Not applicable" text wins
 * over an empty value; when both an answer and "not applicable" are filled in, `previous` (the case's
 * recorded answers) tells which of the two the person just changed, and without it the person is
 * asked to empty one. With `previous`, answers identical to the recorded ones are left out.
 */
export function parseStageFormSubmission(
  data: unknown,
  stage: StageDefinition,
  previous?: Readonly<Record<string, AnswerRecord>>,
): StageFormSubmission | SubmissionError {
  return guarded(() => {
    const inputs = readData(data);
    const stageId = matching(inputs, 'stageId', TEMPLATE_ID);
    if (stageId !== stage.id) fail(t.staleForm);
    const round = positiveInteger(inputs, 'round');
    const answers: { promptId: string; answer: Answer }[] = [];
    const skippedEmpty: string[] = [];
    const unchanged: string[] = [];
    for (const prompt of stage.prompts) {
      const answer = readPrompt(inputs, prompt, previous?.[prompt.id]?.answer);
      if (answer === undefined) {
        skippedEmpty.push(prompt.id);
        continue;
      }
      const before = previous?.[prompt.id]?.answer;
      if (before !== undefined && sameAnswer(prompt, before, answer)) {
        unchanged.push(prompt.id);
        continue;
      }
      answers.push({ promptId: prompt.id, answer });
    }
    const politicalDecision = stage.gate.requiresPoliticalDecision
      ? readPoliticalDecision(inputs)
      : undefined;
    const stillStands = stage.gate.requiresPoliticalDecision
      ? optionalText(inputs, INPUT_IDS.political.stillStandsBecause, FIELDS.reason, LIMITS.reason)
      : undefined;
    return {
      stageId,
      round,
      answers,
      ...(politicalDecision !== undefined && { politicalDecision }),
      ...(politicalDecision !== undefined &&
        stillStands !== undefined && { politicalStillStandsBecause: stillStands }),
      skippedEmpty,
      unchanged,
    };
  });
}

/** Equal as the engine would store them (it normalises, for example dropping repeated choices). */
function sameAnswer(prompt: PromptDefinition, a: Answer, b: Answer): boolean {
  try {
    return canonicalJson(checkAnswer(prompt, a)) === canonicalJson(checkAnswer(prompt, b));
  } catch {
    return false;
  }
}

function labelOf(prompt: PromptDefinition, language: Language): string {
  return prompt.label[language];
}

function forPrompt(prompt: PromptDefinition, text: (label: string) => Localized): Localized {
  return byLanguage((language) => text(labelOf(prompt, language))[language]);
}

/** One prompt's answer from its inputs, or undefined when nothing was filled in. */
function readPrompt(
  inputs: CardInputs,
  prompt: PromptDefinition,
  before: Answer | undefined,
): Answer | undefined {
  const reason = optionalText(inputs, INPUT_IDS.notApplicable(prompt.id), FIELDS.reason, LIMITS.reason);
  const value = readValue(inputs, prompt, before);
  if (reason === undefined) return value;
  const notApplicable: Answer = { type: 'notApplicable', reason };
  if (value === undefined) return notApplicable;
  // Both filled in: the one that differs from what is recorded is what the person just wrote.
  if (before !== undefined) {
    if (sameAnswer(prompt, before, notApplicable)) return value;
    if (sameAnswer(prompt, before, value)) return notApplicable;
  }
  return fail(forPrompt(prompt, t.bothAnswerAndNotApplicable));
}

function readValue(
  inputs: CardInputs,
  prompt: PromptDefinition,
  before: Answer | undefined,
): Answer | undefined {
  const id = INPUT_IDS.answer(prompt.id);
  const answerField = localized(
    `svaret på «${prompt.label.nb}»`,
    `svaret på «${prompt.label.nn}»`,
    `the answer to “${prompt.label.en}”`,
  );
  switch (prompt.kind) {
    case 'shortText':
    case 'longText': {
      const limit = prompt.kind === 'shortText' ? LIMITS.shortText : LIMITS.longText;
      const text = optionalText(inputs, id, answerField, limit);
      return text === undefined ? undefined : { type: 'text', text };
    }
    case 'date': {
      const raw = optionalString(inputs, id);
      if (raw === undefined || raw.trim() === '') return undefined;
      const date = readCalendarDate(raw);
      return date === undefined ? fail(forPrompt(prompt, t.notADate)) : { type: 'date', date };
    }
    case 'number':
      return readNumberAnswer(inputs, id, prompt);
    case 'link': {
      const url = optionalText(inputs, id, FIELDS.link, LIMITS.url);
      if (url === undefined) return undefined;
      if (!isWebLink(url)) fail(forPrompt(prompt, t.notALink));
      const label = optionalText(
        inputs,
        INPUT_IDS.linkLabel(prompt.id),
        { nb: 'lenketeksten', nn: 'lenkjeteksten', en: 'the link text' },
        LIMITS.linkLabel,
      );
      return { type: 'link', url, ...(label !== undefined && { label }) };
    }
    case 'person': {
      const personIds = multiValues(inputs, id);
      if (personIds.length === 0) return undefined;
      if (personIds.length > LIMITS.people)
        fail(forPrompt(prompt, (label) => t.tooManyPeople(label, LIMITS.people)));
      if (!personIds.every((personId) => PERSON_ID.test(personId))) fail(t.invalidPerson);
      return { type: 'people', personIds };
    }
    case 'singleChoice':
    case 'multipleChoice':
      return readChoice(inputs, prompt, before);
  }
}

function readChoice(
  inputs: CardInputs,
  prompt: PromptDefinition,
  before: Answer | undefined,
): Answer | undefined {
  const selected = multiValues(inputs, INPUT_IDS.answer(prompt.id));
  const otherChosen = prompt.allowOther === true && selected.includes(OTHER_CHOICE);
  const optionIds = selected.filter((value) => !(prompt.allowOther === true && value === OTHER_CHOICE));
  if (optionIds.length > LIMITS.choices) fail(t.malformed);
  if (!optionIds.every((optionId) => prompt.options?.some((option) => option.id === optionId))) {
    fail(forPrompt(prompt, t.unknownChoice));
  }
  let otherText = prompt.allowOther
    ? optionalText(
        inputs,
        INPUT_IDS.other(prompt.id),
        { nb: '«annet»', nn: '«anna»', en: '“other”' },
        LIMITS.shortText,
      )
    : undefined;
  if (otherChosen && otherText === undefined) fail(forPrompt(prompt, t.otherWithoutText));
  if (prompt.kind === 'singleChoice') {
    if (optionIds.length > 1) fail(t.malformed);
    if (optionIds.length === 1 && otherText !== undefined) {
      // The list moved to a real option while the old "other" text stayed: the list is what changed.
      const beforeOther = before?.type === 'choice' ? before.otherText : undefined;
      if (beforeOther !== undefined && normaliseText(beforeOther) === otherText) otherText = undefined;
      else fail(forPrompt(prompt, t.oneChoiceOnly));
    }
  }
  if (optionIds.length === 0 && otherText === undefined) return undefined;
  // The form has no field for a comment given in chat ("Ja – Per var med"): the same choice keeps it.
  const comment =
    before?.type === 'choice' &&
    before.comment !== undefined &&
    sameMembers(before.optionIds, optionIds) &&
    (before.otherText === undefined ? otherText === undefined : normaliseText(before.otherText) === otherText)
      ? before.comment
      : undefined;
  return {
    type: 'choice',
    optionIds,
    ...(otherText !== undefined && { otherText }),
    ...(comment !== undefined && { comment }),
  };
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function readNumberAnswer(inputs: CardInputs, id: string, prompt: PromptDefinition): Answer | undefined {
  const value = ownField(inputs, id);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { type: 'number', number: value } : fail(forPrompt(prompt, t.notANumber));
  }
  if (typeof value !== 'string') fail(t.malformed);
  if (value.trim() === '') return undefined;
  const parsed = parseLocaleNumber(value);
  if ('number' in parsed) return { type: 'number', number: parsed.number };
  const shown = Array.from(value.trim()).slice(0, 30).join('');
  return parsed.problem === 'ambiguous'
    ? fail(forPrompt(prompt, (label) => t.ambiguousNumber(label, shown)))
    : fail(forPrompt(prompt, t.notANumber));
}

/** The political decision fields; all empty → undefined. The engine checks what is required. */
function readPoliticalDecision(inputs: CardInputs): PoliticalDecisionReference | undefined {
  const ids = INPUT_IDS.political;
  const body = optionalText(inputs, ids.body, FIELDS.body, LIMITS.politicalField);
  const rawDate = optionalText(inputs, ids.meetingDate, FIELDS.meetingDate, 20);
  const caseNumber = optionalText(inputs, ids.caseNumber, FIELDS.caseNumber, LIMITS.politicalField);
  const decisionText = optionalText(inputs, ids.decisionText, FIELDS.decisionText, LIMITS.decisionText);
  const link = optionalText(inputs, ids.link, FIELDS.link, LIMITS.url);
  if ([body, rawDate, caseNumber, decisionText, link].every((field) => field === undefined)) return undefined;
  const meetingDate = rawDate === undefined ? '' : (readCalendarDate(rawDate) ?? rawDate);
  // Missing required parts stay empty so the engine names exactly which one is missing.
  return {
    body: body ?? '',
    meetingDate,
    caseNumber: caseNumber ?? '',
    ...(decisionText !== undefined && { decisionText }),
    ...(link !== undefined && { link }),
  };
}

// ── parseGateDecision ────────────────────────────────────────────────────────────────────────────

export interface GateDecisionSubmission {
  stageId: string;
  /** The request the card showed; the bot and engine refuse a decision on an older one. */
  requestSeq: number;
  decision: GateDecision;
  /** A political decision reference entered or corrected on the card (recorded before the decision). */
  politicalDecision?: PoliticalDecisionReference;
}

/** Reads a `decideGate` submission: the outcome with the reason or conditions it needs. */
export function parseGateDecision(data: unknown): GateDecisionSubmission | SubmissionError {
  return guarded(() => {
    const inputs = readData(data);
    const stageId = matching(inputs, 'stageId', TEMPLATE_ID);
    const requestSeq = positiveInteger(inputs, 'requestSeq');
    const ids = INPUT_IDS.decision;
    const outcome = readOutcome(inputs);
    let decision: GateDecision;
    switch (outcome) {
      case 'approve': {
        const comment = optionalText(inputs, ids.comment, FIELDS.comment, LIMITS.reason);
        decision = { outcome, ...(comment !== undefined && { comment }) };
        break;
      }
      case 'approveWithConditions': {
        const conditions = requiredText(inputs, ids.conditions, FIELDS.conditions, LIMITS.reason);
        const comment = optionalText(inputs, ids.conditionsComment, FIELDS.comment, LIMITS.reason);
        decision = { outcome, conditions, ...(comment !== undefined && { comment }) };
        break;
      }
      case 'sendBack': {
        const toStageId = optionalString(inputs, ids.sendBackTo)?.trim() ?? '';
        if (!TEMPLATE_ID.test(toStageId)) fail(t.sendBackTarget);
        decision = {
          outcome,
          toStageId,
          reason: requiredText(inputs, ids.sendBackReason, FIELDS.reason, LIMITS.reason),
        };
        break;
      }
      case 'pause':
        decision = { outcome, reason: requiredText(inputs, ids.pauseReason, FIELDS.reason, LIMITS.reason) };
        break;
      case 'stop':
        decision = { outcome, reason: requiredText(inputs, ids.stopReason, FIELDS.reason, LIMITS.reason) };
        break;
    }
    const politicalDecision = readPoliticalDecision(inputs);
    return { stageId, requestSeq, decision, ...(politicalDecision !== undefined && { politicalDecision }) };
  });
}

// ── parseOpenCaseSubmission ──────────────────────────────────────────────────────────────────────

export interface OpenCaseSubmission {
  title: string;
  unit?: string;
  municipality?: string;
  /** The template id chosen; the bot starts the case on its newest version. */
  templateId?: string;
  managerIds: string[];
  language?: Language;
}

/** Reads the open-case form. */
export function parseOpenCaseSubmission(data: unknown): OpenCaseSubmission | SubmissionError {
  return guarded(() => {
    const inputs = readData(data);
    const ids = INPUT_IDS.openCase;
    const title = requiredText(inputs, ids.title, FIELDS.title, LIMITS.title);
    const unit = optionalText(inputs, ids.unit, FIELDS.unit, LIMITS.unit);
    const municipality = optionalText(inputs, ids.municipality, FIELDS.municipality, LIMITS.unit);
    const rawTemplate = optionalString(inputs, ids.template)?.trim();
    if (rawTemplate !== undefined && rawTemplate !== '' && !TEMPLATE_ID.test(rawTemplate))
      fail(t.unknownTemplate);
    const managerIds = multiValues(inputs, ids.managers);
    if (managerIds.length > LIMITS.managers) fail(t.tooManyManagers(LIMITS.managers));
    if (!managerIds.every((personId) => PERSON_ID.test(personId))) fail(t.invalidPerson);
    const rawLanguage = optionalString(inputs, ids.language)?.trim();
    if (rawLanguage !== undefined && rawLanguage !== '' && !isLanguage(rawLanguage)) fail(t.unknownLanguage);
    return {
      title,
      ...(unit !== undefined && { unit }),
      ...(municipality !== undefined && { municipality }),
      ...(rawTemplate !== undefined && rawTemplate !== '' && { templateId: rawTemplate }),
      managerIds,
      ...(rawLanguage !== undefined && isLanguage(rawLanguage) && { language: rawLanguage }),
    };
  });
}

// ── The message action's dialog ─────────────────────────────────────────────────────────────────

export interface KeepMessageSubmission {
  kind: { as: 'idea' } | { as: 'barrier'; category: string };
  caseId: string;
  text: string;
  /** What the dialog's data says of itself: the message, when and where it was opened. */
  dialog: { messageId: string; openedAt: string; conversation: string };
  /**
   * Invisible control characters (controls, bidirectional overrides) the typed text held; `text` is
   * without them. Teams' own text box cannot type them: a paste or a forged submit, shown again to check.
   */
  removedCharacters: number;
}

// eslint-disable-next-line no-control-regex
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const MESSAGE_ID = /^[^\u0000-\u001f\u007f\s]{1,256}$/;
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const DIGEST = /^[0-9a-f]{16,64}$/;
const CATEGORY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Text without invisible control characters and bidirectional overrides (what the dialog refuses). */
export function withoutHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, '');
}

/**
 * Reads what the keep-message dialog sent back (`composeExtension/submitAction`'s `data`: the dialog's
 * own data and its inputs). The engine checks the rules again (the category, the person's part in the
 * case); the conversation layer checks that the dialog is this conversation's and not stale.
 */
export function parseKeepMessageSubmission(data: unknown): KeepMessageSubmission | SubmissionError {
  return guarded(() => {
    const inputs = readData(data);
    const ids = INPUT_IDS.keepMessage;
    if (ownField(inputs, 'action') !== 'keepMessage') fail(t.malformed);
    const dialog = {
      messageId: matching(inputs, 'messageId', MESSAGE_ID),
      openedAt: matching(inputs, 'openedAt', UTC_TIME),
      conversation: matching(inputs, 'conversation', DIGEST),
    };
    const rawKind = optionalString(inputs, ids.kind)?.trim() ?? '';
    let kind: KeepMessageSubmission['kind'];
    if (rawKind === KEEP_AS_IDEA) kind = { as: 'idea' };
    else if (rawKind.startsWith(KEEP_AS_BARRIER_PREFIX)) {
      const category = rawKind.slice(KEEP_AS_BARRIER_PREFIX.length);
      if (!CATEGORY_ID.test(category)) fail(t.malformed);
      kind = { as: 'barrier', category };
    } else fail(t.keepKind);
    const caseId = optionalString(inputs, ids.caseId)?.trim() ?? '';
    if (caseId === '') fail(t.keepCase);
    if (!CASE_ID.test(caseId)) fail(t.malformed);
    const raw = optionalString(inputs, ids.text) ?? '';
    const hidden = raw.match(HIDDEN_CHARACTERS)?.length ?? 0;
    const field = kind.as === 'idea' ? FIELDS.idea : FIELDS.barrier;
    const text = requiredText(
      { [ids.text]: raw.replace(HIDDEN_CHARACTERS, '') },
      ids.text,
      field,
      LIMITS.ideaOrBarrier,
    );
    return { kind, caseId, text, dialog, removedCharacters: hidden };
  });
}
