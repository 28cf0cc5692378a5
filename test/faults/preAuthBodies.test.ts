/**
 * Refuse before work: a body nobody has authenticated is neither read nor parsed, and no body is read
 * past its route's limit. Driven through the local Functions host over real HTTP (the app's own
 * registrations on node:http, the body streamed to the function as Azure streams it), with a client
 * that sends its 50 MB lazily (one 64 KiB buffer over and over) and stops once it has an answer, so
 * the resident memory measured here is the server's.
 *
 * Before the fix, the host buffered every body whole and the function parsed it before the adapter
 * looked at the token: 20 bodies of 50 MB grew the process by more than a gigabyte.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { startFunctionsHost, type RunningFunctionsHost } from '../../local/functionsHost';
import { createBotRuntime, setBotRuntimeForTests, type BotRuntime } from '../../runtime/bot';
import { setResearchRuntimeForTests } from '../../runtime/research';
import { memoryServices, testSettings } from '../support/botHarness';
import { BOT_APP_ID } from '../support/teamsActivities';
import { researcherToken, researchHarness, useRuntime } from '../functions/researchSupport';

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');
const PARALLEL = 20;
const BODY_BYTES = 50 * MB;

const connectionString = inject('tablesConnectionString');
let host: RunningFunctionsHost;
let authenticatedBot: BotRuntime;
const hostLog: string[] = [];

const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined };

function botRuntime(values: Record<string, string>): BotRuntime {
  return createBotRuntime({ settings: testSettings(values), services: memoryServices(), logger: quiet });
}

beforeAll(async () => {
  authenticatedBot = botRuntime({ MicrosoftAppId: BOT_APP_ID });
  setBotRuntimeForTests(authenticatedBot);
  useRuntime(researchHarness(connectionString));
  host = await startFunctionsHost({
    port: 0,
    loadFunctions: async () => {
      await import('../../functions/messages');
      await import('../../functions/tabDecision');
      await import('../../functions/tabResume');
      await import('../../functions/researchMemos');
    },
    log: (level, message) => {
      if (level === 'error' || level === 'critical') hostLog.push(message);
    },
  });
});
beforeEach(() => {
  hostLog.length = 0;
});
afterEach(() => {
  setBotRuntimeForTests(authenticatedBot);
  // Every refusal here is an answer, not a failure: nothing for the error log.
  expect(hostLog).toEqual([]);
});
afterAll(async () => {
  await host.close();
  setBotRuntimeForTests(undefined);
  setResearchRuntimeForTests(undefined);
});

interface Answer {
  status: number;
  /** From the first byte sent to the answer's status line. */
  ms: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  /** How much of the body the client had written when the answer came. */
  sentBytes: number;
}

/**
 * POSTs `total` bytes, with a declared Content-Length or chunked without one. Writes only as fast as
 * the connection takes them and stops writing once the status line arrives: a well-behaved client
 * that sees 413 or 401 stops sending; an attacker would not, which the host answers by closing.
 */
function post(
  path: string,
  total: number,
  options: { declared: boolean; headers?: Record<string, string>; prefix?: string },
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const started = performance.now();
    let sentBytes = 0;
    let answered = false;
    const request = httpRequest(`${host.url}/api/${path}`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        ...(options.declared && { 'content-length': String(total) }),
        ...options.headers,
      },
    });
    request.on('response', (response) => {
      answered = true;
      const ms = performance.now() - started;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          ms,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: response.headers,
          sentBytes,
        });
        request.destroy();
      });
    });
    // Once answered, a write into the closed connection may fail: that is the host hanging up on a
    // body it will not read, not a failure of the request.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const prefix = Buffer.from(options.prefix ?? '');
    if (prefix.length > 0) {
      request.write(prefix);
      sentBytes += prefix.length;
    }
    const pump = (): void => {
      while (!answered && sentBytes < total) {
        const size = Math.min(CHUNK.length, total - sentBytes);
        sentBytes += size;
        if (!request.write(size === CHUNK.length ? CHUNK : CHUNK.subarray(0, size))) {
          request.once('drain', pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    pump();
  });
}

/** Runs `work` while sampling resident memory every 10 ms; the largest growth over the start. */
async function measuringRss<T>(work: () => Promise<T>): Promise<{ result: T; rssGrowthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, rssGrowthMb: (peak - before) / MB };
  } finally {
    clearInterval(sampler);
  }
}

function errorOf(answer: Answer): unknown {
  return (JSON.parse(answer.body) as { error: unknown }).error;
}

describe('POST /api/messages with an app id, without a token', () => {
  it(`answers ${PARALLEL} parallel 50 MB bodies with a declared length 413 at once, reading none`, async () => {
    const { result: answers, rssGrowthMb } = await measuringRss(() =>
      Promise.all(Array.from({ length: PARALLEL }, () => post('messages', BODY_BYTES, { declared: true }))),
    );

    console.info(
      `declared 50 MB x${PARALLEL}: slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms, ` +
        `RSS +${rssGrowthMb.toFixed(1)} MB`,
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL).fill(413));
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(3000);
    expect(rssGrowthMb).toBeLessThan(100);
    expect(errorOf(answers[0] as Answer)).toMatch(/larger than 256 KiB/);
  });

  it(`answers ${PARALLEL} parallel chunked 50 MB bodies 401 at once, before reading them`, async () => {
    const { result: answers, rssGrowthMb } = await measuringRss(() =>
      Promise.all(Array.from({ length: PARALLEL }, () => post('messages', BODY_BYTES, { declared: false }))),
    );

    console.info(
      `chunked 50 MB x${PARALLEL}: slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms, ` +
        `RSS +${rssGrowthMb.toFixed(1)} MB, most sent before the answer ` +
        `${(Math.max(...answers.map((a) => a.sentBytes)) / MB).toFixed(1)} MB`,
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL).fill(401));
    expect(answers[0]?.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(3000);
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('answers 401 to a small activity without a token too: the token is checked before the body is parsed', async () => {
    const answer = await post('messages', 2, { declared: true, prefix: '{}' });
    expect(answer.status).toBe(401);
  });
});

describe('POST /api/messages, anonymous (no app id, local development)', () => {
  it('cuts a chunked body off once it passes 256 KiB and answers 413', async () => {
    setBotRuntimeForTests(botRuntime({}));

    const answer = await post('messages', BODY_BYTES, {
      declared: false,
      prefix: '{"type":"message","text":"',
    });

    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(3000);
    // The client was stopped long before its 50 MB were out (the socket buffers hold a few MB).
    expect(answer.sentBytes).toBeLessThan(16 * MB);
  });
});

describe('the dashboard decision and resume and the research memo POSTs', () => {
  const routes = ['tab/cases/case-a/decision', 'tab/cases/case-a/resume', 'research/cases/case-a/memos'];

  it(`answer ${PARALLEL} parallel 50 MB bodies without a token 413 (declared) or 401 (chunked) at once`, async () => {
    const { result: answers, rssGrowthMb } = await measuringRss(() =>
      Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          post(routes[i % routes.length] ?? '', BODY_BYTES, { declared: i % 4 < 2 }),
        ),
      ),
    );

    console.info(
      `tab/research 50 MB x${PARALLEL}: slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms, ` +
        `RSS +${rssGrowthMb.toFixed(1)} MB`,
    );
    expect(answers.map((answer) => answer.status)).toEqual(
      Array.from({ length: PARALLEL }, (_, i) => (i % 4 < 2 ? 413 : 401)),
    );
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(3000);
    expect(rssGrowthMb).toBeLessThan(100);
    expect(errorOf(answers[0] as Answer)).toMatchObject({
      code: 'bodyTooLarge',
      message: { nb: expect.stringContaining('128 KiB') as unknown, en: expect.stringContaining('128 KiB') },
    });
    expect(errorOf(answers[2] as Answer)).toMatchObject({ code: 'missingToken' });
  });

  it('cut a chunked body with a valid token off once it passes 128 KiB and answer 413', async () => {
    const token = await researcherToken('aad-rita');
    for (const route of routes) {
      const answer = await post(route, BODY_BYTES, {
        declared: false,
        headers: { authorization: `Bearer ${token}` },
        prefix: '{"text":"',
      });
      expect(answer.status).toBe(413);
      expect(answer.ms).toBeLessThan(3000);
      expect(answer.sentBytes).toBeLessThan(16 * MB);
      expect(errorOf(answer)).toMatchObject({ code: 'bodyTooLarge' });
    }
  });
});
