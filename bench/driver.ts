/**
 * Drives cases through the real endpoint the way a project group does in Teams (the same activities and
 * card contracts as test/bot/innovationBot.flow.test.ts): open a case from the form, fill a stage's form,
 * ask for a gate review in chat, answer the pending question in chat, decide a gate on the approval card.
 * Benchmarks use these to prepare cases (untimed) and to build the turns they time.
 */
import { randomUUID } from 'node:crypto';
import { CARD_VERBS, INPUT_IDS } from '../cards';
import type { CaseState, StageDefinition } from '../engine';
import { stageOf } from '../engine';
import {
  asConnectorMember,
  cardActionInvoke,
  groupChat,
  messageActivity,
  teamsUser,
  type TeamsActivity,
  type TeamsConversation,
  type TeamsUser,
} from '../test/support/teamsActivities';
import { requiredAnswers as requiredStageAnswers } from '../test/support/stageForms';
import type { BenchStack, PostResult } from './stack';

/** The project group of every benchmark case: an owner who documents, two managers who decide. */
export const people = {
  olga: teamsUser('Olga Owner', '00000000-0000-4000-8000-00000000a001'),
  mia: teamsUser('Mia Manager', '00000000-0000-4000-8000-00000000a002'),
  mats: teamsUser('Mats Manager', '00000000-0000-4000-8000-00000000a003'),
} as const;

/** The prompt the documentation turn answers again and again (a free-text prompt of stage 1). */
export const DOCUMENTED_PROMPT = 'challenge';

export interface BenchCase {
  conversation: TeamsConversation;
  caseId: string;
}

export class Driver {
  private counter = 0;

  constructor(private readonly stack: BenchStack) {}

  newConversation(): TeamsConversation {
    const conversation = groupChat(undefined, `Benchmark ${randomUUID().slice(0, 8)}`);
    this.stack.connector.setMembers(
      conversation.id,
      Object.values(people).map((person) => asConnectorMember(person)),
    );
    return conversation;
  }

  message(conversation: TeamsConversation, from: TeamsUser, text: string): TeamsActivity {
    return messageActivity({ serviceUrl: this.stack.serviceUrl, conversation, from, text });
  }

  invoke(
    conversation: TeamsConversation,
    from: TeamsUser,
    verb: string,
    data: Record<string, unknown>,
  ): TeamsActivity {
    return cardActionInvoke({ serviceUrl: this.stack.serviceUrl, conversation, from, verb, data });
  }

  /** Posts and insists on 200: a benchmark of failing requests measures nothing. */
  async send(activity: TeamsActivity): Promise<PostResult> {
    const result = await this.stack.post(activity);
    if (result.status !== 200) {
      const name = typeof activity['name'] === 'string' ? ` ${activity['name']}` : '';
      throw new Error(`${activity.type}${name} answered ${result.status}: ${result.body}`);
    }
    return result;
  }

  /** A documentation answer that differs from every earlier one, so each is recorded as a revision. */
  answerText(): string {
    this.counter += 1;
    return `Ventelistene vokser (måling ${this.counter}): brukerne mister funksjon mens de venter på tjenester.`;
  }

  // ── Preparing cases (untimed) ─────────────────────────────────────────────────────────────────────

  /**
   * Everyone has been seen once (the people directory and the bot's per-process caches), as in a running
   * app; none of this is measured.
   */
  async warmUp(): Promise<void> {
    const warm = await this.openCase('Oppvarming');
    await this.send(this.message(warm.conversation, people.mia, 'hjelp'));
    await this.send(this.message(warm.conversation, people.mats, 'hjelp'));
  }

  /**
   * Opens a case from the open-case form in a new conversation, with Olga as owner and Mia and Mats as
   * managers. The bot asks the first question of stage 1 right away, so a question is pending.
   */
  async openCase(title = 'Hverdagsrehabilitering'): Promise<BenchCase> {
    const conversation = this.newConversation();
    await this.send(
      this.invoke(conversation, people.olga, CARD_VERBS.openCase, {
        [INPUT_IDS.openCase.title]: title,
        [INPUT_IDS.openCase.unit]: 'Hjemmetjenesten sone nord',
        [INPUT_IDS.openCase.managers]: `${people.mia.aadObjectId},${people.mats.aadObjectId}`,
      }),
    );
    const record = await this.stack.services.conversations.get(conversation.id);
    const caseId = record?.activeCaseId;
    if (caseId === undefined) throw new Error('The open-case form opened no case');
    return { conversation, caseId };
  }

  async state(caseId: string): Promise<CaseState> {
    const state = await this.stack.services.cases.getCase(caseId);
    if (!state) throw new Error(`No case ${caseId}`);
    return state;
  }

  /** Fills every required answer of the current stage with one form submission, as Olga. */
  async fillStage(bench: BenchCase): Promise<void> {
    const state = await this.state(bench.caseId);
    const template = this.stack.services.templates.get(state.template);
    const stage = stageOf(template, state.currentStageId);
    await this.send(
      this.invoke(bench.conversation, people.olga, CARD_VERBS.recordDocumentation, {
        caseId: bench.caseId,
        stageId: stage.id,
        round: state.stages[stage.id]?.round,
        ...requiredAnswers(stage, state),
      }),
    );
  }

  /** "be om vurdering" in chat: the gate is requested and the approval card posted to the managers. */
  async requestReview(bench: BenchCase): Promise<CaseState> {
    await this.send(this.message(bench.conversation, people.olga, 'be om vurdering'));
    const state = await this.state(bench.caseId);
    if (!state.gate) throw new Error(`Case ${bench.caseId} has no pending gate after the request`);
    return state;
  }

  /** A case waiting for its first gate decision: opened, stage 1 documented, review requested. */
  async caseAtGate(): Promise<BenchCase & { stageId: string; requestSeq: number }> {
    const bench = await this.openCase('Trygghetsalarm');
    await this.fillStage(bench);
    const state = await this.requestReview(bench);
    const gate = state.gate;
    if (!gate) throw new Error('unreachable: requestReview checks the gate');
    return { ...bench, stageId: gate.stageId, requestSeq: gate.requestSeq };
  }

  /**
   * Makes `promptId` the conversation's pending question again, as if the bot had just asked it. Done
   * directly on the conversation store, untimed, so that every documentation turn is the same turn.
   */
  async setPendingQuestion(bench: BenchCase, promptId: string = DOCUMENTED_PROMPT): Promise<void> {
    const state = await this.state(bench.caseId);
    await this.stack.services.conversations.update(bench.conversation.id, (current) => {
      if (!current) throw new Error(`No conversation record for ${bench.conversation.id}`);
      return {
        ...current,
        pendingQuestion: {
          caseId: bench.caseId,
          stageId: state.currentStageId,
          promptId,
          askedAt: new Date().toISOString(),
          skipped: [],
        },
      };
    });
  }

  // ── The timed turns ─────────────────────────────────────────────────────────────────────────────

  /** The documentation turn: Olga answers the pending question in chat. */
  documentationTurn(bench: BenchCase): TeamsActivity {
    return this.message(bench.conversation, people.olga, this.answerText());
  }

  /** The approval turn: Mia approves the pending gate on the approval card (Action.Execute). */
  approvalTurn(bench: BenchCase & { stageId: string; requestSeq: number }): TeamsActivity {
    return this.invoke(bench.conversation, people.mia, CARD_VERBS.decideGate, {
      caseId: bench.caseId,
      stageId: bench.stageId,
      requestSeq: bench.requestSeq,
      outcome: 'approve',
    });
  }
}

/** Form inputs answering every open required prompt of a stage (the person prompts name Olga). */
export function requiredAnswers(stage: StageDefinition, state: CaseState): Record<string, unknown> {
  return requiredStageAnswers(stage, state, { personId: people.olga.aadObjectId });
}

/** Runs `work` for each item with at most `limit` running at once; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
