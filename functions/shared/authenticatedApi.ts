/**
 * The authenticated API: what every route behind a bearer token shares (the research API and the
 * dashboard tab's data and decisions): authentication, the one translation of errors to HTTP, and
 * streamed responses. Lives in a subfolder so that neither Azure (`main`: dist/functions/*.js) nor the
 * local host (functions/*.ts) loads it as a function of its own.
 *
 * Errors, translated exactly once, always as `{ error: { code, message: { nb, en } } }`:
 * - AuthenticationError → 401 with `WWW-Authenticate: Bearer …` (no token, invalid, expired);
 * - signing keys that cannot be fetched → 503 with Retry-After, not logged per call (the key source
 *   logs the outage once);
 * - a body over API_MAX_BODY_BYTES → 413, one that does not arrive in time → 408;
 * - domain errors: validation 400, forbidden 403, not found 404, conflict 409;
 * - storage unavailable → 503 with Retry-After; anything else → 500 with an id to find it in the log.
 *
 * Refuse before work: a declared Content-Length over the limit is answered 413 before the token is
 * checked, the token is checked before the body is read, and the body is read (`readJsonBody`, bounded)
 * before it is parsed.
 *
 * Streaming: exports are returned as an AsyncIterable body. The local host always streams; in Azure the
 * app must opt in once with `app.setup({ enableHttpStream: true })`, done in ./httpStreaming.ts, which
 * every authenticated route imports (the setting is app-wide and read when the worker starts).
 */
import { randomUUID } from 'node:crypto';
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { AuthenticationError, type ResearchCaller } from '../../auth/researchCaller';
import { SigningKeysUnavailableError } from '../../auth/signingKeys';
import { isDomainError, type DomainErrorKind } from '../../engine/errors';
import type { Localized } from '../../engine/localized';
import type { ResearchRuntime } from '../../runtime/research';
import { researchRefusals } from '../../research/researchRefusals';
import { StorageUnavailableError } from '../../storage/eventLog';
import './httpStreaming';
import { BodyTimeoutError, BodyTooLargeError, readBodyText, refuseDeclaredTooLarge } from './requestBody';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
};

/** Answers never cached: case data is personal data, pseudonymised or not. */
const NO_STORE = { 'cache-control': 'no-store' };

export function errorResponse(
  status: number,
  code: string,
  message: Localized,
  headers: Record<string, string> = {},
): HttpResponseInit {
  return { status, headers: { ...NO_STORE, ...headers }, jsonBody: { error: { code, message } } };
}

/** The one place an error becomes an HTTP answer. */
export function toErrorResponse(error: unknown, context: InvocationContext): HttpResponseInit {
  if (error instanceof AuthenticationError) {
    return errorResponse(401, error.problem, error.text, { 'www-authenticate': error.challenge });
  }
  if (error instanceof SigningKeysUnavailableError) {
    return errorResponse(503, 'signingKeysUnavailable', error.text, {
      'retry-after': String(error.retryAfterSeconds),
    });
  }
  if (error instanceof BodyTooLargeError) {
    return errorResponse(413, 'bodyTooLarge', error.text);
  }
  if (error instanceof BodyTimeoutError) {
    return errorResponse(408, 'bodyTimeout', error.text);
  }
  if (isDomainError(error)) {
    return errorResponse(STATUS_OF_KIND[error.kind], error.code, error.text);
  }
  if (error instanceof StorageUnavailableError) {
    context.warn('api: storage unavailable', error.cause);
    const code = error.outcomeUnknown ? 'outcomeUnknown' : 'storageUnavailable';
    return errorResponse(503, code, error.text, { 'retry-after': '5' });
  }
  const incident = randomUUID();
  context.error(`api: unexpected failure (${incident})`, error);
  return errorResponse(500, 'internalError', {
    nb: `Noe gikk galt. Oppgi ${incident} hvis du melder feilen.`,
    nn: `Noko gjekk gale. Oppgi ${incident} viss du melder frå om feilen.`,
    en: `Something went wrong. Quote ${incident} if you report it.`,
  });
}

/** Loaded lazily, as the bot's runtime is: a cold start pays only for what the request needs. */
async function runtime(): Promise<ResearchRuntime> {
  return (await import('../../runtime/research.js')).getResearchRuntime();
}

/** Authenticates the request and runs `handle` with the caller; every error is translated once here. */
export async function authenticatedEndpoint(
  request: HttpRequest,
  context: InvocationContext,
  handle: (runtime: ResearchRuntime, caller: ResearchCaller) => Promise<HttpResponseInit>,
): Promise<HttpResponseInit> {
  try {
    const current = await runtime();
    refuseDeclaredTooLarge(request, current.requestLimits.apiMaxBodyBytes);
    const caller = await current.authenticator.authenticate(request.headers.get('authorization'));
    return await handle(current, caller);
  } catch (error) {
    return toErrorResponse(error, context);
  }
}

/**
 * The request's JSON body, read within API_MAX_BODY_BYTES: call it after `authenticatedEndpoint` has
 * authenticated the caller. Throws `BodyTooLargeError` / `BodyTimeoutError`, or the invalid-body refusal
 * (400) for text that is not JSON.
 */
export async function readJsonBody(request: HttpRequest, runtime: ResearchRuntime): Promise<unknown> {
  const text = await readBodyText(request, runtime.requestLimits.apiMaxBodyBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw researchRefusals.invalidBody({
      nb: 'innholdet er ikke JSON.',
      nn: 'innhaldet er ikkje JSON.',
      en: 'the body is not JSON.',
    });
  }
}

export function jsonResponse(body: unknown, status = 200): HttpResponseInit {
  return { status, headers: { ...NO_STORE }, jsonBody: body };
}

/** A streamed download: the body is produced while the client reads it. */
export function downloadResponse(options: {
  body: AsyncIterable<Uint8Array>;
  contentType: string;
  fileName: string;
  exportId: string;
}): HttpResponseInit {
  return {
    status: 200,
    headers: {
      ...NO_STORE,
      'content-type': options.contentType,
      'content-disposition': `attachment; filename="${options.fileName}"`,
      'x-export-id': options.exportId,
      // Tells proxies (and Azure Front Door) not to buffer the stream.
      'x-accel-buffering': 'no',
    },
    body: options.body,
  };
}

/** A route parameter that the route template guarantees. */
export function routeParam(request: HttpRequest, name: string): string {
  return request.params[name] ?? '';
}
