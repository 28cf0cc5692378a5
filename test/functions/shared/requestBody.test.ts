/**
 * The one way functions read a body: refused on its declared length before a byte is read, cut off
 * once it passes the limit, given up on when it does not arrive in time; and never read further than
 * asked (what the host does with the rest is test/faults/preAuthBodies.test.ts's subject).
 */
import { HttpRequest, type HttpRequestInit } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import {
  BodyTimeoutError,
  BodyTooLargeError,
  readBodyText,
  refuseDeclaredTooLarge,
} from '../../../functions/shared/requestBody';

/** A request whose body is produced by `source` as it is read, as a streamed request is. */
function streamed(source: AsyncIterable<Uint8Array>, headers: Record<string, string> = {}): HttpRequest {
  const nativeRequest = new Request('http://localhost/api/x', {
    method: 'POST',
    headers,
    body: source,
    duplex: 'half',
  });
  return new HttpRequest({ nativeRequest } as HttpRequestInit);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('readBodyText', () => {
  it('reads a body within the limit as UTF-8', async () => {
    const request = new HttpRequest({
      method: 'POST',
      url: 'http://localhost/',
      body: { string: '{"tekst":"blåbær"}' },
    });
    expect(await readBodyText(request, 1024)).toBe('{"tekst":"blåbær"}');
  });

  it('refuses a declared length over the limit before reading anything', async () => {
    let pulled = 0;
    async function* body(): AsyncGenerator<Uint8Array> {
      pulled += 1;
      yield await Promise.resolve(new Uint8Array(10));
    }
    const request = streamed(body(), { 'content-length': '4096' });
    expect(() => refuseDeclaredTooLarge(request, 1024)).toThrow(BodyTooLargeError);
    expect(await failure(readBodyText(request, 1024))).toBeInstanceOf(BodyTooLargeError);
    expect(pulled).toBe(0);
  });

  it('stops pulling a body without a declared length once it passes the limit', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        pulled += 1;
        yield await Promise.resolve(new Uint8Array(1024));
      }
    }
    const error = await failure(readBodyText(streamed(endless()), 8 * 1024));
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).text).toEqual({
      nb: 'Innholdet er større enn 8 KiB.',
      nn: 'Innhaldet er større enn 8 KiB.',
      en: 'The body is larger than 8 KiB.',
    });
    expect(pulled).toBeLessThanOrEqual(10);
  });

  it('gives up on a body that stops arriving, at its deadline', async () => {
    async function* stalls(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"text":"');
      await new Promise(() => undefined);
    }
    const started = performance.now();
    const error = await failure(readBodyText(streamed(stalls()), 1024, 200));
    expect(error).toBeInstanceOf(BodyTimeoutError);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
