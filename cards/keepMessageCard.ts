/**
 * The dialog of the message action "Keep as idea or barrier": the message's text to edit, what it is (an
 * idea, or a barrier in one of the template's categories: one choice, so no combination is impossible),
 * and which of the conversation's cases it goes to (the active one first). Teams shows it as a dialog
 * (a task module) and sends it back with `Action.Submit` as `composeExtension/submitAction`; the data
 * names the message and when and where the dialog was opened (`KeepMessageDialogData`), read back by
 * `parseKeepMessageSubmission`. Built in TypeScript: the categories come from the template.
 */
import type { Language, ProcessTemplate } from '../engine';
import { LIMITS } from '../engine';
import { cardTexts } from './cardTexts';
import { formatNumber, when } from './describe';
import type { AdaptiveCard, CardElement, Choice } from './elements';
import { banner, CARD_SCHEMA, CARD_VERSION, heading, subtle, textBlock } from './elements';
import { escapeMarkdown, NAME_LIMIT, plainText } from './text';
import type { KeepMessageDialogData } from './verbs';
import { INPUT_IDS, KEEP_AS_BARRIER_PREFIX, KEEP_AS_IDEA } from './verbs';

export interface KeepMessageDialogInput {
  language: Language;
  /** The cases of the conversation, the active one first. */
  cases: readonly { caseId: string; title: string; active: boolean }[];
  /** The template of the first case: its barrier categories are offered. */
  template: ProcessTemplate;
  /** The message's text, as plain text. */
  text: string;
  /** Who wrote the message, when Teams says (absent for a bot's or an app's message). */
  authorName?: string;
  writtenAt?: string;
  data: KeepMessageDialogData;
  /** What the person chose before, when the dialog comes back (a refusal). */
  chosen?: { kind?: string; caseId?: string };
  /** Shown above the form: why the last submit was not kept. Markdown, trusted. */
  notice?: string;
}

/** A submit action, as dialogs take it (Universal Actions do not run in a dialog). */
export interface DialogSubmitAction {
  type: 'Action.Submit';
  title: string;
  style?: 'positive';
  data: KeepMessageDialogData;
}

/** A dialog's card: the same card, with `Action.Submit` as its one action. */
export type DialogCard = Omit<AdaptiveCard, 'actions'> & { actions: DialogSubmitAction[] };

/** The dialog's title, which Teams shows in its frame. */
export function keepMessageDialogTitle(language: Language): string {
  return cardTexts.keepMessage.dialogTitle[language];
}

export function keepMessageDialogCard(input: KeepMessageDialogInput): DialogCard {
  const { language, template } = input;
  const t = cardTexts.keepMessage;
  const limit = LIMITS.ideaOrBarrier;
  const body: CardElement[] = [];
  if (input.notice !== undefined && input.notice !== '') body.push(banner(input.notice, 'attention'));
  body.push(heading(t.dialogTitle[language]));
  body.push(subtle(t.intro[language]));
  body.push(
    subtle(
      input.authorName === undefined
        ? t.fromUnknown[language]
        : t.from(
            escapeMarkdown(plainText(input.authorName, NAME_LIMIT)),
            input.writtenAt === undefined ? '' : when(input.writtenAt),
          )[language],
    ),
  );
  const kinds: Choice[] = [
    { title: t.idea[language], value: KEEP_AS_IDEA },
    ...template.barrierCategories.map((category) => ({
      title: plainText(t.barrier(category.label[language])[language], 120),
      value: `${KEEP_AS_BARRIER_PREFIX}${category.id}`,
    })),
  ];
  const chosenKind = kinds.some((k) => k.value === input.chosen?.kind) ? input.chosen?.kind : KEEP_AS_IDEA;
  body.push({
    type: 'Input.ChoiceSet',
    id: INPUT_IDS.keepMessage.kind,
    label: t.kind[language],
    style: 'compact',
    isRequired: true,
    errorMessage: cardTexts.submission.keepKind[language],
    choices: kinds,
    value: chosenKind ?? KEEP_AS_IDEA,
  });
  const cases: Choice[] = input.cases.map((c) => {
    const title = plainText(c.title, 100);
    return { title: c.active ? plainText(t.activeCase(title)[language]) : title, value: c.caseId };
  });
  const chosenCase = cases.some((c) => c.value === input.chosen?.caseId)
    ? input.chosen?.caseId
    : cases[0]?.value;
  body.push({
    type: 'Input.ChoiceSet',
    id: INPUT_IDS.keepMessage.caseId,
    label: t.case[language],
    style: 'compact',
    isRequired: true,
    errorMessage: cardTexts.submission.keepCase[language],
    choices: cases,
    ...(chosenCase !== undefined && { value: chosenCase }),
  });
  const shortened = input.text.length > limit;
  body.push({
    type: 'Input.Text',
    id: INPUT_IDS.keepMessage.text,
    label: t.text[language],
    isMultiline: true,
    isRequired: true,
    errorMessage: t.textRequired[language],
    maxLength: limit,
    value: shortened ? cutAt(input.text, limit) : input.text,
  });
  if (shortened)
    body.push(textBlock(t.shortened(formatNumber(limit, language))[language], { size: 'Small' }));
  return {
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    $schema: CARD_SCHEMA,
    body,
    actions: [{ type: 'Action.Submit', title: t.keep[language], style: 'positive', data: input.data }],
  };
}

/** The first `limit` UTF-16 units (what the engine's limit counts), never half a surrogate pair. */
function cutAt(text: string, limit: number): string {
  const cut = text.slice(0, limit);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
