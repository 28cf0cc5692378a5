/**
 * Process templates: the stages, prompts and gate rules a case walks through, as versioned data.
 *
 * A template is loaded from plain JSON with `loadTemplate`, which checks everything a case will rely on
 * and names every problem it finds at once, so whoever writes a template fixes it in one round. A case
 * records the template id and version it started on and keeps using that version, so a template can
 * evolve without changing the meaning of cases already under way.
 */
import type { Localized } from './localized';
import { LANGUAGES } from './localized';

export const PROMPT_KINDS = [
  'shortText',
  'longText',
  'date',
  'singleChoice',
  'multipleChoice',
  'number',
  'link',
  'person',
] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export const CASE_ROLES = ['owner', 'member', 'manager', 'researcher'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export interface ChoiceOption {
  id: string;
  label: Localized;
}

export interface PromptDefinition {
  id: string;
  kind: PromptKind;
  label: Localized;
  help: Localized;
  required: boolean;
  /** Only for singleChoice and multipleChoice. */
  options?: ChoiceOption[];
  /** Only for singleChoice and multipleChoice: an "other" answer may carry free text. */
  allowOther?: boolean;
  /**
   * Only for text prompts: the prompt asks for what the group may already have recorded by command
   * ("barriere …", "idé …"), so the chat offers those as the answer. It changes no rule of what is
   * recorded: an answer is the same text however it was written.
   */
  offersRecorded?: RecordedKind;
}

/** What a group records at any time by command, beside the stage's prompts. */
export const RECORDED_KINDS = ['barriers', 'ideas'] as const;
export type RecordedKind = (typeof RECORDED_KINDS)[number];

export type Quorum = { kind: 'any' } | { kind: 'count'; count: number } | { kind: 'all' };

export interface GateRule {
  /** Which case role decides this gate. */
  deciderRole: CaseRole;
  /** How many of those must approve. A send-back, pause or stop by any one decider is final. */
  quorum: Quorum;
  /** Four-eyes: when false, whoever requested the review cannot approve it. */
  requesterMayApprove: boolean;
  /** The review can only be requested once a political decision reference is recorded for this round. */
  requiresPoliticalDecision: boolean;
}

export interface StageDefinition {
  id: string;
  title: Localized;
  help: Localized;
  prompts: PromptDefinition[];
  gate: GateRule;
  /** Days without any activity in this stage before the group is reminded. */
  idleReminderDays: number;
  /** Days a gate review may stay pending before its deciders are reminded. */
  gateReminderDays: number;
}

export interface CategoryDefinition {
  id: string;
  label: Localized;
}

export interface ProcessTemplate {
  id: string;
  version: number;
  title: Localized;
  description: Localized;
  stages: StageDefinition[];
  /** Research categories for barriers (seeds/000). */
  barrierCategories: CategoryDefinition[];
  /** Where ideas come from (seeds/001): everyday practice, users, other municipalities, ... */
  ideaSources: CategoryDefinition[];
}

export interface TemplateRef {
  id: string;
  version: number;
}

export interface TemplateProblem {
  /** Where in the template, as a JSON path such as `stages[2].prompts[0].label.en`. */
  path: string;
  message: string;
}

/** Thrown by `loadTemplate`; `problems` lists every problem found, not just the first. */
export class TemplateInvalidError extends Error {
  constructor(
    readonly templateId: string,
    readonly problems: readonly TemplateProblem[],
  ) {
    super(
      `Template "${templateId}" is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'TemplateInvalidError';
  }
}

/** Ids of templates, stages, prompts and options (also what cards may name). */
export const TEMPLATE_ID_PATTERN = /^[a-z][a-zA-Z0-9-]{0,63}$/;

/**
 * Checks raw JSON against everything the engine relies on and returns it typed, or throws
 * `TemplateInvalidError` naming every problem: unknown prompt kinds, duplicate ids, missing or empty
 * translations, choice prompts without options, impossible quorums, unknown roles.
 */
export function loadTemplate(raw: unknown): ProcessTemplate {
  const problems: TemplateProblem[] = [];
  const problem = (path: string, message: string): void => {
    problems.push({ path, message });
  };

  if (!isRecord(raw)) {
    throw new TemplateInvalidError('(unknown)', [{ path: '$', message: 'a template must be a JSON object' }]);
  }
  const templateId = typeof raw.id === 'string' ? raw.id : '(unknown)';

  checkId(raw.id, 'id', problem);
  if (!(typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version >= 1)) {
    problem('version', 'must be a whole number from 1 up');
  }
  checkLocalized(raw.title, 'title', problem);
  checkLocalized(raw.description, 'description', problem);

  checkCategories(raw.barrierCategories, 'barrierCategories', problem);
  checkCategories(raw.ideaSources, 'ideaSources', problem);

  if (!Array.isArray(raw.stages) || raw.stages.length === 0) {
    problem('stages', 'must be a non-empty list');
  } else {
    const stageIds = new Set<string>();
    const promptIds = new Set<string>();
    raw.stages.forEach((stage: unknown, i: number) => {
      const at = `stages[${i}]`;
      if (!isRecord(stage)) {
        problem(at, 'must be an object');
        return;
      }
      if (checkId(stage.id, `${at}.id`, problem)) {
        if (stageIds.has(stage.id)) problem(`${at}.id`, `duplicate stage id "${stage.id}"`);
        stageIds.add(stage.id);
      }
      checkLocalized(stage.title, `${at}.title`, problem);
      checkLocalized(stage.help, `${at}.help`, problem);
      checkPositiveInteger(stage.idleReminderDays, `${at}.idleReminderDays`, problem);
      checkPositiveInteger(stage.gateReminderDays, `${at}.gateReminderDays`, problem);
      checkGate(stage.gate, `${at}.gate`, problem);
      if (!Array.isArray(stage.prompts) || stage.prompts.length === 0) {
        problem(`${at}.prompts`, 'must be a non-empty list');
        return;
      }
      stage.prompts.forEach((prompt: unknown, j: number) => {
        const promptAt = `${at}.prompts[${j}]`;
        if (!isRecord(prompt)) {
          problem(promptAt, 'must be an object');
          return;
        }
        // Prompt ids are unique across the whole template: answers are stored by prompt id.
        if (checkId(prompt.id, `${promptAt}.id`, problem)) {
          if (promptIds.has(prompt.id)) problem(`${promptAt}.id`, `duplicate prompt id "${prompt.id}"`);
          promptIds.add(prompt.id);
        }
        checkPrompt(prompt, promptAt, problem);
      });
    });
  }

  if (problems.length > 0) throw new TemplateInvalidError(templateId, problems);
  return raw as unknown as ProcessTemplate;
}

type ProblemSink = (path: string, message: string) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkId(value: unknown, path: string, problem: ProblemSink): value is string {
  if (typeof value !== 'string' || !TEMPLATE_ID_PATTERN.test(value)) {
    problem(path, 'must be an id: a lowercase letter, then letters, digits or hyphens (at most 64)');
    return false;
  }
  return true;
}

function checkLocalized(value: unknown, path: string, problem: ProblemSink): void {
  if (!isRecord(value)) {
    problem(path, `must have a text for each language (${LANGUAGES.join(', ')})`);
    return;
  }
  for (const language of LANGUAGES) {
    const text = value[language];
    if (typeof text !== 'string' || text.trim() === '') {
      problem(`${path}.${language}`, `missing translation (${language})`);
    }
  }
}

function checkPositiveInteger(value: unknown, path: string, problem: ProblemSink): void {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1)) {
    problem(path, 'must be a whole number from 1 up');
  }
}

function checkCategories(value: unknown, path: string, problem: ProblemSink): void {
  if (!Array.isArray(value) || value.length === 0) {
    problem(path, 'must be a non-empty list');
    return;
  }
  const ids = new Set<string>();
  value.forEach((category: unknown, i: number) => {
    const at = `${path}[${i}]`;
    if (!isRecord(category)) {
      problem(at, 'must be an object');
      return;
    }
    if (checkId(category.id, `${at}.id`, problem)) {
      if (ids.has(category.id)) problem(`${at}.id`, `duplicate id "${category.id}"`);
      ids.add(category.id);
    }
    checkLocalized(category.label, `${at}.label`, problem);
  });
}

function checkPrompt(prompt: Record<string, unknown>, at: string, problem: ProblemSink): void {
  const kind = prompt.kind;
  if (!(PROMPT_KINDS as readonly unknown[]).includes(kind)) {
    problem(`${at}.kind`, `unknown prompt type "${String(kind)}"; known types: ${PROMPT_KINDS.join(', ')}`);
  }
  checkLocalized(prompt.label, `${at}.label`, problem);
  checkLocalized(prompt.help, `${at}.help`, problem);
  if (typeof prompt.required !== 'boolean') problem(`${at}.required`, 'must be true or false');
  const isChoice = kind === 'singleChoice' || kind === 'multipleChoice';
  if (isChoice) {
    checkCategories(prompt.options, `${at}.options`, problem);
  } else if (prompt.options !== undefined) {
    problem(`${at}.options`, `only choice prompts have options, not "${String(kind)}"`);
  }
  if (prompt.allowOther !== undefined && (!isChoice || typeof prompt.allowOther !== 'boolean')) {
    problem(`${at}.allowOther`, 'only choice prompts may allow "other", as true or false');
  }
  if (
    prompt.offersRecorded !== undefined &&
    (!(kind === 'shortText' || kind === 'longText') ||
      !(RECORDED_KINDS as readonly unknown[]).includes(prompt.offersRecorded))
  ) {
    problem(
      `${at}.offersRecorded`,
      `only text prompts may offer what was recorded, as one of: ${RECORDED_KINDS.join(', ')}`,
    );
  }
}

function checkGate(gate: unknown, at: string, problem: ProblemSink): void {
  if (!isRecord(gate)) {
    problem(at, 'must describe the gate rule');
    return;
  }
  if (!(CASE_ROLES as readonly unknown[]).includes(gate.deciderRole) || gate.deciderRole === 'researcher') {
    problem(`${at}.deciderRole`, `must be one of owner, member, manager (got "${String(gate.deciderRole)}")`);
  }
  if (typeof gate.requesterMayApprove !== 'boolean') {
    problem(`${at}.requesterMayApprove`, 'must be true or false');
  }
  if (typeof gate.requiresPoliticalDecision !== 'boolean') {
    problem(`${at}.requiresPoliticalDecision`, 'must be true or false');
  }
  const quorum = gate.quorum;
  if (!isRecord(quorum)) {
    problem(`${at}.quorum`, 'must be {"kind":"any"}, {"kind":"all"} or {"kind":"count","count":N}');
    return;
  }
  if (quorum.kind === 'count') {
    const count = quorum.count;
    if (!(typeof count === 'number' && Number.isInteger(count) && count >= 1)) {
      problem(
        `${at}.quorum.count`,
        `impossible quorum: ${String(count)} approvals (needs a whole number from 1 up)`,
      );
    } else if (count > 25) {
      problem(
        `${at}.quorum.count`,
        `impossible quorum: ${count} approvals is more than a gate can gather (25)`,
      );
    }
  } else if (quorum.kind !== 'any' && quorum.kind !== 'all') {
    problem(`${at}.quorum.kind`, `unknown quorum "${String(quorum.kind)}"; use any, all or count`);
  } else if (quorum.count !== undefined) {
    problem(`${at}.quorum.count`, `a count only belongs to quorum kind "count", not "${quorum.kind}"`);
  }
}
