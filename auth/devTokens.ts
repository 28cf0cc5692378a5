/**
 * Development tokens: HS256 JWTs signed with RESEARCH_DEV_TOKEN_KEY, so the research API can be called
 * on a developer's machine without an Entra tenant (`npm run dev-token` prints one). They carry the same
 * claims an Entra access token does (`oid`, `roles`), so every rule after sign-in is the same for both.
 *
 * They are accepted only when `devTokensAccepted(settings)` holds (a key is set and the app is not
 * running in Azure); the authenticator refuses them otherwise, whatever they say.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { authenticationRefusals, type ResearchCaller } from './researchCaller';

/** Issuer and audience of development tokens: never those of a real tenant, so they cannot be confused. */
export const DEV_TOKEN_ISSUER = 'innovation-gates-development';
export const DEV_TOKEN_AUDIENCE = 'innovation-gates-research-api';

export interface DevTokenClaims {
  /** The person id the token speaks for (what an Entra token's `oid` would be). */
  oid: string;
  /** App roles, as an Entra token's `roles` claim. */
  roles: readonly string[];
  /** A display name, only for a developer reading the token; the API never uses it. */
  name?: string;
}

export interface DevTokenOptions {
  /** Lifetime in seconds; one hour by default. */
  expiresInSeconds?: number;
  /** Issue time in seconds since the epoch; now by default (tests set it to make expired tokens). */
  issuedAt?: number;
}

function keyBytes(key: string): Uint8Array {
  return new TextEncoder().encode(key);
}

export async function signDevToken(
  key: string,
  claims: DevTokenClaims,
  options: DevTokenOptions = {},
): Promise<string> {
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ oid: claims.oid, roles: [...claims.roles], ...(claims.name && { name: claims.name }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(DEV_TOKEN_ISSUER)
    .setAudience(DEV_TOKEN_AUDIENCE)
    .setSubject(claims.oid)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.expiresInSeconds ?? 3600))
    .sign(keyBytes(key));
}

/** Checks signature, issuer, audience and lifetime; throws `AuthenticationError` (401) otherwise. */
export async function verifyDevToken(key: string, token: string): Promise<ResearchCaller> {
  try {
    const { payload } = await jwtVerify(token, keyBytes(key), {
      algorithms: ['HS256'],
      issuer: DEV_TOKEN_ISSUER,
      audience: DEV_TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'oid'],
    });
    return callerFromClaims(payload, 'development');
  } catch (error) {
    throw translateJoseError(error);
  }
}

/** A caller from verified claims; a token without a person id (`oid`) cannot be granted any case. */
export function callerFromClaims(
  payload: Record<string, unknown>,
  tokenKind: ResearchCaller['tokenKind'],
): ResearchCaller {
  const oid = payload['oid'];
  if (typeof oid !== 'string' || oid.trim() === '') throw authenticationRefusals.invalidToken();
  const roles = payload['roles'];
  const appRoles = Array.isArray(roles)
    ? roles.filter((role): role is string => typeof role === 'string')
    : [];
  return { personId: oid, appRoles, tokenKind };
}

/** jose's refusals as ours: an expired token says so (the client should sign in again), others do not. */
export function translateJoseError(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return authenticationRefusals.expiredToken();
  if (error instanceof errors.JOSEError) return authenticationRefusals.invalidToken();
  return error instanceof Error ? error : new Error(String(error));
}
