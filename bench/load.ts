/**
 * Benchmark 5, load: 50 concurrent writers across 10 cases (5 per case) for 30 seconds (10 with
 * --quick), each posting distinct ideas ("idé: w7-123 …") through the HTTP endpoint, one after the other
 * (closed loop), against the floor bot under the same concurrency on 10 conversations of its own. Both
 * sides run in alternating slices (subject, floor, subject, …) after a warm-up slice each.
 *
 * Reported: throughput (completed turns per second) of both sides and their ratio, p99 latency of both,
 * and the check that matters most: afterwards every case's log is read back and compared with what the
 * bot acknowledged. An idea is acknowledged when the bot replied "the idea is kept" to its activity.
 * lost = acknowledged but not in the log; duplicated = in the log more than once (by its token and by
 * its idea id). A turn refused as busy (the case kept changing for all of CaseService's attempts) was
 * told "not saved" and is counted separately: it is neither lost nor acknowledged. Each case's hash
 * chain must verify.
 */
import { addCounts, perTurn, zeroCounts, type BenchOptions, type BenchmarkResult } from './benchmark';
import { Driver, mapLimit, people } from './driver';
import { seedFloorConversation } from './floorBot';
import { countsBetween, startBenchStack, type BenchStack, type RequestCounts, type Side } from './stack';
import { atLeast, atMost, distribution, round, rounded, type ResultRow } from './stats';
import type { TeamsConversation } from '../test/support/teamsActivities';
import { texts } from '../conversation/botTexts';

const WRITERS = 50;
const CASES = 10;

interface SliceResult {
  ms: number[];
  completed: number;
  failed: number;
  seconds: number;
  counts: RequestCounts;
}

interface Sent {
  token: string;
  conversationId: string;
}

export async function runLoad(options: BenchOptions): Promise<BenchmarkResult> {
  const plan = options.quick
    ? { slices: 2, sliceSeconds: 5, warmupSeconds: 2 }
    : { slices: 3, sliceSeconds: 10, warmupSeconds: 3 };
  const stack = await startBenchStack();
  try {
    const driver = new Driver(stack);
    stack.use('subject');
    const cases = await mapLimit(
      Array.from({ length: CASES }, (_, i) => i),
      4,
      (i) => driver.openCase(`Last ${i}`),
    );
    const floorConversations: TeamsConversation[] = [];
    for (let i = 0; i < CASES; i += 1) {
      const conversation = driver.newConversation();
      await seedFloorConversation(stack.floorTable, conversation.id);
      floorConversations.push(conversation);
    }

    // Every activity the subject's writers sent, by activity id; the acknowledgements are read from the
    // connector stub after each slice (and the stub emptied, so it does not grow for the whole run).
    const sent = new Map<string, Sent>();
    const acknowledged = new Set<string>();
    const refused = new Map<string, number>();
    let otherReplies = 0;
    const harvest = (): void => {
      for (const reply of stack.connector.sentActivities()) {
        const activityId = reply.replyToId;
        if (activityId === undefined || !sent.has(activityId)) continue;
        if (reply.activity.text === texts.ideaRecorded.nb) acknowledged.add(activityId);
        else if (typeof reply.activity.text === 'string') {
          const key = reply.activity.text.slice(0, 60);
          refused.set(key, (refused.get(key) ?? 0) + 1);
        } else otherReplies += 1;
      }
      stack.connector.reset();
    };

    let sequence = 0;
    const slice = async (side: Side, seconds: number): Promise<SliceResult> => {
      stack.use(side);
      const ms: number[] = [];
      let failed = 0;
      const before = stack.counts();
      const started = performance.now();
      const deadline = started + seconds * 1000;
      const writer = async (w: number): Promise<void> => {
        const conversation =
          side === 'subject' ? cases[w % CASES]?.conversation : floorConversations[w % CASES];
        if (!conversation) throw new Error('no conversation');
        while (performance.now() < deadline) {
          sequence += 1;
          const token = `w${w}-${sequence}`;
          const activity = driver.message(
            conversation,
            people.olga,
            `idé: ${token} nattevakten ringer brukerne`,
          );
          if (side === 'subject') sent.set(activity.id, { token, conversationId: conversation.id });
          const result = await stack.post(activity);
          if (result.status === 200) ms.push(result.ms);
          else failed += 1;
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      const elapsed = (performance.now() - started) / 1000;
      const counts = countsBetween(stack.counts(), before);
      harvest();
      return { ms, completed: ms.length, failed, seconds: elapsed, counts };
    };

    options.log(`load: warm-up (${plan.warmupSeconds} s per side)`);
    await slice('subject', plan.warmupSeconds);
    await slice('floor', plan.warmupSeconds);
    const results: Record<Side, SliceResult[]> = { subject: [], floor: [] };
    for (let i = 0; i < plan.slices; i += 1) {
      for (const side of ['subject', 'floor'] as const) {
        options.log(
          `load: ${side} slice ${i + 1}/${plan.slices} (${plan.sliceSeconds} s, ${WRITERS} writers)`,
        );
        results[side].push(await slice(side, plan.sliceSeconds));
      }
    }

    options.log('load: reading every case log back');
    const audit = await auditLogs(
      stack,
      cases.map((c) => c.caseId),
      sent,
      acknowledged,
    );
    const summary = (side: Side) => {
      const all = results[side];
      const ms = all.flatMap((r) => r.ms);
      const seconds = all.reduce((total, r) => total + r.seconds, 0);
      const completed = all.reduce((total, r) => total + r.completed, 0);
      const failed = all.reduce((total, r) => total + r.failed, 0);
      const counts = all.reduce((total, r) => addCounts(total, r.counts), zeroCounts());
      return {
        completed,
        failed,
        seconds: round(seconds),
        throughput: round(completed / seconds, 1),
        latency: rounded(distribution(ms)),
        // More than one transaction per turn means appends lost the ETag race and were decided again
        // (a lost race inside a transaction is answered 202 with the 412 inside, so it is not counted
        // as a conflict; storageConflicts counts the plain 409/412 answers of the other tables).
        requestsPerTurn: perTurn(counts, completed),
      };
    };
    const subject = summary('subject');
    const floor = summary('floor');
    const refusedTotal = [...refused.values()].reduce((total, n) => total + n, 0);
    const rows: ResultRow[] = [
      atLeast({
        benchmark: '5 load',
        metric: `throughput, ${WRITERS} writers / ${CASES} cases`,
        subject: subject.throughput,
        baseline: floor.throughput,
        unit: 'turns/s',
        limit: 0.8,
      }),
      atMost({
        benchmark: '5 load',
        metric: 'latency p99 under load',
        subject: subject.latency.p99,
        baseline: floor.latency.p99,
        unit: 'ms',
        limit: 2,
      }),
      {
        benchmark: '5 load',
        metric: 'lost + duplicated events',
        subject: audit.lost + audit.duplicated,
        baseline: 0,
        unit: 'events',
        ratio: Number.NaN,
        target: '= 0',
        verdict: audit.lost + audit.duplicated === 0 && audit.chainsVerified ? 'met' : 'missed',
      },
      {
        benchmark: '5 load',
        metric: 'undelivered effects after the run',
        subject: audit.undeliveredEffects,
        baseline: 0,
        unit: 'effects',
        ratio: Number.NaN,
        target: '= 0',
        verdict: audit.undeliveredEffects === 0 ? 'met' : 'missed',
      },
    ];
    return {
      name: 'load',
      rows,
      details: {
        plan: { writers: WRITERS, cases: CASES, ...plan },
        subject,
        floor,
        audit,
        refusedAsBusyOrOther: { total: refusedTotal, byText: Object.fromEntries(refused), otherReplies },
        ...(stack.errors.length > 0 && {
          errors: stack.errors.slice(0, 20),
          errorCount: stack.errors.length,
        }),
      },
      notes: [],
    };
  } finally {
    await stack.close();
  }
}

interface Audit {
  sent: number;
  acknowledged: number;
  ideasInLogs: number;
  lost: number;
  duplicated: number;
  /** In the log but never acknowledged (the reply was lost or the turn failed after the append). */
  recordedNotAcknowledged: number;
  chainsVerified: boolean;
  eventsPerCase: number[];
  /** Outbox rows still pending in the cases once every turn has answered. */
  undeliveredEffects: number;
}

/** Reads every case back: which tokens and idea ids are in the logs, how often, and do the chains verify. */
async function auditLogs(
  stack: BenchStack,
  caseIds: readonly string[],
  sent: ReadonlyMap<string, Sent>,
  acknowledged: ReadonlySet<string>,
): Promise<Audit> {
  const tokenCount = new Map<string, number>();
  const ideaIdCount = new Map<string, number>();
  const eventsPerCase: number[] = [];
  let chainsVerified = true;
  let undeliveredEffects = 0;
  for (const caseId of caseIds) {
    undeliveredEffects += (await stack.services.log.pendingEffects(caseId)).length;
    let events = 0;
    for await (const stored of stack.services.log.readEvents(caseId)) {
      events += 1;
      if (stored.event.type !== 'IdeaRecorded') continue;
      const token = /^(w\d+-\d+) /.exec(stored.event.text)?.[1];
      if (token !== undefined) tokenCount.set(token, (tokenCount.get(token) ?? 0) + 1);
      ideaIdCount.set(stored.event.ideaId, (ideaIdCount.get(stored.event.ideaId) ?? 0) + 1);
    }
    eventsPerCase.push(events);
    if (!(await stack.services.log.verify(caseId)).ok) chainsVerified = false;
  }
  const ackedTokens = [...acknowledged].map((id) => sent.get(id)?.token ?? `?${id}`);
  const lost = ackedTokens.filter((token) => !tokenCount.has(token)).length;
  const duplicatedTokens = [...tokenCount.values()].filter((n) => n > 1).length;
  const duplicatedIds = [...ideaIdCount.values()].filter((n) => n > 1).length;
  const ackedSet = new Set(ackedTokens);
  return {
    sent: sent.size,
    acknowledged: acknowledged.size,
    ideasInLogs: [...tokenCount.values()].reduce((total, n) => total + n, 0),
    lost,
    duplicated: Math.max(duplicatedTokens, duplicatedIds),
    recordedNotAcknowledged: [...tokenCount.keys()].filter((token) => !ackedSet.has(token)).length,
    chainsVerified,
    eventsPerCase,
    undeliveredEffects,
  };
}
