/**
 * Rows read page by page with the next page already requested: same rows, same order, errors where
 * the failing page's rows would have been, translated once, and the next request under way (and given a
 * turn of the event loop to leave) before the rows of the current page are handed out.
 */
import { RestError } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../../storage/eventLog';
import { prefetchedRows, type PageIterator } from '../../storage/prefetchedPages';

interface FakePages extends PageIterator<string> {
  /** Pages requested so far (calls of `next`). */
  requested: number;
  /** Calls of `return`. */
  returned: number;
  /** Set by `next` with setImmediate: whether a turn of the event loop passed since the last request. */
  turnPassedSinceLastRequest: boolean;
}

/** Pages as the SDK's `byPage()` hands them out; `failAt` (1-based) makes that request fail. */
function fakePages(pages: string[][], failAt?: { page: number; error: Error }): FakePages {
  let index = 0;
  const fake: FakePages = {
    requested: 0,
    returned: 0,
    turnPassedSinceLastRequest: false,
    next() {
      fake.requested += 1;
      fake.turnPassedSinceLastRequest = false;
      setImmediate(() => {
        fake.turnPassedSinceLastRequest = true;
      });
      const page = pages[index];
      index += 1;
      if (failAt !== undefined && fake.requested === failAt.page) return Promise.reject(failAt.error);
      return Promise.resolve(
        page === undefined ? { done: true, value: undefined } : { done: false, value: page },
      );
    },
    return() {
      fake.returned += 1;
      return Promise.resolve({ done: true, value: undefined });
    },
  };
  return fake;
}

describe('prefetchedRows', () => {
  it('hands out every row in order, with the next page requested and let out before a page is used', async () => {
    const pages = fakePages([['a1', 'a2'], ['b1'], ['c1', 'c2', 'c3']]);
    const seen: { row: string; requested: number; turnPassed: boolean }[] = [];
    for await (const row of prefetchedRows(pages, 'reading rows')) {
      seen.push({ row, requested: pages.requested, turnPassed: pages.turnPassedSinceLastRequest });
    }

    expect(seen.map((entry) => entry.row)).toEqual(['a1', 'a2', 'b1', 'c1', 'c2', 'c3']);
    // While page n is consumed, page n + 1 has been asked for already (page 3's successor is the end).
    expect(seen.map((entry) => entry.requested)).toEqual([2, 2, 3, 4, 4, 4]);
    // And the event loop turned after that request, before the first row of the page was handed out.
    expect(seen.filter((_, index) => [0, 2, 3].includes(index)).map((e) => e.turnPassed)).toEqual([
      true,
      true,
      true,
    ]);
    expect(pages.requested).toBe(4);
    expect(pages.returned).toBe(0);
  });

  it('throws a failed page request translated, after the rows before it, and not earlier', async () => {
    const outage = new RestError('service unavailable', { statusCode: 503 });
    const pages = fakePages([['a1', 'a2'], ['b1']], { page: 2, error: outage });
    const seen: string[] = [];
    let failure: unknown;
    try {
      for await (const row of prefetchedRows(pages, 'reading rows')) seen.push(row);
    } catch (error) {
      failure = error;
    }

    expect(seen).toEqual(['a1', 'a2']);
    expect(failure).toBeInstanceOf(StorageUnavailableError);
    expect((failure as StorageUnavailableError).cause).toBe(outage);
  });

  it('names what it was doing in a refusal, translated once', async () => {
    const refusal = new RestError('bad request', { statusCode: 400 });
    const pages = fakePages([['a1']], { page: 1, error: refusal });

    const rows = prefetchedRows(pages, 'reading the events of case c-1');

    await expect(rows.next()).rejects.toThrow(/^Table storage refused reading the events of case c-1: 400$/);
  });

  it('ends the query when the consumer stops early, without an unhandled failure of the page read ahead', async () => {
    const outage = new RestError('service unavailable', { statusCode: 503 });
    const pages = fakePages([['a1', 'a2'], ['b1']], { page: 2, error: outage });
    const seen: string[] = [];
    for await (const row of prefetchedRows(pages, 'reading rows')) {
      seen.push(row);
      break;
    }
    // An unhandled rejection would fail the test run; give it the chance to surface.
    await new Promise((resolve) => setImmediate(resolve));

    expect(seen).toEqual(['a1']);
    expect(pages.requested).toBe(2);
    expect(pages.returned).toBe(1);
  });
});
