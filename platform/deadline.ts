/**
 * Deadlines for everything a request waits on. Teams waits about 15 s for the answer to a message and 5 s
 * for the answer to a card action, then retries while the first turn may still be running; a timer run
 * has its own budget. Whatever such a unit of work waits on (storage, the Bot Connector, a key fetch)
 * must give up in time for the work to end inside that budget.
 *
 * The budget of the work in progress travels with it through `AsyncLocalStorage`, so an adapter deep
 * below (the Table Storage HTTP pipeline, the connector client) can bound its own call by what is left
 * without every port signature carrying a signal. A call's signal is the earlier of its own per-call limit
 * and the end of the work: `callSignal(3_000)` inside `withDeadline(12_000, …)` aborts after 3 s, or
 * sooner when the 12 s are nearly spent.
 *
 * Outside any `withDeadline` (a CLI export, a test calling storage directly) only the per-call limit holds.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Budget {
  /** `performance.now()` at which the work must be done. */
  readonly endsAt: number;
  /** Aborts when the budget is spent. */
  readonly signal: AbortSignal;
}

const current = new AsyncLocalStorage<Budget>();

/** The work ran out of its budget before it could finish; nothing after this point was attempted. */
export class DeadlineExceededError extends Error {
  constructor(readonly doing: string) {
    super(`The deadline passed while ${doing}`);
    this.name = 'TimeoutError';
  }
}

/**
 * Runs `work` with a budget of `ms` milliseconds. A budget inside a budget never extends the outer one:
 * the earlier end wins.
 */
export function withDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const outer = current.getStore();
  const endsAt = Math.min(performance.now() + ms, outer?.endsAt ?? Number.POSITIVE_INFINITY);
  const remaining = Math.max(0, endsAt - performance.now());
  const own = AbortSignal.timeout(Math.ceil(remaining));
  const signal = outer ? AbortSignal.any([outer.signal, own]) : own;
  return current.run({ endsAt, signal }, work);
}

/** Milliseconds left of the current budget; `Infinity` outside any. */
export function remainingMs(): number {
  const budget = current.getStore();
  return budget === undefined ? Number.POSITIVE_INFINITY : Math.max(0, budget.endsAt - performance.now());
}

/** True when there is a budget and less than `ms` of it is left. */
export function hasLessThan(ms: number): boolean {
  return remainingMs() < ms;
}

/**
 * The signal one call should carry: it aborts after `perCallMs`, or when the current budget ends,
 * whichever comes first; `extra` (a caller's own signal) is honoured too.
 */
export function callSignal(perCallMs: number, extra?: AbortSignal | null): AbortSignal {
  const signals = [AbortSignal.timeout(Math.max(1, Math.ceil(Math.min(perCallMs, remainingMs()))))];
  const budget = current.getStore();
  if (budget) signals.push(budget.signal);
  if (extra) signals.push(extra);
  return signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals);
}

/** Throws `DeadlineExceededError` when the current budget is spent. */
export function checkDeadline(doing: string): void {
  if (current.getStore() !== undefined && remainingMs() <= 0) throw new DeadlineExceededError(doing);
}

/** An abort or timeout, from a signal, the SDKs or this module. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
