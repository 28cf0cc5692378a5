/**
 * The projection asks for the next case's events while the current case's last page is worked through,
 * so storage answers meanwhile. What it hands out is unchanged: every case's items in order; a case that
 * cannot be read fails at its own place, after the cases before it; an export abandoned half-way ends
 * the reads it started.
 */
import { describe, expect, it } from 'vitest';
import { builtInTemplates } from '../../engine';
import type { ExportItem } from '../../research/exportModel';
import { ExportProjection } from '../../research/projection';
import { openPseudonymiser } from '../../research/runExport';
import type { EventLog, StoredEvent } from '../../storage/eventLog';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { storeExampleCase } from './exampleCase';
import { exportMeta, pseudonymStoreOf } from './exportSupport';

interface Observed {
  log: Pick<EventLog, 'readEvents' | 'readHead'>;
  /** What happened, in order: `pull <case>` (a step of a case's events asked for), `return <case>`. */
  journal: string[];
}

/** The log, with every step of a case's event reading written to a journal; `failing` cannot be read. */
function observed(inner: MemoryEventLog, failing?: string): Observed {
  const journal: string[] = [];
  return {
    journal,
    log: {
      readHead: (caseId) => inner.readHead(caseId),
      readEvents: (caseId, range) => ({
        [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
          const events = inner.readEvents(caseId, range)[Symbol.asyncIterator]();
          return {
            next: () => {
              journal.push(`pull ${caseId}`);
              if (caseId === failing) return Promise.reject(new Error(`storage lost ${caseId}`));
              return events.next();
            },
            return: () => {
              journal.push(`return ${caseId}`);
              return events.return?.() ?? Promise.resolve({ done: true, value: undefined });
            },
          };
        },
      }),
    },
  };
}

async function twoCases(): Promise<{ log: MemoryEventLog; people: MemoryPeopleDirectory }> {
  const log = new MemoryEventLog();
  const people = new MemoryPeopleDirectory();
  await storeExampleCase(log, people, 'case-a');
  await storeExampleCase(log, people, 'case-b');
  return { log, people };
}

async function projection(
  { log }: Observed,
  inner: MemoryEventLog,
  people: MemoryPeopleDirectory,
): Promise<ExportProjection> {
  const meta = exportMeta('csv-events', { scope: { caseIds: ['case-a', 'case-b'] } });
  const pseudonymiser = await openPseudonymiser(
    { people, pseudonyms: pseudonymStoreOf(inner) },
    meta.language,
    meta.names,
  );
  const cases = [];
  for (const caseId of ['case-a', 'case-b'])
    cases.push({ caseId, toSeq: (await inner.readHead(caseId))?.version ?? 0 });
  return new ExportProjection(meta, cases, { log, templates: builtInTemplates(), pseudonymiser });
}

const label = (item: ExportItem): string =>
  item.kind === 'event' ? `${item.event.caseId} #${item.event.seq}` : `${item.kind}`;

describe('the export projection reading ahead', () => {
  it('asks for the next case before the current one ends, and hands out every case in order', async () => {
    const { log, people } = await twoCases();
    const watched = observed(log);
    const items: string[] = [];
    let pulledBAtEndOfA: boolean | undefined;
    for await (const item of (await projection(watched, log, people)).items()) {
      if (item.kind === 'caseEnd' && item.summary.caseId === 'case-a') {
        pulledBAtEndOfA = watched.journal.includes('pull case-b');
      }
      items.push(label(item));
    }

    const events = async (caseId: string): Promise<string[]> => {
      const seqs: string[] = [];
      for await (const stored of log.readEvents(caseId)) seqs.push(`${caseId} #${stored.seq}`);
      return seqs;
    };
    expect(items).toEqual([
      'caseStart',
      ...(await events('case-a')),
      'caseEnd',
      'caseStart',
      ...(await events('case-b')),
      'caseEnd',
    ]);
    expect(pulledBAtEndOfA).toBe(true);
    expect(watched.journal.filter((entry) => entry.startsWith('return'))).toEqual([]);
  });

  it('fails at the case that cannot be read, after the cases before it', async () => {
    const { log, people } = await twoCases();
    const watched = observed(log, 'case-b');
    const items: string[] = [];
    let failure: unknown;
    try {
      for await (const item of (await projection(watched, log, people)).items()) items.push(label(item));
    } catch (error) {
      failure = error;
    }

    expect(items.at(0)).toBe('caseStart');
    expect(items.at(-1)).toBe('caseEnd');
    expect(items.filter((item) => item === 'caseEnd')).toHaveLength(1);
    expect(failure).toEqual(new Error('storage lost case-b'));
  });

  it('ends the reads it started when the export is abandoned', async () => {
    const { log, people } = await twoCases();
    const watched = observed(log);
    for await (const item of (await projection(watched, log, people)).items()) {
      if (item.kind === 'event' && item.event.seq === 3) break;
    }
    await new Promise((resolve) => setImmediate(resolve));

    expect(watched.journal).toContain('pull case-b');
    expect(watched.journal.filter((entry) => entry.startsWith('return')).sort()).toEqual([
      'return case-a',
      'return case-b',
    ]);
  });
});
