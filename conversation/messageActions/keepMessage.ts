/**
 * «Ta vare på som idé eller barriere» / "Keep as idea or barrier" on any Teams message: a dialog with the
 * message's text to edit, idea or barrier (with the template's categories) and the conversation's case
 * (the active one first); its submit records the idea or barrier with where it came from (the message's
 * id and link, who wrote it, when), posts a line in the conversation that tells the writer, and answers
 * the person who kept it.
 *
 * What a submit must pass before anything is recorded: the dialog came from this conversation and this
 * message and is not stale (opened at most `KEEP_DIALOG_LIFETIME_MS` ago), the case is one of this
 * conversation's, the text has no hidden control characters (the dialog comes back without them, to
 * check), and the engine's own rules (who may record, the category, the text's limit). One message is
 * kept once per case: its delivery id is made from the message, so a second submit, by anyone, records
 * nothing and says it is kept already.
 */
import type {
  CaseState,
  Language,
  Localized,
  MessageOrigin,
  ProcessTemplate,
  RecordBarrier,
  RecordIdea,
} from '../../engine';
import { normaliseText, sha256Hex } from '../../engine';
import type { KeepMessageDialogData } from '../../cards';
import {
  escapeMarkdown,
  keepMessageDialogCard,
  keepMessageDialogTitle,
  KEEP_AS_BARRIER_PREFIX,
  KEEP_AS_IDEA,
  MESSAGE_ACTIONS,
  mentionText,
  parseKeepMessageSubmission,
  plainText,
  withoutHiddenCharacters,
} from '../../cards';
import { DeliveryReusedError } from '../../storage/eventLog';
import type { ConversationApp } from '../app';
import { texts } from '../botTexts';
import type { MentionTarget } from '../chat';
import type { DialogAnswer, DialogHere } from '../messageActionTurn';
import type { ActedOnMessage, Turn } from '../turn';
import type { MessageActionHandler } from './index';

/** How long a dialog may stay open before its submit is refused as stale (a working day and then some). */
export const KEEP_DIALOG_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** How far ahead of the app's clock a dialog's time may be (clocks of two instances differ a little). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export const keepMessage: MessageActionHandler = {
  async open(app, turn, message, here) {
    const offer = await casesToOffer(app, turn);
    if (offer === undefined) return { message: texts.keepNoCase[here.language] };
    return dialog(offer, message, here, {
      text: normaliseText(withoutHiddenCharacters(message.text)),
      data: {
        action: MESSAGE_ACTIONS.keepMessage,
        messageId: message.messageId,
        openedAt: turn.at,
        conversation: conversationDigest(turn.conversationId),
      },
    });
  },

  async submit(app, turn, message, data, here) {
    const parsed = parseKeepMessageSubmission(data);
    if ('error' in parsed) return { message: parsed.error[here.language] };
    const { dialog: opened } = parsed;
    if (opened.conversation !== conversationDigest(turn.conversationId))
      return { message: texts.keepOtherConversation[here.language] };
    if (opened.messageId !== message.messageId) return { message: texts.keepOtherMessage[here.language] };
    const age = Date.parse(turn.at) - Date.parse(opened.openedAt);
    if (!(age <= KEEP_DIALOG_LIFETIME_MS && age >= -CLOCK_SKEW_MS))
      return { message: texts.keepDialogStale[here.language] };

    const state = await app.services.cases.getCase(parsed.caseId);
    if (!state || state.conversationId !== turn.conversationId)
      return { message: texts.keepCaseNotHere[here.language] };
    const language = here.own ?? state.language;

    if (parsed.removedCharacters > 0) {
      const offer = await casesToOffer(app, turn);
      if (offer === undefined) return { message: texts.keepNoCase[language] };
      return dialog(
        offer,
        message,
        { ...here, language },
        {
          text: parsed.text,
          data: { action: MESSAGE_ACTIONS.keepMessage, ...opened },
          chosen: { kind: kindValue(parsed.kind), caseId: state.caseId },
          notice: texts.keepHiddenCharacters,
        },
      );
    }

    const template = app.services.templates.get(state.template);
    const writer = await writerOf(app, turn, message.author);
    const origin = originOf(message, writer);
    const command: RecordIdea | RecordBarrier =
      parsed.kind.as === 'idea'
        ? { type: 'RecordIdea', ideaId: keptId('i', state.caseId, message), text: parsed.text, origin }
        : {
            type: 'RecordBarrier',
            barrierId: keptId('b', state.caseId, message),
            text: parsed.text,
            category: parsed.kind.category,
            origin,
          };
    // One message, one keep per case: the delivery id is the message's, whoever submits.
    const keeping: Turn = {
      ...turn,
      deliveryId: `keep-${sha256Hex(message.messageId).slice(0, 40)}`,
      deliveryFingerprint: sha256Hex(`keep|${turn.actorId}|${message.messageId}`),
    };
    const title = plainText(state.title, 100);
    let outcome;
    try {
      outcome = await app.run(keeping, state.caseId, command);
    } catch (error) {
      if (error instanceof DeliveryReusedError) return { message: texts.keepAlreadyKept(title)[language] };
      throw error;
    }
    if (outcome.duplicate) return { message: texts.keepAlreadyKept(title)[language] };
    turn.recorded = true;

    const what: Localized =
      command.type === 'RecordIdea'
        ? texts.keepWhatIdea
        : texts.keepWhatBarrier(
            template.barrierCategories.find((c) => c.id === command.category)?.label ?? {
              nb: command.category,
              nn: command.category,
              en: command.category,
            },
          );
    await tellTheGroup(app, turn, outcome.state, writer, what);
    await app.carryOut(turn, outcome);
    await app.leftovers(turn, state.caseId);
    return { message: texts.keptAnswer(what, title)[language] };
  },
};

interface Offer {
  cases: { caseId: string; title: string; active: boolean }[];
  /** The first case offered: its template's categories are shown, its language is the dialog's. */
  first: CaseState;
  template: ProcessTemplate;
}

/** The conversation's cases, the active one first and then the newest; undefined when there are none. */
async function casesToOffer(app: ConversationApp, turn: Turn): Promise<Offer | undefined> {
  const [cases, record] = await Promise.all([
    app.casesHere(turn.conversationId),
    app.book.get(turn.conversationId),
  ]);
  const active = record?.activeCaseId;
  const ordered = [...cases].sort(
    (a, b) =>
      Number(b.caseId === active) - Number(a.caseId === active) || b.openedAt.localeCompare(a.openedAt),
  );
  const firstId = ordered[0]?.caseId;
  const first = firstId === undefined ? undefined : await app.services.cases.getCase(firstId);
  if (first === undefined) return undefined;
  return {
    cases: ordered.map((c) => ({ caseId: c.caseId, title: c.title, active: c.caseId === active })),
    first,
    template: app.services.templates.get(first.template),
  };
}

function dialog(
  offer: Offer,
  message: ActedOnMessage,
  here: DialogHere,
  content: {
    text: string;
    data: KeepMessageDialogData;
    chosen?: { kind: string; caseId: string };
    notice?: Localized;
  },
): DialogAnswer {
  const language: Language = here.own ?? offer.first.language;
  const card = keepMessageDialogCard({
    language,
    cases: offer.cases,
    template: offer.template,
    text: content.text,
    ...(message.author !== undefined && { authorName: message.author.name }),
    ...(message.writtenAt !== undefined && { writtenAt: message.writtenAt }),
    data: content.data,
    ...(content.chosen !== undefined && { chosen: content.chosen }),
    ...(content.notice !== undefined && { notice: content.notice[language] }),
  });
  return { dialog: { title: keepMessageDialogTitle(language), card } };
}

/**
 * The group's line: who kept whose message as what, in which case; the writer @mentioned and told, with
 * a word on research when researchers follow the case (and that their text is withheld if they declined).
 */
async function tellTheGroup(
  app: ConversationApp,
  turn: Turn,
  state: CaseState,
  writer: Writer | undefined,
  what: Localized,
): Promise<void> {
  const language = state.language;
  const actor = escapeMarkdown(plainText(turn.actorName, 80));
  const caseTitle = escapeMarkdown(plainText(state.title, 100));
  if (writer === undefined) {
    await turn.chat.post({ text: texts.keptWithoutAuthor(actor, what, caseTitle)[language] });
    return;
  }
  if (writer.personId === turn.actorId) {
    await turn.chat.post({ text: texts.keptOwn(actor, what, caseTitle)[language] });
    return;
  }
  await app.rememberPeople([
    { personId: writer.personId, displayName: writer.name, aadObjectId: writer.personId, seenAt: turn.at },
  ]);
  const [known] = await app.people.mentionsOf([writer.personId]);
  const target: MentionTarget = {
    personId: known?.personId ?? writer.personId,
    name: known === undefined || known.name === writer.personId ? writer.name : known.name,
  };
  const mention = mentionText(target.name);
  const followed = Object.values(state.roles).some((roles) => roles.includes('researcher'));
  const declined = (state.researchDeclined ?? []).includes(writer.personId);
  const lines = [
    texts.keptBy(actor, mention, what, caseTitle)[language],
    texts.keptToldAuthor(mention)[language],
  ];
  if (declined) lines.push(texts.keptAuthorDeclined[language]);
  else if (followed) lines.push(texts.keptResearchNote[language]);
  await turn.chat.post({ text: lines.join(' '), mentions: [target] });
}

/** Who wrote the message, under the id their own actions are recorded under (one person, one id). */
interface Writer {
  personId: string;
  name: string;
}

/**
 * The writer's person id: Teams names them by their Entra object id, which is the person id; a Teams
 * user id ("29:…", as the Agents Playground sends) is resolved through its binding or the member list,
 * and the person who keeps their own message is the actor. A writer who cannot be tied to an Entra id is
 * left out rather than recorded under a second id.
 */
async function writerOf(
  app: ConversationApp,
  turn: Turn,
  author: ActedOnMessage['author'],
): Promise<Writer | undefined> {
  if (author === undefined) return undefined;
  const { userId, name } = author;
  if (userId === turn.sender.teamsUserId || userId === turn.sender.aadObjectId) {
    return { personId: turn.actorId, name: name || turn.actorName };
  }
  if (!userId.startsWith('29:')) return { personId: userId, name };
  const personId =
    (await app.services.people.personOfTeamsUser(userId)) ?? (await turn.members.get(userId))?.aadObjectId;
  return personId === undefined ? undefined : { personId, name };
}

function originOf(message: ActedOnMessage, writer: Writer | undefined): MessageOrigin {
  return {
    kind: 'message',
    messageId: message.messageId,
    ...(message.link !== undefined && { link: message.link }),
    ...(writer !== undefined && { authorId: writer.personId }),
    ...(message.writtenAt !== undefined && { writtenAt: message.writtenAt }),
  };
}

/** The idea's or barrier's id, from the case and the message: a redelivery makes the same one. */
function keptId(prefix: 'i' | 'b', caseId: string, message: ActedOnMessage): string {
  return `${prefix}${sha256Hex(`${caseId}|${message.messageId}`).slice(0, 24)}`;
}

function kindValue(kind: { as: 'idea' } | { as: 'barrier'; category: string }): string {
  return kind.as === 'idea' ? KEEP_AS_IDEA : `${KEEP_AS_BARRIER_PREFIX}${kind.category}`;
}

/** A dialog is answered in the conversation it was opened in: its data carries this digest. */
function conversationDigest(conversationId: string): string {
  return sha256Hex(`keep-dialog|${conversationId}`).slice(0, 32);
}
