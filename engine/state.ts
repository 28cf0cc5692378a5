/**
 * The current state of a case, folded from its events by `evolve`. The state is what `decide` needs to
 * judge the next command and what a status card shows; everything else (each revision, each idea, each
 * reminder) stays in the log. The head row of the log stores this state, so reading a case costs one
 * point read whatever the log's length.
 */
import type { Answer, PoliticalDecisionReference } from './answers';
import type { CaseEvent, DocumentationBasis } from './events';
import type { Language } from './localized';
import type { CaseRole, TemplateRef } from './template';

export type CaseStatus = 'active' | 'paused' | 'stopped' | 'completed';

export interface StageProgress {
  /** How many times the stage has been entered; 0 while it lies ahead for the first time. */
  round: number;
  status: 'ahead' | 'current' | 'passed';
  enteredAt?: string;
  passedAt?: string;
}

export interface AnswerRecord {
  stageId: string;
  round: number;
  revision: number;
  answer: Answer;
  at: string;
  actorId: string;
  seq: number;
}

export interface PoliticalDecisionRecord {
  round: number;
  revision: number;
  reference: PoliticalDecisionReference;
  at: string;
  actorId: string;
}

export interface Approval {
  personId: string;
  at: string;
  conditions?: string;
  comment?: string;
}

export interface PendingGate {
  stageId: string;
  round: number;
  requestedAt: string;
  requestedBy: string;
  /** Sequence number of the request: a card names it, so a decision on an older request is refused. */
  requestSeq: number;
  deciderIds: string[];
  approvalsNeeded: number;
  approvals: Approval[];
  basis: DocumentationBasis;
}

export interface DecisionSummary {
  outcome:
    'approved' | 'approvedWithConditions' | 'sentBack' | 'paused' | 'resumed' | 'stopped' | 'withdrawn';
  stageId: string;
  round: number;
  at: string;
  deciderIds: string[];
  reason?: string;
  conditions?: string[];
  toStageId?: string;
  /** For decisions that closed a gate review: the sequence number of that review request. */
  requestSeq?: number;
  seq: number;
}

export interface CaseState {
  caseId: string;
  title: string;
  unit?: string;
  municipality?: string;
  conversationId: string;
  template: TemplateRef;
  language: Language;
  status: CaseStatus;
  openedAt: string;
  openedBy: string;
  /** Time of the newest event of any kind. */
  updatedAt: string;
  /** Time of the newest event made by people (not reminders), for idle reminders. */
  lastActivityAt: string;
  lastReminderAt?: string;
  /** Sequence number of the newest event folded in: the case's version. */
  version: number;
  currentStageId: string;
  stages: Record<string, StageProgress>;
  answers: Record<string, AnswerRecord>;
  politicalDecisions: Record<string, PoliticalDecisionRecord>;
  gate?: PendingGate;
  roles: Record<string, CaseRole[]>;
  /** The newest decisions first, at most `RECENT_DECISIONS`; the log keeps all. */
  recentDecisions: DecisionSummary[];
  pause?: { at: string; by: string; reason: string };
  stop?: { at: string; by: string; reason: string };
  completedAt?: string;
  counts: { ideas: number; barriers: number; reminders: number; memos: number };
  derivedFrom?: string;
  derivedTo: string[];
  /**
   * People who have declined that their contributions are used for research (their latest
   * `ResearchConsentRecorded` says so). Absent in heads written before consent existed: nobody declined.
   */
  researchDeclined?: string[];
}

export const RECENT_DECISIONS = 5;

export function hasRole(state: CaseState, personId: string, role: CaseRole): boolean {
  return state.roles[personId]?.includes(role) ?? false;
}

/** Owners, members and managers take part in the case; researchers only read it. */
export function isParticipant(state: CaseState, personId: string): boolean {
  return (state.roles[personId] ?? []).some((role) => role !== 'researcher');
}

/** Whether the person has declined that their contributions to this case are used for research. */
export function hasDeclinedResearch(state: CaseState, personId: string): boolean {
  return state.researchDeclined?.includes(personId) ?? false;
}

/** Every person id the state names (roles, the pending gate, answers, decisions): to be shown, or hidden. */
export function peopleInState(state: CaseState): string[] {
  const ids = new Set<string>([
    state.openedBy,
    ...Object.keys(state.roles),
    ...(state.researchDeclined ?? []),
  ]);
  if (state.gate) {
    ids.add(state.gate.requestedBy);
    for (const id of state.gate.deciderIds) ids.add(id);
    for (const approval of state.gate.approvals) ids.add(approval.personId);
  }
  for (const record of Object.values(state.answers)) {
    ids.add(record.actorId);
    if (record.answer.type === 'people') for (const id of record.answer.personIds) ids.add(id);
  }
  for (const record of Object.values(state.politicalDecisions)) ids.add(record.actorId);
  for (const decision of state.recentDecisions) for (const id of decision.deciderIds) ids.add(id);
  if (state.pause) ids.add(state.pause.by);
  if (state.stop) ids.add(state.stop.by);
  return [...ids].filter((id) => !id.startsWith('system:'));
}

export function peopleWithRole(state: CaseState, role: CaseRole): string[] {
  return Object.entries(state.roles)
    .filter(([, roles]) => roles.includes(role))
    .map(([personId]) => personId)
    .sort();
}

/**
 * Folds one event into the state. Pure and total: the same events always give the same state, so a
 * log replays identically years later. `seq` is the event's position in the log.
 */
export function evolve(state: CaseState | undefined, event: CaseEvent, seq: number): CaseState {
  if (event.type === 'CaseOpened') {
    return {
      caseId: event.caseId,
      title: event.title,
      ...(event.unit !== undefined && { unit: event.unit }),
      ...(event.municipality !== undefined && { municipality: event.municipality }),
      conversationId: event.conversationId,
      template: event.template,
      language: event.language,
      status: 'active',
      openedAt: event.at,
      openedBy: event.actorId,
      updatedAt: event.at,
      lastActivityAt: event.at,
      version: seq,
      currentStageId: '',
      stages: {},
      answers: {},
      politicalDecisions: {},
      roles: {},
      recentDecisions: [],
      counts: { ideas: 0, barriers: 0, reminders: 0, memos: 0 },
      ...(event.derivedFrom !== undefined && { derivedFrom: event.derivedFrom }),
      derivedTo: [],
    };
  }
  if (state === undefined) {
    throw new Error(`Cannot apply ${event.type} before CaseOpened (event ${seq})`);
  }
  const next: CaseState = {
    ...state,
    version: seq,
    updatedAt: event.at,
    lastActivityAt:
      event.type === 'ReminderSent' || event.type === 'MemoRecorded' ? state.lastActivityAt : event.at,
  };
  switch (event.type) {
    case 'RoleAssigned': {
      const roles = next.roles[event.personId] ?? [];
      next.roles = {
        ...next.roles,
        [event.personId]: roles.includes(event.role) ? roles : [...roles, event.role],
      };
      return next;
    }
    case 'RoleRevoked': {
      const remaining = (next.roles[event.personId] ?? []).filter((role) => role !== event.role);
      const roles = { ...next.roles };
      if (remaining.length === 0) delete roles[event.personId];
      else roles[event.personId] = remaining;
      next.roles = roles;
      return next;
    }
    case 'StageEntered': {
      const stages = { ...next.stages };
      const previous = stages[next.currentStageId];
      if (previous && previous.status === 'current' && next.currentStageId !== event.stageId) {
        // A stage left by a send-back lies ahead again; one left by approval was marked passed already.
        stages[next.currentStageId] = { ...previous, status: 'ahead' };
      }
      stages[event.stageId] = {
        ...stages[event.stageId],
        round: event.round,
        status: 'current',
        enteredAt: event.at,
      };
      next.stages = stages;
      next.currentStageId = event.stageId;
      return next;
    }
    case 'DocumentationRecorded':
      next.answers = {
        ...next.answers,
        [event.promptId]: {
          stageId: event.stageId,
          round: event.round,
          revision: event.revision,
          answer: event.answer,
          at: event.at,
          actorId: event.actorId,
          seq,
        },
      };
      return next;
    case 'PoliticalDecisionRecorded':
      next.politicalDecisions = {
        ...next.politicalDecisions,
        [event.stageId]: {
          round: event.round,
          revision: event.revision,
          reference: event.reference,
          at: event.at,
          actorId: event.actorId,
        },
      };
      return next;
    case 'IdeaRecorded':
      next.counts = { ...next.counts, ideas: next.counts.ideas + 1 };
      return next;
    case 'BarrierRecorded':
      next.counts = { ...next.counts, barriers: next.counts.barriers + 1 };
      return next;
    case 'GateReviewRequested':
      next.gate = {
        stageId: event.stageId,
        round: event.round,
        requestedAt: event.at,
        requestedBy: event.actorId,
        requestSeq: seq,
        deciderIds: event.deciderIds,
        approvalsNeeded: event.approvalsNeeded,
        approvals: [],
        basis: event.basis,
      };
      return next;
    case 'GateReviewWithdrawn':
      delete next.gate;
      return withDecision(next, {
        outcome: 'withdrawn',
        stageId: event.stageId,
        round: event.round,
        at: event.at,
        deciderIds: [event.actorId],
        ...(event.reason !== undefined && { reason: event.reason }),
        ...(state.gate !== undefined && { requestSeq: state.gate.requestSeq }),
        seq,
      });
    case 'GateApprovalGiven':
      if (next.gate) {
        const approval: Approval = {
          personId: event.actorId,
          at: event.at,
          ...(event.conditions !== undefined && { conditions: event.conditions }),
          ...(event.comment !== undefined && { comment: event.comment }),
        };
        next.gate = { ...next.gate, approvals: [...next.gate.approvals, approval] };
      }
      return next;
    case 'GatePassed': {
      delete next.gate;
      const stage = next.stages[event.stageId];
      if (stage) {
        next.stages = { ...next.stages, [event.stageId]: { ...stage, status: 'passed', passedAt: event.at } };
      }
      return withDecision(next, {
        outcome: event.outcome,
        stageId: event.stageId,
        round: event.round,
        at: event.at,
        deciderIds: event.approverIds,
        ...(event.conditions.length > 0 && { conditions: event.conditions }),
        ...(state.gate !== undefined && { requestSeq: state.gate.requestSeq }),
        seq,
      });
    }
    case 'GateSentBack':
      delete next.gate;
      return withDecision(next, {
        outcome: 'sentBack',
        stageId: event.stageId,
        round: event.round,
        at: event.at,
        deciderIds: [event.actorId],
        reason: event.reason,
        toStageId: event.toStageId,
        ...(state.gate !== undefined && { requestSeq: state.gate.requestSeq }),
        seq,
      });
    case 'CasePaused':
      delete next.gate;
      next.status = 'paused';
      next.pause = { at: event.at, by: event.actorId, reason: event.reason };
      return withDecision(next, {
        outcome: 'paused',
        stageId: event.stageId,
        round: event.round,
        at: event.at,
        deciderIds: [event.actorId],
        reason: event.reason,
        ...(state.gate !== undefined && { requestSeq: state.gate.requestSeq }),
        seq,
      });
    case 'CaseResumed':
      next.status = 'active';
      delete next.pause;
      return withDecision(next, {
        outcome: 'resumed',
        stageId: event.stageId,
        round: event.round,
        at: event.at,
        deciderIds: [event.actorId],
        seq,
      });
    case 'CaseStopped':
      delete next.gate;
      delete next.pause;
      next.status = 'stopped';
      next.stop = { at: event.at, by: event.actorId, reason: event.reason };
      return withDecision(next, {
        outcome: 'stopped',
        stageId: event.stageId,
        round: event.round,
        at: event.at,
        deciderIds: [event.actorId],
        reason: event.reason,
        ...(state.gate !== undefined && { requestSeq: state.gate.requestSeq }),
        seq,
      });
    case 'CaseCompleted':
      next.status = 'completed';
      next.completedAt = event.at;
      return next;
    case 'CaseDiffused':
      next.derivedTo = [...next.derivedTo, event.toCaseId];
      return next;
    case 'CaseLanguageChanged':
      next.language = event.language;
      return next;
    case 'ReminderSent':
      next.lastReminderAt = event.at;
      next.counts = { ...next.counts, reminders: next.counts.reminders + 1 };
      return next;
    case 'MemoRecorded':
      next.counts = { ...next.counts, memos: next.counts.memos + 1 };
      return next;
    case 'ResearchConsentRecorded': {
      // Saying yes or no to research is not work on the case: idle reminders keep counting.
      next.lastActivityAt = state.lastActivityAt;
      const others = (state.researchDeclined ?? []).filter((id) => id !== event.actorId);
      const declined = event.consent === 'declined' ? [...others, event.actorId].sort() : others;
      if (declined.length > 0) next.researchDeclined = declined;
      else delete next.researchDeclined;
      return next;
    }
    default:
      return assertNever(event);
  }
}

function withDecision(state: CaseState, decision: DecisionSummary): CaseState {
  return { ...state, recentDecisions: [decision, ...state.recentDecisions].slice(0, RECENT_DECISIONS) };
}

/** Folds a whole log (events in order, numbered from 1). */
export function foldEvents(events: Iterable<CaseEvent>): CaseState | undefined {
  let state: CaseState | undefined;
  let seq = 0;
  for (const event of events) {
    seq += 1;
    state = evolve(state, event, seq);
  }
  return state;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** What a case list shows and filters on; kept in the case directory beside the log. */
export interface CaseSummary {
  caseId: string;
  conversationId: string;
  title: string;
  unit?: string;
  municipality?: string;
  templateId: string;
  templateVersion: number;
  status: CaseStatus;
  currentStageId: string;
  openedAt: string;
  updatedAt: string;
  version: number;
  gatePending: boolean;
}

export function summarize(state: CaseState): CaseSummary {
  return {
    caseId: state.caseId,
    conversationId: state.conversationId,
    title: state.title,
    ...(state.unit !== undefined && { unit: state.unit }),
    ...(state.municipality !== undefined && { municipality: state.municipality }),
    templateId: state.template.id,
    templateVersion: state.template.version,
    status: state.status,
    currentStageId: state.currentStageId,
    openedAt: state.openedAt,
    updatedAt: state.updatedAt,
    version: state.version,
    gatePending: state.gate !== undefined,
  };
}
