/**
 * Where ideas and barriers came from, in every export format: kept from a Teams message (with the
 * writer's pseudonym and the time it was written) or typed to the bot. The raw writer id, message id and
 * link appear in no byte of a pseudonymised export; a writer who declined research use has the text kept
 * from their message withheld; the .qdpx still validates.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../engine/localized';
import { EVENT_COLUMNS } from '../../research/formats/csvFormats';
import { EXPORT_FORMATS, type ExportFormat, type ProjectedEvent } from '../../research/exportModel';
import { codeGuid } from '../../research/qdpx/qdpxFormat';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { people } from '../engine/caseSpecification';
import { names } from './exampleCase';
import { openPseudonymiser } from '../../research/runExport';
import { exportCases, projectedItems, pseudonymStoreOf } from './exportSupport';
import { barrierOrigin, ideaOrigin, originTexts, RAW, storeOriginCase } from './originCase';
import { attributesOf, elements, unzip } from './zipReading';

const log = new MemoryEventLog();
const directory = new MemoryPeopleDirectory();
const schemaPath = path.resolve(__dirname, '..', '..', '..', 'shared', 'schemas', 'refi-qda', 'Project.xsd');

/** Every byte a researcher gets: the file, and for a .qdpx also every file inside it. */
async function exportedBytes(
  caseId: string,
  format: ExportFormat,
  options: { language?: Language; names?: 'real' | 'pseudonymised' } = {},
): Promise<{ raw: Buffer; text: string }> {
  const raw = await exportCases(log, directory, [caseId], format, options);
  if (format !== 'qdpx') return { raw, text: raw.toString('utf8') };
  const entries = [...(await unzip(raw)).values()].map((entry) => entry.toString('utf8'));
  return { raw, text: entries.join('\n') };
}

async function events(caseId: string, language: Language = 'nb'): Promise<ProjectedEvent[]> {
  const { items } = await projectedItems(log, directory, [caseId], { language });
  return items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
}

function contributions(all: ProjectedEvent[]): ProjectedEvent[] {
  return all.filter((event) => event.type === 'IdeaRecorded' || event.type === 'BarrierRecorded');
}

let madsLabel: string;

beforeAll(async () => {
  await storeOriginCase(log, directory, 'case-origin');
  await storeOriginCase(log, directory, 'case-declined', true);
  // The installation's pseudonym book, as every export and the dashboard read it.
  const p = await openPseudonymiser(
    { people: directory, pseudonyms: pseudonymStoreOf(log) },
    'nb',
    'pseudonymised',
    [people.mads],
  );
  madsLabel = p.label(people.mads);
  expect(madsLabel).toMatch(/^Deltaker \d+$/);
});

describe('the projection', () => {
  it('says how each idea and barrier was recorded, who wrote the message and when', async () => {
    const [kept, typed, barrier] = contributions(await events('case-origin'));
    expect(kept).toMatchObject({
      type: 'IdeaRecorded',
      recordedVia: 'message',
      writtenBy: madsLabel,
      writtenAt: ideaOrigin.writtenAt,
      text: originTexts.kept,
    });
    expect(typed).toMatchObject({ type: 'IdeaRecorded', recordedVia: 'chat', text: originTexts.typed });
    expect(typed?.writtenBy).toBeUndefined();
    expect(typed?.writtenAt).toBeUndefined();
    expect(barrier).toMatchObject({
      type: 'BarrierRecorded',
      recordedVia: 'message',
      writtenBy: madsLabel,
      writtenAt: barrierOrigin.writtenAt,
    });
    // The actor is the owner who kept the message, not its writer.
    expect(kept?.actor).not.toBe(madsLabel);
  });

  it('counts the ideas and barriers kept from messages in the case summary', async () => {
    const { items } = await projectedItems(log, directory, ['case-origin']);
    const summary = items.find((item) => item.kind === 'caseEnd');
    expect(summary?.kind === 'caseEnd' && summary.summary.counts).toMatchObject({
      ideas: 2,
      ideasFromMessages: 1,
      barriers: 1,
      barriersFromMessages: 1,
    });
  });
});

describe('pseudonymised exports', () => {
  it.each(EXPORT_FORMATS.map((format) => [format]))(
    '%s holds no raw writer id, message id or link, in any byte',
    async (format) => {
      for (const language of LANGUAGES) {
        for (const caseId of ['case-origin', 'case-declined']) {
          const { raw, text } = await exportedBytes(caseId, format, { language });
          for (const secret of [
            people.mads,
            RAW.ideaMessageId,
            RAW.barrierMessageId,
            RAW.chatId,
            'teams.microsoft.com',
            names.mads,
          ]) {
            expect(text.includes(secret), `${format}/${language}/${caseId}: ${secret}`).toBe(false);
            expect(raw.includes(Buffer.from(secret, 'utf8')), `${format} bytes: ${secret}`).toBe(false);
          }
        }
      }
    },
  );

  it('JSON and JSON Lines carry the pseudonymised origin and how each was recorded', async () => {
    const json = JSON.parse((await exportedBytes('case-origin', 'json')).text) as {
      cases: {
        events: { type: string; recordedVia?: string; event: { origin?: unknown; text?: string } }[];
      }[];
    };
    const recorded = (json.cases[0]?.events ?? []).filter(
      (e) => e.type === 'IdeaRecorded' || e.type === 'BarrierRecorded',
    );
    expect(recorded.map((e) => e.recordedVia)).toEqual(['message', 'chat', 'message']);
    expect(recorded[0]?.event.origin).toEqual({
      kind: 'message',
      messageId: expect.stringMatching(/^message-[\w-]+$/),
      authorId: madsLabel,
      writtenAt: ideaOrigin.writtenAt,
    });
    expect(recorded[1]?.event.origin).toBeUndefined();
    // Two messages, two tokens.
    const barrierOriginExported = recorded[2]?.event.origin as { messageId: string };
    expect(barrierOriginExported.messageId).not.toBe(
      (recorded[0]?.event.origin as { messageId: string }).messageId,
    );

    const lines = (await exportedBytes('case-origin', 'jsonl')).text
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { record: string; type?: string; recordedVia?: string; event?: unknown },
      );
    const keptLine = lines.find((line) => line.record === 'event' && line.type === 'IdeaRecorded');
    expect(keptLine).toMatchObject({
      recordedVia: 'message',
      event: { origin: { authorId: madsLabel, writtenAt: ideaOrigin.writtenAt } },
    });
  });

  it('the CSV events table has how it was recorded, the writer and the time', async () => {
    const rows = parse((await exportedBytes('case-origin', 'csv-events')).raw, { bom: true }) as string[][];
    const column = (name: (typeof EVENT_COLUMNS)[number]) => EVENT_COLUMNS.indexOf(name);
    expect(rows[0]).toEqual([...EVENT_COLUMNS]);
    const recorded = rows.filter(
      (row) => row[column('type')] === 'IdeaRecorded' || row[column('type')] === 'BarrierRecorded',
    );
    expect(
      recorded.map((row) => [
        row[column('recorded_via')],
        row[column('message_written_by')],
        row[column('message_written_at')],
        row[column('message_written_at_local')],
      ]),
    ).toEqual([
      ['message', madsLabel, ideaOrigin.writtenAt, '2026-01-05T08:15:00+01:00'],
      ['chat', '', '', ''],
      ['message', madsLabel, barrierOrigin.writtenAt, '2026-01-05T08:20:00+01:00'],
    ]);
  });

  it('the CSV case sheet counts the ideas and barriers kept from messages', async () => {
    const rows = parse((await exportedBytes('case-origin', 'csv-cases', { language: 'en' })).raw, {
      bom: true,
    }) as string[][];
    const byHeader = Object.fromEntries((rows[0] ?? []).map((header, index) => [header, rows[1]?.[index]]));
    expect(byHeader).toMatchObject({
      Ideas: '2',
      'Ideas from messages': '1',
      Barriers: '1',
      'Barriers from messages': '1',
    });
  });

  it('Markdown says where each came from, in the municipality’s time, in every language', async () => {
    const nb = (await exportedBytes('case-origin', 'markdown')).text;
    expect(nb).toContain(`, _fra en melding av ${madsLabel}, skrevet 2026-01-05 08:15 (+01:00)_`);
    expect(nb).toContain('**Idé**, _skrevet til boten_');
    expect(nb).toContain(`, _fra en melding av ${madsLabel}, skrevet 2026-01-05 08:20 (+01:00)_`);
    const nn = (await exportedBytes('case-origin', 'markdown', { language: 'nn' })).text;
    const nnLabel = madsLabel.replace('Deltaker', 'Deltakar');
    expect(nn).toContain(`, _frå ei melding av ${nnLabel}, skriven 2026-01-05 08:15 (+01:00)_`);
    expect(nn).toContain('**Idé**, _skriven til boten_');
    const en = (await exportedBytes('case-origin', 'markdown', { language: 'en' })).text;
    const enLabel = madsLabel.replace('Deltaker', 'Participant');
    expect(en).toContain(`, _from a message by ${enLabel}, written 2026-01-05 08:15 (+01:00)_`);
    expect(en).toContain('**Idea**, _typed to the bot_');
  });

  it('the .qdpx codes how each was recorded, names the writer and the time, and still validates', async () => {
    const entries = await unzip((await exportedBytes('case-origin', 'qdpx')).raw);
    const qde = entries.get('project.qde')?.toString('utf8') ?? '';
    const { validateXML } = await import('xmllint-wasm');
    const result = await validateXML({
      xml: [{ fileName: 'project.qde', contents: qde }],
      schema: [{ fileName: 'Project.xsd', contents: readFileSync(schemaPath, 'utf8') }],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);

    // Code elements nest: read each start tag.
    const codeNames = new Map(
      [...qde.matchAll(/<Code\s[^>]*>/g)].map((match) => {
        const attributes = attributesOf(match[0]);
        return [attributes['guid'], attributes['name']];
      }),
    );
    expect(codeNames.get(codeGuid('recordedVia'))).toBe('Hvordan det ble registrert');
    expect(codeNames.get(codeGuid('recordedVia:message'))).toBe('Fra en melding i Teams');
    expect(codeNames.get(codeGuid('recordedVia:chat'))).toBe('Skrevet til boten');

    const sources = elements(qde, 'TextSource');
    const codedWith = (guid: string) =>
      sources.filter((source) =>
        elements(source.inner, 'CodeRef').some((ref) => ref.attributes['targetGUID'] === guid),
      );
    const fromMessages = codedWith(codeGuid('recordedVia:message'));
    const typed = codedWith(codeGuid('recordedVia:chat'));
    expect(fromMessages).toHaveLength(2);
    expect(typed).toHaveLength(1);
    const keptSource = fromMessages.find((source) =>
      elements(source.inner, 'CodeRef').some((ref) => ref.attributes['targetGUID'] === codeGuid('idea')),
    );
    const keptDescription = elements(keptSource?.inner ?? '', 'Description')[0]?.inner;
    expect(keptDescription).toBe(`Fra en melding av ${madsLabel}, skrevet 2026-01-05 08:15 (+01:00)`);
    const keptText = entries.get(`sources/${keptSource?.attributes['guid'] ?? ''}.txt`)?.toString('utf8');
    expect(keptText).toContain(`Fra en melding av ${madsLabel}, skrevet 2026-01-05 08:15 (+01:00)`);
    expect(keptText).toContain(originTexts.kept);
  });
});

describe('a writer who declined research use', () => {
  it('has the text kept from their message withheld in every format, and the typed idea kept', async () => {
    const [kept, typed, barrier] = contributions(await events('case-declined'));
    expect(kept).toMatchObject({ recordedVia: 'message', withheld: true, writtenBy: madsLabel });
    expect(kept?.text).not.toContain('Nattevakten');
    expect(barrier).toMatchObject({ recordedVia: 'message', withheld: true });
    expect(typed).toMatchObject({ recordedVia: 'chat', text: originTexts.typed });
    expect(typed?.withheld).toBeUndefined();
    for (const format of EXPORT_FORMATS) {
      const { text } = await exportedBytes('case-declined', format);
      expect(text.includes('Nattevakten'), format).toBe(false);
      expect(text.includes('Turnusen gjør det vanskelig'), format).toBe(false);
    }
    const markdown = (await exportedBytes('case-declined', 'markdown')).text;
    expect(markdown).toContain(originTexts.typed);
  });
});

describe('real names', () => {
  it('keep the message’s link and id, and name the writer', async () => {
    const json = (await exportedBytes('case-origin', 'json', { names: 'real' })).text;
    expect(json).toContain(JSON.stringify(ideaOrigin.link));
    expect(json).toContain(`"authorId":${JSON.stringify(names.mads)}`);
  });
});
