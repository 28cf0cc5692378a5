/**
 * What a benchmark module receives and returns, and the interleaving every latency comparison uses.
 *
 * Absolute times on these machines drift (other jobs share the two cores), so no figure stands alone: a
 * subject is always measured against a baseline in the same run, on the same Azurite, and the two sides
 * alternate in blocks (A B A B …) after a warm-up, so that drift and garbage collection fall on both.
 */
import type { ResultRow } from './stats';
import { countsBetween, type BenchStack, type RequestCounts, type Side } from './stack';

export interface BenchOptions {
  /** Shorter runs (fewer iterations, shorter load), for a quick look; the full run is the reference. */
  quick: boolean;
  /** Progress lines (to stderr, so the table on stdout stays clean). */
  log: (message: string) => void;
}

export interface BenchmarkResult {
  name: string;
  rows: ResultRow[];
  /** Everything else worth keeping in the JSON (distributions, counts, sizes, settings). */
  details: Record<string, unknown>;
  /** Sentences for the reader: why a target is missed, what was found. */
  notes: string[];
}

/** One timed turn: how long the request took and what it made the process send. */
export interface TimedTurn {
  /** Wall time of the request, in milliseconds. */
  ms: number;
  /**
   * CPU time the whole process spent meanwhile (user + system, all threads), in milliseconds. Azurite,
   * the host, the bot and the connector stub all run in this process, so for a sequential turn this is
   * the work the turn caused, and unlike wall time it does not grow when other jobs take the cores.
   */
  cpuMs: number;
  counts: RequestCounts;
}

/**
 * POSTs one activity and measures it. Nothing else may run in the process meanwhile for the counts to
 * belong to this turn (true for the sequential benchmarks; the load benchmark does not use this).
 */
export async function timedPost(stack: BenchStack, activity: object): Promise<TimedTurn> {
  const before = stack.counts();
  const cpuBefore = process.cpuUsage();
  const result = await stack.post(activity);
  const cpu = process.cpuUsage(cpuBefore);
  const counts = countsBetween(stack.counts(), before);
  if (result.status !== 200) throw new Error(`The endpoint answered ${result.status}: ${result.body}`);
  return { ms: result.ms, cpuMs: (cpu.user + cpu.system) / 1000, counts };
}

export interface InterleavedPlan<S extends string> {
  /** The sides, in the order each round visits them (A B A B …). */
  sides: readonly S[];
  /** Turns per side thrown away before measuring (warm-up: JIT, caches, connections). */
  warmup: number;
  /** Measured turns per side. */
  perSide: number;
  /** Turns per side per block. */
  blockSize: number;
  /** Puts a side behind the endpoint (or does nothing when both sides share the runtime). */
  select: (side: S) => void;
  /**
   * Prepares (untimed) and runs (timed) the i-th turn of a side; `measured` is false for warm-up turns
   * (the first `warmup` of each side), for a benchmark that keeps figures of its own beside `TimedTurn`.
   */
  turn: (side: S, index: number, measured: boolean) => Promise<TimedTurn>;
}

export interface SideSamples {
  ms: number[];
  cpuMs: number[];
  /** Per turn: the milliseconds of `ms` spent inside Azurite's in-memory store. */
  storeMs: number[];
  /** Requests summed over the measured turns. */
  counts: RequestCounts;
}

/** Runs the plan: warm-up blocks, then measured blocks alternating between the sides. */
export async function interleave<S extends string>(
  plan: InterleavedPlan<S>,
): Promise<Record<S, SideSamples>> {
  const samples = Object.fromEntries(
    plan.sides.map((side) => [
      side,
      { ms: [] as number[], cpuMs: [] as number[], storeMs: [] as number[], counts: zeroCounts() },
    ]),
  ) as Record<S, SideSamples>;
  const index = Object.fromEntries(plan.sides.map((side) => [side, 0])) as Record<S, number>;
  const runBlock = async (side: S, turns: number, measured: boolean): Promise<void> => {
    plan.select(side);
    for (let i = 0; i < turns; i += 1) {
      const turn = await plan.turn(side, index[side], measured);
      index[side] += 1;
      if (!measured) continue;
      samples[side].ms.push(turn.ms);
      samples[side].cpuMs.push(turn.cpuMs);
      samples[side].storeMs.push(turn.counts.emulatorStoreMs);
      samples[side].counts = addCounts(samples[side].counts, turn.counts);
    }
  };
  const warmupBlock = Math.max(1, Math.ceil(plan.warmup / 2));
  for (let done = 0; done < plan.warmup; done += warmupBlock) {
    for (const side of plan.sides) await runBlock(side, Math.min(warmupBlock, plan.warmup - done), false);
  }
  for (let done = 0; done < plan.perSide; done += plan.blockSize) {
    for (const side of plan.sides) await runBlock(side, Math.min(plan.blockSize, plan.perSide - done), true);
  }
  return samples;
}

export function zeroCounts(): RequestCounts {
  return {
    storageReads: 0,
    storageWrites: 0,
    storageTransactions: 0,
    storageOther: 0,
    storageConflicts: 0,
    connector: 0,
    emulatorStoreMs: 0,
  };
}

export function addCounts(a: RequestCounts, b: RequestCounts): RequestCounts {
  return {
    storageReads: a.storageReads + b.storageReads,
    storageWrites: a.storageWrites + b.storageWrites,
    storageTransactions: a.storageTransactions + b.storageTransactions,
    storageOther: a.storageOther + b.storageOther,
    storageConflicts: a.storageConflicts + b.storageConflicts,
    connector: a.connector + b.connector,
    emulatorStoreMs: a.emulatorStoreMs + b.emulatorStoreMs,
  };
}

/** Requests per turn, to one decimal. */
export function perTurn(counts: RequestCounts, turns: number): RequestCounts {
  const per = (value: number): number => Math.round((value / Math.max(1, turns)) * 10) / 10;
  return {
    storageReads: per(counts.storageReads),
    storageWrites: per(counts.storageWrites),
    storageTransactions: per(counts.storageTransactions),
    storageOther: per(counts.storageOther),
    storageConflicts: per(counts.storageConflicts),
    connector: per(counts.connector),
    emulatorStoreMs: Math.round((counts.emulatorStoreMs / Math.max(1, turns)) * 100) / 100,
  };
}

/** "3 reads + 2 writes + 1 transaction, 2 connector calls" */
export function describeCounts(counts: RequestCounts): string {
  const storage =
    counts.storageReads + counts.storageWrites + counts.storageTransactions + counts.storageOther;
  return (
    `${round1(storage)} storage (${round1(counts.storageReads)} point reads, ${round1(counts.storageWrites)} writes, ` +
    `${round1(counts.storageTransactions)} transactions, ${round1(counts.storageOther)} other), ` +
    `${round1(counts.connector)} connector`
  );
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export type { Side };
