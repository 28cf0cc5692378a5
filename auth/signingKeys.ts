/**
 * The signing keys of one token issuer, read from its OpenID Connect metadata (`jwks_uri`) and shared by
 * every request in the process. The one place the app fetches keys, for Bot Framework tokens on
 * /api/messages and Entra ID tokens on the research API and the dashboard, so every fetch:
 *
 * - has a deadline: metadata and key set together within `timeoutMs` (an AbortSignal that also stops a
 *   body that trickles), so a host that accepts the connection and never answers costs one wait, not a
 *   hang per request;
 * - is shared: however many requests need keys at once, one refresh is in flight and they all await it;
 * - is not repeated in a storm: after a failed refresh, requests that need keys are answered at once
 *   with `SigningKeysUnavailableError` (503, Retry-After) for `retryAfterFailureMs`; a token naming an
 *   unknown key refreshes at most once per `unknownKeyCooldownMs` (so forged key ids cannot make the app
 *   fetch for every request) and is otherwise refused (401);
 * - keeps serving known keys: keys older than `maxAgeMs` are refreshed in the background while the
 *   cached ones go on verifying, and a failed refresh never drops them;
 * - is logged once per outage (when fetching starts failing, and once when it works again), never once
 *   per request.
 *
 * Keys are imported with jose (RSA only: Bot Framework and Entra sign with RS256). A key's
 * `endorsements` (Bot Framework lists the channels a key may sign for) are kept beside it.
 */
import { importJWK, type JWK, type KeyLike } from 'jose';
import { consoleLogger } from '../platform/logger';
import { isAcceptableKeyUrl } from '../config/settings';
import { localized, type Localized } from '../engine/localized';

/** Where outages are reported: `warn` once when fetching starts failing, `info` once when it recovers. */
export interface SigningKeyLog {
  warn(message: string): void;
  info(message: string): void;
}

export const consoleSigningKeyLog: SigningKeyLog = {
  warn: (message) => consoleLogger.warn(message),
  info: (message) => consoleLogger.info(message),
};

/** A verification key and what its issuer published with it. */
export interface SigningKey {
  kid: string;
  key: KeyLike | Uint8Array;
  /** The channels a Bot Framework key is endorsed for; undefined when the key names none. */
  endorsements: readonly string[] | undefined;
}

/** Finds the key a token names; throws `UnknownSigningKeyError` or `SigningKeysUnavailableError`. */
export type SigningKeyLookup = (kid: string | undefined) => Promise<SigningKey>;

/**
 * The keys cannot be had just now (the metadata host is unreachable, slow, or answers nonsense). Not the
 * caller's fault, and not a verdict on the token: 503 with Retry-After.
 */
export class SigningKeysUnavailableError extends Error {
  readonly text: Localized;

  constructor(
    readonly issuerName: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`The signing keys for ${issuerName} tokens cannot be fetched just now`);
    this.name = 'SigningKeysUnavailableError';
    this.text = localized(
      `Innloggingen kan ikke kontrolleres akkurat nå (nøklene fra ${issuerName} kan ikke hentes). Prøv igjen om ${retryAfterSeconds} sekunder.`,
      `Innlogginga kan ikkje kontrollerast akkurat no (nøklane frå ${issuerName} kan ikkje hentast). Prøv igjen om ${retryAfterSeconds} sekund.`,
      `Sign-in cannot be checked just now (the ${issuerName} signing keys cannot be fetched). Try again in ${retryAfterSeconds} seconds.`,
    );
  }
}

/** The token names a key its issuer does not publish: a forgery, or a key long retired (401). */
export class UnknownSigningKeyError extends Error {
  constructor(readonly kid: string | undefined) {
    super(kid === undefined ? 'The token names no signing key' : 'The token names an unknown signing key');
    this.name = 'UnknownSigningKeyError';
  }
}

export interface SigningKeySourceOptions {
  /** Who issues the tokens, for logs and refusals: "Bot Framework", "Entra ID". */
  issuerName: string;
  /** The issuer's OpenID Connect metadata document. */
  metadataUrl: string;
  /** Deadline of one refresh (metadata and key set together). */
  timeoutMs: number;
  /** Plain-http key URLs are acceptable only outside Azure, and only on loopback (see config/settings). */
  isRunningInAzure: boolean;
  log?: SigningKeyLog;
  /** Keys older than this are refreshed in the background; 24 hours by default, as botbuilder does. */
  maxAgeMs?: number;
  /** After a failed refresh, no new one for this long; 5 seconds by default. */
  retryAfterFailureMs?: number;
  /** A token with an unknown key id refreshes at most this often; 5 minutes by default. */
  unknownKeyCooldownMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Neither document is ever this large; a larger answer is not what was asked for. */
const MAX_DOCUMENT_BYTES = 512 * 1024;

export class SigningKeySource {
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly log: SigningKeyLog;
  private readonly maxAgeMs: number;
  private readonly retryAfterFailureMs: number;
  private readonly unknownKeyCooldownMs: number;
  private keys: Map<string, SigningKey> | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  /** When the last refresh failed; undefined while fetching works. */
  private failedAt: number | undefined;
  private failuresInOutage = 0;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly options: SigningKeySourceOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? consoleSigningKeyLog;
    this.maxAgeMs = options.maxAgeMs ?? 24 * 60 * 60 * 1000;
    this.retryAfterFailureMs = options.retryAfterFailureMs ?? 5000;
    this.unknownKeyCooldownMs = options.unknownKeyCooldownMs ?? 5 * 60 * 1000;
  }

  /** The lookup jose's `jwtVerify` is given (through a small adapter in the token modules). */
  readonly lookup: SigningKeyLookup = (kid) => this.key(kid);

  async key(kid: string | undefined): Promise<SigningKey> {
    if (kid === undefined || kid === '') throw new UnknownSigningKeyError(undefined);
    const known = this.keys?.get(kid);
    if (known !== undefined) {
      if (this.now() - this.fetchedAt > this.maxAgeMs) this.refreshInBackground();
      return known;
    }
    if (this.refreshing === undefined) {
      const now = this.now();
      if (this.failedAt !== undefined && now - this.failedAt < this.retryAfterFailureMs) {
        throw this.unavailable(now);
      }
      if (this.keys !== undefined && now - this.fetchedAt < this.unknownKeyCooldownMs) {
        throw new UnknownSigningKeyError(kid);
      }
      // Awaited just below, through `this.refreshing`, by this request and every one that comes meanwhile.
      void this.startRefresh();
    }
    try {
      await this.refreshing;
    } catch {
      throw this.unavailable(this.now());
    }
    const found = this.keys?.get(kid);
    if (found === undefined) throw new UnknownSigningKeyError(kid);
    return found;
  }

  private refreshInBackground(): void {
    if (this.refreshing !== undefined) return;
    if (this.failedAt !== undefined && this.now() - this.failedAt < this.retryAfterFailureMs) return;
    // The failure is logged by refresh(); the cached keys go on serving meanwhile.
    this.startRefresh().catch(() => undefined);
  }

  /** Starts the one refresh every waiting request shares. */
  private startRefresh(): Promise<void> {
    const refresh: Promise<void> = this.refresh().finally(() => {
      if (this.refreshing === refresh) this.refreshing = undefined;
    });
    this.refreshing = refresh;
    return refresh;
  }

  private unavailable(now: number): SigningKeysUnavailableError {
    const waited = this.failedAt === undefined ? 0 : now - this.failedAt;
    const seconds = Math.max(1, Math.ceil((this.retryAfterFailureMs - waited) / 1000));
    return new SigningKeysUnavailableError(this.options.issuerName, seconds);
  }

  private async refresh(): Promise<void> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const metadata = await this.getJson(this.options.metadataUrl, signal);
      const jwksUri = isRecord(metadata) ? metadata['jwks_uri'] : undefined;
      if (typeof jwksUri !== 'string' || !isAcceptableKeyUrl(jwksUri, this.options.isRunningInAzure)) {
        throw new Error('the metadata names no acceptable jwks_uri');
      }
      this.keys = await importKeys(await this.getJson(jwksUri, signal));
      this.fetchedAt = this.now();
      if (this.failedAt !== undefined) {
        this.log.info(
          `Signing keys for ${this.options.issuerName} tokens fetched again after ` +
            `${this.failuresInOutage} failed attempt(s).`,
        );
      }
      this.failedAt = undefined;
      this.failuresInOutage = 0;
    } catch (error) {
      if (this.failedAt === undefined) {
        const reason = signal.aborted ? `no answer within ${this.options.timeoutMs} ms` : reasonOf(error);
        this.log.warn(
          `Signing keys for ${this.options.issuerName} tokens cannot be fetched from ` +
            `${hostOf(this.options.metadataUrl)}: ${reason}. Tokens that need them are answered 503 ` +
            `(Retry-After) until they can be; this is logged once per outage.`,
        );
      }
      this.failedAt = this.now();
      this.failuresInOutage += 1;
      throw error;
    }
  }

  private async getJson(url: string, signal: AbortSignal): Promise<unknown> {
    const response = await this.fetchImpl(url, { signal, headers: { accept: 'application/json' } });
    // A redirect is followed, but only to a URL that could have been configured.
    if (!isAcceptableKeyUrl(response.url || url, this.options.isRunningInAzure)) {
      await response.body?.cancel();
      throw new Error(`${hostOf(url)} redirected to an unacceptable URL`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${hostOf(url)} answered ${response.status}`);
    }
    return JSON.parse(await readLimited(response, MAX_DOCUMENT_BYTES)) as unknown;
  }
}

async function readLimited(response: Response, limit: number): Promise<string> {
  if (response.body === null) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`the answer is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function importKeys(jwks: unknown): Promise<Map<string, SigningKey>> {
  const list = isRecord(jwks) && Array.isArray(jwks['keys']) ? (jwks['keys'] as unknown[]) : [];
  const keys = new Map<string, SigningKey>();
  for (const item of list) {
    if (!isRecord(item)) continue;
    const { kid, kty, use, n, e } = item;
    if (typeof kid !== 'string' || kid === '' || kty !== 'RSA' || (use !== undefined && use !== 'sig'))
      continue;
    if (typeof n !== 'string' || typeof e !== 'string') continue;
    let key: KeyLike | Uint8Array;
    try {
      // Only the key material: a published `alg` must not narrow or widen what verification accepts.
      key = await importJWK({ kty, n, e } satisfies JWK, 'RS256');
    } catch {
      continue;
    }
    const endorsements = Array.isArray(item['endorsements'])
      ? item['endorsements'].filter((value): value is string => typeof value === 'string')
      : undefined;
    keys.set(kid, { kid, key, endorsements });
  }
  if (keys.size === 0) throw new Error('the key set holds no usable RSA signing key');
  return keys;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}
