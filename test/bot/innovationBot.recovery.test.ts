/**
 * What the bot does when a turn was cut short, and where a channel's cases live:
 * - an activity whose events were stored before its replies got out gets them on redelivery, and what
 *   the group had to be told comes from the outbox once the first turn's lease is over;
 * - a failure after the command was stored never says "nothing was saved";
 * - a case opened in one channel thread is the channel's case in every thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_VERBS } from '../../cards';
import { StorageUnavailableError } from '../../storage/eventLog';
import type { BotHarness } from '../support/botHarness';
import { memoryServices, startBotHarness } from '../support/botHarness';
import { POST_ACTIVITY_ROUTES } from '../support/connectorStub';
import {
  asConnectorMember,
  channel,
  groupChat,
  messageActivity,
  teamsUser,
} from '../support/teamsActivities';

const olga = teamsUser('Olga Owner');
const mia = teamsUser('Mia Manager');
const mats = teamsUser('Mats Manager');

let harness: BotHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function texts(h: BotHarness, conversationId: string): string[] {
  return h.connector
    .sentActivities(conversationId)
    .map((s) => s.activity.text ?? JSON.stringify(s.activity.attachments));
}

describe('a redelivered activity whose first delivery died after storing its events', () => {
  it('gets the case-opened reply and the first question it never got', async () => {
    let now = Date.parse('2026-03-01T09:00:00.000Z');
    const services = memoryServices(() => new Date(now));
    const h = (harness = await startBotHarness({ services }));
    const conversation = groupChat();
    const activity = messageActivity({
      serviceUrl: h.serviceUrl,
      conversation,
      from: olga,
      text: 'ny sak Trygghetsalarm',
    });
    // The first delivery stores the case, then the connector refuses everything it posts.
    h.connector.failNext({ route: POST_ACTIVITY_ROUTES, status: 403, times: 10 });
    await h.send(activity);
    expect(texts(h, conversation.id)).toEqual([]);
    h.connector.reset();

    now += 60_000;
    await h.send(activity);
    const replies = texts(h, conversation.id).join('\n');
    expect(replies).toContain('Saken **Trygghetsalarm** er startet');
    expect(replies).toContain('Hva er utfordringen og behovet?');
    const record = await services.conversations.get(conversation.id);
    const state = await services.cases.getCase(record?.activeCaseId ?? '');
    expect(state?.version).toBe(3);

    // Once told, never again.
    h.connector.reset();
    now += 60_000;
    await h.send(activity);
    expect(texts(h, conversation.id).join('\n')).not.toContain('Hva er utfordringen og behovet?');
  });

  it('posts the approval card that was never posted, once', async () => {
    let now = Date.parse('2026-03-01T09:00:00.000Z');
    const services = memoryServices(() => new Date(now));
    const h = (harness = await startBotHarness({ services }));
    const conversation = groupChat();
    h.connector.setMembers(conversation.id, [olga, mia, mats].map(asConnectorMember));
    await h.send(
      messageActivity({
        serviceUrl: h.serviceUrl,
        conversation,
        from: olga,
        text: 'ny sak Trygghetsalarm @Mia Manager',
        mentions: [mia],
      }),
    );
    const caseId = (await services.conversations.get(conversation.id))?.activeCaseId ?? '';
    // Answer every required question of stage 1 straight through the service, then request the review.
    const stage = services.templates.latest('municipal-service-innovation').stages[0]!;
    await services.cases.execute({
      caseId,
      actorId: olga.aadObjectId,
      at: new Date(now).toISOString(),
      command: {
        type: 'RecordDocumentation',
        stageId: stage.id,
        answers: stage.prompts
          .filter((p) => p.required)
          .map((p) => ({
            promptId: p.id,
            answer: p.options
              ? { type: 'choice' as const, optionIds: [p.options[0]!.id] }
              : { type: 'text' as const, text: 'Svar' },
          })),
      },
    });
    const review = messageActivity({
      serviceUrl: h.serviceUrl,
      conversation,
      from: olga,
      text: 'be om vurdering',
    });
    // The first delivery stored the request and died before posting the card: record it without the bot.
    await services.cases.execute({
      caseId,
      actorId: olga.aadObjectId,
      at: new Date(now).toISOString(),
      deliveryId: review.id,
      command: { type: 'RequestGateReview', stageId: stage.id },
    });
    h.connector.reset();
    now += 60_000;
    await h.send(review);
    const cards = h.connector
      .sentActivities(conversation.id)
      .filter((s) => JSON.stringify(s.activity.attachments ?? []).includes(CARD_VERBS.refreshApproval));
    expect(cards).toHaveLength(1);
    expect(cards[0]?.activity.text).toContain('<at>Mia Manager</at>');
    // A further redelivery repeats nothing: the card is now on record.
    now += 60_000;
    await h.send(review);
    expect(
      h.connector
        .sentActivities(conversation.id)
        .filter((s) => JSON.stringify(s.activity.attachments ?? []).includes(CARD_VERBS.refreshApproval)),
    ).toHaveLength(1);
  });
});

describe('a failure after the command was stored', () => {
  it('says it was saved, so nobody opens the same case twice', async () => {
    const services = memoryServices();
    const update = services.conversations.update.bind(services.conversations);
    let failUpdates = false;
    services.conversations.update = (id, change) =>
      failUpdates ? Promise.reject(new StorageUnavailableError(new Error('down'))) : update(id, change);
    const h = (harness = await startBotHarness({ services }));
    const conversation = groupChat();
    await h.send(messageActivity({ serviceUrl: h.serviceUrl, conversation, from: olga, text: 'hjelp' }));
    failUpdates = true;
    await h.send(
      messageActivity({ serviceUrl: h.serviceUrl, conversation, from: olga, text: 'ny sak Trygghetsalarm' }),
    );
    const last = texts(h, conversation.id).at(-1) ?? '';
    expect(last).toContain('Det du ba om er lagret');
    expect(last).not.toContain('ingenting ble lagret');
    const cases = [];
    for await (const summary of services.log.listCases({ conversationId: conversation.id }))
      cases.push(summary);
    expect(cases).toHaveLength(1);
  });
});

describe('cases in a Teams channel', () => {
  it('belong to the channel: a case opened in one thread is found from another', async () => {
    const services = memoryServices();
    const h = (harness = await startBotHarness({ services }));
    const first = channel({ threadId: '1700000000001' });
    if (first.kind !== 'channel') throw new Error('channel expected');
    const other = { ...first, id: `${first.channel.id};messageid=1700000000999` };
    await h.send(
      messageActivity({
        serviceUrl: h.serviceUrl,
        conversation: first,
        from: olga,
        text: 'ny sak Velferdsteknologi',
      }),
    );
    await h.send(
      messageActivity({ serviceUrl: h.serviceUrl, conversation: other, from: olga, text: 'status' }),
    );
    const statusCard = h.connector.sentActivities(other.id).at(-1)?.activity.attachments?.[0];
    expect(JSON.stringify(statusCard?.content)).toContain('Velferdsteknologi');
    const record = await services.conversations.get(first.channel.id);
    expect(record?.activeCaseId).toBeDefined();
    // Reminders go to the channel as new posts, not into an old thread.
    expect(record?.reference.conversation.id).toBe(first.channel.id);
  });
});

describe('a forged activity with an absurd display name', () => {
  it('is answered normally and the name is not kept', async () => {
    const services = memoryServices();
    const h = (harness = await startBotHarness({ services }));
    const conversation = groupChat();
    const giant = { ...teamsUser('x'.repeat(40_000)) };
    await h.send(
      messageActivity({ serviceUrl: h.serviceUrl, conversation, from: giant, text: 'ny sak Trygghetsalarm' }),
    );
    expect(texts(h, conversation.id).join('\n')).toContain('Saken **Trygghetsalarm** er startet');
    expect(
      (await services.people.getPeople([giant.aadObjectId])).get(giant.aadObjectId)?.displayName,
    ).toBeUndefined();
  });
});
