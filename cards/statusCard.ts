/**
 * Where a case stands: the six stages as a map (passed ✓, current ▶, ahead ○, with the round when a
 * stage was re-entered), the current stage's questions and what is answered, a pending gate with who
 * decides and the approvals so far, the latest decisions with their reasons, paused/stopped/completed
 * banners and the counts of ideas and barriers. Built in TypeScript: its shape follows the process
 * template (stages and prompts differ per template version).
 */
import type { CaseState, Language, ProcessTemplate } from '../engine';
import { gateDeciders, missingRequiredAnswers, stageOf } from '../engine';
import { cardTexts } from './cardTexts';
import { decisionLines } from './decisionLines';
import { peopleList, personName, stageTitle, templateText, when } from './describe';
import { documentationSummary } from './documentationSummary';
import type { AdaptiveCard, CardAction, CardElement, Column, ColumnSet } from './elements';
import { banner, card, container, execute, heading, subtle, textBlock } from './elements';
import { plainText, Summarizer } from './text';
import { CARD_VERBS } from './verbs';

export interface StatusCardInput {
  state: CaseState;
  template: ProcessTemplate;
  language: Language;
  /** Display names by person id; people missing here are shown as "unknown person". */
  names: ReadonlyMap<string, string>;
  /** Shown at the top, for example "the card was out of date". Markdown from the bot, trusted. */
  notice?: string;
}

const PREVIEW_LIMIT = 120;
const REASON_LIMIT = 300;

export function statusCard(input: StatusCardInput): AdaptiveCard {
  const { state, template, language, names } = input;
  const summarizer = new Summarizer();
  const body: CardElement[] = [];

  if (input.notice !== undefined && input.notice !== '') body.push(banner(input.notice, 'accent'));
  body.push(heading(summarizer.inline(state.title, 200), { size: 'Large' }));
  const where = [state.unit, state.municipality]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .map((part) => summarizer.inline(part, 100));
  if (where.length > 0) body.push(subtle(where.join(' · ')));
  body.push(
    subtle(cardTexts.status.template(templateText(template.title, language), template.version)[language]),
  );
  body.push(...caseBanners(state, language, names, summarizer));

  body.push(heading(cardTexts.status.stages[language], { size: 'Default', separator: true }));
  body.push(...stageMap(state, template, language));

  const stage = stageOf(template, state.currentStageId);
  if (state.status !== 'completed') {
    const round = state.stages[stage.id]?.round ?? 1;
    const roundText = round > 1 ? ` (${cardTexts.common.round(round)[language]})` : '';
    body.push(
      heading(
        `${cardTexts.status.documentation(templateText(stage.title, language))[language]}${roundText}`,
        {
          size: 'Default',
          separator: true,
        },
      ),
    );
    body.push(...documentationSummary({ state, stage, language, names, summarizer, limit: PREVIEW_LIMIT }));
    if (!state.gate && state.status === 'active') {
      const missing = missingRequiredAnswers(state, stage).length;
      const politicalMissing = stage.gate.requiresPoliticalDecision && !state.politicalDecisions[stage.id];
      if (missing > 0) body.push(textBlock(`ℹ️ ${cardTexts.status.missingRequired(missing)[language]}`));
      if (politicalMissing) body.push(textBlock(`ℹ️ ${cardTexts.status.politicalMissing[language]}`));
      if (missing === 0 && !politicalMissing)
        body.push(textBlock(`✅ ${cardTexts.status.readyForReview[language]}`));
    }
  }

  if (state.gate) {
    const gate = state.gate;
    const t = cardTexts.status;
    const items: CardElement[] = [
      textBlock(
        `**${t.gatePending[language]}** – ${stageTitle(template, gate.stageId, language)} (${cardTexts.common.round(gate.round)[language]})`,
      ),
      subtle(t.requestedBy(personName(names, gate.requestedBy, language), when(gate.requestedAt))[language]),
      subtle(t.deciders(peopleList(gateDeciders(state, template), names, language))[language]),
      textBlock(t.approvals(gate.approvals.length, gate.approvalsNeeded)[language], { spacing: 'Small' }),
      ...gate.approvals.map((approval) =>
        subtle(
          `${cardTexts.approval.approvedBy(personName(names, approval.personId, language), when(approval.at))[language]}${
            approval.conditions !== undefined
              ? ` – ${cardTexts.outcome.conditions[language]}: ${summarizer.inline(approval.conditions, REASON_LIMIT)}`
              : ''
          }`,
        ),
      ),
    ];
    body.push(container(items, { style: 'emphasis', separator: true, spacing: 'Medium' }));
  }

  body.push(heading(cardTexts.status.recentDecisions[language], { size: 'Default', separator: true }));
  if (state.recentDecisions.length === 0) body.push(subtle(cardTexts.status.noDecisions[language]));
  for (const decision of state.recentDecisions) {
    body.push(...decisionLines(decision, template, language, names, summarizer));
  }

  body.push(
    subtle(cardTexts.status.counts(state.counts.ideas, state.counts.barriers)[language], { separator: true }),
  );
  if (summarizer.shortened) body.push(subtle(cardTexts.common.shortenedFootnote[language]));

  const actions: CardAction[] = [];
  const stageRound = state.stages[state.currentStageId]?.round ?? 1;
  if (state.status === 'active' && !state.gate) {
    actions.push(
      execute(
        CARD_VERBS.showStageForm,
        cardTexts.status.documentStage[language],
        { caseId: state.caseId },
        { style: 'positive' },
      ),
      execute(CARD_VERBS.requestReview, cardTexts.status.requestReview[language], {
        caseId: state.caseId,
        stageId: state.currentStageId,
        round: stageRound,
        version: state.version,
      }),
    );
  }
  actions.push(
    execute(CARD_VERBS.refreshStatus, cardTexts.common.refresh[language], {
      caseId: state.caseId,
      version: state.version,
    }),
  );
  return card(body, actions, {
    msteams: { width: 'Full' },
    fallbackText: plainText(state.title, 200),
  });
}

function caseBanners(
  state: CaseState,
  language: Language,
  names: ReadonlyMap<string, string>,
  summarizer: Summarizer,
): CardElement[] {
  const t = cardTexts.status;
  if (state.status === 'paused' && state.pause) {
    return [
      container(
        [
          textBlock(
            t.pausedBanner(personName(names, state.pause.by, language), when(state.pause.at))[language],
          ),
          textBlock(t.reason(summarizer.inline(state.pause.reason, REASON_LIMIT))[language], {
            spacing: 'Small',
          }),
        ],
        { style: 'warning' },
      ),
    ];
  }
  if (state.status === 'stopped' && state.stop) {
    return [
      container(
        [
          textBlock(
            t.stoppedBanner(personName(names, state.stop.by, language), when(state.stop.at))[language],
          ),
          textBlock(t.reason(summarizer.inline(state.stop.reason, REASON_LIMIT))[language], {
            spacing: 'Small',
          }),
        ],
        { style: 'attention' },
      ),
    ];
  }
  if (state.status === 'completed') {
    return [banner(t.completedBanner(when(state.completedAt))[language], 'good')];
  }
  return [];
}

/** One row per stage: an icon column and a text column. */
function stageMap(state: CaseState, template: ProcessTemplate, language: Language): ColumnSet[] {
  const t = cardTexts.status;
  const currentIndex = template.stages.indexOf(stageOf(template, state.currentStageId));
  return template.stages.map((stage, index): ColumnSet => {
    const progress = state.stages[stage.id];
    const round = progress?.round ?? 0;
    const roundSuffix = round > 1 ? ` · ${cardTexts.common.round(round)[language]}` : '';
    const title = templateText(stage.title, language);
    let icon = '○';
    let text = `${title} · ${t.ahead[language]}`;
    if (progress?.status === 'current') {
      const here =
        state.status === 'stopped' ? t.stoppedHere : state.status === 'paused' ? t.pausedHere : t.current;
      icon = state.status === 'stopped' ? '⏹' : state.status === 'paused' ? '⏸' : '▶';
      text = `**${title}** · ${here[language]}${roundSuffix}`;
    } else if (progress?.status === 'passed') {
      if (index > currentIndex && state.status !== 'completed') {
        icon = '↻';
        text = `${title} · ${t.passedEarlierComesAgain(round)[language]}`;
      } else {
        icon = '✓';
        const date = progress.passedAt !== undefined ? ` ${when(progress.passedAt)}` : '';
        text = `${title} · ${t.passed[language]}${date}${roundSuffix}`;
      }
    } else if (round >= 1) {
      text = `${title} · ${t.visitedBefore(round)[language]}`;
    }
    const columns: Column[] = [
      { type: 'Column', width: 'auto', items: [textBlock(icon, { wrap: false })] },
      { type: 'Column', width: 'stretch', items: [textBlock(text)] },
    ];
    return { type: 'ColumnSet', columns, spacing: 'Small' };
  });
}
