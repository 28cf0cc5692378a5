/**
 * The Teams bot: turns messages and card actions into engine commands, and the engine's effects into
 * cards and replies. It holds no process rules of its own: what may happen is decided by the engine
 * (through CaseService); the bot checks only what belongs to Teams (that a card's case lives in this
 * conversation, that a card is not stale) and translates refusals into friendly replies, once, here.
 */
import type {
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  Attachment,
  TurnContext,
} from 'botbuilder';
import { CardFactory, TeamsActivityHandler, TeamsInfo } from 'botbuilder';
import type {
  CaseCommand,
  CaseState,
  GateDecision,
  Language,
  Localized,
  ProcessTemplate,
  TemplateCatalog,
} from '../engine';
import { assertNever, DEFAULT_TEMPLATE_ID, isDomainError, sha256Hex, stageOf } from '../engine';
import type { CaseService, CommandOutcome } from '../application/caseService';
import type { Outbox } from '../application/outbox';
import { isTimeout, withDeadline } from '../platform/deadline';
import { consoleLogger, type Logger } from '../platform/logger';
import type { EventLog } from '../storage/eventLog';
import { StorageUnavailableError } from '../storage/eventLog';
import type { ConversationRecord, ConversationStore } from '../storage/conversationStore';
import type { PeopleDirectory } from '../storage/peopleDirectory';
import type { BotIntent } from './commandParser';
import { commandHelp, ideaSourceOf, parseCommand } from './commandParser';
import { answerFromText } from './answerFromText';
import { texts } from './botTexts';
import { boundConnectorCalls } from './connectorDeadline';
import { botParts, type BotParts } from './botParts';
import type { ConversationBook, Place } from './conversationBook';
import type { EffectRunner, ProactiveSender } from './effectRunner';
import type { PeopleView } from './peopleView';
import type { AskOptions, QuestionLoop } from './questionLoop';
import { Identities, type IdentityOptions } from './identity';
import type { TurnFacts } from './turn';
import { readTurn, referenceOf } from './turn';
import {
  approvalCard,
  CARD_VERBS,
  escapeMarkdown,
  helpCard,
  openCaseFormCard,
  parseCardAction,
  parseGateDecision,
  parseOpenCaseSubmission,
  parseStageFormSubmission,
  type RecordedSummary,
  stageFormCard,
  statusCard,
  welcomeCard,
} from '../cards';

/** Everything the bot and the reminder timer work with; runtime/bot.ts builds it from settings. */
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
}

/**
 * How long a turn may take. Teams waits about 15 s for the answer to a message and 5 s for the answer to
 * a card action (then shows an error and may send the activity again); each turn ends well inside that,
 * and every storage and connector call in it is bounded by what is left (platform/deadline.ts).
 */
export const TURN_BUDGET_MS = { message: 12_000, invoke: 4_500 } as const;

/** A decision from the dashboard: the page waits for it, with its own progress message. */
const OUTSIDE_DECISION_BUDGET_MS = 10_000;

/** A gate decision made outside the chat (the dashboard tab), for `decideOutsideChat`. */
export interface OutsideDecision {
  caseId: string;
  stageId: string;
  /** The review request the person saw; a decision on an older one is refused by the engine. */
  requestSeq: number;
  decision: GateDecision;
  /** The decider's person id (Entra object id, from their token). */
  actorId: string;
  /** Makes a retried request record nothing twice, like a redelivered activity. */
  deliveryId: string;
}

export interface OutsideDecisionResult {
  state: CaseState;
  /** True when nothing was recorded now: the same request had been recorded before. */
  duplicate: boolean;
  /** Whether the chat was told (card updated, outcome announced); the decision stands either way. */
  announced: boolean;
}

/** A command the engine or storage refused; the words for the person, in both languages. */
interface Refused {
  refusal: Localized;
}

function isRefused(result: CommandOutcome | Refused): result is Refused {
  return 'refusal' in result;
}

/** Raised inside a turn to end it with a reply; never leaves the bot. */
class Reply extends Error {
  constructor(readonly text: Localized) {
    super(text.en);
  }
}

interface Turn extends TurnFacts {
  context: TurnContext;
  /** Names of mentioned people Teams could not tie to an Entra id (see `requireKnownMentions`). */
  unresolvedMentions: string[];
  /** Set once a command of this turn is stored: a later failure must not say "nothing was saved". */
  recorded: boolean;
}

export class InnovationBot extends TeamsActivityHandler {
  /** People already written to the directory by this process, to avoid a write on every turn. */
  private readonly knownPeople = new Map<string, string>();
  /** Conversation references already stored by this process. */
  private readonly knownReferences = new Map<string, string>();
  private readonly logger: Logger;
  private readonly people: PeopleView;
  private readonly book: ConversationBook;
  private readonly questions: QuestionLoop;
  private readonly runner: EffectRunner;
  private readonly identities: Identities;

  constructor(
    private readonly services: BotServices,
    parts: BotParts = botParts(services, services.logger ?? consoleLogger),
    options: Partial<IdentityOptions> = {},
  ) {
    super();
    this.identities = new Identities(
      services.people,
      { requireEntraId: options.requireEntraId ?? true },
      parts.logger,
    );
    this.logger = parts.logger;
    this.people = parts.people;
    this.book = parts.book;
    this.questions = parts.questions;
    this.runner = parts.runner;
    this.onMessage(async (context, next) => {
      await this.guarded(context, () => this.handleMessage(context));
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.guarded(context, () => this.welcome(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some(
        (m) => m.id === context.activity.recipient.id,
      );
      if (botAdded) await this.guarded(context, () => this.welcome(context));
      await next();
    });
  }

  /** Every turn runs within its budget, and its connector calls are bounded by it. */
  override run(context: TurnContext): Promise<void> {
    const budget = context.activity.type === 'invoke' ? TURN_BUDGET_MS.invoke : TURN_BUDGET_MS.message;
    return withDeadline(budget, () => {
      boundConnectorCalls(context);
      return super.run(context);
    });
  }

  /** The effect runner, for the reminder run and the outbox timer (they deliver through it too). */
  get effects(): EffectRunner {
    return this.runner;
  }

  // ── Messages ────────────────────────────────────────────────────────────────────────────────────

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = await this.beginTurn(context);
    // In "ny sak X @Mia" and "leder @Kari" the mentions are arguments; in ideas and answers they are
    // part of what was said ("idé: spør @Kari om turnus" keeps the name).
    const withoutMentions = parseCommand(turn.textWithoutMentions);
    const intent =
      withoutMentions.kind === 'openCase' || withoutMentions.kind === 'role'
        ? withoutMentions
        : parseCommand(turn.text);
    const record = await this.services.conversations.get(turn.conversationId);
    const state = record?.activeCaseId ? await this.services.cases.getCase(record.activeCaseId) : undefined;
    const language = state?.language ?? turn.language;
    try {
      await this.dispatch(turn, intent, state, record, language);
      await this.leftovers(turn, state?.caseId);
    } catch (error) {
      if (error instanceof Reply) {
        await this.say(turn, error.text, language);
        await this.leftovers(turn, state?.caseId);
        return;
      }
      // A connector failure is handled at the turn's edge (no further message would get through).
      if (!turn.recorded || isConnectorFailure(error)) throw error;
      // What the person asked for is stored; only the bot's own bookkeeping or reply after it failed.
      // Saying "nothing was saved" here would make them repeat it (and open a second case).
      this.errorText(error, context);
      await this.say(turn, texts.savedButFollowUpFailed, language);
    }
  }

  private async dispatch(
    turn: Turn,
    intent: BotIntent,
    state: CaseState | undefined,
    record: ConversationRecord | undefined,
    language: Language,
  ): Promise<void> {
    switch (intent.kind) {
      case 'help':
        await this.sendCard(turn, helpCard(language, commandHelp(language)));
        return;
      case 'openCase':
        if (intent.title === undefined) {
          await this.sendCard(turn, openCaseFormCard(await this.openCaseForm(turn, language)));
          return;
        }
        this.requireKnownMentions(turn);
        // A new case speaks the opener's Teams language, not the language of the case open before it.
        await this.openCase(turn, {
          title: intent.title,
          managerIds: turn.mentions.map((m) => m.personId),
          language: turn.language,
        });
        return;
      case 'listCases':
        await this.listCases(turn, record, language);
        return;
      case 'switchCase':
        await this.switchCase(turn, intent.which, language);
        return;
      default:
        break;
    }

    if (!state) throw new Reply(texts.noActiveCase);
    const template = this.services.templates.get(state.template);

    switch (intent.kind) {
      case 'status':
        await this.sendCard(
          turn,
          statusCard({ state, template, language, names: await this.namesOf(state) }),
        );
        return;
      case 'stageForm':
        await this.sendCard(turn, await this.stageForm(state, template, language));
        return;
      case 'nextQuestion':
        await this.askNext(turn, state, template, { reaskSkipped: true });
        return;
      case 'skip':
        await this.skip(turn, state, template, record);
        return;
      case 'notApplicable':
        if (!intent.reason) throw new Reply(texts.needReason);
        await this.answerPending(turn, state, template, record, {
          type: 'notApplicable',
          reason: intent.reason,
        });
        return;
      case 'answer':
      case 'text':
        if (!record?.pendingQuestion || record.pendingQuestion.caseId !== state.caseId) {
          throw new Reply(intent.kind === 'answer' ? texts.noPendingQuestion : texts.didNotUnderstand);
        }
        await this.answerPending(turn, state, template, record, intent.text);
        return;
      case 'idea': {
        if (!intent.text) throw new Reply(texts.needText);
        const { source, text } = ideaSourceOf(intent.text, template.ideaSources);
        const outcome = await this.execute(turn, state, {
          type: 'RecordIdea',
          ideaId: this.idFor(turn, 'idea'),
          text,
          ...(source !== undefined && { source: source.id }),
        });
        if (!isRefused(outcome)) {
          await this.say(
            turn,
            source ? texts.ideaRecordedWithSource(source.label) : texts.ideaRecorded,
            language,
          );
        }
        return;
      }
      case 'barrier': {
        if (!intent.text) throw new Reply(texts.needText);
        const { category, text } = barrierCategoryOf(intent.text, template);
        const outcome = await this.execute(turn, state, {
          type: 'RecordBarrier',
          barrierId: this.idFor(turn, 'barrier'),
          text,
          category: category.id,
        });
        if (!isRefused(outcome)) await this.say(turn, texts.barrierRecorded(category.label), language);
        return;
      }
      case 'requestReview': {
        const outcome = await this.execute(turn, state, {
          type: 'RequestGateReview',
          stageId: state.currentStageId,
        });
        if (!isRefused(outcome)) {
          await this.say(
            turn,
            texts.reviewRequested(stageOf(template, state.currentStageId).title),
            language,
          );
          await this.carryOut(turn, outcome);
        }
        return;
      }
      case 'withdrawReview': {
        const outcome = await this.execute(turn, state, {
          type: 'WithdrawGateReview',
          stageId: state.gate?.stageId ?? state.currentStageId,
          ...(intent.reason !== undefined && { reason: intent.reason }),
        });
        if (!isRefused(outcome)) await this.carryOut(turn, outcome);
        return;
      }
      case 'language': {
        if (!intent.language) throw new Reply(texts.languageHelp);
        const outcome = await this.execute(turn, state, {
          type: 'ChangeLanguage',
          language: intent.language,
        });
        if (!isRefused(outcome)) await this.say(turn, texts.languageChanged, intent.language);
        return;
      }
      case 'join': {
        const outcome = await this.execute(turn, state, { type: 'JoinCase' }, { autoJoin: false });
        if (!isRefused(outcome)) await this.say(turn, texts.joined, language);
        return;
      }
      case 'role': {
        if (turn.mentions.length === 0) {
          // "Leder for hjemmetjenesten …" is more likely an answer than a role command.
          if (record?.pendingQuestion?.caseId === state.caseId) {
            await this.answerPending(turn, state, template, record, turn.text);
            return;
          }
          throw new Reply(texts.needMention);
        }
        this.requireKnownMentions(turn);
        let changed = 0;
        for (const person of turn.mentions) {
          const outcome = await this.execute(
            turn,
            state,
            {
              type: intent.revoke ? 'RevokeRole' : 'AssignRole',
              personId: person.personId,
              role: intent.role,
            },
            { deliverySuffix: `:${person.personId}`, autoJoin: false },
          );
          if (isRefused(outcome)) return;
          changed += 1;
        }
        await this.say(turn, texts.roleChanged(changed, intent.revoke), language);
        return;
      }
      case 'pause':
      case 'stop': {
        const command: CaseCommand =
          intent.kind === 'pause'
            ? { type: 'PauseCase', reason: intent.reason }
            : { type: 'StopCase', reason: intent.reason };
        const outcome = await this.execute(turn, state, command, { autoJoin: false });
        if (!isRefused(outcome)) await this.carryOut(turn, outcome);
        return;
      }
      case 'resume': {
        const outcome = await this.execute(turn, state, { type: 'ResumeCase' }, { autoJoin: false });
        if (!isRefused(outcome)) {
          await this.say(turn, texts.resumed, language);
          await this.carryOut(turn, outcome);
        }
        return;
      }
      case 'declineResearch':
      case 'allowResearch': {
        const declined = intent.kind === 'declineResearch';
        const outcome = await this.execute(
          turn,
          state,
          { type: 'RecordResearchConsent', consent: declined ? 'declined' : 'given' },
          { autoJoin: false },
        );
        if (!isRefused(outcome)) {
          await this.say(turn, declined ? texts.researchDeclined : texts.researchAllowed, language);
        }
        return;
      }
      default:
        assertNever(intent);
    }
  }

  // ── Cases ───────────────────────────────────────────────────────────────────────────────────────

  private async openCase(
    turn: Turn,
    details: {
      title: string;
      unit?: string;
      municipality?: string;
      managerIds: string[];
      language: Language;
      templateId?: string;
    },
    quiet = false,
  ): Promise<CaseState | Refused> {
    const template = this.services.templates.latest(details.templateId ?? DEFAULT_TEMPLATE_ID);
    // The case id comes from the activity, so a redelivered "new case" finds the case it opened.
    const caseId = this.idFor(turn, 'case');
    const outcome = await this.runCommand(
      turn,
      caseId,
      {
        type: 'OpenCase',
        caseId,
        title: details.title,
        ...(details.unit !== undefined && { unit: details.unit }),
        ...(details.municipality !== undefined && { municipality: details.municipality }),
        conversationId: turn.conversationId,
        template: { id: template.id, version: template.version },
        language: details.language,
        managerIds: details.managerIds,
      },
      { quiet },
    );
    if (isRefused(outcome)) return outcome;
    await this.services.conversations.update(turn.conversationId, (current) => ({
      ...this.recordFor(turn, current),
      activeCaseId: caseId,
    }));
    // Said again for a redelivery too: its first delivery's reply may never have got out.
    await this.say(turn, texts.caseOpened(escapeMarkdown(outcome.state.title)), outcome.state.language);
    await this.carryOut(turn, outcome);
    return outcome.state;
  }

  private async listCases(
    turn: Turn,
    record: ConversationRecord | undefined,
    language: Language,
  ): Promise<void> {
    const cases = await this.casesHere(turn.conversationId);
    if (cases.length === 0) throw new Reply(texts.noCases);
    const lines = cases.map(
      (c, i) =>
        `${i + 1}. ${c.caseId === record?.activeCaseId ? '▶ ' : ''}${escapeMarkdown(c.title)} (${c.status})`,
    );
    await this.say(turn, texts.casesList(lines), language);
  }

  private async switchCase(turn: Turn, which: string, language: Language): Promise<void> {
    const cases = await this.casesHere(turn.conversationId);
    const index = /^\d+$/.test(which.trim()) ? Number(which.trim()) - 1 : -1;
    const chosen =
      cases[index] ??
      cases.find((c) => c.title.toLowerCase().includes(which.trim().toLowerCase()) && which.trim() !== '');
    if (!chosen) throw new Reply(texts.caseNotFoundHere);
    await this.services.conversations.update(turn.conversationId, (current) => ({
      ...this.recordFor(turn, current),
      activeCaseId: chosen.caseId,
    }));
    await this.say(turn, texts.switched(escapeMarkdown(chosen.title)), language);
  }

  private async casesHere(
    conversationId: string,
  ): Promise<{ caseId: string; title: string; status: string; openedAt: string }[]> {
    const found = [];
    for await (const summary of this.services.log.listCases({ conversationId })) found.push(summary);
    return found.sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  }

  // ── Conversational documentation ────────────────────────────────────────────────────────────────

  private askNext(
    turn: Turn,
    state: CaseState,
    template: ProcessTemplate,
    options: AskOptions,
  ): Promise<unknown> {
    return this.questions.askNext(turn.context, placeOf(turn), state, template, options);
  }

  private async skip(
    turn: Turn,
    state: CaseState,
    template: ProcessTemplate,
    record: ConversationRecord | undefined,
  ): Promise<void> {
    const pending = record?.pendingQuestion;
    if (!pending || pending.caseId !== state.caseId) throw new Reply(texts.noPendingQuestion);
    const stage = stageOf(template, pending.stageId);
    const prompt = stage.prompts.find((p) => p.id === pending.promptId);
    if (prompt) await this.say(turn, texts.skipped(prompt.label), state.language);
    await this.askNext(turn, state, template, {
      reaskSkipped: false,
      skipped: [...new Set([...pending.skipped, pending.promptId])],
    });
  }

  private async answerPending(
    turn: Turn,
    state: CaseState,
    template: ProcessTemplate,
    record: ConversationRecord | undefined,
    reply: string | { type: 'notApplicable'; reason: string },
  ): Promise<void> {
    const pending = record?.pendingQuestion;
    if (!pending || pending.caseId !== state.caseId) throw new Reply(texts.noPendingQuestion);
    const stage = stageOf(template, pending.stageId);
    const prompt = stage.prompts.find((p) => p.id === pending.promptId);
    if (!prompt) throw new Reply(texts.noPendingQuestion);
    let answer;
    if (typeof reply === 'string') {
      if (prompt.kind === 'person') this.requireKnownMentions(turn);
      const parsed = answerFromText(
        prompt,
        reply,
        turn.mentions.map((m) => m.personId),
      );
      if ('problem' in parsed) throw new Reply(parsed.problem);
      answer = parsed.answer;
    } else {
      answer = reply;
    }
    // The engine refuses an answer for a stage the case has left (a question asked before a send-back).
    const outcome = await this.execute(turn, state, {
      type: 'RecordDocumentation',
      stageId: pending.stageId,
      answers: [{ promptId: prompt.id, answer }],
    });
    if (isRefused(outcome)) return;
    await this.say(
      turn,
      outcome.events.length > 0 || outcome.duplicate
        ? texts.recorded(prompt.label)
        : texts.unchanged(prompt.label),
      state.language,
    );
    if (!outcome.duplicate) await this.askNext(turn, outcome.state, template, { reaskSkipped: false });
  }

  // ── Card actions (Universal Actions, Action.Execute) ────────────────────────────────────────────

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    try {
      const turn = await this.beginTurn(context);
      const response = await this.handleCardAction(turn, value);
      const caseId = (value.action as { data?: { caseId?: unknown } } | undefined)?.data?.caseId;
      await this.leftovers(turn, typeof caseId === 'string' && caseId !== '' ? caseId : undefined);
      return response;
    } catch (error) {
      const language = (await this.beginTurnFacts(context)).language;
      return messageResponse(this.errorText(error, context)[language]);
    }
  }

  private async handleCardAction(
    turn: Turn,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = parseCardAction(value);
    if ('error' in action) return messageResponse(action.error[turn.language]);
    const { verb, data } = action;

    if (verb === CARD_VERBS.showOpenCaseForm)
      return cardResponse(openCaseFormCard(await this.openCaseForm(turn, turn.language)));
    if (verb === CARD_VERBS.openCase) {
      const submission = parseOpenCaseSubmission(data);
      if ('error' in submission) return messageResponse(submission.error[turn.language]);
      const state = await this.openCase(
        turn,
        {
          title: submission.title,
          managerIds: submission.managerIds,
          language: submission.language ?? turn.language,
          ...(submission.unit !== undefined && { unit: submission.unit }),
          ...(submission.municipality !== undefined && { municipality: submission.municipality }),
          ...(submission.templateId !== undefined && { templateId: submission.templateId }),
        },
        true,
      );
      if ('refusal' in state) return messageResponse(state.refusal[turn.language]);
      const template = this.services.templates.get(state.template);
      return cardResponse(
        statusCard({ state, template, language: state.language, names: await this.namesOf(state) }),
      );
    }

    const caseId = typeof data.caseId === 'string' ? data.caseId : '';
    const state = caseId ? await this.services.cases.getCase(caseId) : undefined;
    if (!state) return messageResponse(texts.noActiveCase[turn.language]);
    const language = state.language;
    // A card can be forwarded or copied: it may only act on a case of this conversation.
    if (state.conversationId !== turn.conversationId)
      return messageResponse(texts.otherConversation[language]);
    const template = this.services.templates.get(state.template);
    // Names are read only by the verbs that show them (a gate decision renders its own cards).
    const names = (): Promise<ReadonlyMap<string, string>> => this.namesOf(state);

    switch (verb) {
      case CARD_VERBS.showStatus:
      case CARD_VERBS.refreshStatus:
        return cardResponse(statusCard({ state, template, language, names: await names() }));
      case CARD_VERBS.showStageForm:
        return cardResponse(await this.stageForm(state, template, language));
      case CARD_VERBS.switchCase:
        await this.services.conversations.update(turn.conversationId, (current) => ({
          ...this.recordFor(turn, current),
          activeCaseId: state.caseId,
        }));
        return cardResponse(statusCard({ state, template, language, names: await names() }));
      case CARD_VERBS.joinCase: {
        const outcome = await this.execute(
          turn,
          state,
          { type: 'JoinCase' },
          { autoJoin: false, quiet: true },
        );
        if (isRefused(outcome)) return messageResponse(outcome.refusal[language]);
        return cardResponse(statusCard({ state: outcome.state, template, language, names: await names() }));
      }
      case CARD_VERBS.recordDocumentation:
        return this.recordForm(turn, state, template, data);
      case CARD_VERBS.requestReview: {
        if (data.stageId !== undefined && data.stageId !== state.currentStageId) {
          return cardResponse(
            statusCard({
              state,
              template,
              language,
              names: await names(),
              notice: texts.staleCard[language],
            }),
          );
        }
        const outcome = await this.execute(
          turn,
          state,
          { type: 'RequestGateReview', stageId: state.currentStageId },
          { quiet: true },
        );
        if (isRefused(outcome)) return messageResponse(outcome.refusal[language]);
        await this.carryOut(turn, outcome);
        return cardResponse(
          statusCard({
            state: outcome.state,
            template,
            language,
            names: await this.namesOf(outcome.state),
            notice: texts.reviewRequested(stageOf(template, state.currentStageId).title)[language],
          }),
        );
      }
      case CARD_VERBS.refreshApproval:
        return cardResponse(await this.approvalView(turn, state, template, Number(data.requestSeq)));
      case CARD_VERBS.decideGate:
        return this.decideFromCard(turn, state, template, data);
      default:
        return messageResponse(texts.unknownCardAction[language]);
    }
  }

  private async recordForm(
    turn: Turn,
    state: CaseState,
    template: ProcessTemplate,
    data: Record<string, unknown>,
  ): Promise<AdaptiveCardInvokeResponse> {
    const language = state.language;
    const stage = stageOf(template, state.currentStageId);
    const round = state.stages[stage.id]?.round;
    if (data.stageId !== stage.id || (data.round !== undefined && Number(data.round) !== round)) {
      return cardResponse(await this.stageForm(state, template, language, texts.staleCard[language]));
    }
    // The previous answers let the field the person just changed win over one left as it was.
    const submission = parseStageFormSubmission(data, stage, state.answers);
    if ('error' in submission) return messageResponse(submission.error[language]);
    if (submission.answers.length === 0 && submission.politicalDecision === undefined) {
      return cardResponse(await this.stageForm(state, template, language, texts.formRecorded(0)[language]));
    }
    const outcome = await this.execute(
      turn,
      state,
      {
        type: 'RecordDocumentation',
        stageId: stage.id,
        answers: submission.answers,
        ...(submission.politicalDecision !== undefined && {
          politicalDecision: submission.politicalDecision,
        }),
      },
      { quiet: true },
    );
    if (isRefused(outcome)) return messageResponse(outcome.refusal[language]);
    const recorded: RecordedSummary = {
      promptIds: outcome.events.flatMap((e) =>
        e.event.type === 'DocumentationRecorded' ? [e.event.promptId] : [],
      ),
      politicalDecision: outcome.events.some((e) => e.event.type === 'PoliticalDecisionRecorded'),
    };
    return cardResponse(
      await this.stageForm(
        outcome.state,
        template,
        language,
        texts.formRecorded(recorded.promptIds.length + (recorded.politicalDecision ? 1 : 0))[language],
        recorded,
      ),
    );
  }

  private async decideFromCard(
    turn: Turn,
    state: CaseState,
    template: ProcessTemplate,
    data: Record<string, unknown>,
  ): Promise<AdaptiveCardInvokeResponse> {
    const language = state.language;
    const parsed = parseGateDecision(data);
    if ('error' in parsed) return messageResponse(parsed.error[language]);
    if (!state.gate || state.gate.requestSeq !== parsed.requestSeq || state.gate.stageId !== parsed.stageId) {
      // Decided or withdrawn meanwhile: show the card as it stands now; record nothing.
      return cardResponse(
        await this.approvalView(turn, state, template, parsed.requestSeq, texts.staleCard[language]),
      );
    }
    const outcome = await this.execute(
      turn,
      state,
      {
        type: 'DecideGate',
        stageId: parsed.stageId,
        requestSeq: parsed.requestSeq,
        decision: parsed.decision,
        ...(parsed.politicalDecision !== undefined && { politicalDecision: parsed.politicalDecision }),
      },
      { quiet: true, autoJoin: false },
    );
    if (isRefused(outcome)) return messageResponse(outcome.refusal[language]);
    await this.carryOut(turn, outcome);
    return cardResponse(await this.approvalView(turn, outcome.state, template, parsed.requestSeq));
  }

  /**
   * Records a gate decision made outside the chat (the dashboard tab) exactly as a card decision is
   * recorded, then carries out its effects in the case's own conversation through a proactive turn: the
   * posted approval card is replaced, the outcome announced, the next stage's first question asked. The
   * engine decides who may decide and refuses a stale request; those refusals are thrown for the caller
   * to translate. If the chat cannot be reached, the decision still stands, `announced` says so, and the
   * outbox tells the chat later. A retried request records nothing twice and delivers what is left.
   */
  decideOutsideChat(proactive: ProactiveSender, request: OutsideDecision): Promise<OutsideDecisionResult> {
    return withDeadline(OUTSIDE_DECISION_BUDGET_MS, () => this.decideOutsideChatNow(proactive, request));
  }

  private async decideOutsideChatNow(
    proactive: ProactiveSender,
    request: OutsideDecision,
  ): Promise<OutsideDecisionResult> {
    const at = this.services.clock().toISOString();
    const outcome = await this.services.cases.execute({
      caseId: request.caseId,
      command: {
        type: 'DecideGate',
        stageId: request.stageId,
        requestSeq: request.requestSeq,
        decision: request.decision,
      },
      actorId: request.actorId,
      at,
      deliveryId: request.deliveryId,
    });
    if (outcome.duplicate) {
      await this.runner.leftoversOutside(proactive, request.caseId).catch((error: unknown) => {
        this.logger.warn('Undelivered effects of a repeated dashboard decision wait for the outbox timer', {
          caseId: request.caseId,
          error,
        });
      });
      return { state: outcome.state, duplicate: true, announced: false };
    }
    const report = await this.runner.outsideTurn(proactive, outcome);
    if (!report.reached || report.left > 0) {
      this.logger.error('A decision made on the dashboard is recorded, but the chat could not be told yet', {
        caseId: outcome.caseId,
        left: report.left,
      });
    }
    return { state: outcome.state, duplicate: false, announced: report.reached && report.left === 0 };
  }

  /** The approval card for one request, as the acting person should see it now. */
  private async approvalView(
    turn: Turn,
    state: CaseState,
    template: ProcessTemplate,
    requestSeq: number,
    notice?: string,
  ): Promise<Attachment['content']> {
    const names = await this.namesOf(state);
    const pending = state.gate && state.gate.requestSeq === requestSeq ? state.gate : undefined;
    const decided = pending ? undefined : state.recentDecisions.find((d) => d.requestSeq === requestSeq);
    const stageId = pending?.stageId ?? decided?.stageId ?? state.currentStageId;
    const deciderRole = stageOf(template, stageId).gate.deciderRole;
    const isDecider = (state.roles[turn.actorId] ?? []).includes(deciderRole);
    return approvalCard({
      state,
      template,
      language: state.language,
      names,
      viewer: pending && isDecider ? 'decider' : 'observer',
      mentions: await this.mentionsOf(pending?.deciderIds ?? []),
      ...(decided !== undefined && { decided }),
      ...(notice !== undefined && { notice }),
    });
  }

  // ── Effects: what happens in Teams once events are stored ───────────────────────────────────────

  /**
   * Tells the group what a recorded command means (bot/effectRunner.ts). A duplicate tells nothing here:
   * its first delivery told it, or left it in the outbox for `leftovers` to deliver once its lease ran out.
   */
  private async carryOut(turn: Turn, outcome: CommandOutcome): Promise<void> {
    if (outcome.duplicate || outcome.outbox.length === 0) return;
    await this.runner.inTurn(turn.context, placeOf(turn), outcome);
  }

  /** At the end of a turn: what earlier commands of the case left untold (a crash, a connector outage). */
  private async leftovers(turn: Turn, caseId: string | undefined): Promise<void> {
    if (caseId === undefined) return;
    try {
      await this.runner.leftoversInTurn(turn.context, placeOf(turn), caseId);
    } catch (error) {
      // What this turn was for is done and answered; the outbox timer delivers the rest.
      this.logger.warn('Undelivered effects could not be delivered in this turn', { caseId, error });
    }
  }

  // ── Running commands ────────────────────────────────────────────────────────────────────────────

  /**
   * Runs a command on a case. People in the conversation are the project group: someone who has not
   * joined the case yet joins it as a member with their first action, in the same append (a refused
   * action records no join). A refusal is replied in the chat, unless `quiet` (card actions answer in
   * the invoke response instead).
   */
  private async execute(
    turn: Turn,
    state: CaseState,
    command: CaseCommand,
    options: { autoJoin?: boolean; deliverySuffix?: string; quiet?: boolean } = {},
  ): Promise<CommandOutcome | Refused> {
    return this.runCommand(turn, state.caseId, command, {
      deliverySuffix: options.deliverySuffix ?? '',
      quiet: options.quiet ?? false,
      joinAsMember: options.autoJoin ?? true,
    });
  }

  private async runCommand(
    turn: Turn,
    caseId: string,
    command: CaseCommand,
    options: { deliverySuffix?: string; quiet?: boolean; joinAsMember?: boolean } = {},
  ): Promise<CommandOutcome | Refused> {
    const { deliverySuffix = '', quiet = false, joinAsMember = false } = options;
    try {
      const outcome = await this.services.cases.execute({
        caseId,
        command,
        actorId: turn.actorId,
        at: turn.at,
        joinAsMember,
        ...(turn.deliveryId !== undefined && {
          deliveryId: `${turn.deliveryId}${deliverySuffix}`,
          deliveryFingerprint: turn.deliveryFingerprint,
        }),
        ...(turn.context.activity.conversation.id !== turn.conversationId && {
          replyTo: turn.context.activity.conversation.id,
        }),
      });
      if (outcome.events.length > 0) turn.recorded = true;
      return outcome;
    } catch (error) {
      const refusal = this.errorText(error, turn.context);
      if (!quiet) {
        const state = await this.services.cases.getCase(caseId).catch(() => undefined);
        await this.say(turn, refusal, state?.language ?? turn.language);
      }
      return { refusal };
    }
  }

  /** The one place errors become words for people. */
  private errorText(error: unknown, context: TurnContext): Localized {
    if (isDomainError(error)) return error.text;
    if (error instanceof StorageUnavailableError)
      return error.outcomeUnknown ? error.text : texts.storageDown;
    console.error('Unexpected error in a bot turn', {
      activityId: context.activity.id,
      type: context.activity.type,
      error,
    });
    return texts.unexpected;
  }

  // ── Turn plumbing ───────────────────────────────────────────────────────────────────────────────

  private async guarded(context: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (isConnectorFailure(error)) {
        // A reply the Bot Connector refused after its own retries. Another message would go the same way,
        // and its words ("nothing was saved") would be wrong when the command was recorded before the
        // reply failed. A redelivery of the activity records nothing twice and replies again.
        console.error('The Bot Connector refused a reply; the turn ends without one', {
          activityId: context.activity.id,
          type: context.activity.type,
          error,
        });
        return;
      }
      const text = this.errorText(error, context);
      await context.sendActivity(text[(await this.beginTurnFacts(context)).language]);
    }
  }

  private beginTurnFacts(context: TurnContext): Promise<TurnFacts> {
    return Promise.resolve(readTurn(context, this.services.clock().toISOString()));
  }

  /**
   * Reads the activity: who acts (one person, one id: identity.ts), the people it mentions, and the way
   * back to the conversation. Remembering names and the reference is bookkeeping: when storage refuses
   * it, the turn goes on (nothing the person asked for depends on it), and the next turn tries again.
   */
  private async beginTurn(context: TurnContext, options: { identify?: boolean } = {}): Promise<Turn> {
    const facts = readTurn(context, this.services.clock().toISOString());
    const actorId = options.identify === false ? facts.actorId : await this.identities.actorOf(context);
    const resolved = await Promise.all(
      facts.mentions.map((mention) => this.identities.mentioned(context, mention)),
    );
    const mentions = resolved.map((r) => r.sighting);
    const unresolved = resolved.filter((r) => !r.resolved).map((r) => r.sighting.displayName);
    const turn: Turn = {
      ...facts,
      actorId,
      mentions,
      unresolvedMentions: unresolved,
      context,
      recorded: false,
    };
    const from = context.activity.from;
    const sightings = [
      {
        personId: actorId,
        displayName: facts.actorName,
        teamsUserId: from.id,
        ...(from.aadObjectId !== undefined && from.aadObjectId !== '' && { aadObjectId: from.aadObjectId }),
        seenAt: facts.at,
      },
      ...resolved.filter((r) => r.resolved).map((r) => r.sighting),
    ];
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
    const reference = JSON.stringify(referenceOf(context));
    if (this.knownReferences.get(facts.conversationId) !== reference) {
      if (await this.book.note(placeOf(turn), 'remember the way back to the conversation')) {
        this.knownReferences.set(facts.conversationId, reference);
      }
    }
    return turn;
  }

  /** Refuses a command that names people by @mention when Teams could not say who one of them is. */
  private requireKnownMentions(turn: Turn): void {
    if (turn.unresolvedMentions.length === 0) return;
    throw new Reply(texts.unknownMention(turn.unresolvedMentions.map((name) => `«${name}»`).join(', ')));
  }

  private recordFor(turn: Turn, current: ConversationRecord | undefined): ConversationRecord {
    return {
      approvalCards: {},
      ...current,
      conversationId: turn.conversationId,
      reference: referenceOf(turn.context),
      updatedAt: turn.at,
    };
  }

  private async welcome(context: TurnContext): Promise<void> {
    // A welcome records nothing in any case: it needs no sender it can vouch for.
    const turn = await this.beginTurn(context, { identify: false });
    let first = false;
    await this.services.conversations.update(turn.conversationId, (current) => {
      first = current?.welcomedAt === undefined;
      return {
        ...this.recordFor(turn, current),
        welcomedAt: current?.welcomedAt ?? turn.at,
        language: turn.language,
      };
    });
    // Teams sends both installationUpdate and conversationUpdate on install: welcome once.
    if (first) await this.sendCard(turn, welcomeCard(turn.language));
  }

  private async openCaseForm(turn: Turn, language: Language) {
    const members: { personId: string; name: string }[] = [];
    try {
      let continuationToken: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(turn.context, 100, continuationToken);
        for (const member of page.members) {
          const personId = member.aadObjectId ?? member.id;
          members.push({ personId, name: member.name });
          await this.services.people.upsertPerson({
            personId,
            displayName: member.name,
            teamsUserId: member.id,
            ...(member.aadObjectId !== undefined && { aadObjectId: member.aadObjectId }),
            seenAt: turn.at,
          });
        }
        continuationToken = page.continuationToken;
      } while (continuationToken);
    } catch (error) {
      // Outside Teams (or without permission) the form still works; managers can be named later.
      console.warn('Could not list conversation members', { error: String(error) });
      members.push({ personId: turn.actorId, name: turn.actorName });
    }
    const templates = this.services.templates
      .all()
      .map((t) => ({ id: t.id, version: t.version, title: t.title }));
    return { language, members, templates };
  }

  private async stageForm(
    state: CaseState,
    template: ProcessTemplate,
    language: Language,
    notice?: string,
    recorded?: RecordedSummary,
  ) {
    const names = await this.namesOf(state);
    const members = [...names.entries()].map(([personId, name]) => ({ personId, name }));
    return stageFormCard({
      state,
      template,
      language,
      names,
      members,
      ...(notice !== undefined && { notice }),
      ...(recorded !== undefined && { recorded }),
    });
  }

  private namesOf(state: CaseState): Promise<ReadonlyMap<string, string>> {
    return this.people.namesOf(state);
  }

  private mentionsOf(personIds: readonly string[]): Promise<{ personId: string; name: string }[]> {
    return this.people.mentionsOf(personIds);
  }

  private idFor(turn: Turn, kind: string): string {
    // Derived from the activity: a redelivery produces the same id, so nothing is recorded twice.
    const source = `${turn.conversationId}|${turn.deliveryId ?? turn.at}|${kind}`;
    return `${kind.charAt(0)}${sha256Hex(source).slice(0, 24)}`;
  }

  private async say(turn: Turn, text: Localized, language: Language): Promise<void> {
    await this.sendText(turn, text[language]);
  }

  private async sendText(turn: Turn, text: string): Promise<void> {
    await turn.context.sendActivity({ type: 'message', text, textFormat: 'markdown' });
  }

  private async sendCard(turn: Turn, card: Attachment['content']): Promise<void> {
    await turn.context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
  }
}

/**
 * A call to the Bot Connector (posting or updating an activity) that failed. Storage translates every
 * `RestError` of its own (storage/tableStorage.ts) and the Teams look-ups catch theirs where they are
 * made, so a `RestError` that reaches a turn's edge comes from talking to the connector.
 */
/** Longer than any display name Teams gives; see `beginTurn`. */
const MAX_DISPLAY_NAME = 256;

/** Where a turn's changes to the conversation record and its effects happen. */
function placeOf(turn: Turn): Place {
  return { conversationId: turn.conversationId, reference: referenceOf(turn.context), at: turn.at };
}

function isConnectorFailure(error: unknown): boolean {
  // Storage translates its own errors and timeouts (StorageUnavailableError); a RestError or an abort
  // that reaches a turn's edge comes from the connector (or the turn's deadline cutting a call short).
  return error instanceof Error && (error.name === 'RestError' || isTimeout(error));
}

/** "turnus: vanskelig å samle folk" → the shift-work category; no known category → "other". */
function barrierCategoryOf(
  text: string,
  template: ProcessTemplate,
): { category: ProcessTemplate['barrierCategories'][number]; text: string } {
  const match = /^([^:]{2,40}):\s*(.+)$/s.exec(text);
  const fallback = template.barrierCategories.find((c) => c.id === 'other') ?? template.barrierCategories[0];
  if (!fallback) throw new Error('The template has no barrier categories');
  if (match) {
    const hint = (match[1] ?? '').trim().toLowerCase();
    const found = template.barrierCategories.find(
      (c) =>
        c.id === hint || c.label.nb.toLowerCase().includes(hint) || c.label.en.toLowerCase().includes(hint),
    );
    if (found) return { category: found, text: (match[2] ?? '').trim() };
  }
  return { category: fallback, text };
}

function cardResponse(card: Attachment['content']): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.card.adaptive',
    value: card as Record<string, unknown>,
  };
}

/** Shown by Teams as a message over the card; the card (and what the person typed into it) stays. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: text as unknown as Record<string, unknown>,
  };
}
