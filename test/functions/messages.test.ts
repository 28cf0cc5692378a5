/**
 * The bot's HTTP endpoint end to end: the `messages` function, the HTTP bridge, the real CloudAdapter
 * (authentication included) and the bot's replies arriving at a Bot Connector stub.
 */
import { TeamsActivityHandler, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TURN_FAILED_TEXT } from '../../bot/botAdapter';
import type { BotLike } from '../../runtime/bot';
import { startBotHarness, type BotHarness, type BotHarnessOptions } from '../support/botHarness';
import {
  BOT_APP_ID,
  cardActionInvoke,
  groupChat,
  messageActivity,
  personalChat,
  teamsUser,
} from '../support/teamsActivities';

const kari = teamsUser('Kari Nordmann');

/** Echoes messages and answers card actions with a card; counts its turns. */
class EchoBot extends TeamsActivityHandler {
  turns = 0;
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      this.turns += 1;
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  protected override onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    this.turns += 1;
    return Promise.resolve({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Oppdatert' }] },
    });
  }
}

/** Fails every turn, as a bug or an outage would. */
class FailingBot extends TeamsActivityHandler {
  constructor() {
    super();
    this.onMessage(() => Promise.reject(new Error('database password is hunter2 at line 42')));
  }

  protected override onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return Promise.reject(new Error('card handler exploded'));
  }
}

let harness: BotHarness | undefined;
let adapterConsole: { mockRestore(): void } | undefined;
beforeEach(() => {
  // CloudAdapter.process prints every error it answers (a 401's stack included) with console.error;
  // keep the test output readable, nothing here depends on what it printed.
  adapterConsole = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  adapterConsole?.mockRestore();
  await harness?.close();
  harness = undefined;
});

async function start(options: BotHarnessOptions & { bot?: BotLike } = {}): Promise<BotHarness> {
  const { bot, ...rest } = options;
  harness = await startBotHarness({ ...rest, ...(bot !== undefined && { createBot: () => bot }) });
  return harness;
}

describe('POST /api/messages refuses what is not an activity', () => {
  it('answers 400 to a body that is not JSON, and neither runs the bot nor sends anything', async () => {
    const bot = new EchoBot();
    const { sendRaw, connector } = await start({ bot });

    const response = await sendRaw('{"type": "message", oops');

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'The body is not JSON.' });
    expect(bot.turns).toBe(0);
    expect(connector.requests).toHaveLength(0);
  });

  it('answers 400 to JSON that is not an object, or an object without a string type', async () => {
    const bot = new EchoBot();
    const { sendRaw, send, connector } = await start({ bot });

    for (const body of ['[]', 'null', '"message"', '42', '']) {
      expect((await sendRaw(body)).status).toBe(400);
    }
    const withoutType = await send({ text: 'hei', channelId: 'msteams' });
    const numericType = await send({ type: 7 });

    expect(withoutType.status).toBe(400);
    expect(withoutType.body).toEqual({ error: 'The activity has no "type".' });
    expect(numericType.status).toBe(400);
    expect(bot.turns).toBe(0);
    expect(connector.requests).toHaveLength(0);
  });
});

describe('POST /api/messages with an app id configured', () => {
  it('answers 401 without an Authorization header, before the bot runs', async () => {
    const bot = new EchoBot();
    const { send, serviceUrl, connector } = await start({ bot, appId: BOT_APP_ID });

    const response = await send(
      messageActivity({ serviceUrl, conversation: personalChat(), from: kari, text: 'hei' }),
    );

    expect(response.status).toBe(401);
    expect(bot.turns).toBe(0);
    expect(connector.requests).toHaveLength(0);
  });

  it('answers 401 to a bogus bearer token, without reaching the network', async () => {
    const bot = new EchoBot();
    const { send, serviceUrl, connector } = await start({ bot, appId: BOT_APP_ID });
    const activity = messageActivity({ serviceUrl, conversation: personalChat(), from: kari, text: 'hei' });

    const started = performance.now();
    const bogus = await send(activity, { headers: { authorization: 'Bearer not-a-token' } });
    const notBearer = await send(activity, { headers: { authorization: 'Basic a2FyaTpwYXNzb3Jk' } });

    expect(bogus.status).toBe(401);
    expect(notBearer.status).toBe(401);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(bot.turns).toBe(0);
    expect(connector.requests).toHaveLength(0);
  });
});

describe('POST /api/messages in Azure without an app id (a misconfiguration)', () => {
  it('refuses every request with 401, even a token-less local-style one, and logs why once', async () => {
    const bot = new EchoBot();
    const { send, serviceUrl, connector, logs, runtime } = await start({ bot, inAzure: true });
    const activity = messageActivity({ serviceUrl, conversation: personalChat(), from: kari, text: 'hei' });

    const first = await send(activity);
    const second = await send(activity, { headers: { authorization: 'Bearer not-a-token' } });

    expect(runtime.authMode).toBe('refusing');
    expect([first.status, second.status]).toEqual([401, 401]);
    expect(bot.turns).toBe(0);
    expect(connector.requests).toHaveLength(0);
    const explanations = logs.filter((line) => line.message.includes('MicrosoftAppId is empty'));
    expect(explanations).toHaveLength(1);
  });
});

describe('POST /api/messages anonymous, for local development', () => {
  it('runs the bot for a group chat message and its reply reaches the connector', async () => {
    const bot = new EchoBot();
    const { send, serviceUrl, connector, runtime } = await start({ bot });
    const conversation = groupChat();
    const activity = messageActivity({ serviceUrl, conversation, from: kari, text: 'status' });

    const response = await send(activity);

    expect(runtime.authMode).toBe('anonymous');
    expect(response.status).toBe(200);
    expect(bot.turns).toBe(1);
    const sent = connector.sentActivities(conversation.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      replyToId: activity.id,
      activity: {
        type: 'message',
        text: 'echo: <at>Innovasjonsporter</at> status',
        conversation: { id: conversation.id },
        recipient: { id: kari.id },
      },
    });
  });

  it('runs the real bot by default: "help" gets the help card in the user\'s language', async () => {
    const { send, serviceUrl, connector } = await start();
    const conversation = personalChat();

    const response = await send(
      messageActivity({ serviceUrl, conversation, from: kari, text: 'help', locale: 'en-US' }),
    );

    expect(response.status).toBe(200);
    const card = connector.sentActivities(conversation.id)[0]?.activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const json = JSON.stringify(card?.content);
    expect(json).toContain('new case');
    expect(json).not.toContain('ny sak');
  });

  it('returns an invoke response: its status and its JSON body', async () => {
    const bot = new EchoBot();
    const { send, serviceUrl, connector } = await start({ bot });

    const response = await send(
      cardActionInvoke({
        serviceUrl,
        conversation: groupChat(),
        from: kari,
        verb: 'refreshStatus',
        data: { caseId: 'c1' },
      }),
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Oppdatert' }] },
    });
    expect(connector.requests).toHaveLength(0);
  });

  it('answers a message turn that fails with a short apology in both languages, never the error', async () => {
    const { send, serviceUrl, connector, logs } = await start({ bot: new FailingBot() });
    const conversation = groupChat();
    const activity = messageActivity({ serviceUrl, conversation, from: kari, text: 'status' });

    const response = await send(activity);

    expect(response.status).toBe(200);
    const sent = connector.sentActivities(conversation.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.activity.text).toBe(`${TURN_FAILED_TEXT.nb}\n\n${TURN_FAILED_TEXT.en}`);
    expect(JSON.stringify(sent)).not.toContain('hunter2');
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'A bot turn failed',
        details: expect.objectContaining({ activityId: activity.id, type: 'message' }) as unknown,
      }),
    );
  });

  it('answers a failing card action with 500 and a generic body, sending nothing to the chat', async () => {
    const { send, serviceUrl, connector } = await start({ bot: new FailingBot() });

    const response = await send(
      cardActionInvoke({ serviceUrl, conversation: groupChat(), from: kari, verb: 'approve' }),
    );

    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: 'Internal error.' });
    expect(connector.requests).toHaveLength(0);
  });
});
