/**
 * Who is calling the research API or the dashboard tab's API, as established from a bearer token, and the two ways a call can be
 * turned away before any case is read. The HTTP adapter translates them exactly once: an
 * `AuthenticationError` to 401 with a `WWW-Authenticate` challenge (RFC 6750), a `ForbiddenError` from
 * the engine's hierarchy to 403.
 */
import { localized, type Localized } from '../engine/localized';

/** A caller whose token was valid. */
export interface ResearchCaller {
  /**
   * The Entra object id (`oid`). The bot records people by the same id (a Teams member's
   * `aadObjectId`), so it is what a case's `roles` name when its owner grants research access.
   */
  personId: string;
  /** The app roles the token carries (`roles` claim), for example `Research.Read`. */
  appRoles: readonly string[];
  /** Which kind of token it was: development tokens are only ever accepted outside Azure. */
  tokenKind: 'entra' | 'development';
}

/** Why a token was refused, for the `error` attribute of the challenge (RFC 6750 section 3.1). */
export type AuthenticationProblem = 'missingToken' | 'invalidToken' | 'expiredToken' | 'notConfigured';

/** No usable bearer token: answered 401 with a challenge, never with details of the token checked. */
export class AuthenticationError extends Error {
  constructor(
    readonly problem: AuthenticationProblem,
    readonly text: Localized,
  ) {
    super(text.en);
    this.name = 'AuthenticationError';
  }

  /** The `WWW-Authenticate` header value for this refusal. */
  get challenge(): string {
    // Without a token the challenge only names the scheme, as RFC 6750 section 3 asks.
    if (this.problem === 'missingToken') return 'Bearer realm="research"';
    const description = this.text.en.replace(/["\\]/g, "'");
    return `Bearer realm="research", error="invalid_token", error_description="${description}"`;
  }
}

export const authenticationRefusals = {
  missingToken: () =>
    new AuthenticationError(
      'missingToken',
      localized(
        'Dette krever innlogging: send et gyldig tilgangstoken (Authorization: Bearer …).',
        'Dette krev innlogging: send eit gyldig tilgangstoken (Authorization: Bearer …).',
        'This requires sign-in: send a valid access token (Authorization: Bearer …).',
      ),
    ),
  invalidToken: () =>
    new AuthenticationError(
      'invalidToken',
      localized(
        'Tilgangstokenet er ikke gyldig.',
        'Tilgangstokenet er ikkje gyldig.',
        'The access token is not valid.',
      ),
    ),
  expiredToken: () =>
    new AuthenticationError(
      'expiredToken',
      localized(
        'Tilgangstokenet er utløpt. Logg inn på nytt og prøv igjen.',
        'Tilgangstokenet har gått ut. Logg inn på nytt og prøv igjen.',
        'The access token has expired. Sign in again and try again.',
      ),
    ),
  developmentTokenRefused: () =>
    new AuthenticationError(
      'invalidToken',
      localized(
        'Utviklingstokener godtas bare lokalt, med en utviklingsnøkkel i innstillingene.',
        'Utviklingstoken blir godtekne berre lokalt, med ein utviklingsnøkkel i innstillingane.',
        'Development tokens are accepted only locally, with a development key in the settings.',
      ),
    ),
  notConfigured: () =>
    new AuthenticationError(
      'notConfigured',
      localized(
        'Innlogging med Entra ID er ikke satt opp (ENTRA_TENANT_ID og ENTRA_AUDIENCE mangler).',
        'Innlogging med Entra ID er ikkje sett opp (ENTRA_TENANT_ID og ENTRA_AUDIENCE manglar).',
        'Sign-in with Entra ID is not set up (ENTRA_TENANT_ID and ENTRA_AUDIENCE are missing).',
      ),
    ),
};
