/**
 * Pseudonymisation is the default, in every format: no participant's real name (whole, in part, in any
 * case, in an e-mail address) and no person id appears anywhere in any export. Real names appear only
 * when asked for; an erased person appears only as a pseudonym, and the chain still verifies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../engine/localized';
import { EXPORT_FORMATS, type ExportFormat } from '../../research/exportModel';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { names, people, storeExampleCase } from './exampleCase';
import { exportCases } from './exportSupport';
import { unzip } from './zipReading';

const log = new MemoryEventLog();
const directory = new MemoryPeopleDirectory();

/** Everything a researcher would see: the file, or every file inside a .qdpx. */
async function exportedText(
  format: ExportFormat,
  names: 'real' | 'pseudonymised' = 'pseudonymised',
  language: Language = 'nb',
): Promise<string> {
  const bytes = await exportCases(log, directory, ['case-a'], format, { names, language });
  if (format !== 'qdpx') return bytes.toString('utf8');
  return [...(await unzip(bytes)).values()].map((entry) => entry.toString('utf8')).join('\n');
}

const nameWords = [...new Set(Object.values(names).flatMap((name) => name.split(' ')))];

beforeAll(async () => {
  await storeExampleCase(log, directory, 'case-a');
});

describe('pseudonymised exports', () => {
  it.each(EXPORT_FORMATS.map((format) => [format]))(
    '%s holds no real name and no person id',
    async (format) => {
      for (const language of LANGUAGES) {
        const text = await exportedText(format, 'pseudonymised', language);
        for (const word of nameWords) {
          expect(text, `${format}/${language}: "${word}"`).not.toMatch(new RegExp(`\\b${word}\\b`, 'i'));
        }
        for (const personId of Object.values(people)) expect(text).not.toContain(personId);
      }
    },
  );

  it('shows who did what as stable pseudonyms with their roles', async () => {
    const markdown = await exportedText('markdown', 'pseudonymised', 'en');
    expect(markdown).toMatch(/Participant \d+ \(owner\): \*\*What is the challenge/);
    expect(markdown).toMatch(/Participant \d+ \(manager\): \*\*Sent back to «Define the challenge»\*\*/);
  });
});

describe('real names', () => {
  it('appear only when asked for', async () => {
    const json = await exportedText('json', 'real');
    expect(json).toContain('"actor":"Olga Nordmann"');
    expect(json).toContain('Mads Hansen har sett at brukerne venter lenge');
  });
});

describe('an erased person', () => {
  it('appears only as a pseudonym, and the chain still verifies', async () => {
    const erasedLog = new MemoryEventLog();
    const erasedDirectory = new MemoryPeopleDirectory();
    await storeExampleCase(erasedLog, erasedDirectory, 'case-e');
    await erasedDirectory.erasePerson(people.mads, '2026-11-01T00:00:00.000Z');

    const document = JSON.parse(
      (await exportCases(erasedLog, erasedDirectory, ['case-e'], 'json', { names: 'real' })).toString(),
    ) as {
      cases: { events: { type: string; actor: string }[]; summary: { chain: { ok: boolean } } }[];
      participants: { label: string; erased: boolean }[];
    };
    const ideaActors = document.cases[0]?.events.filter((e) => e.type === 'IdeaRecorded').map((e) => e.actor);
    expect(ideaActors).toEqual([
      expect.stringMatching(/^Deltaker \d+$/),
      expect.stringMatching(/^Deltaker \d+$/),
    ]);
    expect(document.participants.filter((p) => p.erased)).toEqual([
      { label: ideaActors?.[0], number: expect.any(Number), erased: true },
    ]);
    expect(document.participants.map((p) => p.label)).toContain('Olga Nordmann');
    // Not even the erased person's id (it would lead back to them through the organisation's directory).
    expect(JSON.stringify(document)).not.toContain(people.mads);
    expect(document.cases[0]?.summary.chain.ok).toBe(true);
    expect((await erasedLog.verify('case-e')).ok).toBe(true);
  });
});
