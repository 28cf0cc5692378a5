/**
 * What a stage-form submit recorded, read-only: "saved: …", what is still open, and the stage's
 * documentation with the saved answers marked. For places where the form itself should not come back
 * (a reply in the chat, or when the case moved on meanwhile); the in-place update after a submit is
 * `stageFormCard` with `recorded`. Built in TypeScript: it follows the template's prompts.
 */
import type { CaseState, Language, ProcessTemplate } from '../engine';
import { stageOf } from '../engine';
import { cardTexts } from './cardTexts';
import { templateText } from './describe';
import type { RecordedSummary } from './documentationSummary';
import { documentationSummary, politicalFacts, readyForReview, savedBanner } from './documentationSummary';
import type { AdaptiveCard, CardAction, CardElement } from './elements';
import { banner, card, execute, heading, subtle } from './elements';
import { Summarizer } from './text';
import { CARD_VERBS } from './verbs';

export interface RecordedCardInput {
  state: CaseState;
  template: ProcessTemplate;
  language: Language;
  names: ReadonlyMap<string, string>;
  /** The stage the form was for (defaults to the current stage). */
  stageId?: string;
  recorded: RecordedSummary;
  /** Shown at the top. Markdown from the bot, trusted. */
  notice?: string;
}

export function recordedCard(input: RecordedCardInput): AdaptiveCard {
  const { state, template, language, names } = input;
  const stageId = input.stageId ?? state.currentStageId;
  const stage = stageOf(template, stageId);
  const body: CardElement[] = [];
  if (input.notice !== undefined && input.notice !== '') body.push(banner(input.notice, 'accent'));
  const summarizer = new Summarizer();
  const statusAction = execute(CARD_VERBS.showStatus, cardTexts.common.showStatus[language], {
    caseId: state.caseId,
    version: state.version,
  });
  body.push(
    heading(cardTexts.recorded.title(templateText(stage.title, language))[language], { size: 'Large' }),
  );
  body.push(subtle(summarizer.inline(state.title, 200)));
  body.push(savedBanner(state, stage, language, input.recorded));
  body.push(
    ...documentationSummary({
      state,
      stage,
      language,
      names,
      summarizer,
      limit: 200,
      justSaved: new Set(input.recorded.promptIds),
    }),
  );
  if (stage.gate.requiresPoliticalDecision) {
    body.push(heading(cardTexts.stageForm.political[language], { size: 'Default', separator: true }));
    body.push(...politicalFacts(state, stage, language, summarizer));
  }
  if (summarizer.shortened) body.push(subtle(cardTexts.common.shortenedFootnote[language]));

  const actions: CardAction[] = [];
  const isCurrent = stage.id === state.currentStageId;
  if (isCurrent && state.status === 'active' && !state.gate) {
    actions.push(
      execute(CARD_VERBS.showStageForm, cardTexts.recorded.openForm[language], { caseId: state.caseId }),
    );
  }
  if (isCurrent && readyForReview(state, stage)) {
    const round = state.stages[stage.id]?.round ?? 1;
    actions.push(
      execute(CARD_VERBS.requestReview, cardTexts.status.requestReview[language], {
        caseId: state.caseId,
        stageId: stage.id,
        round,
        version: state.version,
      }),
    );
  }
  actions.push(statusAction);
  return card(body, actions, { msteams: { width: 'Full' } });
}
