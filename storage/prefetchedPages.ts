/**
 * Reading a long query page by page with the next page already on its way.
 *
 * The SDK's `listEntities` asks for the next page only once every row of the previous one has been
 * taken, so a reader that does real work per row (an export, a verification) and the storage service
 * take turns: one waits while the other works. Here the request for page n + 1 is started before the
 * rows of page n are handed out, and the reader then gives way to the event loop once, so that request
 * is actually written to the socket: a consumer that works through a whole page in one run of
 * microtasks (an async-generator chain does) would otherwise hold it back until the page is done. The
 * service then answers while the page is processed. At most one page is read ahead, so memory stays at
 * two pages whatever the length of the query.
 */
import { setImmediate as nextTurnOfTheEventLoop } from 'node:timers/promises';
import { callStorage } from './tableStorage';

/** The pages of a query, as `listEntities(...).byPage()` gives them. */
export type PageIterator<T> = AsyncIterator<readonly T[]>;

/**
 * Every row of every page, in order, with the next page requested while the current one is consumed.
 * Errors of a page request are translated once (`callStorage`) and thrown where that page's rows would
 * have come, after all rows of the pages before it. A consumer that stops early ends the query; the
 * page read ahead is dropped.
 */
export async function* prefetchedRows<T>(pages: PageIterator<T>, doing: string): AsyncGenerator<T> {
  let pending = requestPage(pages, doing);
  let finished = false;
  try {
    for (;;) {
      const page = await pending;
      if (page.done === true) {
        finished = true;
        return;
      }
      pending = requestPage(pages, doing);
      // Give the request just started a turn of the event loop to leave before this page is processed.
      await nextTurnOfTheEventLoop();
      yield* page.value;
    }
  } finally {
    // Stopped early or failed: end the query (an async generator queues `return` after the `next`
    // still under way, whose result is dropped).
    if (!finished) void pages.return?.().catch(() => undefined);
  }
}

function requestPage<T>(pages: PageIterator<T>, doing: string): Promise<IteratorResult<readonly T[]>> {
  const request = callStorage(doing, () => pages.next());
  // Handled where it is awaited; this keeps a failure of a page read ahead from counting as unhandled
  // while the rows of the page before it are still being consumed.
  request.catch(() => undefined);
  return request;
}
