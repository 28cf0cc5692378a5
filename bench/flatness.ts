/**
 * Benchmark 2, flat in log length: the same documentation turn (bench/turnCost.ts) on cases with 10
 * events and on cases with 2,000, interleaved. Reading a case is one point read of its head whatever the
 * length of its log, and appending is one transaction, so the turn should cost the same.
 *
 * The long cases are grown untimed through the real engine and log (bench/bulkLog.ts): mostly revised
 * documentation, with ideas and barriers between. Short cases rotate (each turn adds one event), so they
 * stay near 10 events; the event counts at the start and end are reported.
 *
 * Azurite is not flat where Azure Table Storage is: its in-memory store (LokiJS) finds a partition by an
 * index and then filters that partition's rows one by one, so each point read and each row written in a
 * transaction costs more in a 2,000-event partition. To tell that apart from the app, the benchmark also
 * reports the turns with the time spent inside Azurite's store taken out (bench/stack.ts times it), the
 * same storage operations on Azurite alone (the control), and an A/A check: a second set of 10-event
 * cases measured like the first, whose ratio to it shows the resolution of a p50 ratio in this run.
 */
import {
  interleave,
  perTurn,
  timedPost,
  type BenchOptions,
  type BenchmarkResult,
  type SideSamples,
} from './benchmark';
import type { TransactionAction } from '@azure/data-tables';
import { createTableClient } from '../runtime/tables';
import { eventRowKey } from '../storage/eventLog';
import { appendCommands, ideaCommands, longCaseCommands } from './bulkLog';
import { Driver, mapLimit, people, type BenchCase } from './driver';
import { startBenchStack, type BenchStack } from './stack';
import { atMost, distribution, ratio, round, rounded, type Distribution } from './stats';

const SHORT_EVENTS = 10;
const LONG_EVENTS = 2_000;

export async function runFlatness(options: BenchOptions): Promise<BenchmarkResult> {
  const size = options.quick
    ? { warmup: 20, perSide: 100, blockSize: 5, shortCases: 10, longCases: 2 }
    : { warmup: 40, perSide: 400, blockSize: 5, shortCases: 50, longCases: 3 };
  const stack = await startBenchStack();
  try {
    const driver = new Driver(stack);
    stack.use('subject');
    const at = (): string => new Date().toISOString();

    options.log(`flatness: preparing 2 × ${size.shortCases} cases of ${SHORT_EVENTS} events`);
    const shortPool = (label: string): Promise<BenchCase[]> =>
      mapLimit(
        Array.from({ length: size.shortCases }, (_, i) => i),
        4,
        async (i) => {
          const bench = await driver.openCase(`Kort sak ${label}${i}`);
          const version = (await driver.state(bench.caseId)).version;
          await appendCommands(
            stack.services,
            bench.caseId,
            ideaCommands(SHORT_EVENTS - version, `${label}${i}`),
            people.olga.aadObjectId,
            at,
          );
          return bench;
        },
      );
    const short = await shortPool('s');
    // A second set of short cases, measured like the first: the A/A check of how far two identical
    // sides drift apart in this run, i.e. the resolution of the ratios here.
    const twin = await shortPool('t');
    options.log(`flatness: preparing ${size.longCases} cases of ${LONG_EVENTS} events`);
    const long: BenchCase[] = [];
    for (let i = 0; i < size.longCases; i += 1) {
      const bench = await driver.openCase(`Lang sak ${i}`);
      const state = await driver.state(bench.caseId);
      await appendCommands(
        stack.services,
        bench.caseId,
        longCaseCommands(LONG_EVENTS - state.version, state.currentStageId, `l${i}`),
        people.olga.aadObjectId,
        at,
      );
      long.push(bench);
    }
    const before = { short: await versions(driver, short), long: await versions(driver, long) };

    options.log(`flatness: documentation turns (${size.warmup} warm-up + ${size.perSide} per side)`);
    const samples = await interleave<'short' | 'long' | 'twin'>({
      sides: ['short', 'long', 'twin'],
      warmup: size.warmup,
      perSide: size.perSide,
      blockSize: size.blockSize,
      select: () => stack.use('subject'),
      turn: async (side, index) => {
        const pool = side === 'short' ? short : side === 'long' ? long : twin;
        const bench = pool[index % pool.length];
        if (!bench) throw new Error('empty pool');
        await driver.setPendingQuestion(bench);
        const turn = await timedPost(stack, driver.documentationTurn(bench));
        stack.connector.reset();
        return turn;
      },
    });
    const after = { short: await versions(driver, short), long: await versions(driver, long) };
    const twinDistribution = distribution(samples.twin.ms);
    const shortDistribution = distribution(samples.short.ms);
    const longDistribution = distribution(samples.long.ms);
    const shortCpu = distribution(samples.short.cpuMs);
    const longCpu = distribution(samples.long.cpuMs);
    // The same turns with the time spent inside Azurite's in-memory store taken out: what is left is the
    // app, the SDK, HTTP and botbuilder, which is what Azure Table Storage would run against.
    const withoutStore = (side: SideSamples): Distribution =>
      distribution(side.ms.map((ms, i) => ms - (side.storeMs[i] ?? 0)));
    const shortApp = withoutStore(samples.short);
    const longApp = withoutStore(samples.long);
    const shortStore = distribution(samples.short.storeMs);
    const longStore = distribution(samples.long.storeMs);
    options.log('flatness: the same storage operations on Azurite alone (control)');
    const control = await emulatorControl(stack, options.quick ? 200 : 600);
    const verified = await mapLimit(
      long,
      1,
      async (bench) => (await stack.services.log.verify(bench.caseId)).ok,
    );
    if (verified.includes(false)) throw new Error('A long case does not verify');
    const headBytes = async (bench: BenchCase): Promise<number> =>
      JSON.stringify(await driver.state(bench.caseId)).length;
    return {
      name: 'flatness',
      rows: [
        atMost({
          benchmark: '2 flat in log length',
          metric: `doc turn p50, ${LONG_EVENTS} vs ${SHORT_EVENTS} events`,
          subject: longDistribution.p50,
          baseline: shortDistribution.p50,
          unit: 'ms',
          limit: 1.1,
        }),
        {
          benchmark: '2 flat in log length',
          metric: `doc turn p99, ${LONG_EVENTS} vs ${SHORT_EVENTS} events`,
          subject: longDistribution.p99,
          baseline: shortDistribution.p99,
          unit: 'ms',
          ratio: ratio(longDistribution.p99, shortDistribution.p99),
          target: '(info)',
          verdict: 'info',
        },
        {
          benchmark: '2 flat in log length',
          metric: `A/A check: ${SHORT_EVENTS} vs ${SHORT_EVENTS} events, p50`,
          subject: twinDistribution.p50,
          baseline: shortDistribution.p50,
          unit: 'ms',
          ratio: ratio(twinDistribution.p50, shortDistribution.p50),
          target: '(info)',
          verdict: 'info',
        },
        {
          benchmark: '2 flat in log length',
          metric: `doc turn p50 minus Azurite's store time`,
          subject: longApp.p50,
          baseline: shortApp.p50,
          unit: 'ms',
          ratio: ratio(longApp.p50, shortApp.p50),
          target: '(info)',
          verdict: 'info',
        },
        {
          benchmark: '2 flat in log length',
          metric: `Azurite store time per doc turn, p50`,
          subject: longStore.p50,
          baseline: shortStore.p50,
          unit: 'ms',
          ratio: ratio(longStore.p50, shortStore.p50),
          target: '(info)',
          verdict: 'info',
        },
        {
          benchmark: '2 flat in log length',
          metric: `control: Azurite alone, read + append`,
          subject: control.long.p50,
          baseline: control.short.p50,
          unit: 'ms',
          ratio: ratio(control.long.p50, control.short.p50),
          target: '(info)',
          verdict: 'info',
        },
        {
          benchmark: '2 flat in log length',
          metric: `doc turn CPU p50 (process)`,
          subject: longCpu.p50,
          baseline: shortCpu.p50,
          unit: 'ms',
          ratio: ratio(longCpu.p50, shortCpu.p50),
          target: '(info)',
          verdict: 'info',
        },
      ],
      details: {
        size,
        short: rounded(shortDistribution),
        twin: rounded(twinDistribution),
        long: rounded(longDistribution),
        cpu: { short: rounded(shortCpu), long: rounded(longCpu) },
        emulatorControl: { short: rounded(control.short), long: rounded(control.long) },
        withoutEmulatorStore: { short: rounded(shortApp), long: rounded(longApp) },
        emulatorStoreMsPerTurn: { short: rounded(shortStore), long: rounded(longStore) },
        extraMsAtP50: {
          turn: round(longDistribution.p50 - shortDistribution.p50),
          emulatorControl: round(control.long.p50 - control.short.p50),
        },
        eventsPerCase: {
          shortAtStart: range(before.short),
          shortAtEnd: range(after.short),
          longAtStart: range(before.long),
          longAtEnd: range(after.long),
        },
        stateJsonCharacters: {
          short: await headBytes(short[0] as BenchCase),
          long: await headBytes(long[0] as BenchCase),
        },
        requestsPerTurn: {
          short: perTurn(samples.short.counts, samples.short.ms.length),
          long: perTurn(samples.long.counts, samples.long.ms.length),
        },
        ...(stack.errors.length > 0 && { errors: stack.errors.slice(0, 20) }),
      },
      notes: [],
    };
  } finally {
    await stack.close();
  }
}

async function versions(driver: Driver, cases: readonly BenchCase[]): Promise<number[]> {
  return mapLimit(cases, 8, async (bench) => (await driver.state(bench.caseId)).version);
}

function range(values: readonly number[]): string {
  return `${Math.min(...values)}–${Math.max(...values)}`;
}

/**
 * What Azurite itself makes of partition size: the storage operations of a documentation turn that touch
 * the case's partition (a point read of the head, and a transaction creating an event row and a delivery
 * row and replacing the head with its ETag), timed directly with the SDK on a partition of 10 rows and
 * one of 2,000 rows of event-like size in one table, alternating. Azure Table Storage finds a row by its
 * keys; Azurite's in-memory store (LokiJS) finds the partition by an index and then filters its rows one
 * by one, so its operations slow down as a partition grows. The difference this control shows is the
 * emulator's, not the app's.
 */
async function emulatorControl(
  stack: BenchStack,
  turns: number,
): Promise<{ short: Distribution; long: Distribution }> {
  const table = createTableClient(stack.azurite.connectionString, 'benchcontrol');
  await table.createTable();
  const body = 'x'.repeat(400);
  const etags = new Map<string, string>();
  for (const [partitionKey, rows] of [
    ['short', SHORT_EVENTS],
    ['long', LONG_EVENTS],
  ] as const) {
    for (let start = 0; start < rows; start += 100) {
      await table.submitTransaction(
        Array.from({ length: Math.min(100, rows - start) }, (_, i): TransactionAction => [
          'create',
          { partitionKey, rowKey: eventRowKey(start + i + 1), body },
        ]),
      );
    }
    const head = await table.createEntity({ partitionKey, rowKey: 'H', version: rows });
    etags.set(partitionKey, head.etag ?? '*');
  }
  const ms: Record<'short' | 'long', number[]> = { short: [], long: [] };
  let seq = LONG_EVENTS;
  for (let i = 0; i < turns; i += 1) {
    for (const partitionKey of ['short', 'long'] as const) {
      seq += 1;
      const started = performance.now();
      await table.getEntity(partitionKey, 'H');
      const response = await table.submitTransaction([
        ['create', { partitionKey, rowKey: eventRowKey(seq), body }],
        ['create', { partitionKey, rowKey: `D${seq}`, firstSeq: seq, lastSeq: seq }],
        ['update', { partitionKey, rowKey: 'H', version: seq }, 'Replace', { etag: etags.get(partitionKey) }],
      ]);
      etags.set(partitionKey, response.subResponses[2]?.etag ?? '*');
      if (i >= turns / 10) ms[partitionKey].push(performance.now() - started);
    }
  }
  return { short: distribution(ms.short), long: distribution(ms.long) };
}
