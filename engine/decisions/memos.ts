/** Research memos: a researcher's notes on a case, optionally about one event in its log. */
import { LIMITS } from '../answers';
import type { DecisionContext, RecordMemo } from '../commands';
import { FIELDS, refuse } from '../refusals';
import type { CaseState } from '../state';
import type { Decision } from './decision';
import { stamp } from './decision';
import { requireId, requireText } from './guards';

export function recordMemo(command: RecordMemo, state: CaseState, context: DecisionContext): Decision {
  const text = requireText(command.text, FIELDS.memo, LIMITS.memo);
  if (command.aboutSeq !== undefined) {
    if (!Number.isInteger(command.aboutSeq) || command.aboutSeq < 1 || command.aboutSeq > state.version) {
      throw refuse.unknownEvent(command.aboutSeq);
    }
  }
  return stamp(context, [
    {
      type: 'MemoRecorded',
      memoId: requireId(command.memoId),
      text,
      ...(command.aboutSeq !== undefined && { aboutSeq: command.aboutSeq }),
    },
  ]);
}
