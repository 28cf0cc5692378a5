/**
 * A stage form was submitted: records the answers that changed (and the political decision), then shows
 * the form again with what was saved. A form of another stage or round is stale: shown anew, nothing saved.
 */
import type { AdaptiveCard, RecordedSummary } from '../../cards';
import {
  CARD_BYTE_BUDGET,
  cardBytes,
  escapeMarkdown,
  parseStageFormSubmission,
  withTypedValues,
} from '../../cards';
import type { CaseState, DomainError, Language } from '../../engine';
import { isCurrentStageForm, isDomainError, stageOf, ValidationError } from '../../engine';
import type { ConversationApp } from '../app';
import { texts } from '../botTexts';
import { replyCard, type Reply } from '../reply';
import { caseCard } from './cardAction';

export const recordDocumentation = caseCard(async (app, turn, data, here) => {
  const { state, template, language } = here;
  const stage = stageOf(template, state.currentStageId);
  const formRound = data.round === undefined ? undefined : Number(data.round);
  if (!isCurrentStageForm(state, String(data.stageId), formRound)) {
    return replyCard(await app.stageForm(state, { language, notice: texts.staleCard[language] }));
  }
  // The previous answers let the field the person just changed win over one left as it was.
  const submission = parseStageFormSubmission(data, stage, state.answers);
  if ('error' in submission) {
    return refusedForm(app, state, data, new ValidationError('invalidForm', submission.error), language);
  }
  if (submission.answers.length === 0 && submission.politicalDecision === undefined) {
    return replyCard(await app.stageForm(state, { language, notice: texts.formRecorded(0)[language] }));
  }
  let outcome;
  try {
    outcome = await app.run(turn, state.caseId, {
      type: 'RecordDocumentation',
      stageId: stage.id,
      answers: submission.answers,
      ...(submission.politicalDecision !== undefined && { politicalDecision: submission.politicalDecision }),
      ...(submission.politicalStillStandsBecause !== undefined && {
        politicalStillStandsBecause: submission.politicalStillStandsBecause,
      }),
    });
  } catch (error) {
    if (!isDomainError(error) || error.kind !== 'validation') throw error;
    return refusedForm(app, state, data, error, language);
  }
  const recorded: RecordedSummary = {
    promptIds: outcome.events.flatMap((e) =>
      e.event.type === 'DocumentationRecorded' ? [e.event.promptId] : [],
    ),
    politicalDecision: outcome.events.some((e) => e.event.type === 'PoliticalDecisionRecorded'),
  };
  const count = recorded.promptIds.length + (recorded.politicalDecision ? 1 : 0);
  return replyCard(
    await app.stageForm(outcome.state, { language, notice: texts.formRecorded(count)[language] }, recorded),
  );
});

/**
 * A form the engine refused (a missing meeting date, an answer too long): the same form again with the
 * reason above it and every field as the person typed it. A form too large to be sent back with all
 * that is refused with a message over the card instead, which keeps the card as it is.
 */
async function refusedForm(
  app: ConversationApp,
  state: CaseState,
  typed: Readonly<Record<string, unknown>>,
  error: DomainError,
  language: Language,
): Promise<Reply> {
  const notice = `⚠️ ${escapeMarkdown(error.text[language])}`;
  const card = withTypedValues((await app.stageForm(state, { language, notice })) as AdaptiveCard, typed);
  if (cardBytes(card) > CARD_BYTE_BUDGET) throw error;
  return replyCard(card);
}
