/** Ideas and barriers: what participants note along the way, in whatever stage the case is in. */
import { LIMITS } from '../answers';
import type { DecisionContext, RecordBarrier, RecordIdea } from '../commands';
import type { MessageOrigin } from '../events';
import { FIELDS, refuse, VALUE_PROBLEMS } from '../refusals';
import type { CaseState } from '../state';
import type { Decision } from './decision';
import { stamp } from './decision';
import { requireId, requirePersonId, requireText } from './guards';

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
      ...(command.origin !== undefined && { origin: requireOrigin(command.origin) }),
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
      ...(command.origin !== undefined && { origin: requireOrigin(command.origin) }),
    },
  ]);
}

// eslint-disable-next-line no-control-regex
const MESSAGE_ID = /^[^\u0000-\u001f\u007f\s]{1,256}$/;
// eslint-disable-next-line no-control-regex
const MESSAGE_LINK = /^https:\/\/[^\u0000-\u001f\u007f\s]{1,2040}$/;
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

/**
 * The message an idea or barrier was kept from, as the adapter read it from Teams: only its known fields
 * are kept, each checked (an id without spaces or control characters, an https link, a person id, a UTC
 * time), so a forged origin cannot smuggle anything into the log.
 */
function requireOrigin(origin: MessageOrigin): MessageOrigin {
  const bad = () => refuse.invalidValue(FIELDS.origin, VALUE_PROBLEMS.messageOrigin);
  if (typeof origin !== 'object' || origin === null || origin.kind !== 'message') throw bad();
  const { messageId, link, authorId, writtenAt } = origin;
  if (typeof messageId !== 'string' || !MESSAGE_ID.test(messageId)) throw bad();
  if (link !== undefined && (typeof link !== 'string' || !MESSAGE_LINK.test(link))) throw bad();
  if (
    writtenAt !== undefined &&
    (typeof writtenAt !== 'string' || !UTC_TIME.test(writtenAt) || Number.isNaN(Date.parse(writtenAt)))
  ) {
    throw bad();
  }
  return {
    kind: 'message',
    messageId,
    ...(link !== undefined && { link }),
    ...(authorId !== undefined && { authorId: requirePersonId(authorId) }),
    ...(writtenAt !== undefined && { writtenAt }),
  };
}
