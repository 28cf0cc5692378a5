/**
 * Gate reviews: asking for one, withdrawing it, and deciding it (approve, approve with conditions, send
 * back, pause, stop), with who may approve and how many approvals a gate needs.
 */
import { LIMITS } from '../answers';
import type {
  DecideGate,
  DecisionContext,
  GateDecision,
  RequestGateReview,
  WithdrawGateReview,
} from '../commands';
import type { Effect } from '../effects';
import type { DocumentationBasis, UnstampedEvent } from '../events';
import {
  isCurrentReview,
  mayDecide,
  maySendBackTo,
  politicalDecisionLack,
  stageAfter,
  stageOf,
  unrevisedSendBack,
} from '../queries';
import { FIELDS, refuse } from '../refusals';
import type { CaseState, PendingGate } from '../state';
import { assertNever, hasRole, peopleWithRole } from '../state';
import type { GateRule, ProcessTemplate, StageDefinition } from '../template';
import type { Decision } from './decision';
import { roundOf, stamp } from './decision';
import { documentationBasis, missingRequiredAnswers, politicalDecisionEvent } from './documentation';
import { optionalText, requireCurrentStage, requirePendingGate, requireText } from './guards';
import { haltEvents } from './lifecycle';

export function requestGateReview(
  command: RequestGateReview,
  state: CaseState,
  context: DecisionContext,
): Decision {
  const stage = requireCurrentStage(state, context.template, command.stageId);
  if (state.gate) throw refuse.gatePending(stage.title);
  const missing = missingRequiredAnswers(state, stage);
  if (missing.length > 0) throw refuse.missingAnswers(stage.title, missing);
  const political = politicalDecisionLack(state, stage);
  if (political?.kind === 'missing') throw refuse.politicalDecisionMissing(stage.title);
  if (political?.kind === 'earlierRound') {
    throw refuse.politicalDecisionFromEarlierRound(stage.title, political.record.round);
  }
  const sentBack = unrevisedSendBack(state, stage);
  if (sentBack) throw refuse.unchangedSinceSendBack(stage.title, sentBack.reason);
  const deciders = eligibleDeciders(state, stage.gate, context.actorId);
  const needed = approvalsNeeded(stage.gate, deciders.length);
  if (deciders.length === 0 || deciders.length < needed) {
    throw refuse.notEnoughDeciders(stage.gate.deciderRole, Math.max(needed, 1), deciders.length);
  }
  const deciderIds = peopleWithRole(state, stage.gate.deciderRole);
  return stamp(
    context,
    [
      {
        type: 'GateReviewRequested',
        stageId: stage.id,
        round: roundOf(state, stage.id),
        deciderIds,
        approvalsNeeded: needed,
        basis: documentationBasis(state, stage),
      },
    ],
    [{ type: 'notifyDeciders', stageId: stage.id, deciderIds }],
  );
}

export function withdrawGateReview(
  command: WithdrawGateReview,
  state: CaseState,
  context: DecisionContext,
): Decision {
  const gate = requirePendingGate(state, command.stageId);
  if (gate.requestedBy !== context.actorId && !hasRole(state, context.actorId, 'owner')) {
    throw refuse.notRequester();
  }
  const reason = optionalText(command.reason, FIELDS.reason, LIMITS.reason);
  return stamp(
    context,
    [
      {
        type: 'GateReviewWithdrawn',
        stageId: gate.stageId,
        round: gate.round,
        ...(reason !== undefined && { reason }),
      },
    ],
    [{ type: 'announceGateOutcome', stageId: gate.stageId, outcome: 'withdrawn' }],
  );
}

export function decideGate(command: DecideGate, state: CaseState, context: DecisionContext): Decision {
  const { template, actorId } = context;
  const gate = requirePendingGate(state, command.stageId);
  if (!isCurrentReview(state, command.stageId, command.requestSeq)) throw refuse.gateRequestStale();
  const stage = stageOf(template, gate.stageId);
  const rule = stage.gate;
  if (!mayDecide(state, template, actorId)) throw refuse.notADecider(rule.deciderRole, stage.title);
  const decision = command.decision;

  // A reference entered on the approval card is recorded first, so the decision's basis includes it.
  const leading: UnstampedEvent[] = [];
  let decidedOn = state;
  if (command.politicalDecision !== undefined) {
    if (!rule.requiresPoliticalDecision) throw refuse.politicalDecisionNotNeeded(stage.title);
    const recorded = politicalDecisionEvent(state, stage, command.politicalDecision);
    if (recorded) {
      leading.push(recorded);
      decidedOn = {
        ...state,
        politicalDecisions: {
          ...state.politicalDecisions,
          [stage.id]: {
            round: recorded.round,
            revision: recorded.revision,
            reference: recorded.reference,
            at: context.at,
            actorId,
            seq: state.version + 1,
          },
        },
      };
    }
  }
  const basis = documentationBasis(decidedOn, stage);

  switch (decision.outcome) {
    case 'approve':
    case 'approveWithConditions':
      return stamp(context, ...approve(decidedOn, template, stage, gate, decision, basis, actorId, leading));
    case 'sendBack': {
      const reason = requireText(decision.reason, FIELDS.reason, LIMITS.reason);
      if (!maySendBackTo(template, gate.stageId, decision.toStageId))
        throw refuse.sendBackTarget(decision.toStageId);
      return stamp(
        context,
        [
          ...leading,
          {
            type: 'GateSentBack',
            stageId: gate.stageId,
            round: gate.round,
            toStageId: decision.toStageId,
            reason,
            basis,
          },
          {
            type: 'StageEntered',
            stageId: decision.toStageId,
            round: roundOf(state, decision.toStageId) + 1,
            via: 'sendBack',
          },
        ],
        [
          {
            type: 'announceGateOutcome',
            stageId: gate.stageId,
            outcome: 'sentBack',
            nextStageId: decision.toStageId,
          },
          { type: 'askNextPrompt', stageId: decision.toStageId },
        ],
      );
    }
    case 'pause': {
      const reason = requireText(decision.reason, FIELDS.reason, LIMITS.reason);
      const [events, effects] = haltEvents('paused', decidedOn, template, reason);
      return stamp(context, [...leading, ...events], effects);
    }
    case 'stop': {
      const reason = requireText(decision.reason, FIELDS.reason, LIMITS.reason);
      const [events, effects] = haltEvents('stopped', decidedOn, template, reason);
      return stamp(context, [...leading, ...events], effects);
    }
    default:
      return assertNever(decision);
  }
}

function approve(
  state: CaseState,
  template: ProcessTemplate,
  stage: StageDefinition,
  gate: PendingGate,
  decision: Extract<GateDecision, { outcome: 'approve' | 'approveWithConditions' }>,
  basis: DocumentationBasis,
  actorId: string,
  leading: UnstampedEvent[],
): [UnstampedEvent[], Effect[]] {
  if (!stage.gate.requesterMayApprove && gate.requestedBy === actorId) throw refuse.requesterCannotApprove();
  if (gate.approvals.some((a) => a.personId === actorId)) throw refuse.alreadyApproved();
  const conditions =
    decision.outcome === 'approveWithConditions'
      ? requireText(decision.conditions, FIELDS.conditions, LIMITS.reason)
      : undefined;
  const comment = optionalText(decision.comment, FIELDS.comment, LIMITS.reason);
  const events: UnstampedEvent[] = [
    ...leading,
    {
      type: 'GateApprovalGiven',
      stageId: gate.stageId,
      round: gate.round,
      ...(conditions !== undefined && { conditions }),
      ...(comment !== undefined && { comment }),
      basis,
    },
  ];
  const approvals = [
    ...gate.approvals.map((a) => ({ personId: a.personId, conditions: a.conditions })),
    { personId: actorId, conditions },
  ];
  if (approvals.length < gate.approvalsNeeded) {
    return [
      events,
      [
        {
          type: 'announceApprovalProgress',
          stageId: gate.stageId,
          approvals: approvals.length,
          approvalsNeeded: gate.approvalsNeeded,
        },
      ],
    ];
  }
  const allConditions = approvals.flatMap((a) => (a.conditions === undefined ? [] : [a.conditions]));
  const outcome = allConditions.length > 0 ? 'approvedWithConditions' : 'approved';
  events.push({
    type: 'GatePassed',
    stageId: gate.stageId,
    round: gate.round,
    outcome,
    approverIds: approvals.map((a) => a.personId),
    conditions: allConditions,
    basis,
  });
  const next = stageAfter(template, gate.stageId);
  if (!next) {
    events.push({ type: 'CaseCompleted' });
    return [
      events,
      [{ type: 'announceGateOutcome', stageId: gate.stageId, outcome }, { type: 'announceCaseCompleted' }],
    ];
  }
  events.push({
    type: 'StageEntered',
    stageId: next.id,
    round: roundOf(state, next.id) + 1,
    via: 'approval',
  });
  return [
    events,
    [
      { type: 'announceGateOutcome', stageId: gate.stageId, outcome, nextStageId: next.id },
      { type: 'askNextPrompt', stageId: next.id },
    ],
  ];
}

/** Who may approve now: holders of the deciding role, less the requester under the four-eyes rule. */
export function eligibleDeciders(state: CaseState, rule: GateRule, requesterId: string): string[] {
  return peopleWithRole(state, rule.deciderRole).filter(
    (id) => rule.requesterMayApprove || id !== requesterId,
  );
}

export function approvalsNeeded(rule: GateRule, eligible: number): number {
  switch (rule.quorum.kind) {
    case 'any':
      return 1;
    case 'count':
      return rule.quorum.count;
    case 'all':
      return eligible;
    default:
      return assertNever(rule.quorum);
  }
}
