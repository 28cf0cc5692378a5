/**
 * The gate review card. One card, four views:
 *
 * - pending, as posted in the chat (`shared`): the gate (stage, round, who requested it and when), the
 *   documentation it will be decided on, the political decision reference where the gate needs one,
 *   the approvals so far, who may decide, and the five outcomes (approve, approve with conditions, send
 *   back to this or an earlier stage, pause, stop), each behind a confirmation with the reason or
 *   conditions it needs. Everyone sees it, so a manager can decide wherever user-specific views do not
 *   reach (the Agents Playground, chats of more than 60 people, some clients); anyone else who clicks is
 *   refused by the engine with a message that says who may decide;
 * - pending, for a decider (the user-specific view): the same, addressed to them;
 * - pending, for someone who asked for their own view and may not decide: the same without buttons;
 * - decided: outcome, by whom, when, reason or conditions, and no buttons. The bot puts this view in
 *   place of the posted card for everyone once the gate is decided (`updateActivity`).
 *
 * The card is posted once, as the shared view, @mentioning the deciders. Its `refresh` lists the
 * deciders, so their Teams client asks the bot (`refreshApproval`) and gets the decider view, while
 * everyone else keeps the shared view. Every decision is an Action.Execute `decideGate` carrying
 * `{ caseId, stageId, requestSeq, outcome }`; Teams merges the inputs in. The card marks what it can
 * check (required reasons) with `isRequired`, but the bot and engine check everything again.
 *
 * Built in TypeScript: the summary follows the template's prompts.
 */
import type {
  CaseState,
  DecisionSummary,
  Language,
  PendingGate,
  ProcessTemplate,
  StageDefinition,
} from '../engine';
import { carriedConditions, gateDeciders, LIMITS, pendingReview, sendBackTargets, stageOf } from '../engine';
import { cardTexts } from './cardTexts';
import { decisionLines } from './decisionLines';
import { peopleList, personName, stageTitle, templateText, when } from './describe';
import { documentationSummary, politicalFacts } from './documentationSummary';
import type { AdaptiveCard, CardAction, CardElement, MentionEntity } from './elements';
import { banner, card, container, execute, heading, showCard, subtle, textBlock, toggle } from './elements';
import { mentionText, NAME_LIMIT, plainText, Summarizer } from './text';
import type { GateActionData } from './verbs';
import { CARD_VERBS, INPUT_IDS } from './verbs';

export interface ApprovalCardInput {
  state: CaseState;
  template: ProcessTemplate;
  language: Language;
  names: ReadonlyMap<string, string>;
  /**
   * `shared`: the card as posted for everyone, with the decision buttons (the server decides who may use
   * them); `decider`: a decider's own view; `observer`: the own view of someone who may not decide, with
   * no decision buttons.
   */
  viewer: 'shared' | 'decider' | 'observer';
  /**
   * The deciders to @mention, with the ids Teams needs to notify them ("29:…"). These ids are also the
   * card's refresh `userIds`; without them the gate's person ids are used.
   */
  mentions: readonly { personId: string; name: string }[];
  /** Render the final view of this decision. */
  decided?: DecisionSummary;
  /**
   * The review the card was posted for. Without `decided`, a card of another review than the pending
   * one says there is no review to decide rather than show some other review's outcome.
   */
  requestSeq?: number;
  /** Shown at the top. Markdown from the bot, trusted. */
  notice?: string;
}

const SUMMARY_LIMIT = 400;
const DECIDED_REASON_LIMIT = 1500;

export function approvalCard(input: ApprovalCardInput): AdaptiveCard {
  const { state, template, language } = input;
  const newest = state.gate ? undefined : state.recentDecisions[0];
  const decided =
    input.decided ??
    (input.requestSeq === undefined || newest?.requestSeq === input.requestSeq ? newest : undefined);
  if (decided) return decidedView(input, decided);
  const gate = input.requestSeq === undefined ? state.gate : pendingReview(state, input.requestSeq);
  if (!gate) {
    return card(noticeBody(input, [banner(`ℹ️ ${cardTexts.approval.noReview[language]}`, 'emphasis')]), [
      execute(CARD_VERBS.showStatus, cardTexts.common.showStatus[language], {
        caseId: state.caseId,
        version: state.version,
      }),
    ]);
  }
  return pendingView(input, gate, stageOf(template, gate.stageId));
}

function noticeBody(input: ApprovalCardInput, rest: CardElement[]): CardElement[] {
  return input.notice !== undefined && input.notice !== '' ? [banner(input.notice, 'accent'), ...rest] : rest;
}

function pendingView(input: ApprovalCardInput, gate: PendingGate, stage: StageDefinition): AdaptiveCard {
  const { state, template, language, names } = input;
  const t = cardTexts.approval;
  const summarizer = new Summarizer();
  const gateData: GateActionData = {
    caseId: state.caseId,
    stageId: gate.stageId,
    requestSeq: gate.requestSeq,
  };

  const mentions = input.mentions
    .filter((mention) => mention.personId !== '')
    .map((mention) => ({
      personId: mention.personId,
      text: mentionText(mention.name),
      name: plainText(mention.name, NAME_LIMIT),
    }));
  const entities: MentionEntity[] = mentions.map((mention) => ({
    type: 'mention',
    text: mention.text,
    mentioned: { id: mention.personId, name: mention.name },
  }));

  const body: CardElement[] = noticeBody(input, [
    heading(
      `${t.title(templateText(stage.title, language))[language]} (${cardTexts.common.round(gate.round)[language]})`,
      { size: 'Large' },
    ),
    subtle(t.caseLine(summarizer.inline(state.title, 200))[language]),
    subtle(
      cardTexts.status.requestedBy(personName(names, gate.requestedBy, language), when(gate.requestedAt))[
        language
      ],
    ),
    textBlock(
      mentions.length > 0
        ? t.waitingFor(mentions.map((mention) => mention.text).join(', '))[language]
        : cardTexts.status.deciders(peopleList(gateDeciders(state, template), names, language))[language],
    ),
    textBlock(`**${cardTexts.status.approvals(gate.approvals.length, gate.approvalsNeeded)[language]}**`, {
      spacing: 'Small',
    }),
    ...gate.approvals.map((approval) =>
      subtle(
        `${t.approvedBy(personName(names, approval.personId, language), when(approval.at))[language]}${
          approval.conditions !== undefined
            ? ` – ${cardTexts.outcome.conditions[language]}: ${summarizer.inline(approval.conditions, 300)}`
            : ''
        }`,
      ),
    ),
    ...carriedConditionsSection(input, gate.stageId, summarizer),
    heading(t.basis[language], { size: 'Default', separator: true }),
    ...documentationSummary({ state, stage, language, names, summarizer, limit: SUMMARY_LIMIT }),
  ]);
  if (stage.gate.requiresPoliticalDecision) {
    body.push(heading(t.politicalReference[language], { size: 'Default', separator: true }));
    body.push(...politicalFacts(state, stage, language, summarizer));
  }
  if (summarizer.shortened) body.push(subtle(cardTexts.common.shortenedFootnote[language]));

  // Refresh goes by Teams user id, which the mentions carry; without them, the deciders' own ids.
  const refreshUserIds =
    mentions.length > 0 ? mentions.map((mention) => mention.personId) : gateDeciders(state, template);
  const extra = {
    refresh: {
      action: execute(CARD_VERBS.refreshApproval, cardTexts.common.refresh[language], gateData),
      userIds: [...new Set(refreshUserIds)],
    },
    msteams: { width: 'Full' as const, ...(entities.length > 0 && { entities }) },
    fallbackText: plainText(t.title(stage.title[language])[language]),
  };

  if (input.viewer === 'observer') {
    body.push(subtle(t.observer[language], { separator: true }));
    return card(
      body,
      [execute(CARD_VERBS.refreshApproval, cardTexts.common.refresh[language], gateData)],
      extra,
    );
  }

  body.push(
    textBlock(`**${input.viewer === 'decider' ? t.youDecide[language] : t.sharedDecide[language]}**`, {
      separator: true,
    }),
  );
  if (stage.gate.requiresPoliticalDecision) body.push(...politicalInputs(state, stage, language));
  return card(body, decisionActions(input, gate, gateData), extra);
}

/** The conditions the gate before this stage was passed with: the deciders follow them up here. */
function carriedConditionsSection(
  input: ApprovalCardInput,
  stageId: string,
  summarizer: Summarizer,
): CardElement[] {
  const { state, template, language, names } = input;
  const carried = carriedConditions(state, stageId);
  if (!carried) return [];
  const t = cardTexts.approval;
  return [
    container(
      [
        heading(t.carriedConditions[language], { size: 'Default' }),
        ...carried.conditions.map((condition) => textBlock(`• ${summarizer.inline(condition, 300)}`)),
        subtle(
          t.carriedConditionsBy(
            stageTitle(template, carried.fromStageId, language),
            peopleList(carried.deciderIds, names, language),
            when(carried.at),
          )[language],
        ),
      ],
      { style: 'warning', spacing: 'Medium' },
    ),
  ];
}

/**
 * Inputs to enter or correct the political decision reference, prefilled and hidden behind a toggle.
 * They sit in the main card, so every decision button sends them; the engine records a changed
 * reference before the decision and nothing when it is unchanged.
 */
function politicalInputs(state: CaseState, stage: StageDefinition, language: Language): CardElement[] {
  const f = cardTexts.stageForm;
  const t = cardTexts.approval;
  const ids = INPUT_IDS.political;
  const reference = state.politicalDecisions[stage.id]?.reference;
  const boxId = 'politicalBox';
  return [
    toggle(t.correctPolitical[language], boxId),
    container(
      [
        subtle(t.correctPoliticalHelp[language]),
        {
          type: 'Input.Text',
          id: ids.body,
          label: f.body[language],
          maxLength: LIMITS.politicalField,
          ...(reference && { value: reference.body }),
        },
        {
          type: 'Input.Date',
          id: ids.meetingDate,
          label: f.meetingDate[language],
          ...(reference && { value: reference.meetingDate }),
        },
        {
          type: 'Input.Text',
          id: ids.caseNumber,
          label: f.caseNumber[language],
          maxLength: LIMITS.politicalField,
          ...(reference && { value: reference.caseNumber }),
        },
        {
          type: 'Input.Text',
          id: ids.decisionText,
          label: f.decisionText[language],
          isMultiline: true,
          maxLength: LIMITS.decisionText,
          ...(reference?.decisionText !== undefined && { value: reference.decisionText }),
        },
        {
          type: 'Input.Text',
          id: ids.link,
          label: f.decisionLink[language],
          style: 'Url',
          maxLength: LIMITS.url,
          ...(reference?.link !== undefined && { value: reference.link }),
        },
      ],
      { id: boxId, isVisible: reference === undefined, style: 'emphasis' },
    ),
  ];
}

/** The five outcomes, each a confirmation step with what that outcome needs. */
function decisionActions(
  input: ApprovalCardInput,
  gate: PendingGate,
  gateData: GateActionData,
): CardAction[] {
  const { template, language } = input;
  const t = cardTexts.approval;
  const ids = INPUT_IDS.decision;
  const reason = (id: string): CardElement => ({
    type: 'Input.Text',
    id,
    label: t.reason[language],
    isMultiline: true,
    isRequired: true,
    errorMessage: t.reasonError[language],
    maxLength: LIMITS.reason,
  });
  const targets = sendBackTargets(template, gate.stageId);

  return [
    showCard(
      t.approve[language],
      [
        {
          type: 'Input.Text',
          id: ids.comment,
          label: t.comment[language],
          isMultiline: true,
          maxLength: LIMITS.reason,
        },
      ],
      [
        execute(
          CARD_VERBS.decideGate,
          t.approveConfirm[language],
          { ...gateData, outcome: 'approve' },
          { style: 'positive' },
        ),
      ],
      'positive',
    ),
    showCard(
      t.approveWithConditions[language],
      [
        {
          type: 'Input.Text',
          id: ids.conditions,
          label: t.conditions[language],
          isMultiline: true,
          isRequired: true,
          errorMessage: t.conditionsError[language],
          maxLength: LIMITS.reason,
        },
        {
          type: 'Input.Text',
          id: ids.conditionsComment,
          label: t.comment[language],
          isMultiline: true,
          maxLength: LIMITS.reason,
        },
      ],
      [
        execute(
          CARD_VERBS.decideGate,
          t.confirm(t.approveWithConditions[language])[language],
          { ...gateData, outcome: 'approveWithConditions' },
          {
            style: 'positive',
          },
        ),
      ],
    ),
    showCard(
      t.sendBack[language],
      [
        {
          type: 'Input.ChoiceSet',
          id: ids.sendBackTo,
          label: t.sendBackTo[language],
          style: 'compact',
          isRequired: true,
          errorMessage: t.sendBackTo[language],
          value: gate.stageId,
          choices: targets.map((stage) => ({ title: plainText(stage.title[language]), value: stage.id })),
        },
        subtle(t.sendBackHelp[language]),
        reason(ids.sendBackReason),
      ],
      [
        execute(CARD_VERBS.decideGate, t.confirm(t.sendBack[language])[language], {
          ...gateData,
          outcome: 'sendBack',
        }),
      ],
    ),
    showCard(
      t.pause[language],
      [reason(ids.pauseReason)],
      [
        execute(CARD_VERBS.decideGate, t.confirm(t.pause[language])[language], {
          ...gateData,
          outcome: 'pause',
        }),
      ],
    ),
    showCard(
      t.stop[language],
      [textBlock(`⚠️ ${t.stopWarning[language]}`), reason(ids.stopReason)],
      [
        execute(
          CARD_VERBS.decideGate,
          t.confirm(t.stop[language])[language],
          { ...gateData, outcome: 'stop' },
          { style: 'destructive' },
        ),
      ],
      'destructive',
    ),
  ];
}

/** The final, button-less view of a decided (or withdrawn) review. */
function decidedView(input: ApprovalCardInput, decided: DecisionSummary): AdaptiveCard {
  const { state, template, language, names } = input;
  const t = cardTexts.approval;
  const summarizer = new Summarizer();
  const body = noticeBody(input, [
    heading(
      `${t.title(stageTitle(template, decided.stageId, language))[language]} (${cardTexts.common.round(decided.round)[language]})`,
      {
        size: 'Large',
      },
    ),
    subtle(t.caseLine(summarizer.inline(state.title, 200))[language]),
    container(decisionLines(decided, template, language, names, summarizer, DECIDED_REASON_LIMIT), {
      style:
        decided.outcome === 'stopped'
          ? 'attention'
          : decided.outcome === 'approved' || decided.outcome === 'approvedWithConditions'
            ? 'good'
            : 'warning',
      spacing: 'Medium',
    }),
    subtle(t.decidedFooter[language], { separator: true }),
  ]);
  if (summarizer.shortened) body.push(subtle(cardTexts.common.shortenedFootnote[language]));
  return card(body, [], {
    msteams: { width: 'Full' },
    fallbackText: plainText(cardTexts.outcome[decided.outcome][language]),
  });
}
