/**
 * Research consent and idea sources in the chat, through the real endpoint: a participant declines that
 * their contributions are used for research and takes it back (both logged), and an idea typed with
 * where it came from carries that source into the log.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseEvent } from '../../engine';
import type { BotHarness } from '../support/botHarness';
import { startBotHarness } from '../support/botHarness';
import { tableServices } from '../support/tableServices';
import type { TeamsConversation, TeamsUser } from '../support/teamsActivities';
import { asConnectorMember, groupChat, messageActivity, teamsUser } from '../support/teamsActivities';

const olga = teamsUser('Olga Owner');
const mads = teamsUser('Mads Member');
const mia = teamsUser('Mia Manager');

let harness: BotHarness;
let conversation: TeamsConversation;
let clockMs = Date.parse('2026-03-02T08:00:00.000Z');
let caseId = '';

async function say(from: TeamsUser, text: string, mentions: TeamsUser[] = []): Promise<string[]> {
  clockMs += 60_000;
  const before = harness.connector.sentActivities(conversation.id).length;
  const response = await harness.send(
    messageActivity({ serviceUrl: harness.serviceUrl, conversation, from, text, mentions }),
  );
  expect(response.status).toBe(200);
  return harness.connector
    .sentActivities(conversation.id)
    .slice(before)
    .map((sent) => sent.activity.text ?? '');
}

async function events(): Promise<CaseEvent[]> {
  const found: CaseEvent[] = [];
  for await (const stored of harness.services.log.readEvents(caseId)) found.push(stored.event);
  return found;
}

beforeAll(async () => {
  const services = tableServices(inject('tablesConnectionString'), () => new Date(clockMs));
  harness = await startBotHarness({ services });
  conversation = groupChat(undefined, 'Kveldsteam');
  harness.connector.setMembers(conversation.id, [olga, mads, mia].map(asConnectorMember));
  await say(olga, 'ny sak Kveldsteam @Mia Manager', [mia]);
  caseId = (await harness.services.conversations.get(conversation.id))?.activeCaseId ?? '';
  await say(mads, 'bli med');
});
afterAll(async () => {
  await harness.close();
});

describe('research consent in the chat', () => {
  it('records that a participant declines, and that they take it back', async () => {
    const declined = await say(mads, 'reserver meg');
    expect(declined[0]).toContain('holdes tilbake fra forskerne');
    expect((await harness.services.cases.getCase(caseId))?.researchDeclined).toEqual([mads.aadObjectId]);
    const allowed = await say(mads, 'forskning ok');
    expect(allowed[0]).toContain('kan igjen brukes i følgeforskningen');
    const consent = (await events()).filter((event) => event.type === 'ResearchConsentRecorded');
    expect(consent.map((event) => (event.type === 'ResearchConsentRecorded' ? event.consent : ''))).toEqual([
      'declined',
      'given',
    ]);
    expect((await harness.services.cases.getCase(caseId))?.researchDeclined).toBeUndefined();
  });

  it('keeps where an idea typed in chat came from', async () => {
    const reply = await say(mads, 'idé brukere: faste kontaktpersoner på kveldstid');
    expect(reply[0]).toContain('med kilde «Brukere eller pårørende»');
    const idea = (await events()).findLast((event) => event.type === 'IdeaRecorded');
    expect(idea).toMatchObject({ text: 'faste kontaktpersoner på kveldstid', source: 'users-next-of-kin' });
  });
});
