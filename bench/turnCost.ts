/**
 * Benchmark 1, turn cost: a documentation turn and an approval turn through the real HTTP endpoint,
 * against the floor (an echo bot on the same adapter doing one point read and one transaction on the same
 * Azurite, then replying once). Reports p50 and p99 of both sides and their ratios.
 *
 * - Documentation turn: Olga answers the pending question in chat; the bot records the answer
 *   (RecordDocumentation, a revision of the same prompt each time), says it was saved and asks the next
 *   question. Before each turn the pending question is set back to the same prompt (untimed), so every
 *   measured turn does the same work. Floor: a chat message, answered with one message.
 * - Approval turn: Mia approves a pending gate on the approval card (Action.Execute → invoke
 *   adaptiveCard/action); the gate passes, the posted card is updated in place, the outcome is announced
 *   and the next stage's first question asked; the invoke response is the updated approval card. Each
 *   gate is prepared untimed beforehand (a fresh case per turn: opened, stage 1 documented, review
 *   requested). Floor: a card action, answered with a card.
 */
import {
  describeCounts,
  interleave,
  perTurn,
  timedPost,
  type BenchOptions,
  type BenchmarkResult,
} from './benchmark';
import { DOCUMENTED_PROMPT, Driver, mapLimit, people, type BenchCase } from './driver';
import { seedFloorConversation } from './floorBot';
import { startBenchStack, type BenchStack } from './stack';
import { atMost, distribution, ratio, rounded, type ResultRow } from './stats';
import type { TeamsConversation } from '../test/support/teamsActivities';
import { CARD_VERBS } from '../cards';

type TurnSide = 'subject' | 'floor';

interface TurnPlanSize {
  warmup: number;
  perSide: number;
  blockSize: number;
}

export function turnCostSize(quick: boolean): TurnPlanSize {
  // Small blocks: the two sides alternate every few turns, so noise from other jobs falls on both.
  return quick ? { warmup: 20, perSide: 100, blockSize: 5 } : { warmup: 40, perSide: 400, blockSize: 5 };
}

export async function runTurnCost(options: BenchOptions): Promise<BenchmarkResult> {
  const size = turnCostSize(options.quick);
  const stack = await startBenchStack();
  try {
    const driver = new Driver(stack);
    stack.use('subject');
    await driver.warmUp();

    const floorConversations = await floorPool(stack, driver, 10);

    options.log(`turn cost: documentation turns (${size.warmup} warm-up + ${size.perSide} per side)`);
    const documentation = await documentationTurns(stack, driver, floorConversations, size);

    options.log(`turn cost: preparing ${size.warmup + size.perSide} gates (untimed)`);
    stack.use('subject');
    const gates = await mapLimit(
      Array.from({ length: size.warmup + size.perSide }, (_, i) => i),
      4,
      () => driver.caseAtGate(),
    );
    options.log(`turn cost: approval turns (${size.warmup} warm-up + ${size.perSide} per side)`);
    stack.connector.reset();
    const approval = await interleave<TurnSide>({
      sides: ['subject', 'floor'],
      ...size,
      select: (side) => stack.use(side),
      turn: async (side, index) => {
        if (side === 'floor') {
          const conversation = pick(floorConversations, index);
          return timedPost(
            stack,
            driver.invoke(conversation, people.mia, CARD_VERBS.decideGate, {
              caseId: 'floor',
              stageId: 'define-challenge',
              requestSeq: 1,
              outcome: 'approve',
            }),
          );
        }
        const gate = gates[index];
        if (!gate) throw new Error(`No prepared gate ${index}`);
        const turn = await timedPost(stack, driver.approvalTurn(gate));
        stack.connector.reset();
        return turn;
      },
    });
    // Every approval must have passed its gate: otherwise the benchmark timed refusals.
    const notPassed = (
      await mapLimit(gates, 8, async (gate) => (await driver.state(gate.caseId)).currentStageId)
    ).filter((stageId) => stageId !== 'political-anchoring').length;
    if (notPassed > 0) throw new Error(`${notPassed} approval turns did not pass their gate`);

    const rows: ResultRow[] = [];
    const notes: string[] = [];
    const details: Record<string, unknown> = { size };
    for (const [name, samples] of [
      ['documentation turn', documentation],
      ['approval turn', approval],
    ] as const) {
      const subject = distribution(samples.subject.ms);
      const floor = distribution(samples.floor.ms);
      const subjectCpu = distribution(samples.subject.cpuMs);
      const floorCpu = distribution(samples.floor.cpuMs);
      const benchmark = '1 turn cost';
      rows.push(
        atMost({
          benchmark,
          metric: `${name} p50`,
          subject: subject.p50,
          baseline: floor.p50,
          unit: 'ms',
          // An approval must also replace a card and ask a question, which the floor never does.
          limit: name === 'approval turn' ? 2 : 1.3,
        }),
        atMost({
          benchmark,
          metric: `${name} p99`,
          subject: subject.p99,
          baseline: floor.p99,
          unit: 'ms',
          limit: 2,
        }),
        {
          benchmark,
          metric: `${name} CPU p50 (process)`,
          subject: subjectCpu.p50,
          baseline: floorCpu.p50,
          unit: 'ms',
          ratio: ratio(subjectCpu.p50, floorCpu.p50),
          target: '(info)',
          verdict: 'info',
        },
      );
      const subjectRequests = perTurn(samples.subject.counts, samples.subject.ms.length);
      const floorRequests = perTurn(samples.floor.counts, samples.floor.ms.length);
      details[name] = {
        subject: rounded(subject),
        floor: rounded(floor),
        cpu: { subject: rounded(subjectCpu), floor: rounded(floorCpu) },
        requestsPerTurn: { subject: subjectRequests, floor: floorRequests },
      };
      notes.push(
        `${benchmark}, ${name}: per turn the bot makes ${describeCounts(subjectRequests)} requests; ` +
          `the floor ${describeCounts(floorRequests)}.`,
      );
    }
    if (stack.errors.length > 0) details['errors'] = stack.errors.slice(0, 20);
    return { name: 'turnCost', rows, details, notes };
  } finally {
    await stack.close();
  }
}

/** Conversations for the floor bot, each with the row its turns read. */
export async function floorPool(
  stack: BenchStack,
  driver: Driver,
  count: number,
): Promise<TeamsConversation[]> {
  const conversations = Array.from({ length: count }, () => driver.newConversation());
  for (const conversation of conversations) await seedFloorConversation(stack.floorTable, conversation.id);
  return conversations;
}

/** Documentation turns against floor messages, interleaved; cases rotate so each log stays short. */
export async function documentationTurns(
  stack: BenchStack,
  driver: Driver,
  floorConversations: readonly TeamsConversation[],
  size: TurnPlanSize,
  cases?: readonly BenchCase[],
): Promise<Awaited<ReturnType<typeof interleave<TurnSide>>>> {
  stack.use('subject');
  const pool =
    cases ??
    (await mapLimit(
      Array.from({ length: 10 }, (_, i) => i),
      4,
      () => driver.openCase(),
    ));
  stack.connector.reset();
  const revisionsBefore = await revisionsOf(driver, pool);
  const samples = await interleave<TurnSide>({
    sides: ['subject', 'floor'],
    ...size,
    select: (side) => stack.use(side),
    turn: async (side, index) => {
      if (side === 'floor') {
        return timedPost(
          stack,
          driver.message(pick(floorConversations, index), people.olga, driver.answerText()),
        );
      }
      const bench = pick(pool, index);
      await driver.setPendingQuestion(bench);
      const turn = await timedPost(stack, driver.documentationTurn(bench));
      stack.connector.reset();
      return turn;
    },
  });
  // Every documentation turn must have recorded a revision: otherwise the benchmark timed refusals.
  const recorded = (await revisionsOf(driver, pool)) - revisionsBefore;
  const expected = size.warmup + size.perSide;
  if (recorded !== expected) throw new Error(`${expected} documentation turns recorded ${recorded} answers`);
  return samples;
}

export async function revisionsOf(driver: Driver, cases: readonly BenchCase[]): Promise<number> {
  let total = 0;
  for (const bench of cases)
    total += (await driver.state(bench.caseId)).answers[DOCUMENTED_PROMPT]?.revision ?? 0;
  return total;
}

export function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error('empty pool');
  return item;
}
