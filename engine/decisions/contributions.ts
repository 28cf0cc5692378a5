/** Ideas and barriers: what participants note along the way, in whatever stage the case is in. */
import { LIMITS } from '../answers';
import type { DecisionContext, RecordBarrier, RecordIdea } from '../commands';
import { FIELDS, refuse } from '../refusals';
import type { CaseState } from '../state';
import type { Decision } from './decision';
import { stamp } from './decision';
import { requireId, requireText } from './guards';

export function recordIdea(command: RecordIdea, state: CaseState, context: DecisionContext): Decision {
  const text = requireText(command.text, FIELDS.idea, LIMITS.ideaOrBarrier);
  if (command.source !== undefined && !context.template.ideaSources.some((s) => s.id === command.source)) {
    throw refuse.unknownCategory(command.source);
  }
  return stamp(context, [
    {
      type: 'IdeaRecorded',
      ideaId: requireId(command.ideaId),
      stageId: state.currentStageId,
      text,
      ...(command.source !== undefined && { source: command.source }),
    },
  ]);
}

export function recordBarrier(command: RecordBarrier, state: CaseState, context: DecisionContext): Decision {
  const text = requireText(command.text, FIELDS.barrier, LIMITS.ideaOrBarrier);
  if (!context.template.barrierCategories.some((c) => c.id === command.category)) {
    throw refuse.unknownCategory(command.category);
  }
  return stamp(context, [
    {
      type: 'BarrierRecorded',
      barrierId: requireId(command.barrierId),
      stageId: state.currentStageId,
      text,
      category: command.category,
    },
  ]);
}
