/**
 * The one effect runner: carries out the engine's effects for chat turns, card turns, dashboard
 * decisions, reminders and the outbox timer alike, through the outbox protocol (application/outbox.ts)
 * and one renderer (effects.ts).
 *
 * - In a turn, the command's own effects are delivered into the turn's chat (`inTurn`), and at the end of
 *   the turn whatever earlier commands of the case left undelivered (`leftoversInTurn`).
 * - Outside a turn, a proactive chat is opened to the case's conversation (`outsideTurn`): a gate
 *   decided on the dashboard, a recorded reminder.
 * - The outbox timer (`sweep`) delivers what nobody else did.
 */
import type { CommandOutcome, CaseService } from '../application/caseService';
import type { EffectDelivery, Outbox, OutboxReport, SweepReport } from '../application/outbox';
import type { CaseState } from '../engine';
import type { Logger } from '../platform/logger';
import type { ConversationStore, StoredConversationReference } from '../storage/conversationStore';
import type { Chat, ProactiveChats } from './chat';
import type { Place } from './conversationBook';
import { ChatEffectDelivery, type EffectsDependencies } from './effects';

export interface EffectRunnerDependencies extends EffectsDependencies {
  outbox: Outbox;
  cases: Pick<CaseService, 'getCase' | 'effectsVersionOf'>;
  conversations: Pick<ConversationStore, 'get'>;
  clock: () => Date;
  logger: Logger;
}

export interface OutsideReport extends OutboxReport {
  /** False when the conversation could not be reached at all (nothing was told; the outbox keeps it). */
  reached: boolean;
}

export class EffectRunner {
  constructor(private readonly deps: EffectRunnerDependencies) {}

  /** Delivers a command's own effects in the turn that ran it. */
  inTurn(chat: Chat, place: Place, outcome: CommandOutcome): Promise<OutboxReport> {
    return this.deps.outbox.deliverOwn(
      outcome.outbox,
      outcome.state,
      this.delivery(chat, place),
      outcome.effectsBefore,
    );
  }

  /**
   * Delivers what earlier commands of the case left undelivered, into this turn's chat. When this
   * process knows there is nothing (it delivered or found delivered everything up to the case's newest
   * effects), nothing is read.
   */
  async leftoversInTurn(chat: Chat, place: Place, caseId: string): Promise<OutboxReport | undefined> {
    const hint = this.deps.cases.effectsVersionOf(caseId);
    if (hint !== null && this.deps.outbox.isSettled(caseId, hint)) return undefined;
    const state = await this.deps.cases.getCase(caseId);
    if (!state || state.conversationId !== place.conversationId) return undefined;
    return this.deps.outbox.deliverLeftovers(caseId, state, this.delivery(chat, place), hint);
  }

  /**
   * Delivers a command's own effects from outside a turn (the dashboard, the reminder run) in a proactive
   * chat to the case's conversation.
   */
  async outsideTurn(chats: ProactiveChats, outcome: CommandOutcome): Promise<OutsideReport> {
    const state = outcome.state;
    const unreached = {
      delivered: 0,
      superseded: 0,
      abandoned: 0,
      left: outcome.outbox.length,
      reached: false,
    };
    const reference = await this.referenceOf(state.conversationId);
    if (!reference) {
      this.deps.logger.warn('Effects of a recorded command wait: the conversation has no stored reference', {
        caseId: state.caseId,
        conversationId: state.conversationId,
      });
      return unreached;
    }
    const place: Place = { conversationId: state.conversationId, at: this.deps.clock().toISOString() };
    try {
      const report = await chats.open(reference, (chat) =>
        this.deps.outbox.deliverOwn(outcome.outbox, state, this.delivery(chat, place)),
      );
      return { ...report, reached: true };
    } catch (error) {
      this.deps.logger.warn('A conversation could not be reached; the outbox delivers its effects later', {
        caseId: state.caseId,
        error,
      });
      return unreached;
    }
  }

  /** The outbox timer's pass over every case changed lately. */
  sweep(chats: ProactiveChats): Promise<SweepReport> {
    return this.deps.outbox.sweep((caseId) => this.proactiveTarget(chats, caseId));
  }

  /** What one case left undelivered, delivered in a proactive chat (a repeated dashboard request). */
  async leftoversOutside(chats: ProactiveChats, caseId: string): Promise<OutboxReport | undefined> {
    const target = await this.proactiveTarget(chats, caseId);
    if (!target) return undefined;
    return this.deps.outbox.deliverLeftovers(caseId, target.state, target.delivery, null);
  }

  private async proactiveTarget(
    chats: ProactiveChats,
    caseId: string,
  ): Promise<{ state: CaseState; delivery: EffectDelivery } | undefined> {
    const state = await this.deps.cases.getCase(caseId);
    if (!state) return undefined;
    const reference = await this.referenceOf(state.conversationId);
    if (!reference) return undefined;
    const place: Place = { conversationId: state.conversationId, at: this.deps.clock().toISOString() };
    return {
      state,
      delivery: {
        // One proactive chat per effect keeps the outbox's order and failure handling per effect.
        deliver: (item, current: CaseState) =>
          chats.open(reference, async (chat) => {
            const delivery = this.delivery(chat, place);
            const result = await delivery.deliver(item, current);
            await delivery.flush();
            return result;
          }),
      },
    };
  }

  private delivery(chat: Chat, place: Place): ChatEffectDelivery {
    return new ChatEffectDelivery(chat, place, this.deps);
  }

  private async referenceOf(conversationId: string): Promise<StoredConversationReference | undefined> {
    return (await this.deps.conversations.get(conversationId))?.reference;
  }
}
