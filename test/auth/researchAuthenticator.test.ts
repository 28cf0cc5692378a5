/**
 * Who the research API lets in: no token 401, a bad or expired token 401, development tokens only when
 * dev mode is on (a key configured and not running in Azure), Entra tokens checked against the tenant's
 * keys, issuer, audience and tenant. The Entra path runs with a local key set instead of the tenant's
 * published one: the same jose verification, no network.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../auth/devTokens';
import { createResearchAuthenticator } from '../../auth/researchAuthenticator';
import { AuthenticationError } from '../../auth/researchCaller';
import { SigningKeysUnavailableError } from '../../auth/signingKeys';
import { parseSettings, type Settings } from '../../config/settings';

const DEV_KEY = 'a-development-key-that-is-long-enough-0123';
const TENANT = '11111111-2222-3333-4444-555555555555';
const APP_ID = '99999999-8888-7777-6666-555555555555';

function settings(values: Record<string, string>): Settings {
  return parseSettings([{ name: 'test', values }]);
}

async function refusal(promise: Promise<unknown>): Promise<AuthenticationError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthenticationError) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('bearer tokens', () => {
  const devMode = createResearchAuthenticator(settings({ RESEARCH_DEV_TOKEN_KEY: DEV_KEY }));

  it('refuses a request without a token with a bare challenge', async () => {
    for (const header of [undefined, null, '', '   ']) {
      const error = await refusal(devMode.authenticate(header));
      expect(error.problem).toBe('missingToken');
      expect(error.challenge).toBe('Bearer realm="research"');
    }
  });

  it('refuses other schemes and garbage as invalid tokens', async () => {
    for (const header of ['Basic dXNlcjpwdw==', 'Bearer', 'Bearer not a token', 'Bearer abc.def.ghi']) {
      const error = await refusal(devMode.authenticate(header));
      expect(error.problem).toBe('invalidToken');
      expect(error.challenge).toMatch(/^Bearer realm="research", error="invalid_token", error_description="/);
    }
  });
});

describe('development tokens', () => {
  it('are accepted when a key is set and the app does not run in Azure', async () => {
    const authenticator = createResearchAuthenticator(settings({ RESEARCH_DEV_TOKEN_KEY: DEV_KEY }));
    const token = await signDevToken(DEV_KEY, { oid: 'aad-rita', roles: ['Research.Read'] });
    expect(await authenticator.authenticate(`Bearer ${token}`)).toEqual({
      personId: 'aad-rita',
      appRoles: ['Research.Read'],
      tokenKind: 'development',
    });
    // The scheme is case-insensitive (RFC 7235).
    expect((await authenticator.authenticate(`bearer ${token}`)).personId).toBe('aad-rita');
  });

  it('are refused in Azure even with a key configured', async () => {
    const inAzure = createResearchAuthenticator(
      settings({ RESEARCH_DEV_TOKEN_KEY: DEV_KEY, WEBSITE_SITE_NAME: 'innovation-gates' }),
    );
    const token = await signDevToken(DEV_KEY, { oid: 'aad-rita', roles: ['Research.Read'] });
    expect((await refusal(inAzure.authenticate(`Bearer ${token}`))).problem).toBe('invalidToken');
  });

  it('are refused when no development key is configured', async () => {
    const noKey = createResearchAuthenticator(settings({}));
    const token = await signDevToken(DEV_KEY, { oid: 'aad-rita', roles: ['Research.Read'] });
    const error = await refusal(noKey.authenticate(`Bearer ${token}`));
    expect(error.problem).toBe('invalidToken');
    expect(error.text.en).toContain('Development tokens are accepted only locally');
  });

  it('are refused when signed with another key', async () => {
    const authenticator = createResearchAuthenticator(settings({ RESEARCH_DEV_TOKEN_KEY: DEV_KEY }));
    const token = await signDevToken('another-key-that-is-also-long-enough-xyz', { oid: 'x', roles: [] });
    expect((await refusal(authenticator.authenticate(`Bearer ${token}`))).problem).toBe('invalidToken');
  });

  it('are refused once expired, saying so', async () => {
    const authenticator = createResearchAuthenticator(settings({ RESEARCH_DEV_TOKEN_KEY: DEV_KEY }));
    const token = await signDevToken(
      DEV_KEY,
      { oid: 'aad-rita', roles: ['Research.Read'] },
      { issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresInSeconds: 3600 },
    );
    const error = await refusal(authenticator.authenticate(`Bearer ${token}`));
    expect(error.problem).toBe('expiredToken');
    expect(error.challenge).toContain('error="invalid_token"');
  });

  it('need a person id', async () => {
    const authenticator = createResearchAuthenticator(settings({ RESEARCH_DEV_TOKEN_KEY: DEV_KEY }));
    const token = await signDevToken(DEV_KEY, { oid: '', roles: ['Research.Read'] });
    expect((await refusal(authenticator.authenticate(`Bearer ${token}`))).problem).toBe('invalidToken');
  });

  it('keys shorter than 256 bits are refused by the settings', () => {
    expect(() => settings({ RESEARCH_DEV_TOKEN_KEY: 'short' })).toThrow(/at least 32 characters/);
  });
});

describe('Entra ID tokens', () => {
  let privateKey: KeyLike;
  let publicJwk: JWK;
  let otherPrivateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    otherPrivateKey = (await generateKeyPair('RS256')).privateKey;
  });

  function entra(values: Record<string, string> = {}) {
    return createResearchAuthenticator(
      settings({ ENTRA_TENANT_ID: TENANT, ENTRA_AUDIENCE: APP_ID, ...values }),
      { entraKeys: createLocalJWKSet({ keys: [publicJwk] }) },
    );
  }

  async function entraToken(
    claims: Record<string, unknown> = {},
    options: { key?: KeyLike; issuer?: string; audience?: string; expiresAt?: number } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ oid: 'aad-rita', tid: TENANT, roles: ['Research.Read'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })
      .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${TENANT}/v2.0`)
      .setAudience(options.audience ?? APP_ID)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(options.expiresAt ?? now + 3600)
      .sign(options.key ?? privateKey);
  }

  it('are accepted from the tenant, for this app, with the roles they carry', async () => {
    const caller = await entra().authenticate(
      `Bearer ${await entraToken({ roles: ['Research.Read', 'Research.RealNames'] })}`,
    );
    expect(caller).toEqual({
      personId: 'aad-rita',
      appRoles: ['Research.Read', 'Research.RealNames'],
      tokenKind: 'entra',
    });
  });

  it('accept v1 tokens (sts.windows.net issuer, api:// audience)', async () => {
    const token = await entraToken(
      {},
      { issuer: `https://sts.windows.net/${TENANT}/`, audience: `api://${APP_ID}` },
    );
    expect((await entra().authenticate(`Bearer ${token}`)).personId).toBe('aad-rita');
  });

  it('are refused for another audience, another tenant, another key, or once expired', async () => {
    const authenticator = entra();
    const cases: [string, string][] = [
      [await entraToken({}, { audience: 'some-other-app' }), 'invalidToken'],
      [
        await entraToken({}, { issuer: 'https://login.microsoftonline.com/other-tenant/v2.0' }),
        'invalidToken',
      ],
      [await entraToken({ tid: 'other-tenant' }), 'invalidToken'],
      [await entraToken({}, { key: otherPrivateKey }), 'invalidToken'],
      [await entraToken({}, { expiresAt: Math.floor(Date.now() / 1000) - 600 }), 'expiredToken'],
    ];
    for (const [token, problem] of cases) {
      expect((await refusal(authenticator.authenticate(`Bearer ${token}`))).problem).toBe(problem);
    }
  });

  it('are refused with a clear reason when Entra sign-in is not configured', async () => {
    const notConfigured = createResearchAuthenticator(settings({}));
    const error = await refusal(notConfigured.authenticate(`Bearer ${await entraToken()}`));
    expect(error.problem).toBe('notConfigured');
  });

  it('never let a development token through in Entra mode', async () => {
    const token = await signDevToken(DEV_KEY, { oid: 'aad-rita', roles: ['Research.Read'] });
    expect((await refusal(entra().authenticate(`Bearer ${token}`))).problem).toBe('invalidToken');
  });

  it('pass an outage of the keys on as such (503), and never look up keys for a token that cannot be valid', async () => {
    const lookups: unknown[] = [];
    const outage = createResearchAuthenticator(
      settings({ ENTRA_TENANT_ID: TENANT, ENTRA_AUDIENCE: APP_ID }),
      {
        entraKeys: (header) => {
          lookups.push(header.kid);
          return Promise.reject(new SigningKeysUnavailableError('Entra ID', 5));
        },
      },
    );

    await expect(outage.authenticate(`Bearer ${await entraToken()}`)).rejects.toBeInstanceOf(
      SigningKeysUnavailableError,
    );
    expect(lookups).toEqual(['key-1']);
    const cannotBeValid = [
      await entraToken({}, { audience: 'some-other-app' }),
      await entraToken({}, { issuer: 'https://login.microsoftonline.com/other-tenant/v2.0' }),
      await entraToken({ tid: 'other-tenant' }),
      await entraToken({ oid: undefined }),
      await entraToken({}, { expiresAt: Math.floor(Date.now() / 1000) - 600 }),
    ];
    const problems = [];
    for (const token of cannotBeValid)
      problems.push((await refusal(outage.authenticate(`Bearer ${token}`))).problem);
    expect(problems).toEqual([
      'invalidToken',
      'invalidToken',
      'invalidToken',
      'invalidToken',
      'expiredToken',
    ]);
    expect(lookups).toEqual(['key-1']);
  });
});
