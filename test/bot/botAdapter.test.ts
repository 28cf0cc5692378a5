/**
 * The authenticated bot end to end through POST /api/messages, with real Bot Framework-style tokens:
 * signing keys served by a local metadata host, the gate checking the token before the body is read,
 * the adapter running the turn on the verified claims (no second validation, no botbuilder fetch), and
 * botbuilder's own connector factory still behind the bot's outgoing calls.
 */
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import { TeamsActivityHandler, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../functions/messages';
import { createBotRuntime, setBotRuntimeForTests, type BotRuntime } from '../../runtime/bot';
import {
  signingKey,
  signToken,
  startSigningKeyServer,
  type SigningKey,
  type SigningKeyServer,
} from '../auth/signingKeyServer';
import { memoryServices, testSettings } from '../support/botHarness';
import { BOT_APP_ID, cardActionInvoke, groupChat, teamsUser } from '../support/teamsActivities';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const kari = teamsUser('Kari Nordmann');

/** Answers card actions with what it saw of the turn's identity and connector. */
class WitnessBot extends TeamsActivityHandler {
  readonly seen: { callerId: string | undefined; connectorBaseUri: string | undefined }[] = [];

  protected override onAdaptiveCardInvoke(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
    // `baseUri` is protected in the client's types; it is where the bot's replies would go.
    const baseUri = (connector as unknown as { baseUri?: string } | undefined)?.baseUri;
    this.seen.push({ callerId: context.activity.callerId, connectorBaseUri: baseUri });
    return Promise.resolve({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [] },
    });
  }
}

let metadata: SigningKeyServer;
let key: SigningKey;
let runtime: BotRuntime;
let bot: WitnessBot;

beforeAll(async () => {
  key = await signingKey('bf-key', { endorsements: ['msteams'] });
  metadata = await startSigningKeyServer({ keys: [key.jwk] });
  // CloudAdapter.process prints the errors it answers; nothing here depends on what it printed.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => setBotRuntimeForTests(undefined));
afterAll(async () => {
  vi.restoreAllMocks();
  await metadata.close();
});

function start(): void {
  bot = new WitnessBot();
  runtime = createBotRuntime({
    settings: testSettings({ MicrosoftAppId: BOT_APP_ID, BOT_OPENID_METADATA_URL: metadata.metadataUrl }),
    services: memoryServices(),
    createBot: () => bot,
    logger: { error: () => undefined, warn: () => undefined, info: () => undefined },
  });
  setBotRuntimeForTests(runtime);
}

function token(claims: Record<string, unknown> = {}): Promise<string> {
  return signToken(key, {
    iss: 'https://api.botframework.com',
    aud: BOT_APP_ID,
    serviceUrl: SERVICE_URL,
    ...claims,
  });
}

function invoke(channelId = 'msteams'): Record<string, unknown> {
  return {
    ...cardActionInvoke({
      serviceUrl: SERVICE_URL,
      conversation: groupChat(),
      from: kari,
      verb: 'refreshStatus',
    }),
    channelId,
  };
}

async function post(body: object, authorization: string): Promise<{ status: number; body: unknown }> {
  const request = new HttpRequest({
    method: 'POST',
    url: 'http://localhost:7071/api/messages',
    headers: { 'content-type': 'application/json', authorization },
    body: { string: JSON.stringify(body) },
  });
  const response = new HttpResponse(
    await messages(request, new InvocationContext({ functionName: 'messages', logHandler: () => undefined })),
  );
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

describe('an authenticated bot', () => {
  it('runs the turn for a valid token on the verified claims, with botbuilder connectors for the replies', async () => {
    start();
    const before = metadata.requests.length;
    const bearer = `Bearer ${await token()}`;

    const answers = await Promise.all(Array.from({ length: 10 }, () => post(invoke(), bearer)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(answers[0]?.body).toMatchObject({ statusCode: 200, value: { type: 'AdaptiveCard' } });
    // One metadata and one key fetch for ten requests on a cold cache.
    expect(metadata.requests.slice(before)).toEqual(['/openid', '/keys']);
    expect(bot.seen).toHaveLength(10);
    expect(bot.seen[0]).toEqual({ callerId: 'urn:botframework:azure', connectorBaseUri: SERVICE_URL });
  });

  it("refuses a token whose serviceUrl is not the activity's, and a key not endorsed for its channel", async () => {
    start();

    const elsewhere = await post(invoke(), `Bearer ${await token({ serviceUrl: 'https://evil.example/' })}`);
    const otherChannel = await post(invoke('webchat'), `Bearer ${await token()}`);

    expect(elsewhere).toEqual({
      status: 401,
      body: { error: "Unauthorized: the token's serviceUrl is not the activity's" },
    });
    expect(otherChannel.status).toBe(401);
    expect(bot.seen).toHaveLength(0);
  });

  it('checks the token itself when the adapter is driven directly, without the gate', async () => {
    start();
    const responses: { status: number }[] = [];
    const response = () => {
      const recorded = { status: 0 };
      responses.push(recorded);
      const res = {
        socket: null,
        status: (code: number) => ((recorded.status = code), res),
        header: () => res,
        send: () => res,
        end: () => res,
      };
      return res;
    };
    const logic = (context: TurnContext) => bot.run(context);

    await runtime.adapter.process(
      { body: invoke(), headers: { authorization: 'Bearer not-a-token' }, method: 'POST' },
      response(),
      logic,
    );
    await runtime.adapter.process(
      { body: invoke(), headers: { authorization: `Bearer ${await token()}` }, method: 'POST' },
      response(),
      logic,
    );

    expect(responses.map((recorded) => recorded.status)).toEqual([401, 200]);
    expect(bot.seen).toHaveLength(1);
  });
});
