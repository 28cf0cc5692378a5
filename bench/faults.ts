/**
 * Benchmark 6, load under storage faults: the load benchmark's writers (ideas in chat), plus one member
 * per case who asks for a gate review and withdraws it again and again (each request must post an
 * approval card, each withdrawal must be announced), all through the HTTP endpoint, while a fault proxy
 * between the bot and Azurite resets 1 % of the entity-group transactions: half after they committed
 * (the answer is lost and the SDK retries), half before they arrive.
 *
 * Afterwards the outbox timer runs, and every case's log and outbox are read back. What must hold:
 * - lost = 0: every idea the bot acknowledged is in the log;
 * - duplicated = 0: no idea and no review request is in the log twice;
 * - undelivered = 0: every approval card and every withdrawal announcement the log calls for was posted,
 *   exactly once (counted in the connector stub), and no effect is left pending in any outbox;
 * - every case's hash chain verifies.
 * Throughput under faults is reported for information only.
 */
import { texts } from '../conversation/botTexts';
import { sameInEvery } from '../engine';
import { CARD_VERBS } from '../cards';
import type { BenchOptions, BenchmarkResult } from './benchmark';
import { Driver, mapLimit, people, type BenchCase } from './driver';
import { startBenchStack } from './stack';
import type { ResultRow } from './stats';

const WRITERS = 20;
const CASES = 10;
const RESET_SHARE = 0.01;

export async function runFaults(options: BenchOptions): Promise<BenchmarkResult> {
  const seconds = options.quick ? 6 : 20;
  const stack = await startBenchStack({ transactionResets: RESET_SHARE });
  try {
    const driver = new Driver(stack);
    stack.use('subject');
    const cases = await mapLimit(
      Array.from({ length: CASES }, (_, i) => i),
      4,
      async (i): Promise<BenchCase> => {
        const bench = await driver.openCase(`Feil ${i}`);
        await driver.fillStage(bench);
        return bench;
      },
    );
    stack.connector.reset();

    const acknowledged = new Map<string, string>();
    let sequence = 0;
    let turns = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    const writer = async (w: number): Promise<void> => {
      const bench = cases[w % CASES];
      if (!bench) throw new Error('no case');
      while (performance.now() < deadline) {
        sequence += 1;
        const token = `w${w}-${sequence}`;
        const activity = driver.message(bench.conversation, people.olga, `idé: ${token} nattevakten ringer`);
        const result = await stack.post(activity);
        turns += 1;
        if (result.status === 200) acknowledged.set(activity.id, token);
      }
    };
    const toggler = async (bench: BenchCase): Promise<void> => {
      let request = true;
      while (performance.now() < deadline) {
        await stack.post(
          driver.message(bench.conversation, people.olga, request ? 'be om vurdering' : 'trekk'),
        );
        turns += 1;
        request = !request;
      }
    };
    options.log(
      `faults: ${WRITERS} writers and ${CASES} review togglers for ${seconds} s, 1 % of transactions reset`,
    );
    await Promise.all([
      ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
      ...cases.map((bench) => toggler(bench)),
    ]);
    const elapsed = (performance.now() - started) / 1000;

    // The outbox timer, after every lease has run out (the app's clock is real time here).
    stack.proxy?.clear();
    await new Promise((resolve) => setTimeout(resolve, 31_000));
    const swept = await stack.subject.effects.sweep(stack.subject.proactive);

    // The replies that acknowledged an idea (a reply to the activity with the "kept" text).
    const ackedActivities = new Set(
      stack.connector
        .sentActivities()
        .filter((reply) => reply.activity.text === texts.ideaRecorded.nb)
        .map((reply) => reply.replyToId ?? ''),
    );
    const audit = {
      lost: 0,
      duplicated: 0,
      undelivered: 0,
      pending: 0,
      chainsVerified: true,
      requests: 0,
      withdrawals: 0,
    };
    const tokens = new Map<string, number>();
    for (const bench of cases) {
      let requests = 0;
      let withdrawals = 0;
      const requestSeqs = new Set<number>();
      for await (const stored of stack.services.log.readEvents(bench.caseId)) {
        const event = stored.event;
        if (event.type === 'IdeaRecorded') {
          const token = /^(w\d+-\d+) /.exec(event.text)?.[1] ?? '';
          tokens.set(token, (tokens.get(token) ?? 0) + 1);
        }
        if (event.type === 'GateReviewRequested') {
          requests += 1;
          requestSeqs.add(stored.seq);
        }
        if (event.type === 'GateReviewWithdrawn') withdrawals += 1;
      }
      if (!(await stack.services.log.verify(bench.caseId)).ok) audit.chainsVerified = false;
      audit.pending += (await stack.services.log.pendingEffects(bench.caseId)).length;
      const sent = stack.connector.sentActivities(bench.conversation.id).map((s) => s.activity);
      const cards = sent.filter((a) =>
        JSON.stringify(a.attachments ?? []).includes(CARD_VERBS.refreshApproval),
      );
      // The announcement as the bot words it (conversation/botTexts.ts), whoever withdrew.
      const withdrawnText = texts.reviewWithdrawnBy(sameInEvery(''), '').nb.split('«')[0]?.trim() ?? '';
      const announced = sent.filter((a) => (a.text ?? '').includes(withdrawnText)).length;
      // The card of a request withdrawn before its card got out is superseded, not posted: the last
      // request may still be pending, every earlier one was withdrawn.
      const cardsExpected = { min: requests - withdrawals, max: requests };
      if (cards.length < cardsExpected.min || cards.length > cardsExpected.max) {
        audit.undelivered += Math.abs(cards.length - cardsExpected.min);
      }
      if (announced !== withdrawals) audit.undelivered += Math.abs(announced - withdrawals);
      audit.requests += requests;
      audit.withdrawals += withdrawals;
    }
    for (const [activityId, token] of acknowledged) {
      if (ackedActivities.has(activityId) && !tokens.has(token)) audit.lost += 1;
    }
    audit.duplicated = [...tokens.values()].filter((n) => n > 1).length;
    const faulted = stack.proxy?.faulted ?? { resetAfterCommit: 0, resetBeforeForward: 0 };
    const rows: ResultRow[] = [
      {
        benchmark: '6 faults',
        metric: 'lost + duplicated + undelivered, 1 % resets',
        subject: audit.lost + audit.duplicated + audit.undelivered + audit.pending,
        baseline: 0,
        unit: 'items',
        ratio: Number.NaN,
        target: '= 0',
        verdict:
          audit.lost + audit.duplicated + audit.undelivered + audit.pending === 0 && audit.chainsVerified
            ? 'met'
            : 'missed',
      },
      {
        benchmark: '6 faults',
        metric: 'throughput under faults',
        subject: Math.round((turns / elapsed) * 10) / 10,
        baseline: Number.NaN,
        unit: 'turns/s',
        ratio: Number.NaN,
        target: '(info)',
        verdict: 'info',
      },
    ];
    return {
      name: 'faults',
      rows,
      details: {
        writers: WRITERS,
        cases: CASES,
        seconds,
        turns,
        acknowledged: acknowledged.size,
        faulted,
        swept,
        audit,
      },
      notes: [
        `${faulted.resetAfterCommit} transactions lost their answer after committing and ${faulted.resetBeforeForward} were reset before arriving; ${audit.requests} review requests and ${audit.withdrawals} withdrawals were recorded.`,
      ],
    };
  } finally {
    await stack.close();
  }
}
