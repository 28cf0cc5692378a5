/**
 * Exports with lang=nn are in Nynorsk throughout: the Markdown history's headings and labels, the .qdpx
 * project's code book, variables, users and notice (and it still validates against the REFI-QDA
 * schema), the CSV case sheet's header and values, the pseudonyms («Deltakar 3») and the export notice.
 * Nothing of the Bokmål export's own words is left in them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportNotice } from '../../research/exportNotice';
import { codeGuid } from '../../research/qdpx/qdpxFormat';
import { DECISION_KIND_NAMES, DECISION_KINDS } from '../../research/vocabulary';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { storeExampleCase } from './exampleCase';
import { exportCases, exportMeta } from './exportSupport';
import { attributesOf, elements, unzip } from './zipReading';

const schemaPath = path.resolve(__dirname, '..', '..', '..', 'shared', 'schemas', 'refi-qda', 'Project.xsd');
const CASE_NAME = 'Hverdagsrehabilitering i hjemmetjenesten (case-a)';

const log = new MemoryEventLog();
const directory = new MemoryPeopleDirectory();
let markdownNn: string;
let markdownNb: string;
let qde: string;
let qdpxEntries: Map<string, Buffer>;

beforeAll(async () => {
  await storeExampleCase(log, directory, 'case-a');
  markdownNn = (await exportCases(log, directory, ['case-a'], 'markdown', { language: 'nn' })).toString();
  markdownNb = (await exportCases(log, directory, ['case-a'], 'markdown', { language: 'nb' })).toString();
  qdpxEntries = await unzip(await exportCases(log, directory, ['case-a'], 'qdpx', { language: 'nn' }));
  qde = qdpxEntries.get('project.qde')?.toString('utf8') ?? '';
});

/** The headings of a Markdown export, the case's own name and the stage titles (template texts) left out. */
function ownHeadings(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,3} .+$/gm)]
    .map((match) => match[0])
    .filter((heading) => heading !== `## ${CASE_NAME}`)
    .map((heading) => heading.replace(/^### (Steg|Stage): .+, (runde|round) \d+$/, '### $1: …'));
}

describe('Markdown export with lang=nn', () => {
  it('has the Nynorsk headings, and none of the Bokmål ones', () => {
    expect(ownHeadings(markdownNn)).toEqual([
      '# Forskingseksport: dokumentert prosesslogg',
      '## Om eksporten',
      '### Oppstart',
      ...Array<string>(8).fill('### Steg: …'),
      '### Tid per steg',
      '### Nøkkeltal',
      '### Kva som endra seg mellom forankring og ny forankring',
      '### Deltakarar og roller',
      '## Deltakarar',
    ]);
    const bokmal = ownHeadings(markdownNb).filter((heading) => !ownHeadings(markdownNn).includes(heading));
    expect(bokmal).toEqual([
      '# Forskningseksport: dokumentert prosesslogg',
      '### Nøkkeltall',
      '### Hva som endret seg mellom forankring og ny forankring',
      '### Deltakere og roller',
      '## Deltakere',
    ]);
    for (const heading of bokmal) expect(markdownNn).not.toContain(heading);
    // The stages are in the order they happened, the loop included, as in every language.
    expect([...markdownNn.matchAll(/^### Steg: .+, runde (\d+)$/gm)].map((m) => m[1])).toEqual([
      '1',
      '1',
      '2',
      '2',
      '1',
      '1',
      '1',
      '1',
    ]);
  });

  it('words events, decisions, figures and the chain in Nynorsk, times in the municipality', () => {
    expect(markdownNn).toMatch(/_#\d+ Starta 2026-01-05 09:00 \(\+01:00\) \(ved oppstart\)_/);
    expect(markdownNn).toMatch(/_#\d+ Starta \S+ \S+ \(\+0[12]:00\) \(sendt tilbake hit\)_/);
    expect(markdownNn).toMatch(
      /\*\*Sendt tilbake til «[^»]+»\*\*\n {2}Grunngjeving:\n {2}> Vi trenger tallene fra Deltakar \d+ før saken/,
    );
    expect(markdownNn).toContain('**Bede om vurdering av porten**; avgjerdstakarar: ');
    expect(markdownNn).toMatch(/\*\*Porten er passert: godkjent med vilkår\*\*, godkjent av Deltakar \d+/);
    expect(markdownNn).toMatch(/- Grunnlag: som frose ved #\d+ \(hash `[0-9a-f]{12}`; revisjonar: /);
    expect(markdownNn).toMatch(/\*\*Sett på pause\*\*\n {2}Grunngjeving:\n {2}> Sommerferie/);
    expect(markdownNn).toMatch(/\*\*Teke opp att\*\*/);
    expect(markdownNn).toMatch(/\*\*Forskarnotat\*\* \(om hending #\d+\)/);
    expect(markdownNn).toContain('**Forskarnotat** (om heile saka)');
    expect(markdownNn).toContain('| Steg | Runde | Inn | Ut | Korleis | Dagar | Av dei på pause |');
    expect(markdownNn).toMatch(/\| .+ \| 1 \| .* \| sendt tilbake \| [\d.]+ \| 0 \|/);
    expect(markdownNn).toContain('- Status: fullført');
    expect(markdownNn).toMatch(/- Hash-kjeda: intakt \(\d+ hendingar kontrollerte\)/);
    expect(markdownNn).toMatch(/- Tilbakesendingar: 1\n/);
    expect(markdownNn).toMatch(/- Idéar: 2\n/);
    expect(markdownNn).toMatch(/\| Møtedato \| 2026-03-12 \| 2026-06-18 \| endra \|/);
    expect(markdownNn).toContain('Samtykke: ingen deltakarar har reservert seg mot forskingsbruk.');
    expect(markdownNn).toContain('Pseudonymisering: personar blir viste som «Deltakar N».');
  });

  it('calls every participant «Deltakar N», never «Deltaker N»', () => {
    expect(markdownNn).toMatch(/Deltakar \d+/);
    expect(markdownNn).not.toMatch(/Deltaker \d+/);
    expect(markdownNn).toMatch(/^- Deltakar \d+ \(.+\)$/m);
    expect(markdownNb).toMatch(/Deltaker \d+/);
  });
});

describe('qdpx export with lang=nn', () => {
  it('validates against the REFI-QDA schema', async () => {
    const { validateXML } = await import('xmllint-wasm');
    const result = await validateXML({
      xml: [{ fileName: 'project.qde', contents: qde }],
      schema: [{ fileName: 'Project.xsd', contents: readFileSync(schemaPath, 'utf8') }],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('names its code book in Nynorsk', () => {
    const codeNames = new Map(
      [...qde.matchAll(/<Code\s([^>]*?)\/?>/g)].map((match) => {
        const attributes = attributesOf(match[1] ?? '');
        return [attributes['guid'], attributes['name']];
      }),
    );
    expect(codeNames.get(codeGuid('stages'))).toBe('Steg');
    expect(codeNames.get(codeGuid('prompts'))).toBe('Spørsmål');
    expect(codeNames.get(codeGuid('decisions'))).toBe('Avgjerder');
    expect(codeNames.get(codeGuid('idea'))).toBe('Idé');
    expect(codeNames.get(codeGuid('ideaSources'))).toBe('Idékjelde');
    expect(codeNames.get(codeGuid('ideaSource:unspecified'))).toBe('Kjelde ikkje oppgjeven');
    expect(codeNames.get(codeGuid('barrier'))).toBe('Barriere');
    expect(codeNames.get(codeGuid('politicalDecision'))).toBe('Politisk vedtak');
    for (const kind of DECISION_KINDS) {
      expect(codeNames.get(codeGuid(`decision:${kind}`)), kind).toBe(DECISION_KIND_NAMES[kind].nn);
    }
    expect(codeNames.get(codeGuid('decision:approval'))).toBe('Godkjenning frå éin avgjerdstakar');
    expect(codeNames.get(codeGuid('decision:resumed'))).toBe('Teke opp att');
    for (const bokmal of [
      'Beslutninger',
      'Idékilde',
      'Kilde ikke oppgitt',
      'beslutningstaker',
      'Gjenopptatt',
    ]) {
      expect(qde).not.toContain(bokmal);
    }
  });

  it('has Nynorsk variables, users, sources and notice', () => {
    const variables = elements(qde, 'Variable').map((variable) => variable.attributes['name']);
    expect(variables).toEqual(
      expect.arrayContaining([
        'Sak-ID',
        'Eining',
        'Opna',
        'Steg nådd',
        'Tilbakesendingar',
        'Idéar',
        'Barrierar',
      ]),
    );
    expect(variables).toEqual(
      expect.arrayContaining(['Forskarnotat', 'Avleidd frå', 'Reservert mot forsking']),
    );
    for (const bokmal of ['Enhet', 'Åpnet', 'Tilbakesendinger', 'Ideer', 'Barrierer', 'Forskernotater']) {
      expect(variables).not.toContain(bokmal);
    }
    const users = elements(qde, 'User').map((user) => user.attributes['name'] ?? '');
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) expect(user).toMatch(/^Deltakar \d+$/);
    expect(qde).toMatch(/<Project xmlns="urn:QDA-XML:project:1\.0" name="Forskingseksport export-test-1"/);
    expect(qde).toContain('Hash-kjeda: alle saker er intakte.');
    expect(qde).toContain('Samtykke: ingen deltakarar har reservert seg mot forskingsbruk.');
    const notes = elements(qde, 'Note');
    expect(notes.map((note) => note.attributes['name'])).toEqual([
      expect.stringMatching(/^Forskarnotat case-a #\d+$/),
      expect.stringMatching(/^Forskarnotat case-a #\d+$/),
    ]);
    const texts = [...qdpxEntries.entries()]
      .filter(([name]) => name.startsWith('sources/'))
      .map(([, text]) => text.toString('utf8'));
    expect(texts.some((text) => text.includes('Grunnlag: dokumentasjonen slik han stod'))).toBe(true);
    expect(texts.some((text) => text.includes('Godkjent utan kommentar.'))).toBe(true);
    expect(texts.some((text) => text.includes('Saka vart teken opp att.'))).toBe(true);
    expect(texts.some((text) => /Port: .+, runde \d+/.test(text))).toBe(true);
    for (const text of texts) expect(text).not.toMatch(/Deltaker \d+|Grunnlag: dokumentasjonen slik den sto/);
  });
});

describe('CSV with lang=nn', () => {
  it('has the case sheet header and values in Nynorsk', async () => {
    const csv = await exportCases(log, directory, ['case-a'], 'csv-cases', { language: 'nn' });
    const [row] = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      Sak: CASE_NAME,
      Status: 'fullført',
      'Steg nådd': '6',
      'Steg godkjent': '6',
      Tilbakesendingar: '1',
      Pausar: '1',
      Idéar: '2',
      Barrierar: '2',
      Forskarnotat: '2',
      Opna: '2026-01-05',
      'Kjede intakt': 'true',
    });
  });

  it('has the outcomes in Nynorsk in the events table', async () => {
    const csv = await exportCases(log, directory, ['case-a'], 'csv-events', { language: 'nn' });
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    const outcomes = new Set(rows.map((row) => row['outcome']).filter((outcome) => outcome !== ''));
    expect([...outcomes].sort()).toEqual(
      ['godkjent', 'godkjent med vilkår', 'sendt tilbake', 'sett på pause', 'teke opp att'].sort(),
    );
    expect(rows.every((row) => !/^Deltaker \d+/.test(row['actor'] ?? ''))).toBe(true);
    expect(rows.some((row) => /^Deltakar \d+$/.test(row['actor'] ?? ''))).toBe(true);
  });
});

describe('the export notice with lang=nn', () => {
  it('lists the participants who declined the Nynorsk way, and says what was withheld', () => {
    const meta = exportMeta('markdown', { language: 'nn', scope: { caseIds: ['a', 'b'] } });
    const notice = exportNotice({ meta, withheld: ['Deltakar 1', 'Deltakar 2', 'Deltakar 3'] });
    expect(notice[0]).toBe(
      'Forskingseksport export-test-1, laga 2026-12-01 11:00 (+01:00) av innovation-gates test: 2 saker, format markdown.',
    );
    expect(notice[2]).toBe(
      'Samtykke: Deltakar 1, Deltakar 2 og Deltakar 3 har reservert seg mot forskingsbruk. Fritekst dei har skrive, er halden tilbake og står som «[halden tilbake: ikkje samtykke til forsking]»; hendingane, tidene og strukturen står.',
    );
    const english = exportNotice({ meta: { ...meta, language: 'en' }, withheld: ['P 1', 'P 2', 'P 3'] });
    expect(english[2]).toMatch(/^Consent: P 1, P 2 and P 3 declined research use\./);
    const bokmal = exportNotice({ meta: { ...meta, language: 'nb' }, withheld: ['D 1', 'D 2'] });
    expect(bokmal[2]).toMatch(/^Samtykke: D 1 og D 2 har reservert seg mot forskningsbruk\./);
    expect(notice).toHaveLength(bokmal.length);
    notice.forEach((paragraph, index) => expect(paragraph).not.toBe(bokmal[index]));
  });
});
