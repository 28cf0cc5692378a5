/**
 * The decider: given a command, the case as it stands and the context (who, when, which template),
 * return the events to record and the effects to carry out, or throw a refusal (a `DomainError` with
 * its reason in both languages). Pure: no clock, no random ids, no I/O, so a log replays identically.
 */
import type { Answer, PoliticalDecisionReference } from './answers';
import { LIMITS, hasText, isCalendarDate, isWebLink } from './answers';
import type { CaseCommand, DecideGate, DecisionContext, GateDecision } from './commands';
import type { Effect } from './effects';
import type { CaseEvent, DocumentationBasis, UnstampedEvent } from './events';
import { canonicalJson, sha256Hex } from './hashing';
import type { Localized } from './localized';
import { isLanguage } from './localized';
import { isCurrentReview, maySendBackTo, stageAfter, stageOf, whoMustDecide } from './queries';
import { ACTIONS, ANSWER_PROBLEMS, COMMAND_PROBLEMS, FIELDS, refuse, VALUE_PROBLEMS } from './refusals';
import type { CaseState, PendingGate } from './state';
import { assertNever, hasDeclinedResearch, hasRole, isParticipant, peopleWithRole } from './state';
import type { CaseRole, GateRule, ProcessTemplate, PromptDefinition, StageDefinition } from './template';
import { CASE_ROLES } from './template';

export interface Decision {
  events: CaseEvent[];
  effects: Effect[];
}

const NOTHING: Decision = { events: [], effects: [] };

export function decide(
  command: CaseCommand,
  state: CaseState | undefined,
  context: DecisionContext,
): Decision {
  if (command.type === 'OpenCase') {
    if (state !== undefined) throw refuse.caseAlreadyExists(state.caseId);
    return openCase(command, context);
  }
  if (state === undefined) throw refuse.caseNotFound('');
  const { template } = context;
  const stamp = (events: UnstampedEvent[], effects: Effect[] = []): Decision => ({
    events: events.map((event) => ({ ...event, at: context.at, actorId: context.actorId })),
    effects,
  });
  const actor = context.actorId;

  switch (command.type) {
    case 'JoinCase':
      if (isParticipant(state, actor)) return NOTHING;
      requireOpen(state);
      return stamp([{ type: 'RoleAssigned', personId: actor, role: 'member' }]);

    case 'AssignRole': {
      requireRole(state, actor, 'owner', ACTIONS.assignRoles);
      const personId = requirePersonId(command.personId);
      requireKnownRole(command.role);
      if (hasRole(state, personId, command.role)) return NOTHING;
      return stamp([{ type: 'RoleAssigned', personId, role: command.role }]);
    }

    case 'RevokeRole': {
      requireRole(state, actor, 'owner', ACTIONS.removeRoles);
      requireKnownRole(command.role);
      if (!hasRole(state, command.personId, command.role)) return NOTHING;
      if (command.role === 'owner' && peopleWithRole(state, 'owner').length === 1) throw refuse.lastOwner();
      return stamp([{ type: 'RoleRevoked', personId: command.personId, role: command.role }]);
    }

    case 'RecordDocumentation': {
      requireParticipant(state, actor);
      requireActive(state);
      const stage = requireCurrentStage(state, template, command.stageId);
      if (state.gate) throw refuse.gatePending(stage.title);
      if (command.answers.length === 0 && command.politicalDecision === undefined) {
        throw refuse.invalidCommand(COMMAND_PROBLEMS.noAnswers);
      }
      const round = state.stages[stage.id]?.round ?? 1;
      const events: UnstampedEvent[] = [];
      const seen = new Set<string>();
      for (const { promptId, answer } of command.answers) {
        const prompt = stage.prompts.find((p) => p.id === promptId);
        if (!prompt) throw refuse.unknownPrompt(promptId, stage.title);
        if (seen.has(promptId)) {
          throw refuse.invalidCommand(COMMAND_PROBLEMS.answeredTwice(promptId));
        }
        seen.add(promptId);
        const checked = checkAnswer(prompt, answer);
        const previous = state.answers[promptId];
        if (previous && canonicalJson(previous.answer) === canonicalJson(checked)) continue;
        events.push({
          type: 'DocumentationRecorded',
          stageId: stage.id,
          round,
          promptId,
          revision: (previous?.revision ?? 0) + 1,
          answer: checked,
        });
      }
      if (command.politicalDecision !== undefined) {
        if (!stage.gate.requiresPoliticalDecision) throw refuse.politicalDecisionNotNeeded(stage.title);
        const recorded = politicalDecisionEvent(state, stage, command.politicalDecision);
        if (recorded) events.push(recorded);
      }
      return stamp(events);
    }

    case 'RecordPoliticalDecision': {
      requireParticipant(state, actor);
      requireActive(state);
      const stage = requireCurrentStage(state, template, command.stageId);
      if (state.gate) throw refuse.gatePending(stage.title);
      if (!stage.gate.requiresPoliticalDecision) throw refuse.politicalDecisionNotNeeded(stage.title);
      const event = politicalDecisionEvent(state, stage, command.reference);
      return stamp(event ? [event] : []);
    }

    case 'RecordIdea': {
      requireParticipant(state, actor);
      const text = requireText(command.text, FIELDS.idea, LIMITS.ideaOrBarrier);
      if (command.source !== undefined && !template.ideaSources.some((s) => s.id === command.source)) {
        throw refuse.unknownCategory(command.source);
      }
      return stamp([
        {
          type: 'IdeaRecorded',
          ideaId: requireId(command.ideaId),
          stageId: state.currentStageId,
          text,
          ...(command.source !== undefined && { source: command.source }),
        },
      ]);
    }

    case 'RecordBarrier': {
      requireParticipant(state, actor);
      const text = requireText(command.text, FIELDS.barrier, LIMITS.ideaOrBarrier);
      if (!template.barrierCategories.some((c) => c.id === command.category)) {
        throw refuse.unknownCategory(command.category);
      }
      return stamp([
        {
          type: 'BarrierRecorded',
          barrierId: requireId(command.barrierId),
          stageId: state.currentStageId,
          text,
          category: command.category,
        },
      ]);
    }

    case 'RequestGateReview': {
      requireParticipant(state, actor);
      requireActive(state);
      const stage = requireCurrentStage(state, template, command.stageId);
      if (state.gate) throw refuse.gatePending(stage.title);
      const missing = missingRequiredAnswers(state, stage);
      if (missing.length > 0) throw refuse.missingAnswers(stage.title, missing);
      if (stage.gate.requiresPoliticalDecision && !state.politicalDecisions[stage.id]) {
        throw refuse.politicalDecisionMissing(stage.title);
      }
      const deciders = eligibleDeciders(state, stage.gate, actor);
      const needed = approvalsNeeded(stage.gate, deciders.length);
      if (deciders.length === 0 || deciders.length < needed) {
        throw refuse.notEnoughDeciders(stage.gate.deciderRole, Math.max(needed, 1), deciders.length);
      }
      const deciderIds = peopleWithRole(state, stage.gate.deciderRole);
      return stamp(
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

    case 'WithdrawGateReview': {
      const gate = requirePendingGate(state, command.stageId);
      if (gate.requestedBy !== actor && !hasRole(state, actor, 'owner')) throw refuse.notRequester();
      const reason = optionalText(command.reason, FIELDS.reason, LIMITS.reason);
      return stamp(
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

    case 'DecideGate':
      return decideGate(command, state, context, stamp);

    case 'PauseCase': {
      requireRole(state, actor, 'manager', ACTIONS.pauseCase);
      requireActive(state);
      const reason = requireText(command.reason, FIELDS.reason, LIMITS.reason);
      return stamp(...haltEvents('paused', state, template, reason));
    }

    case 'ResumeCase': {
      requireRole(state, actor, 'manager', ACTIONS.resumeCase);
      if (state.status !== 'paused') throw refuse.notPaused();
      return stamp(
        [{ type: 'CaseResumed', stageId: state.currentStageId, round: roundOf(state, state.currentStageId) }],
        [{ type: 'askNextPrompt', stageId: state.currentStageId }],
      );
    }

    case 'StopCase': {
      requireRole(state, actor, 'manager', ACTIONS.stopCase);
      if (state.status === 'stopped' || state.status === 'completed')
        throw refuse.caseNotActive(state.status);
      const reason = requireText(command.reason, FIELDS.reason, LIMITS.reason);
      return stamp(...haltEvents('stopped', state, template, reason));
    }

    case 'RecordDiffusion': {
      if (!hasRole(state, actor, 'owner') && !hasRole(state, actor, 'manager')) {
        throw refuse.roleRequired('owner', ACTIONS.spreadCase);
      }
      if (state.status !== 'completed') throw refuse.caseNotCompleted();
      const toCaseId = requireId(command.toCaseId);
      if (state.derivedTo.includes(toCaseId)) return NOTHING;
      const unit = optionalText(command.unit, FIELDS.unit, LIMITS.unit);
      const municipality = optionalText(command.municipality, FIELDS.municipality, LIMITS.unit);
      return stamp([
        {
          type: 'CaseDiffused',
          toCaseId,
          ...(unit !== undefined && { unit }),
          ...(municipality !== undefined && { municipality }),
        },
      ]);
    }

    case 'ChangeLanguage':
      requireParticipant(state, actor);
      if (!isLanguage(command.language)) {
        throw refuse.invalidCommand(COMMAND_PROBLEMS.language);
      }
      if (state.language === command.language) return NOTHING;
      return stamp([{ type: 'CaseLanguageChanged', language: command.language }]);

    case 'RecordReminder': {
      requireActive(state);
      if (
        state.lastReminderAt !== undefined &&
        Date.parse(context.at) - Date.parse(state.lastReminderAt) < DAY_MS
      ) {
        throw refuse.reminderTooSoon(state.lastReminderAt);
      }
      if (reminderDue(state, template, context.at) !== command.kind) throw refuse.reminderNotDue();
      const personIds = whoMustDecide(state, template);
      return stamp(
        [
          {
            type: 'ReminderSent',
            kind: command.kind,
            stageId: state.currentStageId,
            round: roundOf(state, state.currentStageId),
            personIds,
          },
        ],
        [{ type: 'sendReminder', kind: command.kind, stageId: state.currentStageId, personIds }],
      );
    }

    case 'RecordMemo': {
      requireRole(state, actor, 'researcher', ACTIONS.writeMemos);
      const text = requireText(command.text, FIELDS.memo, LIMITS.memo);
      if (command.aboutSeq !== undefined) {
        if (!Number.isInteger(command.aboutSeq) || command.aboutSeq < 1 || command.aboutSeq > state.version) {
          throw refuse.unknownEvent(command.aboutSeq);
        }
      }
      return stamp([
        {
          type: 'MemoRecorded',
          memoId: requireId(command.memoId),
          text,
          ...(command.aboutSeq !== undefined && { aboutSeq: command.aboutSeq }),
        },
      ]);
    }

    case 'RecordResearchConsent': {
      if (command.consent !== 'declined' && command.consent !== 'given') {
        throw refuse.invalidCommand(COMMAND_PROBLEMS.consent);
      }
      // Anyone may say it about themselves (someone who only read along too), never the system.
      requirePersonId(actor);
      if (actor.startsWith('system:')) throw refuse.notAParticipant();
      if (hasDeclinedResearch(state, actor) === (command.consent === 'declined')) return NOTHING;
      return stamp([{ type: 'ResearchConsentRecorded', consent: command.consent }]);
    }

    default:
      return assertNever(command);
  }
}

type Stamp = (events: UnstampedEvent[], effects?: Effect[]) => Decision;

function openCase(command: Extract<CaseCommand, { type: 'OpenCase' }>, context: DecisionContext): Decision {
  const { template, actorId, at } = context;
  if (command.template.id !== template.id || command.template.version !== template.version) {
    throw refuse.invalidCommand(COMMAND_PROBLEMS.templateMismatch);
  }
  const caseId = requireId(command.caseId);
  const title = requireText(command.title, FIELDS.title, LIMITS.title);
  const unit = optionalText(command.unit, FIELDS.unit, LIMITS.unit);
  const municipality = optionalText(command.municipality, FIELDS.municipality, LIMITS.unit);
  if (!hasText(command.conversationId)) throw refuse.textRequired(FIELDS.conversation);
  if (!isLanguage(command.language)) {
    throw refuse.invalidCommand(COMMAND_PROBLEMS.language);
  }
  const managerIds = [...new Set(command.managerIds.map(requirePersonId))];
  if (managerIds.length > LIMITS.managers)
    throw refuse.textTooLong(FIELDS.managers, LIMITS.managers, managerIds.length);
  const derivedFrom = command.derivedFrom === undefined ? undefined : requireId(command.derivedFrom);
  const firstStage = template.stages[0];
  if (!firstStage) throw new Error(`Template ${template.id} has no stages`);

  const events: UnstampedEvent[] = [
    {
      type: 'CaseOpened',
      caseId,
      title,
      ...(unit !== undefined && { unit }),
      ...(municipality !== undefined && { municipality }),
      conversationId: command.conversationId,
      template: { id: template.id, version: template.version },
      language: command.language,
      ...(derivedFrom !== undefined && { derivedFrom }),
    },
    { type: 'RoleAssigned', personId: requirePersonId(actorId), role: 'owner' },
    ...managerIds.map((personId): UnstampedEvent => ({ type: 'RoleAssigned', personId, role: 'manager' })),
    { type: 'StageEntered', stageId: firstStage.id, round: 1, via: 'start' },
  ];
  return {
    events: events.map((event) => ({ ...event, at, actorId })),
    effects: [{ type: 'askNextPrompt', stageId: firstStage.id }],
  };
}

function decideGate(command: DecideGate, state: CaseState, context: DecisionContext, stamp: Stamp): Decision {
  const { template, actorId } = context;
  const gate = requirePendingGate(state, command.stageId);
  if (!isCurrentReview(state, command.stageId, command.requestSeq)) throw refuse.gateRequestStale();
  const stage = requireStage(template, gate.stageId);
  const rule = stage.gate;
  if (!hasRole(state, actorId, rule.deciderRole)) throw refuse.notADecider(rule.deciderRole, stage.title);
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
          },
        },
      };
    }
  }
  const basis = documentationBasis(decidedOn, stage);

  switch (decision.outcome) {
    case 'approve':
    case 'approveWithConditions':
      return stamp(...approve(decidedOn, template, stage, gate, decision, basis, actorId, leading));
    case 'sendBack': {
      const reason = requireText(decision.reason, FIELDS.reason, LIMITS.reason);
      if (!maySendBackTo(template, gate.stageId, decision.toStageId))
        throw refuse.sendBackTarget(decision.toStageId);
      return stamp(
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
      return stamp([...leading, ...events], effects);
    }
    case 'stop': {
      const reason = requireText(decision.reason, FIELDS.reason, LIMITS.reason);
      const [events, effects] = haltEvents('stopped', decidedOn, template, reason);
      return stamp([...leading, ...events], effects);
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

/**
 * Pausing and stopping look alike in the log: the stage and round they happened in, the reason, and,
 * when a gate review was pending (which they close), the documentation it was looking at.
 */
function haltEvents(
  halt: 'paused' | 'stopped',
  state: CaseState,
  template: ProcessTemplate,
  reason: string,
): [UnstampedEvent[], Effect[]] {
  const stageId = state.currentStageId;
  const basis = state.gate
    ? documentationBasis(state, requireStage(template, state.gate.stageId))
    : undefined;
  const fields = { stageId, round: roundOf(state, stageId), reason, ...(basis && { basis }) };
  return [
    [halt === 'paused' ? { type: 'CasePaused', ...fields } : { type: 'CaseStopped', ...fields }],
    [{ type: 'announceGateOutcome', stageId, outcome: halt }],
  ];
}

function politicalDecisionEvent(
  state: CaseState,
  stage: StageDefinition,
  reference: PoliticalDecisionReference,
): Extract<UnstampedEvent, { type: 'PoliticalDecisionRecorded' }> | undefined {
  const checked = checkPoliticalDecision(reference);
  const previous = state.politicalDecisions[stage.id];
  if (previous && canonicalJson(previous.reference) === canonicalJson(checked)) return undefined;
  return {
    type: 'PoliticalDecisionRecorded',
    stageId: stage.id,
    round: roundOf(state, stage.id),
    revision: (previous?.revision ?? 0) + 1,
    reference: checked,
  };
}

/** Validates and normalises a political decision reference. */
export function checkPoliticalDecision(reference: PoliticalDecisionReference): PoliticalDecisionReference {
  if (typeof reference !== 'object' || reference === null) throw refuse.textRequired(FIELDS.decision);
  const body = requireText(reference.body, FIELDS.body, LIMITS.politicalField);
  const meetingDate = requireText(reference.meetingDate, FIELDS.meetingDate, 10);
  if (!isCalendarDate(meetingDate)) {
    throw refuse.invalidValue(FIELDS.meetingDate, VALUE_PROBLEMS.meetingDate);
  }
  const caseNumber = requireText(reference.caseNumber, FIELDS.caseNumber, LIMITS.politicalField);
  const decisionText = optionalText(reference.decisionText, FIELDS.decisionText, LIMITS.decisionText);
  const link = optionalText(reference.link, FIELDS.link, LIMITS.url);
  if (link !== undefined && !isWebLink(link)) {
    throw refuse.invalidValue(FIELDS.link, VALUE_PROBLEMS.webLink);
  }
  if (decisionText === undefined && link === undefined) throw refuse.textRequired(FIELDS.decision);
  return {
    body,
    meetingDate,
    caseNumber,
    ...(decisionText !== undefined && { decisionText }),
    ...(link !== undefined && { link }),
  };
}

/** Validates an answer against its prompt and returns it normalised (trimmed, deduplicated). */
export function checkAnswer(prompt: PromptDefinition, answer: Answer): Answer {
  const label = prompt.label;
  const wrongType = (expected: Localized): never => {
    throw refuse.invalidAnswer(label, expected, { promptId: prompt.id });
  };
  if (typeof answer !== 'object' || answer === null) return wrongType(ANSWER_PROBLEMS.missing);
  if (answer.type === 'notApplicable') {
    return { type: 'notApplicable', reason: requireText(answer.reason, FIELDS.reason, LIMITS.reason) };
  }
  switch (prompt.kind) {
    case 'shortText':
    case 'longText': {
      if (answer.type !== 'text') return wrongType(ANSWER_PROBLEMS.text);
      const limit = prompt.kind === 'shortText' ? LIMITS.shortText : LIMITS.longText;
      return { type: 'text', text: requireText(answer.text, FIELDS.answer, limit) };
    }
    case 'date': {
      if (answer.type !== 'date' || typeof answer.date !== 'string' || !isCalendarDate(answer.date.trim())) {
        return wrongType(ANSWER_PROBLEMS.date);
      }
      return { type: 'date', date: answer.date.trim() };
    }
    case 'number': {
      if (answer.type !== 'number' || typeof answer.number !== 'number' || !Number.isFinite(answer.number)) {
        return wrongType(ANSWER_PROBLEMS.number);
      }
      return { type: 'number', number: answer.number };
    }
    case 'link': {
      if (answer.type !== 'link' || typeof answer.url !== 'string') {
        return wrongType(ANSWER_PROBLEMS.link);
      }
      const url = requireText(answer.url, FIELDS.link, LIMITS.url);
      if (!isWebLink(url)) return wrongType(VALUE_PROBLEMS.webLink);
      const linkLabel = optionalText(answer.label, FIELDS.linkText, LIMITS.linkLabel);
      return { type: 'link', url, ...(linkLabel !== undefined && { label: linkLabel }) };
    }
    case 'person': {
      if (answer.type !== 'people' || !Array.isArray(answer.personIds) || answer.personIds.length === 0) {
        return wrongType(ANSWER_PROBLEMS.noPerson);
      }
      if (answer.personIds.length > LIMITS.people) {
        return wrongType(ANSWER_PROBLEMS.tooManyPeople(LIMITS.people));
      }
      return { type: 'people', personIds: [...new Set(answer.personIds.map(requirePersonId))] };
    }
    case 'singleChoice':
    case 'multipleChoice': {
      if (answer.type !== 'choice' || !Array.isArray(answer.optionIds)) {
        return wrongType(ANSWER_PROBLEMS.choice);
      }
      const optionIds = [...new Set(answer.optionIds)];
      const otherText = optionalText(answer.otherText, FIELDS.otherText, LIMITS.shortText);
      if (otherText !== undefined && !prompt.allowOther) {
        return wrongType(ANSWER_PROBLEMS.noOther);
      }
      const unknown = optionIds.find((id) => !prompt.options?.some((o) => o.id === id));
      if (unknown !== undefined) {
        return wrongType(ANSWER_PROBLEMS.unknownChoice(String(unknown)));
      }
      const count = optionIds.length + (otherText === undefined ? 0 : 1);
      if (count === 0) return wrongType(ANSWER_PROBLEMS.noOption);
      if (prompt.kind === 'singleChoice' && count > 1) {
        return wrongType(ANSWER_PROBLEMS.oneOption);
      }
      if (optionIds.length > LIMITS.choices) return wrongType(ANSWER_PROBLEMS.tooManyChoices);
      return { type: 'choice', optionIds, ...(otherText !== undefined && { otherText }) };
    }
    default:
      return assertNever(prompt.kind);
  }
}

/** The required prompts of a stage that have no answer yet (earlier rounds' answers count). */
export function missingRequiredAnswers(
  state: CaseState,
  stage: StageDefinition,
): { promptId: string; label: Localized }[] {
  return stage.prompts
    .filter((prompt) => prompt.required && state.answers[prompt.id] === undefined)
    .map((prompt) => ({ promptId: prompt.id, label: prompt.label }));
}

/** The documentation of a stage as it stands, frozen by revision and hashed over its content. */
export function documentationBasis(state: CaseState, stage: StageDefinition): DocumentationBasis {
  const answered = stage.prompts.flatMap((prompt) => {
    const record = state.answers[prompt.id];
    return record ? [{ promptId: prompt.id, revision: record.revision, answer: record.answer }] : [];
  });
  const political = state.politicalDecisions[stage.id];
  const hash = sha256Hex(
    canonicalJson({
      stageId: stage.id,
      answers: answered,
      politicalDecision: political
        ? { revision: political.revision, reference: political.reference }
        : undefined,
    }),
  );
  return {
    answers: answered.map(({ promptId, revision }) => ({ promptId, revision })),
    ...(political && { politicalDecisionRevision: political.revision }),
    hash,
  };
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

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which reminder is due at `now`, if any: a pending gate older than the stage's `gateReminderDays`, or
 * an active stage without activity for `idleReminderDays`; never more than one a day, never for a case
 * that is paused, stopped or completed.
 */
export function reminderDue(
  state: CaseState,
  template: ProcessTemplate,
  now: string,
): 'idleStage' | 'pendingGate' | undefined {
  if (state.status !== 'active') return undefined;
  const nowMs = Date.parse(now);
  if (state.lastReminderAt !== undefined && nowMs - Date.parse(state.lastReminderAt) < DAY_MS)
    return undefined;
  const stage = stageOf(template, state.currentStageId);
  if (state.gate) {
    return nowMs - Date.parse(state.gate.requestedAt) >= stage.gateReminderDays * DAY_MS
      ? 'pendingGate'
      : undefined;
  }
  return nowMs - Date.parse(state.lastActivityAt) >= stage.idleReminderDays * DAY_MS
    ? 'idleStage'
    : undefined;
}

export function roundOf(state: CaseState, stageId: string): number {
  return state.stages[stageId]?.round ?? 0;
}

const requireStage = stageOf;

function requireCurrentStage(state: CaseState, template: ProcessTemplate, stageId: string): StageDefinition {
  const stage = requireStage(template, stageId);
  if (stage.id !== state.currentStageId) {
    throw refuse.stageNotCurrent(stage.title, requireStage(template, state.currentStageId).title);
  }
  return stage;
}

function requirePendingGate(state: CaseState, stageId: string): PendingGate {
  if (!state.gate) throw refuse.noGatePending();
  if (!isCurrentReview(state, stageId, undefined)) throw refuse.gateRequestStale();
  return state.gate;
}

function requireOpen(state: CaseState): void {
  if (state.status === 'stopped' || state.status === 'completed') throw refuse.caseNotActive(state.status);
}

function requireActive(state: CaseState): void {
  if (state.status !== 'active') throw refuse.caseNotActive(state.status);
}

function requireParticipant(state: CaseState, personId: string): void {
  if (!isParticipant(state, personId)) throw refuse.notAParticipant();
}

function requireRole(state: CaseState, personId: string, role: CaseRole, action: Localized): void {
  if (!hasRole(state, personId, role)) throw refuse.roleRequired(role, action);
}

function requireKnownRole(role: CaseRole): void {
  if (!(CASE_ROLES as readonly string[]).includes(role)) {
    throw refuse.invalidCommand(COMMAND_PROBLEMS.unknownRole(String(role)));
  }
}

/** Ids the adapters make for cases, ideas, barriers and memos (also what cards may name). */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function requireId(id: string): string {
  if (typeof id !== 'string' || !ENTITY_ID_PATTERN.test(id)) {
    throw refuse.invalidValue(FIELDS.id, VALUE_PROBLEMS.entityId);
  }
  return id;
}

// Teams ids look like "29:1a2b…" and Entra ids are GUIDs; refuse anything that could not be one.
// eslint-disable-next-line no-control-regex
const PERSON_ID_PATTERN = /^[^\u0000-\u001f\u007f]{1,256}$/;

function requirePersonId(personId: string): string {
  if (typeof personId !== 'string' || !PERSON_ID_PATTERN.test(personId) || personId.trim() !== personId) {
    throw refuse.invalidValue(FIELDS.person, VALUE_PROBLEMS.personId);
  }
  return personId;
}

/**
 * Makes free text safe to keep for years and to export to XML, CSV and cards: Windows line ends become
 * \n, invisible control characters (from copy and paste) are removed, lone surrogates are replaced.
 * Visible content is never dropped.
 */
export function normaliseText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .trim()
  );
}

/**
 * Text with nothing a reader can see: whitespace, control characters and invisible format characters
 * (zero-width spaces, bidirectional marks and overrides, the byte order mark). Such an answer, title or
 * reason would be recorded as given yet show as nothing on every card and export.
 */
const NOTHING_VISIBLE = /^[\s\p{Cc}\p{Cf}]*$/u;

function requireText(value: string | undefined, field: Localized, limit: number): string {
  if (typeof value !== 'string') throw refuse.textRequired(field);
  const text = normaliseText(value);
  if (NOTHING_VISIBLE.test(text)) throw refuse.textRequired(field);
  if (text.length > limit) throw refuse.textTooLong(field, limit, text.length);
  return text;
}

function optionalText(value: string | undefined, field: Localized, limit: number): string | undefined {
  if (value === undefined || (typeof value === 'string' && NOTHING_VISIBLE.test(normaliseText(value))))
    return undefined;
  return requireText(value, field, limit);
}
