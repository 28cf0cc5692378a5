/**
 * The fold: how each event changes a case's state. `decide` judges commands against the state this
 * builds, and the log stores it in the head row (see engine/stateFormat.ts before changing a rule here).
 */
import { assertNever } from './assertNever';
import type { CaseEvent } from './events';
import type { Approval, CaseBase, CaseState, DecisionSummary } from './state';

/** How many decisions the state keeps (`recentDecisions`, newest first); the log keeps all. */
export const RECENT_DECISIONS = 5;

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
      // A send-back is answered once the stage is left again; conditions carried in hold until the stage
      // is entered anew by approval (a send-back to it keeps them to follow up).
      const {
        sentBack: _sentBack,
        carriedConditions,
        ...entered
      } = stages[event.stageId] ?? { round: 0, status: 'ahead' as const };
      const carried = event.via === 'sendBack' ? carriedConditions : undefined;
      // The decision that led here was folded just before (a send-back, or the gate passed before it).
      const leading = next.recentDecisions[0];
      stages[event.stageId] = {
        ...entered,
        round: event.round,
        status: 'current',
        enteredAt: event.at,
        ...(event.via === 'sendBack' &&
          leading?.outcome === 'sentBack' && {
            sentBack: {
              seq,
              fromStageId: leading.stageId,
              reason: leading.reason ?? '',
              at: leading.at,
              by: leading.deciderIds[0] ?? '',
            },
          }),
        ...(carried !== undefined && { carriedConditions: carried }),
        ...(event.via === 'approval' &&
          leading?.outcome === 'approvedWithConditions' &&
          leading.conditions !== undefined && {
            carriedConditions: {
              fromStageId: leading.stageId,
              conditions: leading.conditions,
              at: leading.at,
              deciderIds: leading.deciderIds,
            },
          }),
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
          ...(event.stillStandsBecause !== undefined && { stillStandsBecause: event.stillStandsBecause }),
          at: event.at,
          actorId: event.actorId,
          seq,
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
      // Only an active case has a review pending (decide refuses a request in any other status).
      if (next.status !== 'active') return next;
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
      if (next.status === 'active' && next.gate) {
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
      const comments = (state?.gate?.approvals ?? []).flatMap((approval) =>
        approval.comment === undefined ? [] : [{ personId: approval.personId, text: approval.comment }],
      );
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
        ...(comments.length > 0 && { comments }),
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
      // A pause closes a pending review.
      return withDecision(
        {
          ...baseOf(next),
          status: 'paused',
          pause: { at: event.at, by: event.actorId, reason: event.reason },
        },
        haltDecision('paused', event, state, seq),
      );
    case 'CaseResumed':
      return withDecision(
        { ...baseOf(next), status: 'active' },
        {
          outcome: 'resumed',
          stageId: event.stageId,
          round: event.round,
          at: event.at,
          deciderIds: [event.actorId],
          seq,
        },
      );
    case 'CaseStopped':
      // A stop closes a pending review and ends a pause.
      return withDecision(
        {
          ...baseOf(next),
          status: 'stopped',
          stop: { at: event.at, by: event.actorId, reason: event.reason },
        },
        haltDecision('stopped', event, state, seq),
      );
    case 'CaseCompleted':
      return { ...baseOf(next), status: 'completed', completedAt: event.at };
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

/** What every case has, without what its status says (the gate, the pause, the stop, the completion). */
function baseOf(state: CaseState): CaseBase {
  const {
    status: _status,
    gate: _gate,
    pause: _pause,
    stop: _stop,
    completedAt: _completedAt,
    ...base
  } = state;
  return base;
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

/** A pause or a stop as a decision: who halted, why, and the review it closed, if one was pending. */
function haltDecision(
  outcome: 'paused' | 'stopped',
  event: Extract<CaseEvent, { type: 'CasePaused' | 'CaseStopped' }>,
  state: CaseState | undefined,
  seq: number,
): DecisionSummary {
  return {
    outcome,
    stageId: event.stageId,
    round: event.round,
    at: event.at,
    deciderIds: [event.actorId],
    reason: event.reason,
    ...(state?.gate !== undefined && { requestSeq: state.gate.requestSeq }),
    seq,
  };
}
