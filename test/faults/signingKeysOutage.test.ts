/**
 * When the signing keys of incoming tokens cannot be fetched: the OpenID metadata host is unreachable
 * (nothing listens), or it accepts connections and never answers. Through the real endpoints on the
 * local Functions host, with the metadata URLs pointed at a local stand-in:
 *
 * - a forged Bot Framework token on /api/messages, and a forged Entra token on the research API and the
 *   dashboard, get 503 with Retry-After (or 401), never 500 and never a hang: within the fetch deadline;
 * - many such requests at once cause one fetch, not one each, and the outage is logged once;
 * - a token that could not be valid anyway (wrong audience, expired) gets 401 without any fetch.
 *
 * Before the fix, botbuilder fetched login.botframework.com with no deadline and answered 500 when it
 * failed, and jose's failure to fetch the Entra keys became "unexpected failure" (500) on every call.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createResearchAuthenticator } from '../../auth/researchAuthenticator';
import { startFunctionsHost, type RunningFunctionsHost } from '../../local/functionsHost';
import { createBotRuntime, setBotRuntimeForTests } from '../../runtime/bot';
import { setResearchRuntimeForTests } from '../../runtime/research';
import { researchHarness } from '../functions/researchSupport';
import { memoryServices, testSettings } from '../support/botHarness';
import { freePort } from '../support/ports';
import { BOT_APP_ID, messageActivity, personalChat, teamsUser } from '../support/teamsActivities';
import {
  signingKey,
  signToken,
  startSigningKeyServer,
  type SigningKey,
  type SigningKeyServer,
} from '../auth/signingKeyServer';

const TENANT = '11111111-2222-3333-4444-555555555555';
const API_APP_ID = '99999999-8888-7777-6666-555555555555';
/** The deadline of one key refresh in these tests (the default is 3 s). */
const TIMEOUT_MS = 800;
/** What a request may take on top of the deadline on a busy test machine. */
const SLACK_MS = 1500;
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const PARALLEL = 10;

const connectionString = inject('tablesConnectionString');
let host: RunningFunctionsHost;
let metadata: SigningKeyServer;
let unreachableUrl: string;
const keyLog: { level: string; message: string }[] = [];
const hostErrors: string[] = [];

let forger: SigningKey;
const kari = teamsUser('Kari Nordmann');

/** Points both apps' metadata URLs at `url` with fresh key caches (a new runtime each). */
function useMetadataAt(url: string): void {
  const values = {
    MicrosoftAppId: BOT_APP_ID,
    BOT_OPENID_METADATA_URL: url,
    BOT_ENTRA_OPENID_METADATA_URL: url,
    ENTRA_TENANT_ID: TENANT,
    ENTRA_AUDIENCE: API_APP_ID,
    ENTRA_OPENID_METADATA_URL: url,
    SIGNING_KEYS_TIMEOUT_MS: String(TIMEOUT_MS),
  };
  const log = {
    error: (message: string) => keyLog.push({ level: 'error', message }),
    warn: (message: string) => keyLog.push({ level: 'warn', message }),
    info: (message: string) => keyLog.push({ level: 'info', message }),
  };
  setBotRuntimeForTests(
    createBotRuntime({ settings: testSettings(values), services: memoryServices(), logger: log }),
  );
  const research = researchHarness(connectionString, values);
  setResearchRuntimeForTests({
    ...research.runtime,
    authenticator: createResearchAuthenticator(research.settings, {
      log: { warn: log.warn, info: (message) => keyLog.push({ level: 'info', message }) },
    }),
  });
}

beforeAll(async () => {
  forger = await signingKey('forged-key');
  metadata = await startSigningKeyServer({ mode: 'hang' });
  unreachableUrl = `http://127.0.0.1:${await freePort()}/openid`;
  host = await startFunctionsHost({
    port: 0,
    loadFunctions: async () => {
      await import('../../functions/messages');
      await import('../../functions/researchCases');
      await import('../../functions/tabCases');
    },
    log: (level, message) => {
      if (level === 'error' || level === 'critical') hostErrors.push(message);
    },
  });
});
beforeEach(() => {
  keyLog.length = 0;
  hostErrors.length = 0;
});
afterEach(() => {
  // An outage is an answer (503), not a failure of the app: nothing in the error log, no "unexpected".
  expect(hostErrors).toEqual([]);
  expect(keyLog.filter((line) => /unexpected/i.test(line.message))).toEqual([]);
});
afterAll(async () => {
  await host.close();
  await metadata.close();
  setBotRuntimeForTests(undefined);
  setResearchRuntimeForTests(undefined);
});

interface Timed {
  status: number;
  retryAfter: string | null;
  ms: number;
  body: unknown;
}

async function timed(path: string, init: RequestInit): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(`${host.url}/api/${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    ms: performance.now() - started,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

/** A Bot Framework token as the Bot Connector sends it, but signed by someone else. */
function forgedBotToken(claims: Record<string, unknown> = {}): Promise<string> {
  return signToken(forger, {
    iss: 'https://api.botframework.com',
    aud: BOT_APP_ID,
    serviceUrl: SERVICE_URL,
    ...claims,
  });
}

function forgedEntraToken(claims: Record<string, unknown> = {}): Promise<string> {
  return signToken(forger, {
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: API_APP_ID,
    tid: TENANT,
    oid: 'aad-rita',
    roles: ['Research.Read'],
    ...claims,
  });
}

function postActivity(token: string): Promise<Timed> {
  return timed('messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(
      messageActivity({ serviceUrl: SERVICE_URL, conversation: personalChat(), from: kari, text: 'hei' }),
    ),
  });
}

function getWithToken(path: string, token: string): Promise<Timed> {
  return timed(path, { headers: { authorization: `Bearer ${token}` } });
}

function expectUnavailable(answers: Timed[], deadlineMs: number): void {
  for (const answer of answers) {
    expect(answer.status).toBe(503);
    expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(answer.ms).toBeLessThan(deadlineMs);
  }
}

describe('the metadata host accepts connections and never answers', () => {
  beforeEach(() => useMetadataAt(metadata.metadataUrl));

  it(`answers ${PARALLEL} forged Bot Framework tokens 503 within the deadline, with one fetch`, async () => {
    const before = { requests: metadata.requests.length, connections: metadata.connections };
    const token = await forgedBotToken();

    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => postActivity(token)));

    console.info(
      `bot, hanging metadata: slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms ` +
        `(deadline ${TIMEOUT_MS} ms), ${metadata.requests.length - before.requests} fetch(es), ` +
        `${metadata.connections - before.connections} connection(s)`,
    );
    expectUnavailable(answers, TIMEOUT_MS + SLACK_MS);
    expect(metadata.requests.length - before.requests).toBe(1);
    // Right after the failed fetch: answered at once, without trying again.
    const again = await postActivity(token);
    expectUnavailable([again], 500);
    expect(metadata.requests.length - before.requests).toBe(1);
    // Not one connection per request (undici may keep one spare after aborting the hung one).
    expect(metadata.connections - before.connections).toBeLessThanOrEqual(2);
    expect(keyLog.filter((line) => line.level === 'warn')).toHaveLength(1);
  });

  it(`answers ${PARALLEL} forged Entra tokens on the research API and the dashboard 503 within the deadline`, async () => {
    const before = metadata.requests.length;
    const token = await forgedEntraToken();

    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        getWithToken(i % 2 === 0 ? 'research/cases' : 'tab/cases?conversation=c1', token),
      ),
    );

    console.info(
      `research/tab, hanging metadata: slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms, ` +
        `${metadata.requests.length - before} fetch(es)`,
    );
    expectUnavailable(answers, TIMEOUT_MS + SLACK_MS);
    expect(answers[0]?.body).toMatchObject({
      error: { code: 'signingKeysUnavailable', message: { nb: expect.any(String), en: expect.any(String) } },
    });
    expect(metadata.requests.length - before).toBe(1);
    expect(keyLog.filter((line) => line.level === 'warn')).toHaveLength(1);
  });

  it('answers tokens that could not be valid anyway 401 at once, without fetching', async () => {
    const before = metadata.requests.length;

    const answers = await Promise.all([
      postActivity(await forgedBotToken({ aud: 'another-bot' })),
      postActivity(await forgedBotToken({ iss: 'https://evil.example' })),
      postActivity(
        await signToken(
          forger,
          { iss: 'https://api.botframework.com', aud: BOT_APP_ID },
          { expiresInSeconds: -3600 },
        ),
      ),
      getWithToken('research/cases', await forgedEntraToken({ aud: 'another-api' })),
      getWithToken('research/cases', await forgedEntraToken({ tid: 'another-tenant' })),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(SLACK_MS);
    expect(metadata.requests.length).toBe(before);
  });
});

describe('the metadata host is unreachable (nothing listens)', () => {
  beforeEach(() => useMetadataAt(unreachableUrl));

  it('answers forged tokens on every route 503 at once, and logs the outage once per key set', async () => {
    const botToken = await forgedBotToken();
    const entraToken = await forgedEntraToken();

    const answers = await Promise.all([
      ...Array.from({ length: PARALLEL }, () => postActivity(botToken)),
      ...Array.from({ length: PARALLEL }, () => getWithToken('research/cases', entraToken)),
    ]);
    const later = await Promise.all([postActivity(botToken), getWithToken('tab/cases', entraToken)]);

    console.info(`unreachable metadata: slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms`);
    expectUnavailable([...answers, ...later], SLACK_MS);
    // One line for the bot's key set, one for the research API's; none per request.
    expect(keyLog.filter((line) => line.level === 'warn')).toHaveLength(2);
  });
});
