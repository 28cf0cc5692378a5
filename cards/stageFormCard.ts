/**
 * The form for the case's current stage: one input per prompt, by prompt kind, prefilled with the
 * latest answer (so a group continues where it left off and a resubmitted unchanged form records
 * nothing new), the prompt's help, an "other" text where a choice allows it, a "Not applicable,
 * because …" input for every prompt, and the political decision reference where the stage's gate
 * needs one. Submitted with `recordDocumentation` carrying the case, stage and round, and read back by
 * `parseStageFormSubmission`. After a submit the bot returns this card again with `recorded`, so the
 * form shows in place what was saved and what is still open.
 *
 * Built in TypeScript: the inputs follow the template's prompts. Answers are never cut: an answer too
 * long for Teams' message size is left out of its input (with a note that it is kept in the log)
 * rather than shortened, because a shortened prefill that is saved again would replace the full text.
 *
 * When the stage cannot be documented now (gate under review, paused, stopped, completed) the card
 * shows the documentation read-only and says why, instead of a form the engine would refuse.
 *
 * Why this file is longer than 400 lines: one input per prompt kind (eight kinds, each with its prefill,
 * its "not applicable" input and its limits) and the political decision reference make up one card.
 */
import type {
  AnswerRecord,
  CaseState,
  Language,
  ProcessTemplate,
  PromptDefinition,
  StageDefinition,
} from '../engine';
import { LIMITS, politicalDecisionLack, stageOf } from '../engine';
import { cardTexts } from './cardTexts';
import { personName, templateText, when } from './describe';
import type { RecordedSummary } from './documentationSummary';
import { documentationSummary, politicalFacts, readyForReview, savedBanner } from './documentationSummary';
import type { AdaptiveCard, CardAction, CardElement, Choice, ChoiceSetInput, TextInput } from './elements';
import {
  banner,
  card,
  CARD_BYTE_BUDGET,
  cardBytes,
  container,
  execute,
  heading,
  subtle,
  textBlock,
  toggle,
} from './elements';
import { plainText, Summarizer } from './text';
import { CARD_VERBS, INPUT_IDS, OTHER_CHOICE } from './verbs';

export interface StageFormCardInput {
  state: CaseState;
  template: ProcessTemplate;
  language: Language;
  names: ReadonlyMap<string, string>;
  /** People to choose from in person prompts (the conversation's members); defaults to `names`. */
  members?: readonly { personId: string; name: string }[];
  /** Shown at the top. Markdown from the bot, trusted. */
  notice?: string;
  /** After a submit: what was saved, shown above the form. */
  recorded?: RecordedSummary;
}

/** Above this many people a dropdown is easier to use than a list of checkboxes. */
const EXPANDED_CHOICE_LIMIT = 8;

export function stageFormCard(input: StageFormCardInput): AdaptiveCard {
  const { state, template } = input;
  const stage = stageOf(template, state.currentStageId);
  if (state.status !== 'active' || state.gate) return lockedForm(input, stage);

  // Build once with every prefill; while the card is over Teams' size limit, leave out the longest
  // prefilled text (it stays in the log and is untouched by an empty input).
  const omitted = new Set<string>();
  for (;;) {
    const built = buildForm(input, stage, omitted);
    if (cardBytes(built.card) <= CARD_BYTE_BUDGET) return built.card;
    const next = built.prefills
      .filter((prefill) => !omitted.has(prefill.inputId))
      .sort((a, b) => b.bytes - a.bytes)[0];
    if (!next) return built.card;
    omitted.add(next.inputId);
  }
}

interface Prefill {
  inputId: string;
  bytes: number;
}

/** Collects the inputs of the form and the text prefills that could be left out for size. */
class FormBuilder {
  readonly prefills: Prefill[] = [];

  constructor(
    private readonly language: Language,
    private readonly omitted: ReadonlySet<string>,
  ) {}

  /**
   * A text input, prefilled unless left out for size (then a note says where the text is). Only the
   * long texts may be left out: an empty input there means "no change". Short companions (the "other"
   * text of a chosen "Other", a link text, the parts of a political decision) must stay, or saving
   * the form unchanged would be refused or record a changed answer.
   */
  text(
    element: Omit<TextInput, 'type' | 'value'>,
    value: string | undefined,
    mayLeaveOut = true,
  ): CardElement[] {
    if (value === undefined || value === '') return [{ type: 'Input.Text', ...element }];
    if (!mayLeaveOut) return [{ type: 'Input.Text', ...element, value }];
    this.prefills.push({ inputId: element.id, bytes: new TextEncoder().encode(value).length });
    if (this.omitted.has(element.id)) {
      return [
        { type: 'Input.Text', ...element },
        subtle(`⚠️ ${cardTexts.stageForm.tooLongToShow(Array.from(value).length)[this.language]}`),
      ];
    }
    return [{ type: 'Input.Text', ...element, value }];
  }

  /**
   * Inputs that are left out together or not at all: whether to prefill them. A political decision
   * is one such group: without its decision text, a resubmitted reference would record a changed one.
   */
  group(groupId: string, values: readonly (string | undefined)[]): boolean {
    const bytes = values.reduce(
      (sum, value) => sum + (value === undefined ? 0 : new TextEncoder().encode(value).length),
      0,
    );
    if (bytes === 0) return true;
    this.prefills.push({ inputId: groupId, bytes });
    return !this.omitted.has(groupId);
  }
}

function buildForm(
  input: StageFormCardInput,
  stage: StageDefinition,
  omitted: ReadonlySet<string>,
): { card: AdaptiveCard; prefills: Prefill[] } {
  const { state, language } = input;
  const t = cardTexts.stageForm;
  const form = new FormBuilder(language, omitted);
  const round = state.stages[stage.id]?.round ?? 1;
  const body: CardElement[] = [];

  if (input.notice !== undefined && input.notice !== '') body.push(banner(input.notice, 'accent'));
  if (input.recorded) body.push(savedBanner(state, stage, language, input.recorded));
  const roundText = round > 1 ? ` (${cardTexts.common.round(round)[language]})` : '';
  body.push(
    heading(`${t.title(templateText(stage.title, language))[language]}${roundText}`, { size: 'Large' }),
  );
  body.push(subtle(new Summarizer().inline(state.title, 200)));
  body.push(textBlock(templateText(stage.help, language)));
  body.push(subtle(t.howItWorks[language]));

  stage.prompts.forEach((prompt, index) => {
    body.push(
      container(promptInputs(input, prompt, state.answers[prompt.id], form), {
        separator: true,
        spacing: index === 0 ? 'Medium' : 'Large',
      }),
    );
  });

  if (stage.gate.requiresPoliticalDecision) {
    const record = state.politicalDecisions[stage.id];
    const reference = record?.reference;
    const ids = INPUT_IDS.political;
    const items: CardElement[] = [
      heading(t.political[language], { size: 'Default' }),
      subtle(t.politicalHelp[language]),
    ];
    // A new round needs a new decision, or the earlier one with why it still stands (the engine's rule).
    const earlierRound = politicalDecisionLack(state, stage)?.kind === 'earlierRound';
    if (record && earlierRound) items.push(subtle(t.politicalFromRound(record.round)[language]));
    const prefill = form.group('political', [
      reference?.body,
      reference?.caseNumber,
      reference?.decisionText,
      reference?.link,
    ])
      ? reference
      : undefined;
    if (reference && !prefill) {
      const length = Array.from(reference.decisionText ?? '').length;
      items.push(subtle(`⚠️ ${t.politicalTooLong(length)[language]}`));
    }
    items.push(
      ...form.text(
        {
          id: ids.body,
          label: t.body[language],
          placeholder: t.bodyPlaceholder[language],
          maxLength: LIMITS.politicalField,
        },
        prefill?.body,
        false,
      ),
      {
        type: 'Input.Date',
        id: ids.meetingDate,
        label: t.meetingDate[language],
        ...(prefill?.meetingDate !== undefined && { value: prefill.meetingDate }),
      },
      ...form.text(
        { id: ids.caseNumber, label: t.caseNumber[language], maxLength: LIMITS.politicalField },
        prefill?.caseNumber,
        false,
      ),
      ...form.text(
        {
          id: ids.decisionText,
          label: t.decisionText[language],
          isMultiline: true,
          maxLength: LIMITS.decisionText,
        },
        prefill?.decisionText,
        false,
      ),
      ...form.text(
        {
          id: ids.link,
          label: t.decisionLink[language],
          style: 'Url',
          placeholder: t.linkPlaceholder[language],
          maxLength: LIMITS.url,
        },
        prefill?.link,
        false,
      ),
    );
    if (earlierRound) {
      items.push(
        ...form.text(
          {
            id: ids.stillStandsBecause,
            label: t.politicalStillStandsLabel[language],
            placeholder: t.politicalStillStandsPlaceholder[language],
            isMultiline: true,
            maxLength: LIMITS.reason,
          },
          undefined,
          false,
        ),
      );
    }
    body.push(container(items, { separator: true, spacing: 'Large', style: 'emphasis' }));
  }

  const actions: CardAction[] = [
    execute(
      CARD_VERBS.recordDocumentation,
      t.save[language],
      { caseId: state.caseId, stageId: stage.id, round },
      { style: 'positive' },
    ),
  ];
  if (readyForReview(state, stage)) {
    actions.push(
      execute(CARD_VERBS.requestReview, cardTexts.status.requestReview[language], {
        caseId: state.caseId,
        stageId: stage.id,
        round,
        version: state.version,
      }),
    );
  }
  actions.push(statusAction(state, language));
  return {
    card: card(body, actions, {
      msteams: { width: 'Full' },
      fallbackText: plainText(t.title(stage.title[language])[language]),
    }),
    prefills: form.prefills,
  };
}

/** The inputs of one prompt: the answer input by kind, its help, "other", and "not applicable". */
function promptInputs(
  input: StageFormCardInput,
  prompt: PromptDefinition,
  record: AnswerRecord | undefined,
  form: FormBuilder,
): CardElement[] {
  const { language, names } = input;
  const t = cardTexts.stageForm;
  const answer = record?.answer;
  const id = INPUT_IDS.answer(prompt.id);
  const marker = prompt.required ? cardTexts.common.required[language] : cardTexts.common.optional[language];
  const label = plainText(`${prompt.label[language]} (${marker})`);
  const items: CardElement[] = [];

  switch (prompt.kind) {
    case 'shortText':
    case 'longText':
      items.push(
        ...form.text(
          {
            id,
            label,
            ...(prompt.kind === 'longText'
              ? { isMultiline: true, maxLength: LIMITS.longText }
              : { maxLength: LIMITS.shortText }),
          },
          answer?.type === 'text' ? answer.text : undefined,
        ),
      );
      break;
    case 'date':
      items.push({ type: 'Input.Date', id, label, ...(answer?.type === 'date' && { value: answer.date }) });
      break;
    case 'number':
      items.push({
        type: 'Input.Number',
        id,
        label,
        placeholder: t.numberPlaceholder[language],
        ...(answer?.type === 'number' && { value: answer.number }),
      });
      break;
    case 'link':
      items.push(
        ...form.text(
          { id, label, style: 'Url', placeholder: t.linkPlaceholder[language], maxLength: LIMITS.url },
          answer?.type === 'link' ? answer.url : undefined,
        ),
        ...form.text(
          {
            id: INPUT_IDS.linkLabel(prompt.id),
            label: t.linkLabel[language],
            maxLength: LIMITS.linkLabel,
            spacing: 'Small',
          },
          answer?.type === 'link' ? answer.label : undefined,
          false,
        ),
      );
      break;
    case 'singleChoice':
    case 'multipleChoice': {
      const multiple = prompt.kind === 'multipleChoice';
      const choices: Choice[] = (prompt.options ?? []).map((option) => ({
        title: plainText(option.label[language]),
        value: option.id,
      }));
      if (prompt.allowOther) choices.push({ title: t.otherChoice[language], value: OTHER_CHOICE });
      const selected =
        answer?.type === 'choice'
          ? [
              ...answer.optionIds,
              ...(answer.otherText !== undefined && prompt.allowOther ? [OTHER_CHOICE] : []),
            ]
          : [];
      const choiceSet: ChoiceSetInput = {
        type: 'Input.ChoiceSet',
        id,
        label,
        choices,
        style: multiple ? 'expanded' : 'compact',
        wrap: true,
        ...(multiple && { isMultiSelect: true }),
        ...(selected.length > 0 && { value: multiple ? selected.join(',') : (selected[0] ?? '') }),
      };
      items.push(choiceSet);
      if (prompt.allowOther) {
        items.push(
          ...form.text(
            {
              id: INPUT_IDS.other(prompt.id),
              label: multiple ? t.otherMulti[language] : t.otherSingle[language],
              maxLength: LIMITS.shortText,
              spacing: 'Small',
            },
            answer?.type === 'choice' ? answer.otherText : undefined,
            false,
          ),
        );
      }
      break;
    }
    case 'person': {
      const chosen = answer?.type === 'people' ? answer.personIds : [];
      const choices = personChoices(input, chosen);
      if (choices.length === 0) {
        items.push(
          { type: 'TextBlock', text: `**${plainText(prompt.label[language])}**`, wrap: true },
          subtle(t.noPeople[language]),
        );
      } else {
        items.push({
          type: 'Input.ChoiceSet',
          id,
          label,
          choices,
          isMultiSelect: true,
          style: choices.length > EXPANDED_CHOICE_LIMIT ? 'compact' : 'expanded',
          wrap: true,
          ...(chosen.length > 0 && { value: chosen.filter((personId) => !personId.includes(',')).join(',') }),
        });
      }
      break;
    }
  }

  const help = [templateText(prompt.help, language)];
  if (record) {
    help.push(
      t.lastAnswered(when(record.at), personName(names, record.actorId, language), record.round)[language],
    );
  }
  items.push(subtle(help.join(' ')));

  // "Not applicable" sits behind a toggle so the form stays short; it is open when that is the answer.
  const naId = INPUT_IDS.notApplicable(prompt.id);
  const boxId = `notApplicableBox.${prompt.id}`;
  const reason = answer?.type === 'notApplicable' ? answer.reason : undefined;
  items.push(
    toggle(t.notApplicableToggle[language], boxId),
    container(
      form.text(
        {
          id: naId,
          label: t.notApplicableLabel[language],
          placeholder: t.notApplicablePlaceholder[language],
          maxLength: LIMITS.reason,
        },
        reason,
      ),
      { id: boxId, isVisible: reason !== undefined, spacing: 'Small' },
    ),
  );
  return items;
}

/**
 * The people to choose from: the conversation's members, plus everyone already chosen (someone who
 * left the conversation must stay selected, or saving the form unchanged would drop them).
 */
function personChoices(input: StageFormCardInput, chosen: readonly string[]): Choice[] {
  const { language, names } = input;
  const members = input.members ?? [...names.entries()].map(([personId, name]) => ({ personId, name }));
  const seen = new Set<string>();
  const choices: Choice[] = [];
  const add = (personId: string, name: string | undefined): void => {
    // Multi-select values come back comma-separated: an id with a comma could not be read back.
    if (seen.has(personId) || personId.includes(',')) return;
    seen.add(personId);
    const title = name !== undefined ? plainText(name, 80) : '';
    choices.push({ title: title === '' ? cardTexts.common.unknownPerson[language] : title, value: personId });
  };
  for (const member of members) add(member.personId, member.name);
  for (const personId of chosen) add(personId, names.get(personId));
  return choices;
}

/** The stage's documentation read-only, with the reason it cannot be edited now. */
function lockedForm(input: StageFormCardInput, stage: StageDefinition): AdaptiveCard {
  const { state, language, names } = input;
  const t = cardTexts.stageForm;
  const summarizer = new Summarizer();
  const reason =
    state.status === 'paused'
      ? t.locked.paused
      : state.status === 'stopped'
        ? t.locked.stopped
        : state.status === 'completed'
          ? t.locked.completed
          : t.locked.gatePending;
  const body: CardElement[] = [];
  if (input.notice !== undefined && input.notice !== '') body.push(banner(input.notice, 'accent'));
  if (input.recorded) body.push(savedBanner(state, stage, language, input.recorded));
  body.push(banner(`ℹ️ ${reason[language]}`, state.status === 'stopped' ? 'attention' : 'warning'));
  const round = state.stages[stage.id]?.round ?? 1;
  const roundText = round > 1 ? ` (${cardTexts.common.round(round)[language]})` : '';
  body.push(
    heading(`${cardTexts.status.documentation(templateText(stage.title, language))[language]}${roundText}`),
  );
  body.push(subtle(summarizer.inline(state.title, 200)));
  body.push(...documentationSummary({ state, stage, language, names, summarizer, limit: 300 }));
  if (stage.gate.requiresPoliticalDecision) {
    body.push(heading(t.political[language], { size: 'Default', separator: true }));
    body.push(...politicalFacts(state, stage, language, summarizer));
  }
  if (summarizer.shortened) body.push(subtle(cardTexts.common.shortenedFootnote[language]));
  return card(body, [statusAction(state, language)], { msteams: { width: 'Full' } });
}

function statusAction(state: CaseState, language: Language): CardAction {
  return execute(CARD_VERBS.showStatus, cardTexts.common.showStatus[language], {
    caseId: state.caseId,
    version: state.version,
  });
}
