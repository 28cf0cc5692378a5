/**
 * Benchmark 3, export: a 100,000-event export (20,000 with --quick), in each streamed format, measured
 * for memory growth and throughput against a raw scan of the same rows (`listEntities` over the cases'
 * partitions, counting rows and nothing else: the floor any export of the log stands on).
 *
 * Memory is the point: an export must be written as it is read. After a forced garbage collection at
 * every tenth of the export, the retained heap is sampled; a bounded export's retained heap stays flat
 * however far it has read, while one that buffered the log would grow by its size (about 1 KB per event
 * here, so ~100 MB at the end). The peak of heap + array buffers between collections is reported too;
 * it also covers the .qdpx's last step (joining project.qde from its spools), which the tenths do not.
 *
 * Azurite runs in a child process (its CLI, in memory), so the heap measured is the exporter's alone.
 * The cases are grown untimed through the real engine (`decide` + `evolve`) and the real Table log, in
 * transactions of 90 events: mostly revised documentation with names in the text, ideas and barriers.
 *
 *   npm run bench -- export           as part of the runner (prints the table, saves bench/results/)
 *   npx tsx bench/exportMemory.ts     on its own, printing the table
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { TableClient, odata } from '@azure/data-tables';
import {
  builtInTemplates,
  decide,
  evolve,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '../engine';
import { azuriteConnectionString } from '../local/azurite';
import type { ExportFormat, ExportMeta } from '../research/exportModel';
import { fileSpools } from '../research/qdpx/fileSpool';
import { prepareExport } from '../research/runExport';
import { createResearchStorage, type ResearchStorage } from '../runtime/research';
import type { BenchOptions, BenchmarkResult } from './benchmark';
import { formatTable, round, type ResultRow } from './stats';
import { freePort } from '../test/support/ports';

/**
 * The events are spread over ten cases (10,000 each; --quick: 4 × 5,000) and exported together.
 * Azurite's in-memory store finds a row by scanning its partition, so growing one 100,000-event
 * partition costs it quadratic time (measured: more than 15 minutes); Azure Table Storage has no such
 * cost. Ten cases also show that per-case state is let go between cases.
 */
const caseIdOf = (index: number): string => `bench-export-case-${index}`;
const PREFIX = 'benchexport';
const FORMATS: readonly ExportFormat[] = ['jsonl', 'csv-events', 'markdown', 'qdpx'];
/** Retained-heap growth a streamed export may show, whatever its length. */
const RETAINED_LIMIT_MIB = 32;
const MIB = 1024 * 1024;

const PEOPLE = [
  ['bench-owner', 'Ingrid Solberg'],
  ['bench-member', 'Jonas Bakke'],
  ['bench-manager', 'Hilde Moen'],
  ['bench-manager-2', 'Erik Lie'],
  ['bench-researcher', 'Sara Nilsen'],
] as const;

/** `gc()` without --expose-gc on the command line (the runner is started by npm). */
function garbageCollector(): () => void {
  v8.setFlagsFromString('--expose_gc');
  return vm.runInNewContext('gc') as () => void;
}

async function startAzuriteProcess(): Promise<{ connectionString: string; child: ChildProcess }> {
  const port = await freePort();
  const binary = path.resolve(__dirname, '..', 'node_modules', '.bin', 'azurite-table');
  const child = spawn(
    binary,
    [
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(port),
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--silent',
    ],
    { stdio: 'ignore' },
  );
  const connectionString = azuriteConnectionString('127.0.0.1', port);
  const probe = TableClient.fromConnectionString(connectionString, 'probe', {
    allowInsecureConnection: true,
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await probe.createTable();
      return { connectionString, child };
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function commandFor(i: number): CaseCommand {
  const kind = i % 20;
  const [, name] = PEOPLE[i % PEOPLE.length] ?? PEOPLE[0];
  if (kind < 14) {
    return {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [
        {
          promptId: 'challenge',
          answer: {
            type: 'text',
            text:
              `Revisjon ${i}: ${name} beskriver at ventelistene i hjemmetjenesten vokser, at kveldsvaktene er ` +
              'underbemannet og at brukerne venter i snitt 40 minutter på besøk. Tallene kommer fra ' +
              `fagsystemet og er gjennomgått med tillitsvalgte; ${name.split(' ')[0] ?? ''} foreslår et lite pilotteam.`,
          },
        },
      ],
    };
  }
  if (kind < 18)
    return {
      type: 'RecordIdea',
      ideaId: `idea-${i}`,
      text: `Idé ${i} fra ${name}: nattevakten ringer brukere som sover dårlig.`,
    };
  return {
    type: 'RecordBarrier',
    barrierId: `barrier-${i}`,
    text: `Barriere ${i}: turnus gjør det vanskelig å samle alle.`,
    category: 'shift-work',
  };
}

/** Grows one case to `events` events, untimed, through the engine and the Table log; returns its version. */
async function seedCase(storage: ResearchStorage, caseId: string, events: number): Promise<number> {
  const template = builtInTemplates().latest('municipal-service-innovation');
  const started = Date.parse('2026-01-05T08:00:00.000Z');
  let state: CaseState | undefined;
  let version = 0;
  let head = await storage.log.readHead(caseId);
  let pending: CaseEvent[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0 || !state) return;
    head = (await storage.log.append({ caseId, expected: head, events: pending, state })).head;
    pending = [];
  };
  const apply = (actorId: string, command: CaseCommand, i: number): void => {
    const at = new Date(started + i * 60_000).toISOString();
    for (const event of decide(command, state, { actorId, at, template }).events) {
      version += 1;
      state = evolve(state, event, version);
      pending.push(event);
    }
  };
  const [owner, member, manager, manager2, researcher] = PEOPLE.map(([id]) => id);
  apply(
    owner ?? '',
    {
      type: 'OpenCase',
      caseId,
      title: `Kveldsteam i hjemmetjenesten (${caseId})`,
      unit: 'Sone nord',
      conversationId: '19:bench@thread.v2',
      template: { id: template.id, version: template.version },
      language: 'nb',
      managerIds: [manager ?? '', manager2 ?? ''],
    },
    0,
  );
  apply(owner ?? '', { type: 'AssignRole', personId: researcher ?? '', role: 'researcher' }, 0);
  apply(member ?? '', { type: 'JoinCase' }, 0);
  for (let i = 1; version < events; i += 1) {
    apply(i % 3 === 0 ? (member ?? '') : (owner ?? ''), commandFor(i), i);
    if (pending.length >= 90) await flush();
  }
  await flush();
  return version;
}

/** Grows `cases` cases of `perCase` events each, untimed; returns each case with its version. */
async function seed(
  storage: ResearchStorage,
  cases: number,
  perCase: number,
  log: (message: string) => void,
): Promise<{ caseId: string; toSeq: number }[]> {
  for (const [personId, displayName] of PEOPLE) {
    await storage.people.upsertPerson({ personId, displayName, seenAt: '2026-01-05T08:00:00.000Z' });
  }
  const seeded: { caseId: string; toSeq: number }[] = [];
  for (let index = 1; index <= cases; index += 1) {
    const caseId = caseIdOf(index);
    seeded.push({ caseId, toSeq: await seedCase(storage, caseId, perCase) });
    log(`export: seeded case ${index}/${cases}`);
  }
  return seeded;
}

interface Measurement {
  seconds: number;
  events: number;
  bytes: number;
  /** Retained heap (after GC) at each tenth of the way, minus the retained heap at the start, in MiB. */
  retainedMiB: number[];
  /** Peak of heap used + array buffers over the run, minus the start, in MiB (no GC forced between). */
  peakMiB: number;
}

async function measure(
  gc: () => void,
  run: (checkpoint: (done: number) => void) => Promise<{ events: number; bytes: number }>,
  total: number,
): Promise<Measurement> {
  gc();
  const start = process.memoryUsage();
  const base = start.heapUsed + start.arrayBuffers;
  let peak = base;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed + now.arrayBuffers);
  }, 20);
  const retained: number[] = [];
  let next = 0.1;
  const checkpoint = (done: number): void => {
    if (done / total < next) return;
    next += 0.1;
    gc();
    retained.push(round((process.memoryUsage().heapUsed - start.heapUsed) / MIB, 1));
  };
  const started = performance.now();
  try {
    const { events, bytes } = await run(checkpoint);
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds: round(seconds, 2),
      events,
      bytes,
      retainedMiB: retained,
      peakMiB: round((peak - base) / MIB, 1),
    };
  } finally {
    clearInterval(sampler);
  }
}

export async function runExportMemory(options: BenchOptions): Promise<BenchmarkResult> {
  const [caseCount, perCase] = options.quick ? [4, 5_000] : [10, 10_000];
  const gc = garbageCollector();
  options.log(`export: starting Azurite (child process), seeding ${caseCount} cases of ${perCase} events`);
  const azurite = await startAzuriteProcess();
  try {
    const storage = createResearchStorage(azurite.connectionString, { tablePrefix: PREFIX });
    const seedStarted = performance.now();
    const cases = await seed(storage, caseCount, perCase, options.log);
    const toSeq = cases.reduce((sum, c) => sum + c.toSeq, 0);
    options.log(`export: ${toSeq} events seeded in ${round((performance.now() - seedStarted) / 1000, 1)} s`);

    // The floor: every event row of the cases' partitions, listed and counted, nothing parsed.
    const table = TableClient.fromConnectionString(azurite.connectionString, `${PREFIX}caseevents`, {
      allowInsecureConnection: true,
    });
    const scan = await measure(
      gc,
      async (checkpoint) => {
        let rows = 0;
        for (const { caseId } of cases) {
          const filter = odata`PartitionKey eq ${caseId} and RowKey ge ${'E'} and RowKey lt ${'F'}`;
          for await (const row of table.listEntities({ queryOptions: { filter } })) {
            rows += 1;
            checkpoint(rows);
            void row;
          }
        }
        return { events: rows, bytes: 0 };
      },
      toSeq,
    );
    options.log(`export: raw scan ${scan.events} rows in ${scan.seconds} s`);

    const results: Record<string, Measurement> = {};
    for (const format of FORMATS) {
      const meta: ExportMeta = {
        exportId: `bench-${format}`,
        createdAt: new Date().toISOString(),
        format,
        language: 'nb',
        names: 'pseudonymised',
        scope: { caseIds: cases.map((c) => c.caseId) },
        generator: 'innovation-gates bench',
        timeZone: 'Europe/Oslo',
      };
      results[format] = await measure(
        gc,
        async (checkpoint) => {
          let events = 0;
          const prepared = await prepareExport(
            meta,
            cases,
            { ...storage, templates: builtInTemplates(), spools: fileSpools() },
            (progress) => {
              events = progress.eventsDone;
              checkpoint(progress.eventsDone);
            },
          );
          let bytes = 0;
          for await (const chunk of prepared.body) bytes += chunk.byteLength;
          return { events, bytes };
        },
        toSeq,
      );
      const m = results[format];
      options.log(
        `export: ${format} ${m?.events} events, ${round((m?.bytes ?? 0) / MIB, 1)} MiB in ${m?.seconds} s, retained ${m?.retainedMiB.join(' ')} MiB`,
      );
    }

    const rows: ResultRow[] = [];
    const scanRate = scan.events / scan.seconds;
    for (const format of FORMATS) {
      const m = results[format];
      if (!m) continue;
      const rate = m.events / m.seconds;
      rows.push({
        benchmark: '3 export',
        metric: `${format}: throughput`,
        subject: Math.round(rate),
        baseline: Math.round(scanRate),
        unit: 'events/s',
        ratio: round(rate / scanRate),
        target: 'info',
        verdict: 'info',
      });
      const retainedEnd = m.retainedMiB.at(-1) ?? 0;
      const retainedMax = Math.max(0, ...m.retainedMiB);
      rows.push({
        benchmark: '3 export',
        metric: `${format}: retained heap growth (max over tenths)`,
        subject: retainedMax,
        baseline: Math.max(0, ...scan.retainedMiB),
        unit: 'MiB',
        ratio: Number.NaN,
        target: `≤ ${RETAINED_LIMIT_MIB} MiB`,
        verdict: retainedMax <= RETAINED_LIMIT_MIB ? 'met' : 'missed',
        note: `at the end ${retainedEnd} MiB`,
      });
      rows.push({
        benchmark: '3 export',
        metric: `${format}: peak heap + buffers growth`,
        subject: m.peakMiB,
        baseline: scan.peakMiB,
        unit: 'MiB',
        ratio: round(m.peakMiB / Math.max(scan.peakMiB, 0.1)),
        target: 'info',
        verdict: 'info',
      });
    }
    const qdpx = results['qdpx'];
    const notes = [
      `3 export: ${toSeq.toLocaleString('en')} events in ${cases.length} cases; raw scan ${Math.round(scanRate).toLocaleString('en')} rows/s. ` +
        'Retained heap is measured after a forced GC at each tenth of the export: flat means the export streams.',
    ];
    if (qdpx) {
      notes.push(
        `3 export: qdpx spools project.qde's parts and the ZIP central directory to temporary files ` +
          `(retained ${qdpx.retainedMiB.join(', ')} MiB at each tenth); its lower throughput is the XML ` +
          'and the ZIP entry it writes per source (entries under 2 KiB stored, not deflated).',
      );
    }
    return {
      name: 'export',
      rows,
      details: {
        events: toSeq,
        cases: cases.length,
        rawScan: scan,
        formats: results,
        retainedLimitMiB: RETAINED_LIMIT_MIB,
      },
      notes,
    };
  } finally {
    azurite.child.kill('SIGINT');
  }
}

if (require.main === module) {
  const quick = process.argv.includes('--quick');
  runExportMemory({ quick, log: (message) => process.stderr.write(`${message}\n`) })
    .then((result) => {
      console.log(formatTable(result.rows));
      for (const note of result.notes) console.log(note);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
