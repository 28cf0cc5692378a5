/**
 * The dashboard shows where ideas and barriers came from: kept from a Teams message (by whom, when, with
 * a link back for the case's own participants) or typed to the bot. A researcher who only reads sees the
 * writer by the same pseudonym as in exports, never the link, and not the words of a writer who declined.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResearchCaller } from '../../auth/researchCaller';
import { DashboardService } from '../../dashboard/dashboardService';
import type { TimelineMarkView } from '../../dashboard/viewModel';
import { builtInTemplates } from '../../engine';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { people } from '../engine/caseSpecification';
import { names } from '../research/exampleCase';
import { projectedItems, pseudonymStoreOf } from '../research/exportSupport';
import { barrierOrigin, ideaOrigin, originTexts, RAW, storeOriginCase } from '../research/originCase';

const log = new MemoryEventLog();
const directory = new MemoryPeopleDirectory();
let dashboard: DashboardService;

function caller(personId: string, appRoles: string[] = []): ResearchCaller {
  return { personId, appRoles, tokenKind: 'development' };
}

async function recordedMarks(personId: string, caseId: string, appRoles: string[] = []) {
  const detail = await dashboard.caseDetail(caller(personId, appRoles), caseId, 'nb');
  const marks = detail.timeline.marks.filter(
    (mark): mark is TimelineMarkView => mark.kind === 'idea' || mark.kind === 'barrier',
  );
  return { detail, marks };
}

beforeAll(async () => {
  await storeOriginCase(log, directory, 'case-origin');
  await storeOriginCase(log, directory, 'case-declined', true);
  dashboard = new DashboardService({
    log,
    people: directory,
    pseudonyms: pseudonymStoreOf(log),
    templates: builtInTemplates(),
    settings: { researcherAppRole: 'Research.Read' },
    clock: () => new Date('2026-12-01T10:00:00.000Z'),
  });
});

describe('ideas and barriers on the dashboard', () => {
  it('show a case member who wrote the kept message, when, and a link back to it', async () => {
    const { marks } = await recordedMarks(people.mads, 'case-origin');
    expect(marks.map((mark) => [mark.kind, mark.recordedVia])).toEqual([
      ['idea', 'message'],
      ['idea', 'chat'],
      ['barrier', 'message'],
    ]);
    expect(marks[0]).toMatchObject({
      by: names.olga,
      text: originTexts.kept,
      message: { by: names.mads, writtenAt: ideaOrigin.writtenAt, link: ideaOrigin.link },
    });
    expect(marks[1]?.message).toBeUndefined();
    expect(marks[2]?.message).toEqual({
      by: names.mads,
      writtenAt: barrierOrigin.writtenAt,
      link: barrierOrigin.link,
    });
  });

  it('show a researcher who only reads the writer by their export pseudonym, and no link', async () => {
    const { detail, marks } = await recordedMarks(people.rita, 'case-origin', ['Research.Read']);
    const { items } = await projectedItems(log, directory, ['case-origin']);
    const exported = items.flatMap((item) =>
      item.kind === 'event' && item.event.type === 'IdeaRecorded' ? [item.event] : [],
    );
    expect(exported[0]?.writtenBy).toMatch(/^Deltaker \d+$/);
    expect(marks[0]).toMatchObject({ recordedVia: 'message', message: { by: exported[0]?.writtenBy } });
    expect(marks[0]?.message).toEqual({ by: exported[0]?.writtenBy, writtenAt: ideaOrigin.writtenAt });
    expect(marks[2]?.message?.link).toBeUndefined();
    const json = JSON.stringify(detail);
    for (const secret of ['teams.microsoft.com', RAW.chatId, RAW.ideaMessageId, RAW.barrierMessageId]) {
      expect(json.includes(secret), secret).toBe(false);
    }
    expect(json.includes(names.mads), names.mads).toBe(false);
  });

  it('withhold from a researcher the words kept from the message of a writer who declined', async () => {
    const { marks } = await recordedMarks(people.rita, 'case-declined', ['Research.Read']);
    expect(marks[0]?.recordedVia).toBe('message');
    expect(marks[0]?.text).not.toContain('Nattevakten');
    expect(marks[2]?.text).not.toContain('Turnusen');
    // The owner's own typed idea stays.
    expect(marks[1]?.text).toBe(originTexts.typed);
    // The group itself still reads its own words.
    const member = await recordedMarks(people.olga, 'case-declined');
    expect(member.marks[0]?.text).toBe(originTexts.kept);
  });
});
