/**
 * Microsoft Entra ID access tokens for the research API, checked the way Entra documents it: the
 * signature against the tenant's published signing keys (JWKS, fetched and cached by jose), the issuer
 * (the tenant, v1 or v2 endpoint), the audience (this app), the lifetime, and the tenant id claim.
 *
 * The key set is passed in, so tests can sign tokens with their own RSA key and check exactly the same
 * path without a network (`createLocalJWKSet`); production uses `entraKeySet(...)`, the tenant's keys
 * from its OpenID metadata through `SigningKeySource` (a deadline on every fetch, one refresh shared by
 * concurrent requests, an outage logged once).
 *
 * A token that cannot be valid anyway (another issuer, audience or tenant, expired, no person id) is
 * refused (401) before any key is looked up, so it never causes a fetch. When the keys cannot be had,
 * `SigningKeysUnavailableError` passes through to become 503 with Retry-After.
 */
import { decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { callerFromClaims, translateJoseError } from './devTokens';
import { authenticationRefusals, type ResearchCaller } from './researchCaller';
import {
  SigningKeySource,
  SigningKeysUnavailableError,
  UnknownSigningKeyError,
  type SigningKeySourceOptions,
} from './signingKeys';

export interface EntraTokenOptions {
  tenantId: string;
  /** The app id (GUID) or application id URI (`api://…`) the token must be issued for. */
  audience: string;
  keys: JWTVerifyGetKey;
}

/** The tenant's signing keys from its OpenID metadata, fetched with a deadline and cached. */
export function entraKeySet(options: Omit<SigningKeySourceOptions, 'issuerName'>): JWTVerifyGetKey {
  const source = new SigningKeySource({ issuerName: 'Entra ID', ...options });
  return async (header) => (await source.key(header.kid)).key;
}

/** Seconds of clock skew tolerated, as Entra's own libraries do. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Both audiences a token for this app may carry: v2 tokens name the app id, v1 tokens the application id
 * URI, which by default is `api://<app id>`.
 */
export function acceptedAudiences(audience: string): string[] {
  if (audience.startsWith('api://')) return [audience, audience.slice('api://'.length)];
  return [audience, `api://${audience}`];
}

/** Issuers of the tenant's v2 and v1 tokens. */
export function acceptedIssuers(tenantId: string): string[] {
  return [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
}

export async function verifyEntraToken(token: string, options: EntraTokenOptions): Promise<ResearchCaller> {
  refuseWhatCannotBeValid(token, options);
  try {
    const { payload } = await jwtVerify(token, options.keys, {
      // Entra signs access tokens with RS256; accepting anything else would invite algorithm confusion.
      algorithms: ['RS256'],
      issuer: acceptedIssuers(options.tenantId),
      audience: acceptedAudiences(options.audience),
      requiredClaims: ['exp', 'oid', 'tid'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    // The issuer already names the tenant; checking `tid` too guards against a multi-tenant issuer setup.
    if (payload['tid'] !== options.tenantId) throw authenticationRefusals.invalidToken();
    return callerFromClaims(payload, 'entra');
  } catch (error) {
    if (error instanceof SigningKeysUnavailableError) throw error;
    if (error instanceof UnknownSigningKeyError) throw authenticationRefusals.invalidToken();
    throw translateJoseError(error);
  }
}

/**
 * The checks that need no key, on the unverified claims: a token failing them is refused whatever its
 * signature, so looking up (and perhaps fetching) a key for it would be work for nothing.
 */
function refuseWhatCannotBeValid(token: string, options: EntraTokenOptions): void {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw authenticationRefusals.invalidToken();
  }
  const audiences = acceptedAudiences(options.audience);
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (
    !acceptedIssuers(options.tenantId).includes(claims.iss ?? '') ||
    !audience.some((value) => value !== undefined && audiences.includes(value)) ||
    claims['tid'] !== options.tenantId ||
    typeof claims['oid'] !== 'string'
  ) {
    throw authenticationRefusals.invalidToken();
  }
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_TOLERANCE_SECONDS < Date.now() / 1000) {
    throw authenticationRefusals.expiredToken();
  }
}
