/**
 * JSON and JSON Lines: full fidelity (every event with seq, hashes, revisions and frozen gate bases),
 * the same content in both, pseudonymised.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../engine';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import type { StoredEvent } from '../../storage/eventLog';
import { storeExampleCase } from './exampleCase';
import { exportCases } from './exportSupport';

interface EventRecord {
  seq: number;
  at: string;
  type: string;
  actor: string;
  actorRoles: string[];
  prevHash: string;
  hash: string;
  chainOk: boolean;
  event: CaseEvent;
}

const log = new MemoryEventLog();
const people = new MemoryPeopleDirectory();
const stored: StoredEvent[] = [];

beforeAll(async () => {
  await storeExampleCase(log, people, 'case-a');
  for await (const event of log.readEvents('case-a')) stored.push(event);
});

describe('JSON export', () => {
  it('is one JSON document holding every event with its chain hashes', async () => {
    const document = JSON.parse((await exportCases(log, people, ['case-a'], 'json')).toString()) as {
      kind: string;
      export: { exportId: string; names: string; format: string };
      cases: {
        caseId: string;
        header: { caseName: string };
        events: EventRecord[];
        summary: { chain: { ok: boolean; checked: number } };
      }[];
      participants: { label: string }[];
    };
    expect(document.kind).toBe('innovation-gates/research-export');
    expect(document.export).toMatchObject({
      exportId: 'export-test-1',
      names: 'pseudonymised',
      format: 'json',
    });
    const events = document.cases[0]?.events ?? [];
    expect(events.map((e) => [e.seq, e.type, e.at, e.hash, e.prevHash])).toEqual(
      stored.map((s) => [s.seq, s.event.type, s.event.at, s.hash, s.prevHash]),
    );
    expect(events.every((e) => e.chainOk)).toBe(true);
    expect(document.cases[0]?.summary.chain).toEqual({ ok: true, checked: stored.length });
    // Stable pseudonyms from the installation's book, listed in number order; no delivery ids.
    const numbers = document.participants.map((p) => Number(/^Deltaker (\d+)$/.exec(p.label)?.[1]));
    expect(numbers.every((n) => n >= 1)).toBe(true);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(events.some((e) => 'deliveryId' in e)).toBe(false);
  });

  it('keeps revisions and the frozen basis of each gate decision', async () => {
    const document = JSON.parse((await exportCases(log, people, ['case-a'], 'json')).toString()) as {
      cases: { events: EventRecord[] }[];
    };
    const events = document.cases[0]?.events ?? [];
    const challengeRevisions = events
      .map((e) => e.event)
      .filter((e) => e.type === 'DocumentationRecorded' && e.promptId === 'challenge')
      .map((e) => (e.type === 'DocumentationRecorded' ? [e.round, e.revision] : []));
    expect(challengeRevisions).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const original = stored.find((s) => s.event.type === 'GateSentBack')?.event;
    const exported = events.find((e) => e.type === 'GateSentBack')?.event;
    if (original?.type !== 'GateSentBack' || exported?.type !== 'GateSentBack')
      throw new Error('no send-back');
    expect(exported.basis).toEqual(original.basis);
    expect(exported.toStageId).toBe('define-challenge');
    // Person ids never appear: the actor is a label.
    expect(exported.actorId).toMatch(/^Deltaker \d+$/);
  });

  it('says the same in JSON Lines, one record a line', async () => {
    const lines = (await exportCases(log, people, ['case-a'], 'jsonl'))
      .toString()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { record: string } & Partial<EventRecord>);
    expect(lines[0]?.record).toBe('export');
    expect(lines[1]?.record).toBe('case');
    expect(lines.at(-2)?.record).toBe('caseSummary');
    expect(lines.at(-1)?.record).toBe('participants');
    const document = JSON.parse((await exportCases(log, people, ['case-a'], 'json')).toString()) as {
      cases: { events: EventRecord[] }[];
    };
    const fromLines = lines
      .filter((line) => line.record === 'event')
      .map(({ record: _record, caseId: _caseId, ...rest }: Record<string, unknown>) => rest);
    expect(fromLines).toEqual(document.cases[0]?.events);
  });

  it('exports several cases in the order given, with one numbering of participants', async () => {
    await storeExampleCase(log, people, 'case-b');
    const document = JSON.parse(
      (await exportCases(log, people, ['case-b', 'case-a'], 'json')).toString(),
    ) as {
      cases: { caseId: string; events: EventRecord[] }[];
      participants: unknown[];
    };
    expect(document.cases.map((c) => c.caseId)).toEqual(['case-b', 'case-a']);
    // The same people in both cases: the same pseudonyms, not a second set.
    expect(document.participants).toHaveLength(5);
    const actors = (index: number) => document.cases[index]?.events.map((e) => e.actor);
    expect(actors(0)).toEqual(actors(1));
  });
});
