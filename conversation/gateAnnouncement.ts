/**
 * What the chat is told when a gate moves: who decided, the outcome, the comment, the conditions and
 * what happens next, in one message. Pure: the names come in, the words go out (texts in botTexts.ts).
 */
import type { CaseState, DecisionSummary, Effect, Language, PendingGate, ProcessTemplate } from '../engine';
import { listIn, sameInEvery, stageOf } from '../engine';
import { escapeMarkdown, personName } from '../cards';
import { texts } from './botTexts';

/** The outcomes a gate announcement tells (a resumption is told by its own effect). */
type AnnouncedOutcome = Extract<Effect, { type: 'announceGateOutcome' }>['outcome'];

export interface AnnouncementInput {
  state: CaseState;
  template: ProcessTemplate;
  names: ReadonlyMap<string, string>;
  /** Whether the approval card in the chat could be replaced by its decided view. */
  card: 'replaced' | 'notPosted' | 'notReplaced';
}

/**
 * "Kari Olsen og Sigrid Lie" / "Kari Olsen and Sigrid Lie": each name as the cards show it (escaped,
 * shortened, an erased or unknown person in neutral words), joined as a sentence joins them.
 */
export function namesOf(
  ids: readonly string[],
  names: ReadonlyMap<string, string>,
  language: Language,
): string {
  const shown = ids.map((id) => personName(names, id, language));
  return listIn(language, shown);
}

/** One approval of several needed: who approved, with what, and who the gate still waits for. */
export function approvalProgressMessage(
  input: AnnouncementInput,
  gate: PendingGate,
  waitingFor: readonly string[],
): string {
  const { state, template, names } = input;
  const language = state.language;
  const latest = gate.approvals.at(-1);
  const stage = stageOf(template, gate.stageId);
  const lines = [
    texts.approvalGiven(
      namesOf(latest ? [latest.personId] : [], names, language),
      stage.title,
      gate.approvals.length,
      gate.approvalsNeeded,
    )[language],
  ];
  if (latest?.conditions !== undefined) {
    lines.push(texts.conditionsLine([escapeMarkdown(latest.conditions)])[language]);
  }
  if (latest?.comment !== undefined) lines.push(texts.commentLine(escapeMarkdown(latest.comment))[language]);
  lines.push(
    waitingFor.length > 0
      ? texts.stillWaitingFor(namesOf(waitingFor, names, language))[language]
      : texts.stillWaitingForMore[language],
  );
  if (input.card === 'notReplaced') lines.push(texts.cardNotReplaced[language]);
  return lines.join('  \n');
}

/** A decided gate (or a withdrawn review): the outcome, by whom, why, with what, and what comes next. */
export function outcomeMessage(
  input: AnnouncementInput,
  outcome: AnnouncedOutcome,
  stageId: string,
  decision: DecisionSummary | undefined,
  nextStageId: string | undefined,
): string {
  const { state, template, names } = input;
  const language = state.language;
  const stage = stageOf(template, stageId);
  const who = namesOf(decision?.deciderIds ?? [], names, language);
  const next = nextStageId === undefined ? undefined : stageOf(template, nextStageId);
  const lines: string[] = [];
  switch (outcome) {
    case 'approved':
    case 'approvedWithConditions':
      lines.push(texts.gatePassed(stage.title, who, outcome === 'approvedWithConditions')[language]);
      break;
    case 'sentBack':
      lines.push(texts.gateSentBack(stage.title, who, next?.title ?? stage.title)[language]);
      break;
    case 'paused':
      lines.push(texts.casePausedBy(stage.title, who)[language]);
      break;
    case 'stopped':
      lines.push(texts.caseStoppedBy(stage.title, who)[language]);
      break;
    case 'withdrawn':
      lines.push(texts.reviewWithdrawnBy(stage.title, who)[language]);
      break;
  }
  if (decision?.reason !== undefined) lines.push(texts.reasonLine(escapeMarkdown(decision.reason))[language]);
  if (decision?.conditions !== undefined && decision.conditions.length > 0) {
    lines.push(texts.conditionsLine(decision.conditions.map(escapeMarkdown))[language]);
  }
  for (const comment of decision?.comments ?? []) {
    lines.push(
      texts.commentBy(namesOf([comment.personId], names, language), escapeMarkdown(comment.text))[language],
    );
  }
  const after = whatNext(outcome, next);
  if (after) lines.push(after[language]);
  if (input.card === 'notReplaced') lines.push(texts.cardNotReplaced[language]);
  return lines.join('  \n');
}

/** What the group does now; nothing after the last gate (the completion message follows). */
function whatNext(outcome: AnnouncedOutcome, next: ReturnType<typeof stageOf> | undefined) {
  switch (outcome) {
    case 'approved':
      return next ? texts.nextStage(next.title) : undefined;
    case 'approvedWithConditions':
      return next ? texts.nextStageWithConditions(next.title) : undefined;
    case 'sentBack':
      return texts.reviseAfterSendBack(next?.title ?? sameInEvery(''));
    case 'paused':
      return texts.resumeHow;
    case 'stopped':
      return texts.stoppedForGood;
    case 'withdrawn':
      return texts.afterWithdrawal;
  }
}
