/**
 * Reading a request body without letting it cost more than its route allows: the one way functions read
 * a body (POST /api/messages, the dashboard's decision, research memos).
 *
 * - `refuseDeclaredTooLarge` looks at Content-Length alone, before anything is read (and before the
 *   token is checked: it costs nothing), so a declared 90 MB body is answered 413 at once.
 * - `readBodyText` reads the body as it arrives and stops once it passes the limit (a chunked body
 *   declares no length) or once its deadline passes (a body that trickles), and decodes it as UTF-8.
 *
 * A body is only a limit if it is not buffered before the function runs: in Azure the app streams
 * requests (`app.setup({ enableHttpStream: true })`, imported below), so `request.body` is the socket's
 * stream; the local host streams it the same way. Stopping early does not cancel the stream: cancelling
 * destroys the connection the answer must go back on. What is left unread is the host's to discard
 * (the local host closes the connection).
 */
import type { HttpRequest } from '@azure/functions';
import { localized, type Localized } from '../../engine/localized';
import './httpStreaming';

/** How long a body may take to arrive. Teams posts a few kilobytes at once; nothing honest trickles. */
export const BODY_READ_TIMEOUT_MS = 5000;

/** The body is (or says it will be) larger than the route accepts: 413. */
export class BodyTooLargeError extends Error {
  readonly text: Localized;

  constructor(readonly limitBytes: number) {
    const size = formatBytes(limitBytes);
    super(`The body is larger than ${size}`);
    this.name = 'BodyTooLargeError';
    this.text = localized(
      `Innholdet er større enn ${size}.`,
      `Innhaldet er større enn ${size}.`,
      `The body is larger than ${size}.`,
    );
  }
}

/** The body did not arrive within its deadline: 408. */
export class BodyTimeoutError extends Error {
  readonly text: Localized;

  constructor(readonly timeoutMs: number) {
    super(`The body did not arrive within ${timeoutMs} ms`);
    this.name = 'BodyTimeoutError';
    this.text = localized(
      `Innholdet kom ikke fram innen ${timeoutMs / 1000} sekunder.`,
      `Innhaldet kom ikkje fram innan ${timeoutMs / 1000} sekund.`,
      `The body did not arrive within ${timeoutMs / 1000} seconds.`,
    );
  }
}

/** Throws `BodyTooLargeError` when the declared Content-Length is over the limit; reads nothing. */
export function refuseDeclaredTooLarge(request: HttpRequest, limitBytes: number): void {
  const declared = request.headers.get('content-length');
  // Node's HTTP parser has already refused a malformed Content-Length; a number is all that is left.
  if (declared !== null && Number(declared) > limitBytes) throw new BodyTooLargeError(limitBytes);
}

/**
 * The body as text, read chunk by chunk up to `limitBytes`; throws `BodyTooLargeError` once it passes
 * the limit and `BodyTimeoutError` when it has not ended within `timeoutMs`. Malformed UTF-8 becomes
 * U+FFFD, as `request.text()` would have it.
 */
export async function readBodyText(
  request: HttpRequest,
  limitBytes: number,
  timeoutMs: number = BODY_READ_TIMEOUT_MS,
): Promise<string> {
  refuseDeclaredTooLarge(request, limitBytes);
  const body = request.body;
  if (body === null) return '';
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
    // Not cancel(): see the module comment. A read still pending is rejected by the release.
    reader.releaseLock();
  }
  return Buffer.concat(chunks).toString('utf8');
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
