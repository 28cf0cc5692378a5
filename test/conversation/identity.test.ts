/**
 * One person, one id, through the real endpoint: the actor is always the Entra object id, a Teams id is
 * never silently rebound to another person, a four-eyes gate cannot be passed by one person under two
 * ids, bookkeeping about people never fails a command, and a reused activity id with other content is
 * refused instead of being answered "saved".
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { InnovationBot } from '../../bot/innovationBot';
import { texts } from '../../conversation/botTexts';
import { CARD_VERBS } from '../../cards';
import type { AppServices } from '../../runtime/bot';
import { answerRequired } from '../engine/caseSpecification';
import { exchange, invokeValue, openCaseFromCard } from '../faults/botDriver';
import { countOf, expectIntactLog } from '../faults/logChecks';
import { memoryServices, startBotHarness, type BotHarness } from '../support/botHarness';
import { tableServices } from '../support/tableServices';
import {
  asConnectorMember,
  cardActionInvoke,
  groupChat,
  messageActivity,
  teamsUser,
  type TeamsConversation,
  type TeamsUser,
} from '../support/teamsActivities';

const olga = teamsUser('Olga Owner');
const mia = teamsUser('Mia Manager');
const mats = teamsUser('Mats Manager');

let harness: BotHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A bot that requires an Entra id for every actor, as everywhere outside local development. */
async function strictBot(services: AppServices = memoryServices()): Promise<BotHarness> {
  harness = await startBotHarness({
    services,
    createBot: (s) => new InnovationBot(s, undefined, { requireEntraId: true }),
  });
  return harness;
}

/** The same person's activity as a client that leaves the Entra id out would send it. */
function withoutEntraId(activity: Record<string, unknown>): Record<string, unknown> {
  const from = activity['from'] as { id: string; name: string };
  return { ...activity, from: { id: from.id, name: from.name } };
}

async function caseAtFirstGate(
  h: BotHarness,
  members: TeamsUser[],
): Promise<{ conversation: TeamsConversation; caseId: string }> {
  const conversation = groupChat();
  h.connector.setMembers(conversation.id, members.map(asConnectorMember));
  const caseId = await openCaseFromCard(h, conversation, olga, {
    title: 'Trygghetsalarm',
    managers: [mia, mats],
  });
  await h.services.cases.execute({
    caseId,
    command: answerRequired('define-challenge'),
    actorId: olga.aadObjectId,
    at: new Date().toISOString(),
  });
  return { conversation, caseId };
}

describe('an activity without an Entra id', () => {
  it('is recorded under the Entra id the member list gives, so a four-eyes gate cannot be passed under two ids', async () => {
    const h = await strictBot();
    const { conversation, caseId } = await caseAtFirstGate(h, [olga, mia, mats]);

    const requested = await exchange(
      h,
      withoutEntraId(
        messageActivity({ serviceUrl: h.serviceUrl, conversation, from: mia, text: 'be om vurdering' }),
      ),
    );
    expect(requested.texts.join('\n')).toContain('sendt til vurdering');
    const state = await h.services.cases.getCase(caseId);
    expect(state?.gate?.requestedBy).toBe(mia.aadObjectId);

    const approve = await h.send(
      cardActionInvoke({
        serviceUrl: h.serviceUrl,
        conversation,
        from: mia,
        verb: CARD_VERBS.decideGate,
        data: {
          caseId,
          stageId: 'define-challenge',
          requestSeq: state?.gate?.requestSeq,
          outcome: 'approve',
        },
      }),
    );
    expect(JSON.stringify(invokeValue(approve).value)).toMatch(/ikke godkjenne|selv/i);
    const events = await expectIntactLog(h.services.log, caseId);
    expect(countOf(events, 'GateApprovalGiven')).toBe(0);
    expect(countOf(events, 'GatePassed')).toBe(0);
  });

  it('is refused with a clear message when nobody can say who sent it, and records nothing', async () => {
    const h = await strictBot();
    const { conversation, caseId } = await caseAtFirstGate(h, [olga, mia]);
    const stranger = teamsUser('Sara Stranger');
    const before = (await h.services.cases.getCase(caseId))?.version;

    const sent = await exchange(
      h,
      withoutEntraId(
        messageActivity({
          serviceUrl: h.serviceUrl,
          conversation,
          from: stranger,
          text: 'idé: sensor i døra',
        }),
      ),
    );

    expect(sent.texts).toEqual([texts.unknownTeamsUser.nb]);
    expect((await h.services.cases.getCase(caseId))?.version).toBe(before);
  });

  it('falls back to the Teams id in local development only', async () => {
    harness = await startBotHarness({ services: memoryServices() });
    const h = harness;
    const conversation = groupChat();
    const stranger = teamsUser('Sara Stranger');
    const sent = await exchange(
      h,
      withoutEntraId(
        messageActivity({
          serviceUrl: h.serviceUrl,
          conversation,
          from: stranger,
          text: 'ny sak Trygghetsalarm',
        }),
      ),
    );
    expect(sent.texts.join('\n')).toContain('Saken **Trygghetsalarm** er startet');
    const record = await h.services.conversations.get(conversation.id);
    const state = await h.services.cases.getCase(record?.activeCaseId ?? '');
    expect(Object.keys(state?.roles ?? {})).toEqual([stranger.id]);
  });
});

describe('a Teams id seen with another Entra id than before', () => {
  it('is refused, and the first person keeps their Teams id and name', async () => {
    const h = await strictBot();
    const conversation = groupChat();
    await exchange(h, messageActivity({ serviceUrl: h.serviceUrl, conversation, from: olga, text: 'hjelp' }));
    const impostor = { ...teamsUser('Olga Owner'), id: olga.id };

    const sent = await exchange(
      h,
      messageActivity({ serviceUrl: h.serviceUrl, conversation, from: impostor, text: 'ny sak Overtatt' }),
    );

    expect(sent.texts).toEqual([texts.teamsUserBoundElsewhere.nb]);
    const known = await h.services.people.getPeople([olga.aadObjectId, impostor.aadObjectId]);
    expect(known.get(olga.aadObjectId)?.teamsUserId).toBe(olga.id);
    expect(known.get(impostor.aadObjectId)).toBeUndefined();
    expect(await h.services.people.personOfTeamsUser(olga.id)).toBe(olga.aadObjectId);
    const cases = [];
    for await (const summary of h.services.log.listCases({ conversationId: conversation.id }))
      cases.push(summary);
    expect(cases).toEqual([]);
  });
});

describe('twenty first actions at once by a person the bot has not met', () => {
  it('are all recorded: remembering the name is bookkeeping and never fails a command', async () => {
    const h = await strictBot(tableServices(inject('tablesConnectionString')));
    const conversation = groupChat();
    h.connector.setMembers(conversation.id, [olga, mia].map(asConnectorMember));
    const caseId = await openCaseFromCard(h, conversation, olga, {
      title: 'Trygghetsalarm',
      managers: [mia],
    });
    const nina = teamsUser('Nina Ny');

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.send(
          messageActivity({ serviceUrl: h.serviceUrl, conversation, from: nina, text: `idé: nummer ${i}` }),
        ),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const events = await expectIntactLog(h.services.log, caseId);
    expect(countOf(events, 'IdeaRecorded')).toBe(20);
    expect(
      events.filter((e) => e.event.type === 'RoleAssigned' && e.event.personId === nina.aadObjectId),
    ).toHaveLength(1);
    const texts = h.connector.sentActivities(conversation.id).map((s) => s.activity.text ?? '');
    expect(texts.filter((t) => t.includes('Ideen er tatt vare på'))).toHaveLength(20);
    expect(texts.join('\n')).not.toContain('Noe feilet');
  });
});

describe('an activity id reused by another person with another command', () => {
  it('is refused, not answered "saved"; the real redelivery is still answered as recorded', async () => {
    const h = await strictBot();
    const { conversation, caseId } = await caseAtFirstGate(h, [olga, mia]);
    const idea = messageActivity({
      serviceUrl: h.serviceUrl,
      conversation,
      from: olga,
      text: 'idé: felles nøkkelboks',
    });
    await exchange(h, idea);
    const recorded = await expectIntactLog(h.services.log, caseId);

    const forged = messageActivity({
      serviceUrl: h.serviceUrl,
      conversation,
      from: mia,
      text: 'barriere: ingen tid',
      id: idea.id,
    });
    const refused = await exchange(h, forged);
    expect(refused.texts.join('\n')).toContain('samme id som en annen melding');
    expect(refused.texts.join('\n')).not.toContain('registrert i kategorien');
    expect(await expectIntactLog(h.services.log, caseId)).toEqual(recorded);

    const redelivered = await exchange(h, idea);
    expect(redelivered.texts).toEqual([texts.ideaRecorded.nb]);
    expect(await expectIntactLog(h.services.log, caseId)).toEqual(recorded);
  });
});
