/**
 * `npm run bench`: runs the benchmarks, prints one results table and saves everything as JSON in
 * bench/results/<timestamp>.json and bench/results/latest.json. See bench/README.md.
 *
 *   npm run bench                      every benchmark, full length (about 4–5 minutes)
 *   npm run bench -- --quick           every benchmark, shortened (about 1–2 minutes)
 *   npm run bench -- turn flat         only some: turn, prod, flat, export, cold, load, faults (any order)
 *   npm run bench -- --no-save         print only
 *
 * Progress goes to stderr, the table to stdout. The exit code is 1 only when a benchmark could not run
 * (a missed target is a result, not a failure).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchOptions, BenchmarkResult } from './benchmark';
import { runColdStart } from './coldStart';
import { runFlatness } from './flatness';
import { runFaults } from './faults';
import { runLoad } from './load';
import { runProductionShaped } from './productionShaped';
import { formatTable, type ResultRow } from './stats';
import { runTurnCost } from './turnCost';

type BenchmarkName = 'turn' | 'prod' | 'flat' | 'export' | 'cold' | 'load' | 'faults';

/** In the order they run: cold start first, while nothing else has warmed or loaded this process. */
const ORDER: readonly BenchmarkName[] = ['cold', 'turn', 'prod', 'flat', 'load', 'faults', 'export'];

const TITLES: Record<BenchmarkName, string> = {
  turn: '1 turn cost',
  flat: '2 flat in log length',
  export: '3 export',
  cold: '4 cold start',
  load: '5 load',
  faults: '6 load under storage faults',
  prod: '7 production-shaped',
};

/**
 * The export benchmark lives in bench/exportMemory.ts (written separately). When the file is there, the
 * runner loads it and calls the first function it exports under one of these names with the same
 * options as every other benchmark; the function should resolve to a `BenchmarkResult` (see
 * bench/benchmark.ts). Until then the export benchmark is reported as not available.
 */
const EXPORT_MODULE = path.join(__dirname, 'exportMemory.ts');
const EXPORT_FUNCTION_NAMES = ['runExportMemory', 'runExport', 'runExportBenchmark', 'run', 'default'];

async function runExportSlot(options: BenchOptions): Promise<BenchmarkResult> {
  if (!existsSync(EXPORT_MODULE)) {
    return {
      name: 'export',
      rows: [],
      details: { available: false },
      notes: ['3 export: bench/exportMemory.ts is not there yet; the runner calls it once it is.'],
    };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(EXPORT_MODULE) as Record<string, unknown>;
  const name = EXPORT_FUNCTION_NAMES.find((candidate) => typeof loaded[candidate] === 'function');
  if (name === undefined) {
    throw new Error(`bench/exportMemory.ts exports none of ${EXPORT_FUNCTION_NAMES.join(', ')}`);
  }
  const run = loaded[name] as (options: BenchOptions) => Promise<unknown>;
  return asBenchmarkResult(await run(options));
}

/** Accepts a `BenchmarkResult`, or keeps any other answer as details so nothing measured is lost. */
function asBenchmarkResult(value: unknown): BenchmarkResult {
  const candidate = value as Partial<BenchmarkResult> | undefined;
  if (candidate && Array.isArray(candidate.rows)) {
    return {
      name: candidate.name ?? 'export',
      rows: candidate.rows,
      details: candidate.details ?? {},
      notes: candidate.notes ?? [],
    };
  }
  return { name: 'export', rows: [], details: { result: value }, notes: [] };
}

const RUNNERS: Record<BenchmarkName, (options: BenchOptions) => Promise<BenchmarkResult>> = {
  turn: runTurnCost,
  prod: runProductionShaped,
  faults: runFaults,
  flat: runFlatness,
  export: runExportSlot,
  cold: runColdStart,
  load: runLoad,
};

const ALIASES: Record<string, BenchmarkName> = {
  turn: 'turn',
  turncost: 'turn',
  flat: 'flat',
  flatness: 'flat',
  export: 'export',
  exportmemory: 'export',
  cold: 'cold',
  coldstart: 'cold',
  load: 'load',
  faults: 'faults',
  prod: 'prod',
  production: 'prod',
  productionshaped: 'prod',
};

interface Arguments {
  quick: boolean;
  save: boolean;
  selected: BenchmarkName[];
}

function parseArguments(argv: readonly string[]): Arguments {
  let quick = false;
  let save = true;
  const chosen = new Set<BenchmarkName>();
  for (const argument of argv) {
    if (argument === '--quick' || argument === '-q') quick = true;
    else if (argument === '--no-save') save = false;
    else if (argument === '--help' || argument === '-h') {
      console.log(
        'usage: npm run bench -- [--quick] [--no-save] [turn] [prod] [flat] [export] [cold] [load] [faults]',
      );
      process.exit(0);
    } else {
      for (const name of argument.replace(/^--(only=)?/, '').split(',')) {
        const benchmark = ALIASES[name.toLowerCase()];
        if (benchmark === undefined) {
          console.error(`Unknown benchmark or flag "${name}" (try --help)`);
          process.exit(2);
        }
        chosen.add(benchmark);
      }
    }
  }
  const selected = ORDER.filter((name) => chosen.size === 0 || chosen.has(name));
  return { quick, save, selected };
}

function git(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** The facts a reader needs to compare results across machines. */
interface MachineFacts {
  nproc: number;
  cpuModel: string | undefined;
  node: string;
  platform: string;
  totalMemoryMiB: number;
  loadAverageAtStart: number[];
  commit: string | undefined;
  uncommittedChanges: number;
}

function machine(): MachineFacts {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedChanges: (git('status', '--porcelain') ?? '').split('\n').filter((line) => line !== '').length,
  };
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const options: BenchOptions = {
    quick: args.quick,
    log: (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`),
  };
  const startedAt = new Date();
  const facts = machine();
  options.log(
    `${args.quick ? 'quick' : 'full'} run of ${args.selected.join(', ')} on ${facts.nproc} cores, Node ${process.version}`,
  );

  const results: (BenchmarkResult & { seconds: number; error?: string })[] = [];
  let failed = false;
  for (const name of args.selected) {
    const started = performance.now();
    try {
      const result = await RUNNERS[name](options);
      results.push({ ...result, seconds: Math.round((performance.now() - started) / 100) / 10 });
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      options.log(`${name} failed: ${message}`);
      results.push({
        name,
        rows: [],
        details: {},
        notes: [`${TITLES[name]}: could not run (${message.split('\n')[0] ?? ''})`],
        seconds: Math.round((performance.now() - started) / 100) / 10,
        error: message,
      });
    }
    options.log(`${name} done in ${results.at(-1)?.seconds ?? 0} s`);
  }

  const rows: ResultRow[] = results.flatMap((result) => result.rows);
  const notes = results.flatMap((result) => result.notes);
  const totalSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  console.log(formatTable(rows));
  for (const note of notes) console.log(`- ${note}`);
  console.log(
    `\n${args.quick ? 'quick' : 'full'} run, ${totalSeconds} s, ${facts.nproc} cores, Node ${process.version}` +
      `${facts.commit === undefined ? '' : `, commit ${facts.commit}`}`,
  );

  if (args.save) {
    const dir = path.join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const document = {
      startedAt: startedAt.toISOString(),
      totalSeconds,
      mode: args.quick ? 'quick' : 'full',
      benchmarks: args.selected,
      machine: { ...facts, loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100) },
      rows,
      notes,
      results,
    };
    const json = `${JSON.stringify(document, null, 2)}\n`;
    const file = path.join(dir, `${stamp}.json`);
    writeFileSync(file, json);
    writeFileSync(path.join(dir, 'latest.json'), json);
    options.log(`saved ${path.relative(process.cwd(), file)} and bench/results/latest.json`);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
