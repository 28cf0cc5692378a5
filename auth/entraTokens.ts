/**
 * Microsoft Entra ID access tokens for the research API, checked the way Entra documents it: the
 * signature against the tenant's published signing keys (JWKS, fetched and cached by jose), the issuer
 * (the tenant, v1 or v2 endpoint), the audience (this app), the lifetime, and the tenant id claim.
 *
 * The key set is passed in, so tests can sign tokens with their own RSA key and check exactly the same
 * path without a network (`createLocalJWKSet`); production uses `entraKeySet(tenantId)`.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { callerFromClaims, translateJoseError } from './devTokens';
import { authenticationRefusals, type ResearchCaller } from './researchCaller';

export interface EntraTokenOptions {
  tenantId: string;
  /** The app id (GUID) or application id URI (`api://…`) the token must be issued for. */
  audience: string;
  keys: JWTVerifyGetKey;
}

/** The tenant's signing keys; jose caches them and refetches when a token names an unknown key id. */
export function entraKeySet(tenantId: string): JWTVerifyGetKey {
  return createRemoteJWKSet(
    new URL(`https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/discovery/v2.0/keys`),
  );
}

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
  try {
    const { payload } = await jwtVerify(token, options.keys, {
      // Entra signs access tokens with RS256; accepting anything else would invite algorithm confusion.
      algorithms: ['RS256'],
      issuer: acceptedIssuers(options.tenantId),
      audience: acceptedAudiences(options.audience),
      requiredClaims: ['exp', 'oid', 'tid'],
      clockTolerance: 60,
    });
    // The issuer already names the tenant; checking `tid` too guards against a multi-tenant issuer setup.
    if (payload['tid'] !== options.tenantId) throw authenticationRefusals.invalidToken();
    return callerFromClaims(payload, 'entra');
  } catch (error) {
    throw translateJoseError(error);
  }
}
