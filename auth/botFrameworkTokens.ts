/**
 * Bot Framework tokens on POST /api/messages, checked from the Authorization header alone, before the
 * request's body is read: signature, issuer, audience and lifetime do not need the activity. What does
 * need it (the token's `serviceUrl` claim, the signing key's channel endorsements) is checked afterwards
 * by `activityMismatch`.
 *
 * The rules are botbuilder 4.23's (botframework-connector `ParameterizedBotFrameworkAuthentication`,
 * `JwtTokenExtractor`, `EmulatorValidation`, `SkillValidation`), for the public cloud:
 *
 * - A channel token (the Bot Connector's): issuer `https://api.botframework.com`, signed by a key from
 *   Bot Framework's OpenID metadata, RS256/384/512, audience = the bot's app id, within its lifetime
 *   (5 minutes' tolerance); its `serviceUrl` claim must equal the activity's, and a key that lists
 *   endorsements must list the activity's channel.
 * - An Entra-issued token (single-tenant bots, the Emulator): issuer the bot's tenant (v1 or v2), or one
 *   of the Bot Framework service tenants botbuilder lists; signed by an Entra key; a `ver` claim, and
 *   the app id in `appid` (v1) or `azp` (v2) equal to the bot's; the audience the bot's app id too
 *   (botbuilder treats any other audience as a skill call, which it refuses without a claims validator).
 *   Stricter than botbuilder in one respect, on purpose: it also trusted the issuer of whatever tenant
 *   the token's own `tid` claim named; here only the configured tenant counts.
 *
 * Anything that cannot be valid (malformed, another issuer, another audience, expired) is refused
 * before a key is looked up, so such tokens never cause a fetch. Refusals are `BotTokenRefusal` (401);
 * keys that cannot be had are `SigningKeysUnavailableError` (503) from the key source.
 */
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { UnknownSigningKeyError, type SigningKey, type SigningKeyLookup } from './signingKeys';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
const CLOCK_TOLERANCE_SECONDS = 5 * 60;

/** Issuers botbuilder accepts for Entra-issued tokens to any public-cloud bot (tokenValidationParameters). */
const BOT_SERVICE_ENTRA_ISSUERS = [
  'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
  'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0',
  'https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/',
  'https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0',
  'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
];

/** A request to /api/messages whose token does not hold: 401. `reason` is for logs, in plain words. */
export class BotTokenRefusal extends Error {
  constructor(readonly reason: string) {
    super(`Unauthorized: ${reason}`);
    this.name = 'BotTokenRefusal';
  }
}

/** A token whose signature, issuer, audience and lifetime held. */
export interface VerifiedBotToken {
  kind: 'channel' | 'entra';
  claims: Readonly<JWTPayload>;
  /** The channels the signing key is endorsed for; undefined when it lists none. */
  endorsements: readonly string[] | undefined;
}

export interface BotTokenValidatorOptions {
  /** The bot's Microsoft app id (the audience of its tokens). */
  appId: string;
  /** The bot's tenant (MicrosoftAppTenantId); '' for a multi-tenant bot. */
  tenantId: string;
  /** Keys of Bot Framework's OpenID metadata. */
  channelKeys: SigningKeyLookup;
  /** Keys of Entra ID's OpenID metadata. */
  entraKeys: SigningKeyLookup;
  /** Milliseconds since the epoch; `Date.now` by default. */
  now?: () => number;
}

export interface BotTokenValidator {
  /** Checks an Authorization header value; throws `BotTokenRefusal` or `SigningKeysUnavailableError`. */
  verify(authorization: string | null | undefined): Promise<VerifiedBotToken>;
}

export function createBotTokenValidator(options: BotTokenValidatorOptions): BotTokenValidator {
  const now = options.now ?? Date.now;
  const entraIssuers = [
    ...BOT_SERVICE_ENTRA_ISSUERS,
    ...(options.tenantId === ''
      ? []
      : [
          `https://sts.windows.net/${options.tenantId}/`,
          `https://login.microsoftonline.com/${options.tenantId}/v2.0`,
        ]),
  ];

  return {
    async verify(authorization) {
      const token = bearerToken(authorization);
      let header: ReturnType<typeof decodeProtectedHeader>;
      let payload: JWTPayload;
      try {
        header = decodeProtectedHeader(token);
        payload = decodeJwt(token);
      } catch {
        throw new BotTokenRefusal('the token is not a JWT');
      }
      if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) {
        throw new BotTokenRefusal('the token is not signed with an accepted algorithm');
      }
      const kind = payload.iss === BOT_FRAMEWORK_ISSUER ? 'channel' : 'entra';
      if (kind === 'entra' && !entraIssuers.includes(payload.iss ?? '')) {
        throw new BotTokenRefusal('the token has another issuer');
      }
      if (payload.aud !== options.appId) throw new BotTokenRefusal('the token is for another app');
      const seconds = now() / 1000;
      if (typeof payload.exp !== 'number' || payload.exp + CLOCK_TOLERANCE_SECONDS < seconds) {
        throw new BotTokenRefusal('the token has expired');
      }
      if (typeof payload.nbf === 'number' && payload.nbf - CLOCK_TOLERANCE_SECONDS > seconds) {
        throw new BotTokenRefusal('the token is not valid yet');
      }
      if (kind === 'entra') {
        const appId =
          payload['ver'] === '1.0' ? payload['appid'] : payload['ver'] === '2.0' ? payload['azp'] : undefined;
        if (appId !== options.appId) throw new BotTokenRefusal('the token was not issued to this bot');
      }

      const lookup = kind === 'channel' ? options.channelKeys : options.entraKeys;
      let used: SigningKey | undefined;
      try {
        const { payload: verified } = await jwtVerify(
          token,
          async (protectedHeader) => {
            used = await lookup(protectedHeader.kid);
            return used.key;
          },
          {
            algorithms: ALGORITHMS,
            issuer: kind === 'channel' ? BOT_FRAMEWORK_ISSUER : entraIssuers,
            audience: options.appId,
            requiredClaims: ['exp'],
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
            currentDate: new Date(now()),
          },
        );
        return { kind, claims: verified, endorsements: used?.endorsements };
      } catch (error) {
        if (error instanceof UnknownSigningKeyError)
          throw new BotTokenRefusal('the token names an unknown key');
        if (error instanceof errors.JWSSignatureVerificationFailed) {
          throw new BotTokenRefusal('the token signature does not verify');
        }
        if (error instanceof errors.JOSEError)
          throw new BotTokenRefusal(`the token does not hold (${error.code})`);
        throw error;
      }
    },
  };
}

/**
 * What the activity says that the token must agree with, or undefined when it agrees: a channel token's
 * `serviceUrl` claim is the activity's `serviceUrl` (so a token for one region or tenant cannot steer
 * replies elsewhere), and a key endorsed for some channels is endorsed for the activity's.
 */
export function activityMismatch(
  token: VerifiedBotToken,
  activity: Readonly<Record<string, unknown>>,
): string | undefined {
  if (token.kind === 'channel' && token.claims['serviceUrl'] !== activity['serviceUrl']) {
    return "the token's serviceUrl is not the activity's";
  }
  const channelId = activity['channelId'];
  const endorsements = token.endorsements;
  if (
    endorsements !== undefined &&
    endorsements.length > 0 &&
    typeof channelId === 'string' &&
    channelId.trim() !== '' &&
    !endorsements.includes(channelId)
  ) {
    return `the signing key is not endorsed for the channel "${channelId}"`;
  }
  return undefined;
}

/** The token of a `Bearer` header (scheme case-insensitive, as RFC 7235 has it). */
function bearerToken(authorization: string | null | undefined): string {
  if (authorization === null || authorization === undefined || authorization.trim() === '') {
    throw new BotTokenRefusal('the request carries no token');
  }
  const match = /^\s*Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization);
  if (!match?.[1]) throw new BotTokenRefusal('the Authorization header is not a bearer token');
  return match[1];
}
