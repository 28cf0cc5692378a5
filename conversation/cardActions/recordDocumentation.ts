/**
 * A stage form was submitted: records the answers that changed (and the political decision), then shows
 * the form again with what was saved. A form of another stage or round is stale: shown anew, nothing saved.
 */
import { parseStageFormSubmission, type RecordedSummary } from '../../cards';
import { isCurrentStageForm, stageOf, ValidationError } from '../../engine';
import { texts } from '../botTexts';
import { replyCard } from '../reply';
import { caseCard } from './cardAction';

export const recordDocumentation = caseCard(async (app, turn, data, here) => {
  const { state, template, language } = here;
  const stage = stageOf(template, state.currentStageId);
  const formRound = data.round === undefined ? undefined : Number(data.round);
  if (!isCurrentStageForm(state, String(data.stageId), formRound)) {
    return replyCard(await app.stageForm(state, texts.staleCard[language]));
  }
  // The previous answers let the field the person just changed win over one left as it was.
  const submission = parseStageFormSubmission(data, stage, state.answers);
  if ('error' in submission) throw new ValidationError('invalidForm', submission.error);
  if (submission.answers.length === 0 && submission.politicalDecision === undefined) {
    return replyCard(await app.stageForm(state, texts.formRecorded(0)[language]));
  }
  const outcome = await app.run(turn, state.caseId, {
    type: 'RecordDocumentation',
    stageId: stage.id,
    answers: submission.answers,
    ...(submission.politicalDecision !== undefined && { politicalDecision: submission.politicalDecision }),
  });
  const recorded: RecordedSummary = {
    promptIds: outcome.events.flatMap((e) =>
      e.event.type === 'DocumentationRecorded' ? [e.event.promptId] : [],
    ),
    politicalDecision: outcome.events.some((e) => e.event.type === 'PoliticalDecisionRecorded'),
  };
  const count = recorded.promptIds.length + (recorded.politicalDecision ? 1 : 0);
  return replyCard(await app.stageForm(outcome.state, texts.formRecorded(count)[language], recorded));
});
