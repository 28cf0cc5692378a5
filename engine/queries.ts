/**
 * Named questions about a case that several parts of the app ask (the bot, the cards, the dashboard,
 * the reminders, research): each is answered here, once, so they cannot come to disagree.
 */
import type { CaseCommandType } from './commands';
import { refuse } from './refusals';
import type {
  CaseState,
  DecisionSummary,
  PendingGate,
  PoliticalDecisionRecord,
  StageProgress,
} from './state';
import { hasRole, peopleWithRole } from './state';
import type { CaseRole, ProcessTemplate, PromptDefinition, StageDefinition } from './template';

/**
 * The stage with this id in the template. A stage the template does not have is refused (`unknownStage`,
 * a validation error in both languages): for a stored case that means the log and its template disagree,
 * for a card or a request that someone sent an id that does not exist.
 */
export function stageOf(template: ProcessTemplate, stageId: string): StageDefinition {
  const stage = template.stages.find((s) => s.id === stageId);
  if (!stage) throw refuse.unknownStage(stageId);
  return stage;
}

/**
 * The prompt to ask next in a stage: the first unanswered prompt in template order, optional ones
 * included where they stand, so "question 2 of 3" is always the same prompt and none is passed over
 * unseen. Prompts the group skipped are left out; when nothing else is open and `reaskSkipped`, they
 * come back in the order they were skipped (otherwise none is left).
 */
export function nextOpenPrompt(
  state: CaseState,
  stage: StageDefinition,
  skipped: readonly string[],
  reaskSkipped: boolean,
): PromptDefinition | undefined {
  const open = stage.prompts.filter((p) => state.answers[p.id] === undefined);
  const fresh = open.find((p) => !skipped.includes(p.id));
  if (fresh !== undefined || !reaskSkipped) return fresh;
  return skippedOpenPrompts(state, stage, skipped)[0];
}

/** The prompts of a stage the group skipped that are still unanswered, in the order they were skipped. */
export function skippedOpenPrompts(
  state: CaseState,
  stage: StageDefinition,
  skipped: readonly string[],
): PromptDefinition[] {
  return [...new Set(skipped)].flatMap((id) => {
    const prompt = stage.prompts.find((p) => p.id === id);
    return prompt !== undefined && state.answers[id] === undefined ? [prompt] : [];
  });
}

/** Where a stage sits in its template (0 for the first); -1 for a stage the template does not have. */
function indexOf(template: ProcessTemplate, stageId: string): number {
  return template.stages.findIndex((s) => s.id === stageId);
}

/** The stage after this one in the template, or undefined after the last (passing it completes the case). */
export function stageAfter(template: ProcessTemplate, stageId: string): StageDefinition | undefined {
  stageOf(template, stageId);
  return template.stages[indexOf(template, stageId) + 1];
}

/**
 * The stages the gate of `gateStageId` may send a case back to: that stage itself (another round) and
 * every earlier one, in template order. The engine refuses any other target; the approval card and the
 * dashboard offer exactly these.
 */
export function sendBackTargets(template: ProcessTemplate, gateStageId: string): StageDefinition[] {
  stageOf(template, gateStageId);
  return template.stages.slice(0, indexOf(template, gateStageId) + 1);
}

/** Whether a decider may send the gate of `gateStageId` back to `toStageId`. */
export function maySendBackTo(template: ProcessTemplate, gateStageId: string, toStageId: string): boolean {
  return sendBackTargets(template, gateStageId).some((stage) => stage.id === toStageId);
}

/**
 * Whether a person may decide the pending review: they hold the gate's deciding role now. Roles given or
 * taken after the review was requested count (the engine checks the same roles when they decide).
 */
export function mayDecide(state: CaseState, template: ProcessTemplate, personId: string): boolean {
  if (!state.gate) return false;
  return hasRole(state, personId, stageOf(template, state.gate.stageId).gate.deciderRole);
}

/**
 * Who must still decide the pending review, the one answer the approval card, the status card, the
 * dashboard, the reminders and the mentions give: everyone who holds the gate's deciding role now
 * (a manager added after the request included, one removed since left out), less those who have
 * already approved. Empty when no review is pending.
 */
export function whoMustDecide(state: CaseState, template: ProcessTemplate): string[] {
  const gate = state.gate;
  if (!gate) return [];
  const approved = new Set(gate.approvals.map((a) => a.personId));
  return gateDeciders(state, template).filter((personId) => !approved.has(personId));
}

/**
 * Everyone who may decide the pending review now (those who have approved included): the list the
 * cards and the dashboard show as "deciders".
 */
export function gateDeciders(state: CaseState, template: ProcessTemplate): string[] {
  const gate = state.gate;
  if (!gate) return [];
  return peopleWithRole(state, stageOf(template, gate.stageId).gate.deciderRole);
}

/**
 * Whether a card or request that names a review (its stage and request number) still speaks of the one
 * pending: a review decided, withdrawn or asked for again since is stale, and a decision on it is refused.
 */
export function isCurrentReview(state: CaseState, stageId: string, requestSeq: number | undefined): boolean {
  const gate = state.gate;
  if (!gate || gate.stageId !== stageId) return false;
  return requestSeq === undefined || gate.requestSeq === requestSeq;
}

/** Whether a stage form (its stage and round) is the one the case is on now; an older form is stale. */
export function isCurrentStageForm(state: CaseState, stageId: string, round: number | undefined): boolean {
  if (state.currentStageId !== stageId) return false;
  return round === undefined || (state.stages[stageId]?.round ?? 1) === round;
}

/**
 * Which commands make the person who gives them a member of the case, in the same append: taking part
 * in the case's work (documentation, a political decision, ideas, barriers, asking for or withdrawing a
 * review, the case's language). Deciding a gate, giving roles, halting or resuming, memos, research
 * consent and the system's reminders do not: a manager who decides stays a manager, a researcher who
 * writes memos stays a researcher, and saying no to research is no way to join.
 */
const MAKES_MEMBER: Record<CaseCommandType, boolean> = {
  OpenCase: false,
  JoinCase: false,
  AssignRole: false,
  RevokeRole: false,
  RecordDocumentation: true,
  RecordPoliticalDecision: true,
  RecordIdea: true,
  RecordBarrier: true,
  RequestGateReview: true,
  WithdrawGateReview: true,
  DecideGate: false,
  PauseCase: false,
  ResumeCase: false,
  StopCase: false,
  RecordDiffusion: false,
  ChangeLanguage: true,
  RecordReminder: false,
  RecordMemo: false,
  RecordResearchConsent: false,
};

export function commandMakesMember(type: CaseCommandType): boolean {
  return MAKES_MEMBER[type];
}

/** Who may take a paused case up again (the rule `ResumeCase` is judged by, engine/decisions/access.ts). */
export const RESUMING_ROLE = 'manager' satisfies CaseRole;

/** Whether `personId` may resume the case now: it is paused and they hold the resuming role. */
export function mayResume(state: CaseState, personId: string): boolean {
  return state.status === 'paused' && hasRole(state, personId, RESUMING_ROLE);
}

/** The pending review a card of request `requestSeq` speaks of, or undefined when that one is not pending. */
export function pendingReview(state: CaseState, requestSeq: number): PendingGate | undefined {
  return state.gate?.requestSeq === requestSeq ? state.gate : undefined;
}

/** The decision that closed review `requestSeq`, among the state's recent ones. */
export function recentDecisionOn(state: CaseState, requestSeq: number): DecisionSummary | undefined {
  return state.recentDecisions.find((decision) => decision.requestSeq === requestSeq);
}

/**
 * The send-back that brought the case into this stage, while nothing in the stage (an answer, the
 * political decision) has changed after it: a review of the stage is refused until something has.
 */
export function unrevisedSendBack(
  state: CaseState,
  stage: StageDefinition,
): NonNullable<StageProgress['sentBack']> | undefined {
  const sentBack = state.stages[stage.id]?.sentBack;
  if (!sentBack) return undefined;
  const revised =
    Object.values(state.answers).some((record) => record.stageId === stage.id && record.seq > sentBack.seq) ||
    (state.politicalDecisions[stage.id]?.seq ?? 0) > sentBack.seq;
  return revised ? undefined : sentBack;
}

/**
 * What the political decision a stage's gate needs still lacks: none recorded, or only one from an
 * earlier round (a new round needs a new decision, or the old one recorded again with why it still
 * stands). Undefined when the gate needs none or has a decision of this round.
 */
export function politicalDecisionLack(
  state: CaseState,
  stage: StageDefinition,
): { kind: 'missing' } | { kind: 'earlierRound'; record: PoliticalDecisionRecord } | undefined {
  if (!stage.gate.requiresPoliticalDecision) return undefined;
  const record = state.politicalDecisions[stage.id];
  if (!record) return { kind: 'missing' };
  const round = state.stages[stage.id]?.round ?? 1;
  return record.round < round ? { kind: 'earlierRound', record } : undefined;
}

/** The conditions the gate before this stage was passed with, to be followed up at this stage's review. */
export function carriedConditions(
  state: CaseState,
  stageId: string,
): NonNullable<StageProgress['carriedConditions']> | undefined {
  return state.stages[stageId]?.carriedConditions;
}
