/**
 * Benchmark 4, cold start: the time a fresh Node process takes to load the Functions app's entry modules,
 * against the time it takes to load botbuilder alone.
 *
 * Measured as Azure loads the app: `main` is `dist/functions/*.js`, so the app is compiled first with the
 * project's own build config (`tsconfig.build.json`, as `npm run build` does) into a scratch folder inside
 * node_modules/.cache (so the compiled modules resolve the project's node_modules), and each child
 * process is plain `node` (no tsx, whose loader would tax only one side). The worker provides
 * `@azure/functions-core` before it loads the app; each child installs the same kind of stand-in
 * (a registry that records nothing) on both sides, then times only its `require` calls:
 *
 * - subject: every `functions/*.js`, in file order, as the worker loads `main`;
 * - baseline: `require('botbuilder')`;
 * - info: the entry modules plus what the first message loads lazily (`runtime/bot.js`, which brings
 *   botbuilder, the bot and the cards), to show where botbuilder's cost went.
 *
 * Runs alternate subject / baseline / info, after two warm-up rounds (the OS file cache), and the medians
 * are compared. The processes' wall times (spawn to exit, Node's own start included) are kept as details.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BenchOptions, BenchmarkResult } from './benchmark';
import { atMost, distribution, median, ratio, rounded } from './stats';

const ROOT = path.resolve(__dirname, '..');
const BUILD_DIR = path.join(ROOT, 'node_modules', '.cache', 'bench-build');

/** The child: install the functions-core stand-in, then time the requires named in argv. */
const CHILD = `
const Module = require('node:module');
const noop = () => undefined;
class Disposable { static from() { return new Disposable(); } dispose() {} }
const core = {
  version: '0.0.0-bench', hostVersion: '4.0.0-bench', Disposable,
  registerFunction: () => new Disposable(), registerHook: () => new Disposable(),
  setProgrammingModel: noop, getProgrammingModel: noop, log: noop,
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === '@azure/functions-core' ? request : resolve.call(this, request, ...rest);
};
const stand = new Module('@azure/functions-core');
stand.exports = core; stand.loaded = true; Module._cache['@azure/functions-core'] = stand;
const targets = JSON.parse(process.argv[1]);
const started = performance.now();
for (const target of targets) require(target);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, modules: Object.keys(require.cache).length }));
`;

interface ChildRun {
  /** Time spent in the requires. */
  ms: number;
  /** Spawn to exit. */
  wallMs: number;
  modules: number;
}

function runChild(targets: readonly string[]): ChildRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-e', CHILD, JSON.stringify(targets)], {
    cwd: ROOT,
    encoding: 'utf8',
    // A clean environment for the app's modules: nothing of this process's loaders (tsx) is inherited.
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production' },
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`cold start child failed (${result.status ?? 'signal'}): ${result.stderr}`);
  }
  const parsed = JSON.parse(result.stdout) as { ms: number; modules: number };
  return { ms: parsed.ms, wallMs, modules: parsed.modules };
}

/**
 * Compiles the app as `npm run build` does, into an emptied scratch folder. Type errors do not stop the
 * measurement (tsc still emits, exit status 2): load time does not depend on them, and a colleague's
 * work in progress should not blank the figure; they are reported with the result.
 */
function build(): { ms: number; typeErrors: string[] } {
  const started = performance.now();
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', BUILD_DIR, '--sourceMap', 'false'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  // 0: built; 2: built, with type errors; anything else: nothing (or not everything) was emitted.
  if (result.status !== 0 && result.status !== 2) {
    throw new Error(`The build failed:\n${result.stdout}${result.stderr}`);
  }
  const typeErrors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
  return { ms: performance.now() - started, typeErrors };
}

export async function runColdStart(options: BenchOptions): Promise<BenchmarkResult> {
  const runs = options.quick ? 7 : 21;
  const warmup = 2;
  options.log(`cold start: compiling the app (tsconfig.build.json) into ${path.relative(ROOT, BUILD_DIR)}`);
  const built = build();
  if (built.typeErrors.length > 0) {
    options.log(
      `cold start: the build reported ${built.typeErrors.length} type errors; measuring what it emitted`,
    );
  }
  const functionsDir = path.join(BUILD_DIR, 'functions');
  const entries = readdirSync(functionsDir)
    .filter((file) => file.endsWith('.js'))
    .sort()
    .map((file) => path.join(functionsDir, file));
  const sides = {
    entries,
    botbuilder: ['botbuilder'],
    firstMessage: [...entries, path.join(BUILD_DIR, 'runtime', 'bot.js')],
  } as const;

  options.log(`cold start: ${warmup} warm-up + ${runs} runs per side, interleaved`);
  const samples: Record<keyof typeof sides, ChildRun[]> = { entries: [], botbuilder: [], firstMessage: [] };
  for (let i = 0; i < warmup + runs; i += 1) {
    for (const side of Object.keys(sides) as (keyof typeof sides)[]) {
      const run = runChild(sides[side]);
      if (i >= warmup) samples[side].push(run);
    }
    // Yield between rounds so a progress line or a timer of the runner is not starved.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const ms = (side: keyof typeof sides): number[] => samples[side].map((run) => run.ms);
  const entriesMs = median(ms('entries'));
  const botbuilderMs = median(ms('botbuilder'));
  const firstMessageMs = median(ms('firstMessage'));
  return {
    name: 'coldStart',
    rows: [
      atMost({
        benchmark: '4 cold start',
        metric: `load functions/*.js (${entries.length}), median`,
        subject: entriesMs,
        baseline: botbuilderMs,
        unit: 'ms',
        limit: 1.1,
      }),
      {
        benchmark: '4 cold start',
        metric: 'entries + first message (runtime/bot.js)',
        subject: firstMessageMs,
        baseline: botbuilderMs,
        unit: 'ms',
        ratio: ratio(firstMessageMs, botbuilderMs),
        target: '(info)',
        verdict: 'info',
      },
    ],
    details: {
      runs,
      buildMs: Math.round(built.ms),
      buildTypeErrors: built.typeErrors,
      entries: entries.map((file) => path.relative(BUILD_DIR, file)),
      requireMs: {
        entries: rounded(distribution(ms('entries'))),
        botbuilder: rounded(distribution(ms('botbuilder'))),
        firstMessage: rounded(distribution(ms('firstMessage'))),
      },
      processWallMs: {
        entries: Math.round(median(samples.entries.map((run) => run.wallMs))),
        botbuilder: Math.round(median(samples.botbuilder.map((run) => run.wallMs))),
        firstMessage: Math.round(median(samples.firstMessage.map((run) => run.wallMs))),
      },
      modulesLoaded: {
        entries: samples.entries[0]?.modules,
        botbuilder: samples.botbuilder[0]?.modules,
        firstMessage: samples.firstMessage[0]?.modules,
      },
    },
    notes:
      built.typeErrors.length === 0
        ? []
        : [
            `4 cold start: the build reported ${built.typeErrors.length} type error(s) (${built.typeErrors[0] ?? ''}); ` +
              'the JavaScript tsc emitted anyway was measured.',
          ],
  };
}
