/**
 * Commands for one case run one after another inside a process. Without it, two requests of the same
 * case arriving together (two people answering at once, a card click and a chat message) both read the
 * head, both append, and one loses the ETag race and pays a delivery lookup, a fresh read and a new
 * transaction (bench/README.md, load). Queued, the second starts from the head the first just wrote. The
 * ETag still guards against other instances: this only keeps siblings in one process from racing.
 *
 * A wait is bounded like everything else: by what is left of the work's budget, and at most
 * `MAX_QUEUE_WAIT_MS`. A command that could not start in time is refused as busy; nothing is recorded.
 */
import { remainingMs } from '../platform/deadline';

/** The longest a command waits for the case's earlier commands in this process. */
export const MAX_QUEUE_WAIT_MS = 10_000;

export class CaseQueueTimeoutError extends Error {
  constructor(readonly caseId: string) {
    super(`Gave up waiting for the earlier commands of case ${caseId}`);
    this.name = 'CaseQueueTimeoutError';
  }
}

export class CaseQueue {
  /** Per case, the promise that settles when the last command queued for it is done. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` once every command queued before it for `caseId` is done. */
  async run<T>(caseId: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(caseId);
    let release = (): void => undefined;
    const done = new Promise<void>((resolve) => (release = resolve));
    // The next command waits for this one and, through it, for every one before: even if this one gives
    // up waiting, nobody after it starts while an earlier one still runs.
    const tail = before === undefined ? done : before.then(() => done);
    this.tails.set(caseId, tail);
    try {
      if (before !== undefined) await waitFor(before, caseId);
      return await work();
    } finally {
      release();
      if (this.tails.get(caseId) === tail) this.tails.delete(caseId);
    }
  }

  /** Cases with a command running or waiting (for tests and diagnostics). */
  get busyCases(): number {
    return this.tails.size;
  }
}

async function waitFor(before: Promise<void>, caseId: string): Promise<void> {
  const limit = Math.min(remainingMs(), MAX_QUEUE_WAIT_MS);
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, limit));
  });
  try {
    if ((await Promise.race([before, gaveUp])) === 'timeout') throw new CaseQueueTimeoutError(caseId);
  } finally {
    clearTimeout(timer);
  }
}
