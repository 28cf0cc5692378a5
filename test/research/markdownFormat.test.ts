/**
 * The Markdown case history: per stage, what was documented, each gate decision with who, when, why and
 * the documentation as it stood, the loop back, the pause, ideas and barriers, and the time per stage.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeMarkdown, inlineText } from '../../research/formats/markdownFormat';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { storeExampleCase } from './exampleCase';
import { exportCases } from './exportSupport';

const log = new MemoryEventLog();
const directory = new MemoryPeopleDirectory();
let markdown: string;

beforeAll(async () => {
  await storeExampleCase(log, directory, 'case-a');
  markdown = (await exportCases(log, directory, ['case-a'], 'markdown', { language: 'en' })).toString();
});

describe('Markdown export', () => {
  it('has a section per stage round, in the order they happened, the loop included', () => {
    const headings = [...markdown.matchAll(/^### Stage: (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'Define the challenge, round 1',
      'Political anchoring, round 1',
      'Define the challenge, round 2',
      'Political anchoring, round 2',
      'Staff involvement, round 1',
      'Re-anchoring, round 1',
      'Rollout, round 1',
      'Evaluation, round 1',
    ]);
    // Times in the municipality's zone (Europe/Oslo by default), with the offset; events by number.
    expect(markdown).toMatch(/_#\d+ Entered 2026-01-05 09:00 \(\+01:00\) \(at the start\)_/);
    expect(markdown).toMatch(/_#\d+ Entered \S+ \S+ \(\+0[12]:00\) \(sent back here\)_/);
  });

  it('shows each gate decision with who, when, why and the documentation it was based on', () => {
    const sendBack = markdown.slice(markdown.indexOf('**Sent back to'));
    expect(sendBack).toMatch(
      /^\*\*Sent back to «Define the challenge»\*\*\n {2}Reason:\n {2}> Vi trenger tallene fra Participant \d+ før saken/,
    );
    // The basis was frozen by the review request, written out there, and referred to here.
    expect(sendBack).toMatch(
      /^[^\n]*\n[^\n]*\n[^\n]*\n {2}- Basis: as frozen at #\d+ \(hash `[0-9a-f]{12}`; revisions: presentation r1, mandate r1, political-decision r1\)/,
    );
    const request = markdown.slice(0, markdown.indexOf('**Sent back to'));
    expect(request.slice(request.lastIndexOf('**Gate review requested**'))).toContain(
      '**Political decision** (revision 1)',
    );
    expect(markdown).toMatch(
      /#\d+ \d{4}-\d\d-\d\d \d\d:\d\d \(\+0[12]:00\) · Participant \d+ \(manager\): \*\*Gate passed: approved with conditions\*\*, approved by Participant \d+ \(manager\), Participant \d+ \(manager\)/,
    );
    expect(markdown).toContain('Conditions:\n  > Tillitsvalgte må være med i pilotgruppen');
  });

  it('shows ideas, barriers, the pause and the memos where they happened', () => {
    expect(markdown).toMatch(
      /\*\*Idea\*\* \(Employees' everyday practice\), _typed to the bot_\n {2}> Participant \d+ foreslår/,
    );
    expect(markdown).toContain('**Barrier** (Shift work');
    expect(markdown).toMatch(/\*\*Paused\*\*\n {2}Reason:\n {2}> Sommerferie/);
    expect(markdown).toMatch(/\*\*Research memo\*\* \(about event #\d+\)/);
    expect(markdown).toContain('**Research memo** (about the whole case)');
  });

  it('ends each case with the time per stage and the state of the hash chain', () => {
    expect(markdown).toContain('### Time per stage');
    expect(markdown).toMatch(
      /\| Define the challenge \| 1 \| 2026-01-05 09:00 \(\+01:00\) \| \S+ \S+ \(\+01:00\) \| approved \| [\d.]+ \| 0 \|/,
    );
    expect(markdown).toMatch(/\| Political anchoring \| 1 \| .* \| sent back \| [\d.]+ \| 0 \|/);
    expect(markdown).toMatch(/\| Rollout \| 1 \| .* \| approved \| [\d.]+ \| 30 \|/);
    expect(markdown).toMatch(/- Hash chain: intact \(\d+ events checked\)/);
    expect(markdown).toContain('- Status: completed');
  });

  it('escapes what people typed so it cannot become markup, and keeps links as links', () => {
    expect(escapeMarkdown('*bold* <script> [link](x) | # _u_')).toBe(
      '\\*bold\\* \\<script\\> \\[link\\](x) \\| \\# \\_u\\_',
    );
    expect(inlineText('Rapport <https://kommune.example/r_1.pdf>, se også https://x.example/a?b=1.')).toBe(
      'Rapport <https://kommune.example/r_1.pdf>, se også <https://x.example/a?b=1>.',
    );
    // Text with nothing to escape and no link is passed through as it is (the fast path).
    expect(inlineText('Deltaker 3 foreslår et pilotteam: 40 minutter (snitt).')).toBe(
      'Deltaker 3 foreslår et pilotteam: 40 minutter (snitt).',
    );
    expect(inlineText('a_b uten lenke')).toBe('a\\_b uten lenke');
  });

  it('opens with what the export is, lists participants with roles, and compares the two anchorings', () => {
    expect(markdown.indexOf('## About this export')).toBeLessThan(
      markdown.indexOf('## Hverdagsrehabilitering'),
    );
    expect(markdown).toContain('Consent: no participant has declined research use.');
    expect(markdown).toMatch(
      /### Participants and roles\n\n(- Participant \d+: (owner|member|manager|researcher)\n)+/,
    );
    expect(markdown).toContain('### What changed between anchoring and re-anchoring');
    expect(markdown).toContain('| Meeting date | 2026-03-12 | 2026-06-18 | changed |');
    expect(markdown).toContain('| Case number | 2026/0417 | 2026/0933 | changed |');
  });
});
