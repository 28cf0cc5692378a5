/**
 * The Bot Framework token rules, as botbuilder 4.23 has them, checked from the header alone: channel
 * tokens (issuer api.botframework.com, audience the app id, serviceUrl claim, endorsements) and
 * Entra-issued tokens for a single-tenant bot (the tenant's issuer, `ver` with `appid`/`azp` the app id).
 * Keys come from a local lookup that counts its calls, so "refused before any key is looked up" is seen.
 */
import { importJWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  activityMismatch,
  BOT_FRAMEWORK_ISSUER,
  BotTokenRefusal,
  createBotTokenValidator,
  type BotTokenValidator,
} from '../../auth/botFrameworkTokens';
import {
  SigningKeysUnavailableError,
  UnknownSigningKeyError,
  type SigningKey as PublishedKey,
  type SigningKeyLookup,
} from '../../auth/signingKeys';
import { signingKey, signToken, type SigningKey } from './signingKeyServer';

const APP_ID = '00000000-0000-4000-8000-0000000000b0';
const TENANT = '11111111-2222-3333-4444-555555555555';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let channelKey: SigningKey;
let entraKey: SigningKey;
let stranger: SigningKey;
let lookups: string[];
let validator: BotTokenValidator;

/** The published (public) keys by id, as a key source would hold them. */
const publicKeys = new Map<string, PublishedKey['key']>();

function lookupOf(name: string, kid: string, endorsements?: string[]): SigningKeyLookup {
  return (requested) => {
    lookups.push(`${name}:${requested ?? '-'}`);
    const key = publicKeys.get(kid);
    if (requested !== kid || key === undefined) return Promise.reject(new UnknownSigningKeyError(requested));
    return Promise.resolve({ kid, key, endorsements });
  };
}

beforeAll(async () => {
  channelKey = await signingKey('channel-key');
  entraKey = await signingKey('entra-key');
  stranger = await signingKey('channel-key'); // the same key id, another key: a forgery
  publicKeys.set('channel-key', await importJWK(channelKey.jwk, 'RS256'));
  publicKeys.set('entra-key', await importJWK(entraKey.jwk, 'RS256'));
});

function freshValidator(options: { tenantId?: string; endorsements?: string[] } = {}): BotTokenValidator {
  lookups = [];
  return createBotTokenValidator({
    appId: APP_ID,
    tenantId: options.tenantId ?? TENANT,
    channelKeys: lookupOf('channel', channelKey.kid, options.endorsements),
    entraKeys: lookupOf('entra', entraKey.kid),
  });
}

function channelToken(claims: Record<string, unknown> = {}, options: Parameters<typeof signToken>[2] = {}) {
  return signToken(
    channelKey,
    { iss: BOT_FRAMEWORK_ISSUER, aud: APP_ID, serviceUrl: SERVICE_URL, ...claims },
    options,
  );
}

function entraToken(claims: Record<string, unknown> = {}) {
  return signToken(entraKey, {
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: APP_ID,
    ver: '2.0',
    azp: APP_ID,
    tid: TENANT,
    ...claims,
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BotTokenRefusal) return error.reason;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('channel tokens (from the Bot Connector)', () => {
  beforeAll(() => {
    validator = freshValidator();
  });

  it('are accepted with their claims, signed RS256 or RS384', async () => {
    const token = await validator.verify(`Bearer ${await channelToken()}`);
    expect(token).toMatchObject({ kind: 'channel', claims: { aud: APP_ID, serviceUrl: SERVICE_URL } });
    const rs384 = await validator.verify(`bearer ${await channelToken({}, { alg: 'RS384' })}`);
    expect(rs384.kind).toBe('channel');
  });

  it('are refused for another audience, another issuer, once expired or when not yet valid, before any key lookup', async () => {
    lookups = [];
    const now = Math.floor(Date.now() / 1000);
    const reasons = [
      await refusal(validator.verify(`Bearer ${await channelToken({ aud: 'another-bot' })}`)),
      await refusal(
        validator.verify(`Bearer ${await channelToken({ iss: 'https://api.botframework.com.evil' })}`),
      ),
      await refusal(validator.verify(`Bearer ${await channelToken({}, { expiresInSeconds: -600 })}`)),
      await refusal(validator.verify(`Bearer ${await channelToken({ nbf: now + 3600 })}`)),
      await refusal(validator.verify(undefined)),
      await refusal(validator.verify('Basic a2FyaTpwYXNz')),
      await refusal(validator.verify('Bearer not-a-token')),
    ];
    expect(reasons).toEqual([
      'the token is for another app',
      'the token has another issuer',
      'the token has expired',
      'the token is not valid yet',
      'the request carries no token',
      'the Authorization header is not a bearer token',
      'the token is not a JWT',
    ]);
    expect(lookups).toEqual([]);
  });

  it('are refused when unsigned, HMAC-signed, forged under a known key id, or under an unknown one', async () => {
    const claims = { iss: BOT_FRAMEWORK_ISSUER, aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 600 };
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', kid: 'channel-key' })}.${encode(claims)}.`;
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: 'channel-key' })
      .sign(new TextEncoder().encode('a-secret-that-is-long-enough-for-hs256!!'));
    const forged = await signToken(stranger, { ...claims, serviceUrl: SERVICE_URL });
    const unknownKid = await signToken({ kid: 'other', privateKey: channelKey.privateKey }, claims);

    expect(await refusal(validator.verify(`Bearer ${unsigned}`))).toBe(
      'the token is not signed with an accepted algorithm',
    );
    expect(await refusal(validator.verify(`Bearer ${hmac}`))).toBe(
      'the token is not signed with an accepted algorithm',
    );
    expect(await refusal(validator.verify(`Bearer ${forged}`))).toBe('the token signature does not verify');
    expect(await refusal(validator.verify(`Bearer ${unknownKid}`))).toBe('the token names an unknown key');
  });

  it('must agree with the activity: its serviceUrl claim, and the key endorsed for its channel', async () => {
    const endorsed = freshValidator({ endorsements: ['msteams'] });
    const token = await endorsed.verify(`Bearer ${await channelToken()}`);

    expect(activityMismatch(token, { serviceUrl: SERVICE_URL, channelId: 'msteams' })).toBeUndefined();
    expect(activityMismatch(token, { serviceUrl: 'https://elsewhere.example/', channelId: 'msteams' })).toBe(
      "the token's serviceUrl is not the activity's",
    );
    expect(activityMismatch(token, { serviceUrl: SERVICE_URL, channelId: 'webchat' })).toBe(
      'the signing key is not endorsed for the channel "webchat"',
    );
    const withoutClaim = await endorsed.verify(`Bearer ${await channelToken({ serviceUrl: undefined })}`);
    expect(activityMismatch(withoutClaim, { serviceUrl: SERVICE_URL, channelId: 'msteams' })).toBeDefined();
  });

  it('pass on an outage of the keys as it is (503), not as a refusal', async () => {
    const outage = createBotTokenValidator({
      appId: APP_ID,
      tenantId: TENANT,
      channelKeys: () => Promise.reject(new SigningKeysUnavailableError('Bot Framework', 5)),
      entraKeys: () => Promise.reject(new Error('not used')),
    });
    await expect(outage.verify(`Bearer ${await channelToken()}`)).rejects.toBeInstanceOf(
      SigningKeysUnavailableError,
    );
  });
});

describe('Entra-issued tokens (a single-tenant bot)', () => {
  beforeAll(() => {
    validator = freshValidator();
  });

  it("are accepted from the bot's tenant, v2 (azp) and v1 (appid), with the Entra keys", async () => {
    const v2 = await validator.verify(`Bearer ${await entraToken()}`);
    const v1 = await validator.verify(
      `Bearer ${await entraToken({ iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0', appid: APP_ID, azp: undefined })}`,
    );
    expect([v2.kind, v1.kind]).toEqual(['entra', 'entra']);
    expect(lookups.every((lookup) => lookup.startsWith('entra:'))).toBe(true);
    // No serviceUrl claim to agree with (botbuilder checks it for channel tokens only).
    expect(activityMismatch(v2, { serviceUrl: SERVICE_URL, channelId: 'msteams' })).toBeUndefined();
  });

  it('are refused from another tenant, issued to another app (a skill call), or without a version', async () => {
    const reasons = [
      await refusal(
        validator.verify(
          `Bearer ${await entraToken({ iss: 'https://login.microsoftonline.com/another-tenant/v2.0', tid: 'another-tenant' })}`,
        ),
      ),
      await refusal(validator.verify(`Bearer ${await entraToken({ azp: 'another-bot' })}`)),
      await refusal(validator.verify(`Bearer ${await entraToken({ ver: undefined })}`)),
    ];
    expect(reasons).toEqual([
      'the token has another issuer',
      'the token was not issued to this bot',
      'the token was not issued to this bot',
    ]);
  });

  it("are refused from a tenant's issuer when the bot names no tenant (multi-tenant)", async () => {
    const multiTenant = freshValidator({ tenantId: '' });
    expect(await refusal(multiTenant.verify(`Bearer ${await entraToken()}`))).toBe(
      'the token has another issuer',
    );
  });
});
