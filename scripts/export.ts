/**
 * `npm run export -- …`: the research export on the command line, for a researcher working on a copy of
 * the data (or an administrator on the live account). It writes the same formats as the research API,
 * from the same code, straight from a storage connection string: no token, no per-case research role
 * (whoever holds the connection string can read the tables anyway), and no size limit. Progress goes to
 * stderr; the export is streamed to the file as it is read, in bounded memory.
 *
 *   npm run export -- --connection-string "<conn>" --format qdpx --out study.qdpx
 *   npm run export -- --format all --out exports/ --status completed --from 2026-01-01 --lang en
 *   npm run export -- --cases case-1,case-2 --format jsonl --out - > cases.jsonl
 *
 * Options:
 *   --connection-string <s>  the storage account (default: TABLES_CONNECTION_STRING / settings)
 *   --table-prefix <p>       table name prefix (default: TABLE_PREFIX)
 *   --format <f>             json, jsonl, csv-events, csv-answers, csv-cases, csv-anchoring, markdown,
 *                            qdpx, or all (a CSV file gets <file>.README.md beside it: the export notice)
 *   --out <path>             file to write (`-` for stdout); with --format all, a folder
 *   --cases <a,b>            these cases, in this order; otherwise every case matching the filters:
 *   --status, --template, --unit, --from, --to   as the API's filters
 *   --lang nb|nn|en          language of labels and pseudonyms: Bokmål, Nynorsk or English (default:
 *                            MUNICIPALITY_WRITTEN_FORM, else nb)
 *   --names real             real names instead of pseudonyms (default pseudonymised)
 *   --by <name>              who is exporting, for the export audit (default: the OS account)
 *   --skip-audit             do not record the export (for read-only copies); say so deliberately
 *
 * Every export is recorded in the copy's export audit (`researchexports`) as `cli:<by>`, before it
 * starts; if that fails the export stops, unless --skip-audit is given.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { loadSettings } from '../config/settings';
import type { Language } from '../engine/localized';
import { appVersion } from '../config/version';
import { builtInTemplates, isDomainError } from '../engine';
import {
  EXPORT_FORMATS,
  type CaseToExport,
  type ExportFormat,
  type ExportMeta,
} from '../research/exportModel';
import { FORMATS } from '../research/exporters';
import { exportNotice } from '../research/exportNotice';
import type { ExportProgress } from '../research/projection';
import { fileSpools } from '../research/qdpx/fileSpool';
import {
  parseCaseQuery,
  parseFormat,
  parseLanguage,
  parseNames,
  type CaseQuery,
} from '../research/researchRequests';
import { prepareExport } from '../research/runExport';
import { createResearchStorage, type ResearchStorage } from '../runtime/research';
import { changedSince, directoryUpdatedFrom, type CaseFilter } from '../storage/eventLog';

class UsageError extends Error {}

interface CliOptions {
  connectionString: string;
  tablePrefix: string;
  azuriteTablePort: number | undefined;
  formats: ExportFormat[];
  out: string | undefined;
  caseIds: string[] | undefined;
  filter: CaseQuery;
  language: Language;
  names: 'real' | 'pseudonymised';
  by: string;
  audit: boolean;
}

function parseCommandLine(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'connection-string': { type: 'string' },
      'table-prefix': { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      cases: { type: 'string' },
      status: { type: 'string' },
      template: { type: 'string' },
      unit: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      lang: { type: 'string' },
      names: { type: 'string' },
      by: { type: 'string' },
      'skip-audit': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    throw new UsageError('see the comment at the top of scripts/export.ts for every option');
  }
  const settings = loadSettings();
  const query = new URLSearchParams();
  for (const name of ['status', 'template', 'unit', 'from', 'to'] as const) {
    const value = values[name];
    if (value !== undefined) query.set(name, value);
  }
  const connectionString = values['connection-string'] ?? settings.tablesConnectionString;
  const format = values.format ?? 'json';
  return {
    connectionString,
    tablePrefix: values['table-prefix'] ?? settings.tablePrefix,
    azuriteTablePort: values['connection-string'] === undefined ? settings.azuriteTablePort : undefined,
    formats: format === 'all' ? [...EXPORT_FORMATS] : [parseFormat(format, 'json')],
    out: values.out,
    caseIds: values.cases
      ?.split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
    filter: parseCaseQuery(query),
    language: parseLanguage(values.lang, settings.writtenForm),
    names: parseNames(values.names),
    by: values.by ?? os.userInfo().username,
    audit: !values['skip-audit'],
  };
}

/** The cases to export with their current versions: the named ones, or every one matching the filter. */
async function resolveCases(storage: ResearchStorage, options: CliOptions): Promise<CaseToExport[]> {
  if (options.caseIds !== undefined) {
    const cases: CaseToExport[] = [];
    for (const caseId of options.caseIds) {
      const head = await storage.log.readHead(caseId);
      if (!head) throw new UsageError(`no case "${caseId}" in this storage account`);
      cases.push({ caseId, toSeq: head.version });
    }
    return cases;
  }
  const { filter } = options;
  const directoryFilter: CaseFilter = {
    ...(filter.status !== undefined && { status: filter.status }),
    ...(filter.templateId !== undefined && { templateId: filter.templateId }),
    ...(filter.unit !== undefined && { unit: filter.unit }),
    ...(filter.from !== undefined && { updatedFrom: directoryUpdatedFrom(filter.from) }),
  };
  const found: (CaseToExport & { openedAt: string })[] = [];
  for await (const summary of storage.log.listCases(directoryFilter)) {
    if (filter.to !== undefined && summary.openedAt >= filter.to) continue;
    // The head, not the directory copy, says how far the log goes.
    const head = await storage.log.readHead(summary.caseId);
    if (head && filter.from !== undefined && !changedSince(head.state, filter.from)) continue;
    if (head) found.push({ caseId: summary.caseId, toSeq: head.version, openedAt: head.state.openedAt });
  }
  found.sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.caseId.localeCompare(b.caseId));
  return found.map(({ caseId, toSeq }) => ({ caseId, toSeq }));
}

function progressPrinter(label: string): {
  update: (p: ExportProgress) => void;
  done: (p?: ExportProgress) => void;
} {
  const started = performance.now();
  const interactive = process.stderr.isTTY;
  let last = 0;
  const line = (p: ExportProgress): string => {
    const seconds = (performance.now() - started) / 1000;
    const percent = p.eventsTotal === 0 ? 100 : Math.floor((p.eventsDone / p.eventsTotal) * 100);
    const rate = seconds > 0 ? Math.round(p.eventsDone / seconds) : 0;
    return (
      `${label}: ${p.eventsDone.toLocaleString('en')} / ${p.eventsTotal.toLocaleString('en')} events (${percent}%), ` +
      `${p.casesDone}/${p.casesTotal} cases, ${rate.toLocaleString('en')} events/s`
    );
  };
  return {
    update: (p) => {
      const now = performance.now();
      // A line a second when not on a terminal (CI logs), a live line on one.
      if (!interactive && now - last < 1000) return;
      last = now;
      process.stderr.write(interactive ? `\r${line(p)}\u001b[K` : `${line(p)}\n`);
    },
    done: (p) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(
        `${interactive ? '\r' : ''}${p ? line(p) : label}, done in ${seconds} s\u001b[K\n`,
      );
    },
  };
}

async function exportOne(
  storage: ResearchStorage,
  options: CliOptions,
  format: ExportFormat,
  cases: CaseToExport[],
  target: string,
): Promise<void> {
  const meta: ExportMeta = {
    exportId: randomUUID(),
    createdAt: new Date().toISOString(),
    format,
    language: options.language,
    names: options.names,
    scope: {
      caseIds: cases.map((c) => c.caseId),
      ...(options.caseIds === undefined && {
        filter: Object.fromEntries(Object.entries(options.filter).filter(([, v]) => typeof v === 'string')),
      }),
    },
    generator: `innovation-gates ${appVersion()} (command line)`,
    timeZone: loadSettings().research.timeZone,
  };
  const eventCount = cases.reduce((sum, c) => sum + c.toSeq, 0);
  if (options.audit) {
    try {
      await storage.audit.record({
        exportId: meta.exportId,
        at: meta.createdAt,
        requestedBy: `cli:${options.by}`,
        via: 'cli',
        format,
        names: meta.names,
        language: meta.language,
        scope: meta.scope,
        eventCount,
      });
    } catch (error) {
      throw new UsageError(
        `the export could not be recorded in the export audit (${error instanceof Error ? error.message : String(error)}); ` +
          'nothing was exported. Use --skip-audit to export without a record (for example from a read-only copy).',
      );
    }
  }
  const progress = progressPrinter(`${format} → ${target === '-' ? 'stdout' : target}`);
  let lastProgress: ExportProgress | undefined;
  const prepared = await prepareExport(
    meta,
    cases,
    {
      log: storage.log,
      people: storage.people,
      pseudonyms: storage.pseudonyms,
      templates: builtInTemplates(),
      spools: fileSpools(),
    },
    (p) => {
      lastProgress = p;
      progress.update(p);
    },
  );
  const destination: Writable = target === '-' ? process.stdout : createWriteStream(target);
  await pipeline(Readable.from(prepared.body), destination);
  progress.done(lastProgress);
  // A CSV table has no room for prose: what was pseudonymised, withheld and neutralised goes beside it.
  if (format.startsWith('csv-') && target !== '-') {
    const notice = exportNotice({ meta, withheld: prepared.projection.withheldParticipants() });
    await writeFile(`${target}.README.md`, `${notice.join('\n\n')}\n`, 'utf8');
  }
}

async function main(): Promise<void> {
  const options = parseCommandLine(process.argv.slice(2));
  const storage = createResearchStorage(options.connectionString, {
    tablePrefix: options.tablePrefix,
    ...(options.azuriteTablePort !== undefined && { azuriteTablePort: options.azuriteTablePort }),
  });
  const cases = await resolveCases(storage, options);
  const events = cases.reduce((sum, c) => sum + c.toSeq, 0);
  process.stderr.write(`export: ${cases.length} cases, ${events.toLocaleString('en')} events\n`);
  const stamp = new Date().toISOString().slice(0, 10);
  if (options.formats.length > 1) {
    if (options.out === '-') throw new UsageError('--format all writes several files: give --out a folder');
    const folder = options.out ?? `research-export-${stamp}`;
    await mkdir(folder, { recursive: true });
    // One pass over the log per format: each file is written as it is read, so memory stays bounded.
    for (const format of options.formats) {
      await exportOne(
        storage,
        options,
        format,
        cases,
        path.join(folder, `research-export-${stamp}.${FORMATS[format].extension}`),
      );
    }
    return;
  }
  const format = options.formats[0] ?? 'json';
  await exportOne(
    storage,
    options,
    format,
    cases,
    options.out ?? `research-export-${stamp}.${FORMATS[format].extension}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`export: ${error.message}\n`);
  } else if (isDomainError(error)) {
    process.stderr.write(`export: ${error.text.en}\n`);
  } else if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`export: ${error.message} (see scripts/export.ts for the options)\n`);
  } else {
    process.stderr.write(
      `export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
});
