/**
 * Turns the `Authorization` header of a research API request into a `ResearchCaller`, or refuses with
 * 401. The one rule for which tokens count:
 *
 * - an HS256 token is a development token: accepted only when `devTokensAccepted(settings)` (a key is
 *   configured and the app is not running in Azure), and then checked against that key;
 * - any other token must be a Microsoft Entra ID token for ENTRA_AUDIENCE in ENTRA_TENANT_ID.
 *
 * What the caller may then read is decided by the research service (research/researchService.ts), not
 * here: a valid token is who you are, not what you may see.
 */
import { decodeProtectedHeader, type JWTVerifyGetKey } from 'jose';
import { devTokensAccepted, type Settings } from '../config/settings';
import { verifyDevToken } from './devTokens';
import { entraKeySet, verifyEntraToken } from './entraTokens';
import { authenticationRefusals, type ResearchCaller } from './researchCaller';
import type { SigningKeyLog } from './signingKeys';

export interface ResearchAuthenticator {
  /** The caller behind an `Authorization` header value (or its absence); throws `AuthenticationError`. */
  authenticate(authorization: string | null | undefined): Promise<ResearchCaller>;
}

export interface AuthenticatorOptions {
  /** The Entra signing keys; the tenant's published key set by default (tests pass a local one). */
  entraKeys?: JWTVerifyGetKey;
  /** Where an outage of the tenant's key metadata is reported (once per outage); the console by default. */
  log?: SigningKeyLog;
}

export function createResearchAuthenticator(
  settings: Pick<Settings, 'isRunningInAzure' | 'research' | 'signingKeys'>,
  options: AuthenticatorOptions = {},
): ResearchAuthenticator {
  const { entraTenantId, entraAudience, devTokenKey } = settings.research;
  const devMode = devTokensAccepted(settings);
  const entraConfigured = entraTenantId !== '' && entraAudience !== '';
  // Built once: the key source caches the fetched keys and shares one refresh, so it must outlive a
  // single request.
  let keys = options.entraKeys;

  return {
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      let algorithm: unknown;
      try {
        algorithm = decodeProtectedHeader(token).alg;
      } catch {
        throw authenticationRefusals.invalidToken();
      }
      if (algorithm === 'HS256') {
        if (!devMode) throw authenticationRefusals.developmentTokenRefused();
        return verifyDevToken(devTokenKey, token);
      }
      if (!entraConfigured) throw authenticationRefusals.notConfigured();
      keys ??= entraKeySet({
        metadataUrl: settings.signingKeys.entraMetadataUrl,
        timeoutMs: settings.signingKeys.fetchTimeoutMs,
        isRunningInAzure: settings.isRunningInAzure,
        ...(options.log !== undefined && { log: options.log }),
      });
      return verifyEntraToken(token, { tenantId: entraTenantId, audience: entraAudience, keys });
    },
  };
}

/** The token of a `Bearer` authorization header (scheme case-insensitive, RFC 7235). */
export function bearerToken(authorization: string | null | undefined): string {
  const match = /^\s*Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) {
    if (authorization === null || authorization === undefined || authorization.trim() === '') {
      throw authenticationRefusals.missingToken();
    }
    throw authenticationRefusals.invalidToken();
  }
  return match[1];
}
