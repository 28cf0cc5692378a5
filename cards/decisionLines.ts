/**
 * A gate decision as card text: the outcome and stage in one headline, then who decided and when, where
 * a send-back went, and the reason or conditions (shortened; the full text is in the log). Shared by
 * the status card (recent decisions) and the approval card (the decided view).
 */
import type { DecisionSummary, Language, ProcessTemplate } from '../engine';
import { cardTexts } from './cardTexts';
import { peopleList, stageTitle, when } from './describe';
import type { CardElement } from './elements';
import { subtle, textBlock } from './elements';
import type { Summarizer } from './text';

/** A decision as one headline and one subtle line: who, when, and why. Shared with the approval card. */
export function decisionLines(
  decision: DecisionSummary,
  template: ProcessTemplate,
  language: Language,
  names: ReadonlyMap<string, string>,
  summarizer: Summarizer,
  limit = 300,
): CardElement[] {
  const o = cardTexts.outcome;
  const lines: CardElement[] = [
    textBlock(
      `**${o[decision.outcome][language]}** – ${stageTitle(template, decision.stageId, language)} (${cardTexts.common.round(decision.round)[language]})`,
      { spacing: 'Small' },
    ),
    subtle(o.byWhen(peopleList(decision.deciderIds, names, language), when(decision.at))[language]),
  ];
  if (decision.toStageId !== undefined) {
    lines.push(subtle(o.sentBackTo(stageTitle(template, decision.toStageId, language))[language]));
  }
  if (decision.reason !== undefined) {
    lines.push(subtle(cardTexts.status.reason(summarizer.inline(decision.reason, limit))[language]));
  }
  if (decision.conditions !== undefined && decision.conditions.length > 0) {
    lines.push(
      subtle(
        `${o.conditions[language]}: ${decision.conditions.map((condition) => summarizer.inline(condition, limit)).join('; ')}`,
      ),
    );
  }
  return lines;
}
