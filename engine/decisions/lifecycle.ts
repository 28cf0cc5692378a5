/**
 * A case's life: opening it, pausing, resuming and stopping it, spreading a completed case to another
 * unit or municipality, and the language it speaks. Which status allows which command is
 * engine/decisions/statusRules.ts; this file says what each records.
 */
import { LIMITS, hasText } from '../answers';
import type {
  ChangeLanguage,
  DecisionContext,
  OpenCase,
  PauseCase,
  RecordDiffusion,
  ResumeCase,
  StopCase,
} from '../commands';
import type { Effect } from '../effects';
import type { UnstampedEvent } from '../events';
import { isLanguage } from '../localized';
import { stageOf } from '../queries';
import { COMMAND_PROBLEMS, FIELDS, refuse } from '../refusals';
import type { CaseState } from '../state';
import type { ProcessTemplate } from '../template';
import type { Decision } from './decision';
import { NOTHING, roundOf, stamp } from './decision';
import { documentationBasis } from './documentation';
import { optionalText, requireId, requirePersonId, requireText } from './guards';

export function openCase(command: OpenCase, context: DecisionContext): Decision {
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

export function pauseCase(command: PauseCase, state: CaseState, context: DecisionContext): Decision {
  const reason = requireText(command.reason, FIELDS.reason, LIMITS.reason);
  return stamp(context, ...haltEvents('paused', state, context.template, reason));
}

export function resumeCase(_command: ResumeCase, state: CaseState, context: DecisionContext): Decision {
  return stamp(
    context,
    [{ type: 'CaseResumed', stageId: state.currentStageId, round: roundOf(state, state.currentStageId) }],
    [
      { type: 'announceCaseResumed', stageId: state.currentStageId },
      { type: 'askNextPrompt', stageId: state.currentStageId },
    ],
  );
}

export function stopCase(command: StopCase, state: CaseState, context: DecisionContext): Decision {
  const reason = requireText(command.reason, FIELDS.reason, LIMITS.reason);
  return stamp(context, ...haltEvents('stopped', state, context.template, reason));
}

export function recordDiffusion(
  command: RecordDiffusion,
  state: CaseState,
  context: DecisionContext,
): Decision {
  const toCaseId = requireId(command.toCaseId);
  if (state.derivedTo.includes(toCaseId)) return NOTHING;
  const unit = optionalText(command.unit, FIELDS.unit, LIMITS.unit);
  const municipality = optionalText(command.municipality, FIELDS.municipality, LIMITS.unit);
  return stamp(context, [
    {
      type: 'CaseDiffused',
      toCaseId,
      ...(unit !== undefined && { unit }),
      ...(municipality !== undefined && { municipality }),
    },
  ]);
}

export function changeLanguage(
  command: ChangeLanguage,
  state: CaseState,
  context: DecisionContext,
): Decision {
  if (!isLanguage(command.language)) throw refuse.invalidCommand(COMMAND_PROBLEMS.language);
  if (state.language === command.language) return NOTHING;
  return stamp(context, [{ type: 'CaseLanguageChanged', language: command.language }]);
}

/**
 * Pausing and stopping look alike in the log: the stage and round they happened in, the reason, and,
 * when a gate review was pending (which they close), the documentation it was looking at.
 */
export function haltEvents(
  halt: 'paused' | 'stopped',
  state: CaseState,
  template: ProcessTemplate,
  reason: string,
): [UnstampedEvent[], Effect[]] {
  const stageId = state.currentStageId;
  const basis = state.gate ? documentationBasis(state, stageOf(template, state.gate.stageId)) : undefined;
  const fields = { stageId, round: roundOf(state, stageId), reason, ...(basis && { basis }) };
  return [
    [halt === 'paused' ? { type: 'CasePaused', ...fields } : { type: 'CaseStopped', ...fields }],
    [{ type: 'announceGateOutcome', stageId, outcome: halt }],
  ];
}
