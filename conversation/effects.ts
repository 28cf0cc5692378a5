/**
 * How each of the engine's effects is told in a chat: the one place an effect becomes messages and cards,
 * whether it is delivered in the turn of the command that produced it, in a later turn, or in a proactive
 * message from the dashboard, the reminder run or the outbox timer (bot/effectRunner.ts decides when).
 *
 * An effect is told with the case as it stands when it is delivered. One the case has moved past is not
 * shown (the outbox marks it superseded): an approval card for a review that was decided or withdrawn
 * meanwhile, "1 of 2 approvals" after the gate passed, a question for a stage the case has left or one
 * someone was asked since, a reminder for a gate that is no longer waiting, "the case is resumed" for a
 * case paused or stopped again since.
 */
import type { DeliveryResult, EffectDelivery } from '../application/outbox';
import type { CaseState, Effect, Language, ProcessTemplate, TemplateCatalog } from '../engine';
import { assertNever, pendingReview, recentDecisionOn, whoMustDecide } from '../engine';
import type { OutboxItem } from '../storage/eventLog';
import type { PeopleDirectory } from '../storage/peopleDirectory';
import { approvalCard, mentionText } from '../cards';
import { texts } from './botTexts';
import { postText, type Chat } from './chat';
import type { ConversationBook, Place } from './conversationBook';
import { approvalProgressMessage, outcomeMessage, type AnnouncementInput } from './gateAnnouncement';
import type { PeopleView } from './peopleView';
import type { QuestionLoop } from './questionLoop';
import { reminderMessage } from './reminderMessage';

export interface EffectsDependencies {
  templates: TemplateCatalog;
  people: PeopleView;
  directory: Pick<PeopleDirectory, 'getPeople'>;
  book: ConversationBook;
  questions: QuestionLoop;
  timeZone?: string;
}

/**
 * Delivers effects into one conversation, through its chat (in a turn, or a proactive one). A gate's
 * outcome is held back and sent in one message with the next stage's first question, when that is the
 * next effect (the outbox calls `flush` before it counts either as delivered).
 */
export class ChatEffectDelivery implements EffectDelivery {
  /** The outcome text waiting to go out with the next question. */
  private held: string | undefined;
  /**
   * The replacement of the approval card after a decision, under way while the outcome is told (two
   * calls to Teams at once instead of one after the other): if it fails, a line after the outcome says
   * so (`cardNotReplaced`), and the outcome counts as delivered only once it is settled.
   */
  private replacing: { card: Promise<AnnouncementInput['card']>; language: Language } | undefined;

  constructor(
    private readonly chat: Chat,
    private readonly place: Place,
    private readonly deps: EffectsDependencies,
  ) {}

  discardHeld(): boolean {
    const held = this.held !== undefined;
    this.held = undefined;
    this.replacing = undefined;
    return held;
  }

  async flush(): Promise<void> {
    const held = this.held;
    if (held !== undefined) {
      await postText(this.chat, held);
      this.held = undefined;
    }
    await this.replaced();
  }

  /** Waits for the card's replacement begun with the outcome; says so when it could not be done. */
  private async replaced(): Promise<void> {
    const replacing = this.replacing;
    if (replacing === undefined) return;
    this.replacing = undefined;
    if ((await replacing.card) === 'notReplaced') {
      await postText(this.chat, texts.cardNotReplaced[replacing.language]);
    }
  }

  async deliver(item: OutboxItem, state: CaseState): Promise<DeliveryResult> {
    const template = this.deps.templates.get(state.template);
    const effect: Effect = item.effect;
    const language = state.language;
    // Only the next question joins a held outcome; anything else comes after it, in order.
    if (effect.type !== 'askNextPrompt') await this.flush();
    switch (effect.type) {
      case 'notifyDeciders': {
        const gate = pendingGateOf(state, effect.stageId, item.version);
        if (!gate) return superseded('the review was decided or withdrawn before its card was posted');
        const mentions = await this.deps.people.mentionsOf(whoMustDecide(state, template));
        const card = approvalCard({
          state,
          template,
          language,
          names: await this.deps.people.namesOf(state),
          viewer: 'shared',
          mentions,
        });
        const activityId = await this.chat.post({
          text: `${texts.gateWaitingFor[language]} ${mentions.map((m) => mentionText(m.name)).join(', ')}`,
          mentions,
          card,
        });
        if (activityId) {
          // Remembered so the card can be replaced in place after the decision; bookkeeping only.
          await this.deps.book.note(this.place, 'remember the posted approval card', (record) => ({
            ...record,
            approvalCards: {
              ...record.approvalCards,
              [state.caseId]: {
                caseId: state.caseId,
                stageId: gate.stageId,
                requestSeq: gate.requestSeq,
                activityId,
              },
            },
          }));
        }
        return { status: 'delivered', ...(activityId !== undefined && { activityId }) };
      }
      case 'announceApprovalProgress': {
        const gate = pendingGateOf(state, effect.stageId, item.version);
        if (!gate) return superseded('the gate was decided before the progress was told');
        const card = await this.updateApprovalCardInPlace(state, template);
        const names = await this.deps.people.namesOf(state);
        const approved = new Set(gate.approvals.map((approval) => approval.personId));
        const waitingFor = whoMustDecide(state, template).filter((id) => !approved.has(id));
        await postText(
          this.chat,
          approvalProgressMessage({ state, template, names, card }, gate, waitingFor),
        );
        return { status: 'delivered' };
      }
      case 'announceGateOutcome': {
        const card = this.updateApprovalCardInPlace(state, template);
        // Settled by `flush` or by the question that carries the outcome; never left unhandled.
        card.catch(() => undefined);
        this.replacing = { card, language };
        // The decision this effect announces: the newest one up to the command that produced it.
        const decision = state.recentDecisions.find((d) => d.seq <= item.version);
        const names = await this.deps.people.namesOf(state);
        // Told as if the card is replaced; `replaced` adds the line that says it was not.
        this.held = outcomeMessage(
          { state, template, names, card: 'replaced' },
          effect.outcome,
          effect.stageId,
          decision,
          effect.nextStageId,
        );
        return { status: 'delivered' };
      }
      case 'askNextPrompt': {
        if (state.status !== 'active' || state.gate || state.currentStageId !== effect.stageId) {
          return superseded('the case left the stage before its next question was asked');
        }
        const lead = this.held;
        this.held = undefined;
        let asked;
        try {
          asked = await this.deps.questions.askNext(this.chat, this.place, state, template, {
            reaskSkipped: false,
            skipped: [],
            unlessAskedSince: item.createdAt,
            ...(lead !== undefined && { lead }),
          });
        } catch (error) {
          // Not sent: the outcome waits for the next try with the effects it belongs to.
          this.held = lead;
          throw error;
        }
        await this.replaced();
        return asked === 'alreadyAsked'
          ? superseded('a question was asked in the stage meanwhile')
          : { status: 'delivered' };
      }
      case 'announceCaseResumed':
        // Paused or stopped again before this was told: the chat hears of the newer halt instead.
        if (state.status === 'paused' || state.status === 'stopped') {
          return superseded('the case was halted again before its resumption was told');
        }
        await postText(this.chat, texts.resumed[language]);
        return { status: 'delivered' };
      case 'announceCaseCompleted':
        await postText(this.chat, texts.caseCompleted[language]);
        return { status: 'delivered' };
      case 'sendReminder': {
        const stillDue =
          state.status === 'active' &&
          state.currentStageId === effect.stageId &&
          (effect.kind === 'pendingGate' ? state.gate?.stageId === effect.stageId : !state.gate);
        if (!stillDue) return superseded('the case moved on before the reminder went out');
        if (state.lastReminderAt !== undefined && state.lastReminderAt > item.createdAt) {
          return superseded('a newer reminder was recorded');
        }
        const people = await this.deps.directory.getPeople(effect.personIds);
        const message = reminderMessage(state, template, effect, people, this.deps.timeZone);
        const activityId = await this.chat.post(message);
        return { status: 'delivered', ...(activityId !== undefined && { activityId }) };
      }
      default:
        return assertNever(effect);
    }
  }

  /**
   * Channels do not refresh cards by themselves: after a decision the posted card is replaced for
   * everyone. Says whether it was, so the announcement never claims an update that did not happen.
   */
  private async updateApprovalCardInPlace(
    state: CaseState,
    template: ProcessTemplate,
  ): Promise<AnnouncementInput['card']> {
    const record = await this.deps.book.get(this.place.conversationId);
    const posted = record?.approvalCards[state.caseId];
    if (!posted) return 'notPosted';
    const pending = pendingReview(state, posted.requestSeq) !== undefined;
    const decided = pending ? undefined : recentDecisionOn(state, posted.requestSeq);
    const card = approvalCard({
      state,
      template,
      language: state.language,
      names: await this.deps.people.namesOf(state),
      viewer: 'shared',
      mentions: await this.deps.people.mentionsOf(pending ? whoMustDecide(state, template) : []),
      ...(decided !== undefined && { decided }),
      requestSeq: posted.requestSeq,
    });
    try {
      await this.chat.replace(posted.activityId, { card });
      return 'replaced';
    } catch (error) {
      // The decision is recorded and announced; a card that cannot be updated (deleted, too old) keeps
      // its buttons, the announcement says so, and a click on it is refused as stale.
      if (!isConnectorRefusal(error)) throw error;
      return 'notReplaced';
    }
  }
}

/** The gate review an effect is about, if it is still the one waiting. */
function pendingGateOf(state: CaseState, stageId: string, version: number): CaseState['gate'] {
  const gate = state.gate;
  return state.status === 'active' && gate?.stageId === stageId && gate.requestSeq <= version
    ? gate
    : undefined;
}

function superseded(note: string): DeliveryResult {
  return { status: 'superseded', note };
}

/** A 4xx from the connector for an update: the activity is gone or too old to change. */
function isConnectorRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429;
}
