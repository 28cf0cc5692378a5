/**
 * Proactive sends and updates through the real CloudAdapter to the Bot Connector stub, with the
 * connector throttling (429 + Retry-After) and failing (5xx). Sleeps are injected and recorded, so the
 * tests see every wait without waiting.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBotAdapter, type BotLogger } from '../../bot/botAdapter';
import {
  parseRetryAfter,
  ProactiveDeliveryError,
  sendProactive,
  updateProactive,
  type ProactiveRetryOptions,
} from '../../bot/proactive';
import type { StoredConversationReference } from '../../storage/conversationStore';
import { failureOf } from '../storage/eventLog.contract';
import { parseSettings } from '../../config/settings';
import { mentionText } from '../../cards';
import { POST_ACTIVITY_ROUTES, startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { BOT_ID, BOT_NAME, TENANT_ID } from '../support/teamsActivities';

let connector: ConnectorStub;
beforeAll(async () => {
  connector = await startConnectorStub();
});
afterAll(() => connector.close());
beforeEach(() => connector.reset());

const testSettings = (values: Record<string, string>) => parseSettings([{ name: 'the test', values }]);
const { adapter } = createBotAdapter(testSettings({}));

function reference(conversationId = '19:proactive@thread.v2'): StoredConversationReference {
  return {
    bot: { id: BOT_ID, name: BOT_NAME },
    conversation: { id: conversationId, conversationType: 'groupChat', tenantId: TENANT_ID, isGroup: true },
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    locale: 'nb-NO',
  };
}

/** Retry options whose sleeps are recorded instead of waited, and whose jitter is fixed. */
function recording(
  overrides: ProactiveRetryOptions = {},
): ProactiveRetryOptions & { waits: number[]; warnings: string[] } {
  const waits: number[] = [];
  const warnings: string[] = [];
  const log: BotLogger = {
    error: () => undefined,
    warn: (message) => warnings.push(message),
    info: () => undefined,
  };
  return {
    waits,
    warnings,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    random: () => 1,
    log,
    ...overrides,
  };
}

describe('sendProactive', () => {
  it('posts text, a card and mentions to the stored conversation and returns the new activity id', async () => {
    const options = recording();
    const text = `Porten venter på ${mentionText('Mia Leder')}.`;

    const result = await sendProactive(
      adapter,
      '',
      reference(),
      {
        text,
        card: { type: 'AdaptiveCard', version: '1.5', body: [] },
        mentions: [{ id: '29:1mia', name: 'Mia Leder' }],
      },
      options,
    );

    const sent = connector.sentActivities('19:proactive@thread.v2');
    expect(sent).toHaveLength(1);
    expect(result).toEqual({ activityId: sent[0]?.id, attempts: 1 });
    expect(sent[0]?.activity).toMatchObject({
      type: 'message',
      text,
      textFormat: 'markdown',
      attachments: [
        { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
      ],
      entities: [
        { type: 'mention', text: '<at>Mia Leder</at>', mentioned: { id: '29:1mia', name: 'Mia Leder' } },
      ],
      conversation: { id: '19:proactive@thread.v2' },
      from: { id: BOT_ID },
    });
    expect(options.waits).toEqual([]);
  });

  it('refuses a mention whose tag is not in the text, before sending anything', async () => {
    const failure = await failureOf(
      sendProactive(
        adapter,
        '',
        reference(),
        { text: 'Hei', mentions: [{ id: '29:1mia', name: 'Mia' }] },
        recording(),
      ),
    );
    expect(failure).toBeInstanceOf(Error);
    expect(connector.requests).toHaveLength(0);
  });

  it('waits as long as Retry-After says after a 429 and then delivers, one request per attempt', async () => {
    connector.failNext({
      route: POST_ACTIVITY_ROUTES,
      times: 2,
      status: 429,
      headers: { 'Retry-After': '1' },
    });
    const options = recording();

    const result = await sendProactive(adapter, '', reference(), { text: 'Påminnelse' }, options);

    expect(options.waits).toEqual([1000, 1000]);
    expect(result.attempts).toBe(3);
    // The SDK's own retry policy is out of the way: three attempts are three requests, not twelve.
    expect(connector.requestsTo(POST_ACTIVITY_ROUTES).map((r) => r.status)).toEqual([429, 429, 200]);
    expect(connector.sentActivities()).toHaveLength(1);
    expect(options.warnings).toHaveLength(2);
  });

  it('reads Retry-After as an HTTP date too, and caps what it is asked to wait', async () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    connector.failNext({
      route: POST_ACTIVITY_ROUTES,
      status: 429,
      headers: { 'Retry-After': new Date(now + 7_000).toUTCString() },
    });
    connector.failNext({ route: POST_ACTIVITY_ROUTES, status: 429, headers: { 'Retry-After': '3600' } });
    const options = recording({ now: () => now, maxDelayMs: 20_000 });

    await sendProactive(adapter, '', reference(), { text: 'Påminnelse' }, options);

    expect(options.waits).toEqual([7_000, 20_000]);
  });

  it('backs off exponentially with jitter on 5xx, gives up after 4 attempts with a typed error', async () => {
    connector.failNext({ route: POST_ACTIVITY_ROUTES, times: 10, status: 503 });
    const options = recording({ random: () => 0.5 });

    const failure = await failureOf(sendProactive(adapter, '', reference(), { text: 'Påminnelse' }, options));

    expect(failure).toBeInstanceOf(ProactiveDeliveryError);
    expect(failure).toMatchObject({
      name: 'ProactiveDeliveryError',
      operation: 'send',
      conversationId: '19:proactive@thread.v2',
      attempts: 4,
      status: 503,
      retryable: true,
    });
    // Steps of 1, 2 and 4 s, each waited at 75 % (half fixed, half random at 0.5).
    expect(options.waits).toEqual([750, 1500, 3000]);
    expect(connector.requestsTo(POST_ACTIVITY_ROUTES)).toHaveLength(4);
    expect(connector.sentActivities()).toHaveLength(0);
  });

  it('honours a smaller bound and mixes 429 and 5xx in one run', async () => {
    connector.failNext({ route: POST_ACTIVITY_ROUTES, status: 500 });
    connector.failNext({ route: POST_ACTIVITY_ROUTES, status: 429, headers: { 'Retry-After': '2' } });
    const options = recording({ maxAttempts: 2 });

    const failure = await failureOf(sendProactive(adapter, '', reference(), { text: 'x' }, options));

    expect(failure).toMatchObject({ attempts: 2, status: 429, retryable: true });
    expect(options.waits).toEqual([1000]);
    expect(connector.requestsTo(POST_ACTIVITY_ROUTES)).toHaveLength(2);
  });

  it('does not retry what retrying cannot fix (403: the bot was removed from the conversation)', async () => {
    connector.failNext({
      route: POST_ACTIVITY_ROUTES,
      status: 403,
      body: { error: { code: 'BotNotInConversationRoster' } },
    });
    const options = recording();

    const failure = await failureOf(sendProactive(adapter, '', reference(), { text: 'x' }, options));

    expect(failure).toMatchObject({ attempts: 1, status: 403, retryable: false });
    expect(options.waits).toEqual([]);
  });

  it('fails with a typed error, attempt 0, when the turn cannot start (no credentials in Azure)', async () => {
    const refusing = createBotAdapter(testSettings({ WEBSITE_SITE_NAME: 'prod' }), {
      log: { error: () => undefined, warn: () => undefined, info: () => undefined },
    });

    const failure = await failureOf(
      sendProactive(refusing.adapter, '', reference(), { text: 'x' }, recording()),
    );

    expect(failure).toMatchObject({ name: 'ProactiveDeliveryError', attempts: 0, retryable: false });
    expect(connector.requests).toHaveLength(0);
  });
});

describe('updateProactive', () => {
  it('replaces an activity in place, retrying a 429 after Retry-After', async () => {
    connector.failNext({ route: 'updateActivity', status: 429, headers: { 'Retry-After': '2' } });
    const options = recording();

    const result = await updateProactive(
      adapter,
      '',
      reference(),
      '1:approval-card',
      { card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Godkjent' }] } },
      options,
    );

    expect(result).toEqual({ attempts: 2 });
    expect(options.waits).toEqual([2000]);
    const updates = connector.updatedActivities('19:proactive@thread.v2');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      activityId: '1:approval-card',
      activity: {
        id: '1:approval-card',
        type: 'message',
        attachments: [{ content: { body: [{ text: 'Godkjent' }] } }],
      },
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and dates, refuses nonsense, never goes below zero', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter(' 5 ')).toBe(5000);
    expect(parseRetryAfter(new Date(now - 60_000).toUTCString(), { now: () => now })).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('-3')).toBeUndefined();
    expect(parseRetryAfter('100000')).toBe(30_000);
  });
});
