/**
 * The REFI-QDA export of a full example case (all six stages, a send-back loop, ideas, barriers, a pause,
 * memos): project.qde validates against the official schema, the ZIP holds exactly the sources it
 * names, every text selection lies exactly over the text it codes, and the codes, case variables, users
 * and memo notes are what a researcher expects.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectedEvent } from '../../research/exportModel';
import { caseGuid, codeGuid, sourceFor, sourceGuid, sourceGuids } from '../../research/qdpx/qdpxFormat';
import { guidFrom } from '../../research/qdpx/xml';
import { decisionKindOf } from '../../research/vocabulary';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { names, storeExampleCase } from './exampleCase';
import { exportCases, projectedItems } from './exportSupport';
import { attributesOf, codePointSlice, elements, unzip } from './zipReading';

const repoRoot = path.resolve(__dirname, '..', '..');
const schemaPath = path.resolve(repoRoot, '..', 'shared', 'schemas', 'refi-qda', 'Project.xsd');

const log = new MemoryEventLog();
const directory = new MemoryPeopleDirectory();
let entries: Map<string, Buffer>;
let qde: string;
let events: ProjectedEvent[];
let sendBackSeq: number;

async function validate(xml: string): Promise<{ valid: boolean; errors: readonly unknown[] }> {
  const { validateXML } = await import('xmllint-wasm');
  return validateXML({
    xml: [{ fileName: 'project.qde', contents: xml }],
    schema: [{ fileName: 'Project.xsd', contents: readFileSync(schemaPath, 'utf8') }],
  });
}

beforeAll(async () => {
  ({ sendBackSeq } = await storeExampleCase(log, directory, 'case-a'));
  entries = await unzip(await exportCases(log, directory, ['case-a'], 'qdpx'));
  qde = entries.get('project.qde')?.toString('utf8') ?? '';

  const { items } = await projectedItems(log, directory, ['case-a']);
  events = items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
});

describe('qdpx export', () => {
  it('holds project.qde that validates against the REFI-QDA schema', async () => {
    expect(qde.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const result = await validate(qde);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives every element its own GUID, the GUIDs of a source coming from one digest', () => {
    const guids = [...qde.matchAll(/\sguid="([^"]+)"/g)].map((match) => match[1]);
    expect(guids.length).toBeGreaterThan(100);
    expect(new Set(guids).size).toBe(guids.length);
    expect(
      guids.every((guid) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(guid ?? ''),
      ),
    ).toBe(true);

    const family = sourceGuids('case-a', 7);
    const members = Array.from({ length: 40 }, (_, index) => family.at(index));
    expect(new Set(members).size).toBe(40);
    expect(members[0]).toBe(sourceGuid('case-a', 7));
    expect(members[0]).toBe(guidFrom('source', 'case-a', 7));
    expect(sourceGuids('case-a', 7).at(3)).toBe(members[3]);
    expect(members).not.toContain(sourceGuids('case-a', 8).at(1));
  });

  it('is refused by the schema when broken, so the check above means something', async () => {
    const broken = qde.replace('<Users>', '<Users><Bogus/>');
    expect((await validate(broken)).valid).toBe(false);
  });

  it('unzips to project.qde and one file in sources/ for each TextSource', () => {
    const sources = elements(qde, 'TextSource');
    const files = [...entries.keys()].filter((name) => name !== 'project.qde');
    expect(files.every((name) => /^sources\/[0-9a-f-]{36}\.txt$/.test(name))).toBe(true);
    expect(
      sources.map((s) => s.attributes['plainTextPath']?.replace('internal://', 'sources/')).sort(),
    ).toEqual(files.sort());
    // One per answer revision and political decision, idea, barrier, and decision of any kind.
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(sources).toHaveLength(
      count('DocumentationRecorded') +
        count('PoliticalDecisionRecorded') +
        count('IdeaRecorded') +
        count('BarrierRecorded') +
        count('GateApprovalGiven') +
        count('GatePassed') +
        count('GateSentBack') +
        count('CasePaused') +
        count('CaseResumed'),
    );
    expect(count('GatePassed')).toBe(7);
    expect(count('GateApprovalGiven')).toBe(8);
  });

  it('places every selection exactly over the text it codes', () => {
    const byGuid = new Map(
      events.flatMap((e) =>
        sourceFor(e, 'nb', 'Europe/Oslo') ? [[sourceGuid(e.caseId, e.seq), e] as const] : [],
      ),
    );
    for (const source of elements(qde, 'TextSource')) {
      const guid = source.attributes['guid'] ?? '';
      const text = entries.get(`sources/${guid}.txt`)?.toString('utf8') ?? '';
      const [selection] = elements(source.inner, 'PlainTextSelection');
      const start = Number(selection?.attributes['startPosition']);
      const end = Number(selection?.attributes['endPosition']);
      const event = byGuid.get(guid);
      if (!event) throw new Error(`no event for source ${guid}`);
      const fallback: Record<string, string> = {
        GateApprovalGiven: 'Godkjent uten kommentar.',
        GatePassed: 'godkjent',
        CaseResumed: 'Saken ble gjenopptatt.',
      };
      const expected = event.text ?? fallback[event.type] ?? '';
      expect(codePointSlice(text, start, end), `${event.type} #${event.seq}`).toBe(expected);
      expect(end).toBeGreaterThan(start);
    }
  });

  it('codes answers by stage and prompt, decisions by outcome, ideas and barriers by category', () => {
    const codesOf = (seq: number): string[] => {
      const source = elements(qde, 'TextSource').find(
        (s) => s.attributes['guid'] === sourceGuid('case-a', seq),
      );
      return elements(source?.inner ?? '', 'CodeRef').map((ref) => ref.attributes['targetGUID'] ?? '');
    };
    const first = (predicate: (e: ProjectedEvent) => boolean) => events.find(predicate)?.seq ?? -1;
    expect(codesOf(first((e) => e.type === 'DocumentationRecorded' && e.promptId === 'challenge'))).toEqual([
      codeGuid('stage:define-challenge'),
      codeGuid('prompt:challenge'),
    ]);
    expect(codesOf(sendBackSeq)).toEqual([
      codeGuid('stage:political-anchoring'),
      codeGuid('decision:sentBack'),
    ]);
    expect(codesOf(first((e) => e.type === 'IdeaRecorded'))).toEqual([
      codeGuid('stage:define-challenge'),
      codeGuid('idea'),
      codeGuid('ideaSource:employees-practice'),
      codeGuid('recordedVia:chat'),
    ]);
    expect(codesOf(first((e) => e.type === 'DocumentationRecorded' && e.promptId === 'idea-source'))).toEqual(
      [
        codeGuid('stage:define-challenge'),
        codeGuid('prompt:idea-source'),
        codeGuid('ideaSource:political-proposal'),
      ],
    );
    expect(codesOf(first((e) => e.type === 'BarrierRecorded'))).toEqual([
      codeGuid('stage:define-challenge'),
      codeGuid('barrier'),
      codeGuid('barrier:shift-work'),
      codeGuid('recordedVia:chat'),
    ]);
    expect(codesOf(first((e) => e.type === 'CasePaused'))).toContain(codeGuid('decision:paused'));
    expect(codesOf(first((e) => e.type === 'CaseResumed'))).toContain(codeGuid('decision:resumed'));
    expect(
      codesOf(first((e) => e.type === 'GatePassed' && e.outcome === 'approvedWithConditions')),
    ).toContain(codeGuid('decision:gatePassedWithConditions'));
    // Every decision event has exactly one coded source, with exactly one decision code.
    const decisionCodes = new Set(
      [
        'approval',
        'approvalWithConditions',
        'gatePassed',
        'gatePassedWithConditions',
        'sentBack',
        'paused',
        'resumed',
        'stopped',
        'withdrawn',
      ].map((kind) => codeGuid(`decision:${kind}`)),
    );
    for (const event of events.filter((e) => decisionKindOf(e.type, e.outcome) !== undefined)) {
      const kind = decisionKindOf(event.type, event.outcome) ?? '';
      const sources = elements(qde, 'TextSource').filter(
        (s) => s.attributes['guid'] === sourceGuid('case-a', event.seq),
      );
      expect(sources, `${event.type} #${event.seq}`).toHaveLength(1);
      const codes = codesOf(event.seq).filter((guid) => decisionCodes.has(guid));
      expect(codes, `${event.type} #${event.seq}`).toEqual([codeGuid(`decision:${kind}`)]);
    }
    // Every code referenced is in the code book.
    // Codes nest, so take every <Code …> start tag rather than whole elements.
    const defined = new Set(
      [...qde.matchAll(/<Code\s([^>]*?)\/?>/g)].map((m) => attributesOf(m[1] ?? '')['guid']),
    );
    for (const ref of elements(qde.slice(qde.indexOf('<Sources>')), 'CodeRef')) {
      expect(defined.has(ref.attributes['targetGUID'])).toBe(true);
    }
  });

  it('shows the documentation a gate decision was based on, as it stood', () => {
    const text = entries.get(`sources/${sourceGuid('case-a', sendBackSeq)}.txt`)?.toString('utf8') ?? '';
    expect(text).toContain('Grunnlag: dokumentasjonen slik den sto');
    expect(text).toContain('Politisk vedtak (revisjon 1): Kommunestyret, 2026-03-12');
  });

  it('has one Case with variables and a reference to each of its sources', () => {
    const [theCase, ...others] = elements(qde, 'Case');
    expect(others).toEqual([]);
    expect(theCase?.attributes).toMatchObject({
      guid: caseGuid('case-a'),
      name: 'Hverdagsrehabilitering i hjemmetjenesten (case-a)',
    });
    expect(elements(theCase?.inner ?? '', 'SourceRef')).toHaveLength(elements(qde, 'TextSource').length);
    const variables = new Map(
      elements(qde, 'Variable').map((v) => [v.attributes['guid'], v.attributes['name']]),
    );
    const values = Object.fromEntries(
      elements(theCase?.inner ?? '', 'VariableValue').map((value) => {
        const ref = elements(value.inner, 'VariableRef')[0]?.attributes['targetGUID'];
        return [
          variables.get(ref) ?? '?',
          value.inner.replace(/<VariableRef[^>]*\/>/, '').replace(/<[^>]+>/g, ''),
        ];
      }),
    );
    expect(values).toMatchObject({
      Enhet: 'Hjemmetjenesten sone nord',
      Status: 'fullført',
      'Steg nådd': '6',
      'Steg godkjent': '6',
      Åpnet: '2026-01-05',
      Fullført: '2026-05-04',
      Tilbakesendinger: '1',
      Ideer: '2',
      Barrierer: '2',
      Prosessmal: 'municipal-service-innovation',
      'Kjede intakt': 'true',
      'Operasjonalisering og innføring: runder': '1',
      'Politisk forankring: runder': '2',
      'Politisk forankring: møtedato': '2026-03-12',
      'Ny politisk forankring: saksnummer': '2026/0933',
    });
    expect(Number(values['Operasjonalisering og innføring: dager på pause'])).toBeCloseTo(30, 1);
  });

  it('has pseudonymised users and the memos as notes linked to what they are about', () => {
    const users = elements(qde, 'User').map((u) => u.attributes['name']);
    // Stable pseudonyms: numbered by the installation's book, listed in number order.
    const numbers = users.map((name) => Number(/^Deltaker (\d+)$/.exec(name ?? '')?.[1]));
    expect(numbers.every((n) => n >= 1)).toBe(true);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const notes = elements(qde, 'Note');
    expect(notes).toHaveLength(2);
    expect(notes[0]?.inner).toContain('Tilbakesendingen viser hvor viktig tallgrunnlaget var for Deltaker');
    const links = elements(qde, 'Link').map((l) => l.attributes['targetGUID']);
    expect(links).toEqual([sourceGuid('case-a', sendBackSeq), caseGuid('case-a')]);
    for (const name of Object.values(names)) expect(qde).not.toContain(name);
  });
});
