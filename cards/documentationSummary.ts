/**
 * A stage's documentation as read-only card elements: each prompt with its status (✓ answered,
 * ⊘ not applicable, ○ open), whether it is required, and its answer shortened for reading. Shared by
 * the status card (short previews), the approval card (what the gate is decided on), the recorded card
 * and a stage form that cannot be edited right now.
 */
import type { CaseState, Language, StageDefinition } from '../engine';
import { isNorwegianForm, missingRequiredAnswers, politicalDecisionLack } from '../engine';
import { cardTexts } from './cardTexts';
import { calendarDate, describeAnswer, listing, promptLine, promptStatus, STATUS_ICON } from './describe';
import type { CardElement, Fact } from './elements';
import { container, subtle, textBlock } from './elements';
import type { Summarizer } from './text';
import { escapeMarkdown } from './text';

export interface DocumentationSummaryInput {
  state: CaseState;
  stage: StageDefinition;
  language: Language;
  names: ReadonlyMap<string, string>;
  summarizer: Summarizer;
  /** Characters of each answer to show. */
  limit: number;
  /** Prompt ids to mark as just saved. */
  justSaved?: ReadonlySet<string>;
}

export function documentationSummary(input: DocumentationSummaryInput): CardElement[] {
  const { state, stage, language, names, summarizer, limit } = input;
  const currentRound = state.stages[stage.id]?.round ?? 1;
  return stage.prompts.map((prompt, index) => {
    const status = promptStatus(state, prompt);
    const record = state.answers[prompt.id];
    const saved = input.justSaved?.has(prompt.id) ? ' 💾' : '';
    const items: CardElement[] = [
      textBlock(`${STATUS_ICON[status]} ${promptLine(prompt, language)}${saved}`, {
        weight: status === 'open' && prompt.required ? 'Bolder' : 'Default',
      }),
    ];
    if (record) {
      const earlier =
        record.round < currentRound ? ` (${cardTexts.status.answeredInRound(record.round)[language]})` : '';
      items.push(
        subtle(`${describeAnswer(prompt, record.answer, language, names, summarizer, limit)}${earlier}`, {
          isSubtle: false,
          size: 'Default',
        }),
      );
    } else {
      items.push(subtle(cardTexts.approval.notAnswered[language]));
    }
    return container(items, { spacing: index === 0 ? 'Small' : 'Medium' });
  });
}

/** The political decision reference of a stage as facts, or a line saying none is recorded. */
export function politicalFacts(
  state: CaseState,
  stage: StageDefinition,
  language: Language,
  summarizer: Summarizer,
): CardElement[] {
  const record = state.politicalDecisions[stage.id];
  const t = cardTexts.stageForm;
  if (!record) return [subtle(cardTexts.approval.noPoliticalReference[language])];
  const reference = record.reference;
  const facts: Fact[] = [
    { title: t.body[language], value: summarizer.inline(reference.body, 200) },
    { title: t.meetingDate[language], value: calendarDate(reference.meetingDate, language) },
    { title: t.caseNumber[language], value: summarizer.inline(reference.caseNumber, 100) },
  ];
  if (reference.decisionText !== undefined) {
    facts.push({ title: t.decisionText[language], value: summarizer.inline(reference.decisionText, 400) });
  }
  if (reference.link !== undefined) {
    facts.push({ title: t.decisionLink[language], value: summarizer.inline(reference.link, 200) });
  }
  const elements: CardElement[] = [{ type: 'FactSet', facts, spacing: 'Small' }];
  if (politicalDecisionLack(state, stage)?.kind === 'earlierRound')
    elements.push(subtle(cardTexts.stageForm.politicalFromRound(record.round)[language]));
  if (record.stillStandsBecause !== undefined) {
    elements.push(
      subtle(
        cardTexts.stageForm.politicalStillStands(summarizer.inline(record.stillStandsBecause, 400))[language],
      ),
    );
  }
  return elements;
}

/** What a stage-form submit saved, for the form updated in place and for the recorded card. */
export interface RecordedSummary {
  /** The prompts whose answers were saved (a new revision). */
  promptIds: readonly string[];
  /** Whether a political decision reference was saved too. */
  politicalDecision?: boolean;
}

/**
 * "Saved: …" and "Still open (required): …" (or "you can request a review"), so the person sees at
 * once what the submit did and what the gate still needs.
 */
export function savedBanner(
  state: CaseState,
  stage: StageDefinition,
  language: Language,
  recorded: RecordedSummary,
): CardElement {
  const t = cardTexts.stageForm;
  const saved = stage.prompts
    .filter((prompt) => recorded.promptIds.includes(prompt.id))
    .map((prompt) => quoted(escapeMarkdown(prompt.label[language]), language));
  if (recorded.politicalDecision) saved.push(t.politicalRecorded[language]);
  const lines = [
    saved.length > 0 ? `💾 ${t.recorded(listing(saved, language))[language]}` : t.nothingRecorded[language],
  ];
  const missing = missingRequiredAnswers(state, stage).map((entry) =>
    quoted(escapeMarkdown(entry.label[language]), language),
  );
  const politicalMissing = stage.gate.requiresPoliticalDecision && !state.politicalDecisions[stage.id];
  if (missing.length > 0) lines.push(t.stillOpen(listing(missing, language))[language]);
  if (politicalMissing) lines.push(cardTexts.status.politicalMissing[language]);
  if (missing.length === 0 && !politicalMissing && !state.gate && state.status === 'active') {
    lines.push(cardTexts.status.readyForReview[language]);
  }
  return container(
    lines.map((line, index) => textBlock(line, { spacing: index === 0 ? 'None' : 'Small' })),
    { style: saved.length > 0 ? 'good' : 'emphasis' },
  );
}

/** Whether the gate of the current stage can be requested now, as far as the card can tell. */
export function readyForReview(state: CaseState, stage: StageDefinition): boolean {
  return (
    state.status === 'active' &&
    !state.gate &&
    missingRequiredAnswers(state, stage).length === 0 &&
    (!stage.gate.requiresPoliticalDecision || state.politicalDecisions[stage.id] !== undefined)
  );
}

/** Quotation marks as each language writes them. */
function quoted(text: string, language: Language): string {
  return isNorwegianForm(language) ? `«${text}»` : `“${text}”`;
}
