/**
 * The Markdown case history: per stage, what was documented, each gate decision with who, when, why and
 * the documentation as it stood, the loop back, the pause, ideas and barriers, and the time per stage.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../research/formats/markdownFormat';
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
    expect(markdown).toContain('_Entered 2026-01-05 08:00 UTC (at the start)_');
    expect(markdown).toMatch(/_Entered \S+ \S+ UTC \(sent back here\)_/);
  });

  it('shows each gate decision with who, when, why and the documentation it was based on', () => {
    const sendBack = markdown.slice(markdown.indexOf('**Sent back to'));
    expect(sendBack).toMatch(
      /^\*\*Sent back to «Define the challenge»\*\*\n {2}Reason:\n {2}> Vi trenger tallene fra Participant \d+ før saken/,
    );
    expect(sendBack).toContain('- Basis: the documentation as it stood (hash `');
    expect(sendBack).toContain('**Political decision** (revision 1)');
    expect(markdown).toMatch(
      /\d{4}-\d\d-\d\d \d\d:\d\d UTC · Participant \d+ \(manager\): \*\*Gate passed: approved with conditions\*\*/,
    );
    expect(markdown).toContain('Conditions:\n  > Tillitsvalgte må være med i pilotgruppen');
  });

  it('shows ideas, barriers, the pause and the memos where they happened', () => {
    expect(markdown).toMatch(/\*\*Idea\*\* \(Employees' everyday practice\)\n {2}> Participant \d+ foreslår/);
    expect(markdown).toContain('**Barrier** (Shift work');
    expect(markdown).toMatch(/\*\*Paused\*\*\n {2}Reason:\n {2}> Sommerferie/);
    expect(markdown).toMatch(/\*\*Research memo\*\* \(about event \d+\)/);
    expect(markdown).toContain('**Research memo** (about the whole case)');
  });

  it('ends each case with the time per stage and the state of the hash chain', () => {
    expect(markdown).toContain('### Time per stage');
    expect(markdown).toMatch(
      /\| Define the challenge \| 1 \| 2026-01-05 08:00 UTC \| \S+ \S+ UTC \| approved \| [\d.]+ \|/,
    );
    expect(markdown).toMatch(/\| Political anchoring \| 1 \| .* \| sent back \| [\d.]+ \|/);
    expect(markdown).toMatch(/- Hash chain: intact \(\d+ events checked\)/);
    expect(markdown).toContain('- Status: completed');
  });

  it('escapes what people typed so it cannot become markup', () => {
    expect(escapeMarkdown('*bold* <script> [link](x) | # _u_')).toBe(
      '\\*bold\\* \\<script\\> \\[link\\](x) \\| \\# \\_u\\_',
    );
  });
});
