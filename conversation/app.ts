/**
 * What every handler of the conversation layer works with: the services, the turn's beginning (who acts,
 * whom the message mentions, the bookkeeping about people and the conversation), running a command and
 * telling what it means, and the views several handlers show (status, stage form, approval card).
 *
 * The handlers themselves are one file each: a chat intent in `chatIntents/`, a card verb in
 * `cardActions/`, found by the name of what the person did. This class holds only what more than one of
 * them needs.
 */
import type { CaseService, CommandOutcome } from '../application/caseService';
import type { Outbox } from '../application/outbox';
import type {
  CaseCommand,
  CaseEvent,
  CaseState,
  DecisionSummary,
  Language,
  Localized,
  NorwegianForm,
  ProcessTemplate,
  TemplateCatalog,
} from '../engine';
import {
  decisionOnReview,
  isNorwegianForm,
  pendingReview,
  recentDecisionOn,
  isDomainError,
  mayDecide,
  sha256Hex,
  ValidationError,
  whoMustDecide,
} from '../engine';
import type { Logger } from '../platform/logger';
import type { EventLog } from '../storage/eventLog';
import { StorageUnavailableError } from '../storage/eventLog';
import type { ConversationStore } from '../storage/conversationStore';
import type { PeopleDirectory, PersonSighting } from '../storage/peopleDirectory';
import { approvalCard, stageFormCard, statusCard, type RecordedSummary } from '../cards';
import { texts } from './botTexts';
import type { Chat, Members } from './chat';
import type { ConversationBook } from './conversationBook';
import type { EffectRunner } from './effectRunner';
import { Identities, type IdentityOptions } from './identity';
import type { PeopleView } from './peopleView';
import type { AskOptions, QuestionLoop } from './questionLoop';
import { placeOf, type Turn, type TurnFacts } from './turn';

/** Everything the bot and the timers work with; runtime/bot.ts builds it from settings. */
export interface BotServices {
  cases: CaseService;
  log: EventLog;
  templates: TemplateCatalog;
  conversations: ConversationStore;
  people: PeopleDirectory;
  /** The app's clock: the one place "now" comes from, so tests can set it. */
  clock: () => Date;
  /** Delivers what commands must tell (built from `log` and `clock` when absent). */
  outbox?: Outbox;
  logger?: Logger;
  /** The municipality's time zone, for dates in messages (Europe/Oslo when absent). */
  timeZone?: string;
  /**
   * The municipality's written form of Norwegian (MUNICIPALITY_WRITTEN_FORM; Bokmål when absent): what a
   * Norwegian Teams locale, and a case opened with words both forms share ("ny sak"), get.
   */
  writtenForm?: NorwegianForm;
}

/** How a card is drawn for whoever sees it: in their language, with a line on top. */
export interface ViewOptions {
  /** The viewer's language; the case's when absent (a card posted for everyone). */
  language?: Language;
  notice?: string;
}

/** How long a person's own language is trusted from this process's memory before it is read again. */
export const OWN_LANGUAGE_CACHE_MS = 60_000;

/** The shared pieces (conversation/botParts.ts builds them once per process). */
export interface ConversationParts {
  logger: Logger;
  people: PeopleView;
  book: ConversationBook;
  questions: QuestionLoop;
  runner: EffectRunner;
}

export interface RunOptions {
  /** Appended to the delivery id when one activity carries several commands ("leder @A @B"). */
  deliverySuffix?: string;
}

/** Longer than any display name Teams gives; see `beginTurn`. */
const MAX_DISPLAY_NAME = 256;

export class ConversationApp {
  readonly logger: Logger;
  readonly people: PeopleView;
  readonly book: ConversationBook;
  readonly questions: QuestionLoop;
  readonly runner: EffectRunner;
  private readonly identities: Identities;
  /** People already written to the directory by this process, to avoid a write on every turn. */
  private readonly knownPeople = new Map<string, string>();
  /** Conversation references already stored by this process. */
  private readonly knownReferences = new Map<string, string>();
  /** People's own languages as last read or set by this process, and when (see `ownLanguage`). */
  private readonly ownLanguages = new Map<string, { language: Language | undefined; at: number }>();

  constructor(
    readonly services: BotServices,
    parts: ConversationParts,
    identity: IdentityOptions,
  ) {
    this.logger = parts.logger;
    this.people = parts.people;
    this.book = parts.book;
    this.questions = parts.questions;
    this.runner = parts.runner;
    this.identities = new Identities(services.people, identity, parts.logger);
  }

  // ── The beginning of a turn ─────────────────────────────────────────────────────────────────────

  /**
   * Who acts (one person, one id: identity.ts), the people the message mentions, and the way back to the
   * conversation. Remembering names and the reference is bookkeeping: when storage refuses it, the turn
   * goes on (nothing the person asked for depends on it), and the next turn tries again.
   */
  async beginTurn(
    facts: TurnFacts,
    chat: Chat,
    members: Members,
    options: { identify?: boolean } = {},
  ): Promise<Turn> {
    const actorId =
      options.identify === false
        ? (facts.sender.aadObjectId ?? facts.sender.teamsUserId)
        : await this.identities.actorOf(facts.sender, members);
    const resolved = await Promise.all(
      facts.mentions.map((mention) => this.identities.mentioned(members, mention)),
    );
    const turn: Turn = {
      ...facts,
      actorId,
      mentions: resolved.map((r) => r.sighting),
      unresolvedMentions: resolved.filter((r) => !r.resolved).map((r) => r.sighting.displayName),
      chat,
      members,
      recorded: false,
    };
    const { sender } = facts;
    await this.rememberPeople([
      {
        personId: actorId,
        displayName: facts.actorName,
        teamsUserId: sender.teamsUserId,
        ...(sender.aadObjectId !== undefined &&
          sender.aadObjectId !== '' && { aadObjectId: sender.aadObjectId }),
        seenAt: facts.at,
      },
      ...resolved.filter((r) => r.resolved).map((r) => r.sighting),
    ]);
    const reference = JSON.stringify(facts.reference);
    if (this.knownReferences.get(facts.conversationId) !== reference) {
      if (await this.book.note(placeOf(turn), 'remember the way back to the conversation')) {
        this.knownReferences.set(facts.conversationId, reference);
      }
    }
    return turn;
  }

  /** Writes the names seen in a turn to the people directory; bookkeeping, so it never fails the turn. */
  async rememberPeople(sightings: readonly PersonSighting[]): Promise<void> {
    for (const sighting of sightings) {
      // A display name is who someone is, not documentation: one longer than any real name (a forged
      // activity) is not kept, instead of failing every turn of that person at the storage limit.
      if (!sighting.displayName || sighting.displayName.length > MAX_DISPLAY_NAME) continue;
      if (this.knownPeople.get(sighting.personId) === sighting.displayName) continue;
      try {
        await this.services.people.upsertPerson(sighting);
        this.knownPeople.set(sighting.personId, sighting.displayName);
      } catch (error) {
        this.logger.warn('A name could not be remembered; the turn goes on without it', { error });
      }
    }
  }

  /** Refuses a command that names people by @mention when Teams could not say who one of them is. */
  requireKnownMentions(turn: Turn): void {
    if (turn.unresolvedMentions.length === 0) return;
    const names = turn.unresolvedMentions.map((name) => `«${name}»`).join(', ');
    throw new ValidationError('unknownMention', texts.unknownMention(names));
  }

  // ── Running commands ────────────────────────────────────────────────────────────────────────────

  /**
   * Runs a command on a case as the turn's actor. People in the conversation are the project group:
   * someone who has not joined the case yet joins it as a member with their first action, in the same
   * append (a refused action records no join). A refusal is thrown (a domain error); the turn translates.
   */
  async run(
    turn: Turn,
    caseId: string,
    command: CaseCommand,
    options: RunOptions = {},
  ): Promise<CommandOutcome> {
    const { deliverySuffix = '' } = options;
    const outcome = await this.services.cases.execute({
      caseId,
      command,
      actorId: turn.actorId,
      at: turn.at,
      ...(turn.deliveryId !== undefined && {
        deliveryId: `${turn.deliveryId}${deliverySuffix}`,
        deliveryFingerprint: turn.deliveryFingerprint,
      }),
      ...(turn.threadId !== turn.conversationId && { replyTo: turn.threadId }),
    });
    if (outcome.events.length > 0) turn.recorded = true;
    return outcome;
  }

  /**
   * Tells the group what a recorded command means (effectRunner.ts). A duplicate tells nothing here: its
   * first delivery told it, or left it in the outbox for `leftovers` once its lease ran out.
   */
  async carryOut(turn: Turn, outcome: CommandOutcome): Promise<void> {
    if (outcome.duplicate || outcome.outbox.length === 0) return;
    await this.runner.inTurn(turn.chat, placeOf(turn), outcome);
  }

  /** At the end of a turn: what earlier commands of the case left untold (a crash, a connector outage). */
  async leftovers(turn: Turn, caseId: string | undefined): Promise<void> {
    if (caseId === undefined) return;
    try {
      await this.runner.leftoversInTurn(turn.chat, placeOf(turn), caseId);
    } catch (error) {
      // What this turn was for is done and answered; the outbox timer delivers the rest.
      this.logger.warn('Undelivered effects could not be delivered in this turn', { caseId, error });
    }
  }

  /** The one place an error becomes words for people; anything unexpected is logged once here. */
  errorText(error: unknown, details: Readonly<Record<string, unknown>>): Localized {
    if (isDomainError(error)) return error.text;
    if (error instanceof StorageUnavailableError)
      return error.outcomeUnknown ? error.text : texts.storageDown;
    this.logger.error('Unexpected error in a bot turn', { ...details, error });
    return texts.unexpected;
  }

  // ── Reading and showing ─────────────────────────────────────────────────────────────────────────

  async casesHere(
    conversationId: string,
  ): Promise<{ caseId: string; title: string; status: string; openedAt: string }[]> {
    const found = [];
    for await (const summary of this.services.log.listCases({ conversationId })) found.push(summary);
    return found.sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  }

  /** An id derived from the activity: a redelivery produces the same id, so nothing is recorded twice. */
  idFor(turn: Turn, kind: string): string {
    const source = `${turn.conversationId}|${turn.deliveryId ?? turn.at}|${kind}`;
    return `${kind.charAt(0)}${sha256Hex(source).slice(0, 24)}`;
  }

  async say(turn: Turn, text: Localized, language: Language): Promise<void> {
    await turn.chat.post({ text: text[language] });
  }

  askNext(turn: Turn, state: CaseState, template: ProcessTemplate, options: AskOptions): Promise<unknown> {
    return this.questions.askNext(turn.chat, placeOf(turn), state, template, options);
  }

  /** The municipality's written form of Norwegian. */
  get writtenForm(): NorwegianForm {
    return this.services.writtenForm ?? 'nb';
  }

  /**
   * The language a person asked for, where asking for Norwegian without naming a form («ny sak», which
   * both forms write, or «språk norsk») gets the turn's Norwegian: Nynorsk for a Nynorsk locale, else the
   * municipality's written form. The one rule for every command that names a language.
   */
  languageAskedFor(turn: Turn, asked: Language | 'norwegian'): Language {
    if (asked !== 'norwegian') return asked;
    return isNorwegianForm(turn.language) ? turn.language : this.writtenForm;
  }

  /**
   * The language a person chose for what only they see (`mitt språk nn`), or undefined: kept for a minute
   * in this process, so a card click costs no read when the person clicked a moment ago. A read that
   * fails counts as no choice: the case's language is shown, and nothing the person asked for fails.
   */
  async ownLanguage(personId: string): Promise<Language | undefined> {
    const now = this.services.clock().getTime();
    const known = this.ownLanguages.get(personId);
    if (known !== undefined && now - known.at < OWN_LANGUAGE_CACHE_MS) return known.language;
    try {
      const language = await this.services.people.languageOf(personId);
      this.ownLanguages.set(personId, { language, at: now });
      return language;
    } catch (error) {
      this.logger.warn("A person's own language could not be read; the case's language is shown", {
        personId,
        error,
      });
      return undefined;
    }
  }

  /** Sets (or, with undefined, forgets) the person's own language. */
  async setOwnLanguage(personId: string, language: Language | undefined): Promise<void> {
    await this.services.people.setLanguage(personId, language);
    this.ownLanguages.set(personId, { language, at: this.services.clock().getTime() });
  }

  async statusCard(state: CaseState, view: ViewOptions = {}): Promise<object> {
    const template = this.services.templates.get(state.template);
    return statusCard({
      state,
      template,
      language: view.language ?? state.language,
      names: await this.people.namesOf(state),
      ...(view.notice !== undefined && { notice: view.notice }),
    });
  }

  async stageForm(state: CaseState, view: ViewOptions = {}, recorded?: RecordedSummary): Promise<object> {
    const template = this.services.templates.get(state.template);
    const names = await this.people.namesOf(state);
    const members = [...names.entries()].map(([personId, name]) => ({ personId, name }));
    return stageFormCard({
      state,
      template,
      language: view.language ?? state.language,
      names,
      members,
      ...(view.notice !== undefined && { notice: view.notice }),
      ...(recorded !== undefined && { recorded }),
    });
  }

  /** The approval card for one request, as the acting person should see it now. */
  async approvalView(
    turn: Turn,
    state: CaseState,
    requestSeq: number,
    view: ViewOptions = {},
  ): Promise<object> {
    const template = this.services.templates.get(state.template);
    const names = await this.people.namesOf(state);
    const pending = pendingReview(state, requestSeq);
    const decided = pending
      ? undefined
      : (recentDecisionOn(state, requestSeq) ?? (await this.decisionFromLog(state.caseId, requestSeq)));
    return approvalCard({
      state,
      template,
      language: view.language ?? state.language,
      names,
      viewer: pending && mayDecide(state, template, turn.actorId) ? 'decider' : 'observer',
      mentions: await this.people.mentionsOf(pending ? whoMustDecide(state, template) : []),
      ...(decided !== undefined && { decided }),
      ...(view.notice !== undefined && { notice: view.notice }),
      requestSeq,
    });
  }

  /** An older review's decision, which has left the state's recent ones: read from the log. */
  private async decisionFromLog(caseId: string, requestSeq: number): Promise<DecisionSummary | undefined> {
    if (!Number.isSafeInteger(requestSeq) || requestSeq < 1) return undefined;
    const events: { seq: number; event: CaseEvent }[] = [];
    for await (const stored of this.services.log.readEvents(caseId)) events.push(stored);
    return decisionOnReview(events, requestSeq);
  }

  /** Makes a case the one the conversation's commands act on. */
  async makeActive(turn: Turn, caseId: string): Promise<void> {
    await this.book.update(placeOf(turn), (record) => ({ ...record, activeCaseId: caseId }));
  }
}
