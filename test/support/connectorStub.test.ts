/**
 * The test doubles themselves: the Bot Connector stub answers what botbuilder's Teams helpers ask, and the
 * Teams activity builders produce traffic that botbuilder's TeamsActivityHandler routes as Teams' own.
 */
import { TeamsActivityHandler, TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotLike } from '../../runtime/bot';
import { startBotHarness, type BotHarness } from './botHarness';
import {
  asConnectorMember,
  botAddedUpdate,
  channel,
  groupChat,
  installationUpdateAdd,
  messageActivity,
  teamsUser,
} from './teamsActivities';

const kari = teamsUser('Kari Nordmann');
const mia = teamsUser('Mia Leder');
const ola = teamsUser('Ola Hansen');

let harness: BotHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Runs `work` inside a bot turn and keeps what it returned. */
function botDoing<T>(work: (context: TurnContext) => Promise<T>): BotLike & { results: T[] } {
  const results: T[] = [];
  const bot = new TeamsActivityHandler();
  bot.onMessage(async (context, next) => {
    results.push(await work(context));
    await next();
  });
  return Object.assign(bot, { results });
}

describe('the Bot Connector stub', () => {
  it('pages conversation members for TeamsInfo.getPagedMembers and finds one member', async () => {
    const bot = botDoing(async (context) => {
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(context, 2, token);
        names.push(...page.members.map((m) => m.name));
        token = page.continuationToken;
      } while (token);
      const one: TeamsChannelAccount = await TeamsInfo.getMember(context, mia.id);
      return { names, one };
    });
    harness = await startBotHarness({ createBot: () => bot });
    const conversation = groupChat();
    harness.connector.setMembers(conversation.id, [kari, mia, ola].map(asConnectorMember));

    const response = await harness.send(
      messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: kari, text: 'ny sak' }),
    );

    expect(response.status).toBe(200);
    expect(bot.results[0]?.names).toEqual(['Kari Nordmann', 'Mia Leder', 'Ola Hansen']);
    expect(bot.results[0]?.one).toMatchObject({ id: mia.id, aadObjectId: mia.aadObjectId, email: mia.email });
    expect(harness.connector.requestsTo('getConversationPagedMembers').map((r) => r.query)).toEqual([
      { pageSize: '2' },
      { pageSize: '2', continuationToken: '2' },
    ]);
  });

  it('answers team look-ups in a channel, where TeamsInfo asks by team id', async () => {
    const conversation = channel({ threadId: '1712345678901' });
    if (conversation.kind !== 'channel') throw new Error('expected a channel');
    const bot = botDoing(async (context) => ({
      team: await TeamsInfo.getTeamDetails(context),
      channels: await TeamsInfo.getTeamChannels(context),
      members: (await TeamsInfo.getPagedMembers(context)).members.map((m) => m.name),
    }));
    harness = await startBotHarness({ createBot: () => bot });
    harness.connector.setTeam({
      id: conversation.team.id,
      name: conversation.team.name,
      channels: [conversation.channel],
    });
    harness.connector.setMembers(conversation.team.id, [kari, mia].map(asConnectorMember));

    await harness.send(
      messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: kari, text: 'status' }),
    );

    expect(bot.results[0]).toEqual({
      team: { id: conversation.team.id, name: conversation.team.name },
      channels: [conversation.channel],
      members: ['Kari Nordmann', 'Mia Leder'],
    });
  });
});

describe('the Teams activity builders', () => {
  it('build an install that TeamsActivityHandler routes, and a bot-added update that needs no member look-up', async () => {
    const seen: string[] = [];
    const bot = new TeamsActivityHandler();
    bot.onInstallationUpdateAdd(async (context, next) => {
      seen.push(`installed:${context.activity.conversation.conversationType}`);
      await next();
    });
    bot.onTeamsMembersAddedEvent(async (membersAdded, _teamInfo, context, next) => {
      seen.push(
        `added:${membersAdded.map((m) => (m.id === context.activity.recipient.id ? 'bot' : m.name)).join(',')}`,
      );
      await next();
    });
    harness = await startBotHarness({ createBot: () => bot });
    const conversation = groupChat();
    const common = { serviceUrl: harness.serviceUrl, conversation, from: kari };

    await harness.send(installationUpdateAdd(common));
    await harness.send(botAddedUpdate({ ...common, alsoAdded: [mia] }));

    expect(seen).toEqual(['installed:groupChat', 'added:bot,Mia Leder']);
    // Members carried userPrincipalName/givenName/email, so TeamsActivityHandler asked the connector nothing.
    expect(harness.connector.requestsTo('getConversationMember')).toEqual([]);
  });

  it('mention the bot in group chats and channels, not in personal chats, and tag mentioned people', () => {
    const serviceUrl = 'http://127.0.0.1:1/';
    const inGroup = messageActivity({
      serviceUrl,
      conversation: groupChat(),
      from: kari,
      text: 'leder @Mia Leder',
      mentions: [mia],
    });
    const personal = messageActivity({
      serviceUrl,
      conversation: { kind: 'personal', id: 'a:1x' },
      from: kari,
      text: 'hjelp',
    });

    expect(inGroup['text']).toBe('<at>Innovasjonsporter</at> leder <at>Mia Leder</at>');
    expect(inGroup['entities']).toEqual(
      expect.arrayContaining([
        { type: 'mention', text: '<at>Mia Leder</at>', mentioned: { id: mia.id, name: 'Mia Leder' } },
        expect.objectContaining({ type: 'mention', text: '<at>Innovasjonsporter</at>' }),
        expect.objectContaining({ type: 'clientInfo', locale: 'nb-NO' }),
      ]),
    );
    expect(inGroup['conversation']).toMatchObject({ conversationType: 'groupChat', isGroup: true });
    expect(personal['text']).toBe('hjelp');
    expect(personal['conversation']).not.toHaveProperty('isGroup');
  });
});
