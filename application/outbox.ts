/**
 * Delivering the outbox: what the group must be told after a command (an approval card, an outcome, the
 * next question, a reminder) is written with the command's events (see CaseService) and delivered here,
 * exactly once per effect under the faults production has:
 *
 * - The command's own turn delivers its effects at once (`deliverOwn`); the outbox rows are leased to
 *   it from the moment they are written, so nobody else delivers them meanwhile.
 * - Whatever it could not deliver (the process died, the Bot Connector was down, the turn ran out of
 *   time) stays pending. When the lease has run out, the next turn in the conversation or the outbox
 *   timer claims it (an ETag-guarded write, so two deliverers never both take it) and delivers it
 *   (`deliverLeftovers`, `sweep`).
 * - Each delivered effect is marked delivered. An effect the case has moved past (an approval card for a
 *   review decided meanwhile) is marked superseded instead of being shown late; one that failed
 *   `MAX_ATTEMPTS` times, or is older than `MAX_AGE_MS`, is given up, and both are logged.
 *
 * Effects of one case are delivered in the order they were produced: a delivery stops at the first
 * effect it cannot deliver, or that someone else holds, and the rest wait for it.
 *
 * How an effect becomes a message is not known here (the bot renders it); this module is the protocol.
 */
import { randomUUID } from 'node:crypto';
import type { CaseState } from '../engine';
import { hasLessThan } from '../platform/deadline';
import type { Logger } from '../platform/logger';
import {
  directoryUpdatedFrom,
  StorageUnavailableError,
  type EffectSettlement,
  type EventLog,
  type OutboxItem,
  type OutboxSettlement,
} from '../storage/eventLog';
import { OUTBOX_LEASE_MS } from './caseService';

/** What delivering one effect came to. */
export type DeliveryResult =
  | { status: 'delivered'; activityId?: string }
  /** The case has moved on and the effect would only confuse now (it is not shown). */
  | { status: 'superseded'; note: string };

/** Carries out effects in one conversation; the bot implements it for a turn or a proactive message. */
export interface EffectDelivery {
  /** Delivers one effect given the case as it stands; throws when the conversation could not be reached. */
  deliver(item: OutboxItem, state: CaseState): Promise<DeliveryResult>;
  /**
   * Sends what `deliver` held back to send together with the next effect's message (a gate's outcome
   * and the next stage's first question go out as one message). An effect counts as delivered only once
   * this has succeeded; throws like `deliver`.
   */
  flush?(): Promise<void>;
  /**
   * Forgets what `deliver` held back, after a later delivery failed: true when something was held (the
   * effect it belongs to, the last one delivered, then waits with the rest instead of going out alone).
   */
  discardHeld?(): boolean;
}

export interface OutboxReport {
  delivered: number;
  superseded: number;
  abandoned: number;
  /** Effects left pending (someone else holds them, or delivery failed and will be retried). */
  left: number;
}

export interface SweepReport extends OutboxReport {
  /** Cases whose outbox was looked at. */
  checked: number;
}

export interface OutboxOptions {
  log: Pick<EventLog, 'pendingEffects' | 'claimEffect' | 'settleEffect' | 'settleEffects' | 'listCases'>;
  clock: () => Date;
  logger: Logger;
  leaseMs?: number;
}

/** Deliveries begun before an effect is given up. */
export const MAX_ATTEMPTS = 5;

/** An effect older than this is not delivered any more: the conversation has long moved on. */
export const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** The timer looks at cases changed within this long (effects are only written by changes). */
export const SWEEP_WINDOW_MS = 8 * 24 * 60 * 60 * 1000;

/**
 * Lease a delivery must still hold to begin: one Bot Connector call with its retries (bounded at 8 s)
 * ends before anybody else may take the effect over.
 */
const LEASE_MARGIN_MS = 9_000;

/**
 * Time the work's own deadline must still leave to begin a delivery (a card action has 4.5 s in all). A
 * delivery cut short by the deadline is not marked and is delivered again later.
 */
const DEADLINE_MARGIN_MS = 1_000;

const NONE: OutboxReport = { delivered: 0, superseded: 0, abandoned: 0, left: 0 };

export class Outbox {
  private readonly log: OutboxOptions['log'];
  private readonly clock: () => Date;
  private readonly logger: Logger;
  private readonly leaseMs: number;
  /** Per case, the effects version up to which this process found nothing left to deliver. */
  private readonly settledThrough = new Map<string, number>();

  constructor(options: OutboxOptions) {
    this.log = options.log;
    this.clock = options.clock;
    this.logger = options.logger;
    this.leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS;
  }

  /**
   * Delivers the effects a command just wrote, which its execution holds the lease of, in order.
   * `effectsBefore` is the newest version with effects before this command (the head it was appended
   * on): when this process had found everything up to it delivered and delivers all of these, the case
   * is known to have nothing left, so the turn's look for leftovers reads nothing.
   */
  async deliverOwn(
    items: readonly OutboxItem[],
    state: CaseState,
    delivery: EffectDelivery,
    effectsBefore?: number,
  ): Promise<OutboxReport> {
    const report = { ...NONE };
    const done: EffectSettlement[] = [];
    for (const [index, item] of items.entries()) {
      if (!this.mayBegin(item)) {
        report.left += items.length - index;
        break;
      }
      const result = await this.attemptDelivery(item, state, delivery);
      if (result === undefined) {
        report.left += items.length - index;
        // The connector is failing: what was held for this message is not sent on its own now either.
        if (delivery.discardHeld?.() === true && done.pop() !== undefined) report.left += 1;
        break;
      }
      done.push({ item, settlement: this.settlementOf(result) });
    }
    // What the delivery held back goes out now; until it has, none of these counts as delivered.
    if (done.length > 0 && !(await this.flushed(delivery, done))) {
      report.left += done.length;
      return report;
    }
    // One write marks them all.
    await this.settleAll(done, report);
    const own = items[0];
    if (own !== undefined && report.left === 0 && this.isSettled(own.caseId, effectsBefore)) {
      this.settledThrough.set(own.caseId, own.version);
    }
    return report;
  }

  /**
   * True when this process found everything up to `version` (the newest version that wrote effects)
   * delivered, so there is nothing to look for; `undefined`: the case never wrote effects.
   */
  isSettled(caseId: string, version: number | undefined): boolean {
    return version === undefined || (this.settledThrough.get(caseId) ?? 0) >= version;
  }

  /**
   * Delivers what earlier commands of the case left pending once their lease has run out. `hint` is the
   * newest version that wrote effects, as far as the caller knows: when this process already found
   * everything up to it delivered, nothing is read (`null` means unknown: look).
   */
  async deliverLeftovers(
    caseId: string,
    state: CaseState,
    delivery: EffectDelivery,
    hint: number | undefined | null,
  ): Promise<OutboxReport> {
    if (hint === undefined) return { ...NONE };
    if (hint !== null && this.isSettled(caseId, hint)) return { ...NONE };
    const pending = await this.log.pendingEffects(caseId);
    const report = await this.deliverPending(pending, state, delivery);
    if (report.left === 0 && hint !== null) this.settledThrough.set(caseId, hint);
    return report;
  }

  /**
   * The timer's pass: every case changed lately whose outbox holds something with a lapsed lease. `open`
   * gives the delivery for a case (a proactive message to its conversation), or undefined when there is
   * no way to reach it (then its effects wait). Storage failing ends the pass; the next run goes on.
   */
  async sweep(
    open: (caseId: string) => Promise<{ state: CaseState; delivery: EffectDelivery } | undefined>,
  ): Promise<SweepReport> {
    const now = this.clock().getTime();
    const report: SweepReport = { ...NONE, checked: 0 };
    const caseIds: string[] = [];
    for await (const summary of this.log.listCases({
      updatedFrom: directoryUpdatedFrom(new Date(now - SWEEP_WINDOW_MS).toISOString()),
    })) {
      caseIds.push(summary.caseId);
    }
    for (const caseId of caseIds) {
      if (hasLessThan(DEADLINE_MARGIN_MS)) break;
      report.checked += 1;
      try {
        const pending = await this.log.pendingEffects(caseId);
        if (!pending.some((item) => this.leaseLapsed(item))) {
          report.left += pending.length;
          continue;
        }
        const target = await open(caseId);
        if (!target) {
          report.left += pending.length;
          continue;
        }
        add(report, await this.deliverPending(pending, target.state, target.delivery));
      } catch (error) {
        if (error instanceof StorageUnavailableError) throw error;
        this.logger.error('outbox: a case could not be swept', { caseId, error });
      }
    }
    return report;
  }

  private async deliverPending(
    pending: readonly OutboxItem[],
    state: CaseState,
    delivery: EffectDelivery,
  ): Promise<OutboxReport> {
    const report = { ...NONE };
    const owner = randomUUID();
    for (const [index, item] of pending.entries()) {
      const stop = (): OutboxReport => ({ ...report, left: report.left + pending.length - index });
      if (this.isTooOld(item) || item.attempts >= MAX_ATTEMPTS) {
        await this.giveUp(item, this.isTooOld(item) ? 'expired' : `failed ${item.attempts} times`);
        report.abandoned += 1;
        continue;
      }
      // Held by a turn still working on it: keep the order, let it finish.
      if (!this.leaseLapsed(item) || hasLessThan(DEADLINE_MARGIN_MS)) return stop();
      const claimed = await this.log.claimEffect(item, owner, this.leaseFromNow());
      if (!claimed) return stop();
      if (!(await this.deliverOne(claimed, state, delivery, report))) return stop();
    }
    return report;
  }

  /** Delivers and settles one effect; false when it could not be delivered (it stays pending). */
  private async deliverOne(
    item: OutboxItem,
    state: CaseState,
    delivery: EffectDelivery,
    report: OutboxReport,
  ): Promise<boolean> {
    const result = await this.attemptDelivery(item, state, delivery);
    if (result === undefined) return false;
    const settlement = { item, settlement: this.settlementOf(result) };
    if (!(await this.flushed(delivery, [settlement]))) return false;
    await this.settleAll([settlement], report);
    return true;
  }

  /** One delivery; undefined when it failed (logged; the effect stays pending). */
  private async attemptDelivery(
    item: OutboxItem,
    state: CaseState,
    delivery: EffectDelivery,
  ): Promise<DeliveryResult | undefined> {
    try {
      return await delivery.deliver(item, state);
    } catch (error) {
      this.logger.warn('outbox: an effect could not be delivered; it is delivered later', {
        caseId: item.caseId,
        effect: item.effect.type,
        id: item.id,
        attempts: item.attempts,
        error,
      });
      return undefined;
    }
  }

  /** Sends what the delivery held back; false when that failed (the effects stay pending). */
  private async flushed(delivery: EffectDelivery, done: readonly EffectSettlement[]): Promise<boolean> {
    if (delivery.flush === undefined) return true;
    try {
      await delivery.flush();
      return true;
    } catch (error) {
      this.logger.warn('outbox: an effect could not be delivered; it is delivered later', {
        caseId: done[0]?.item.caseId,
        ids: done.map(({ item }) => item.id),
        error,
      });
      return false;
    }
  }

  private settlementOf(result: DeliveryResult): OutboxSettlement {
    const at = this.clock().toISOString();
    return result.status === 'delivered'
      ? { status: 'delivered', at, ...(result.activityId !== undefined && { activityId: result.activityId }) }
      : { status: 'superseded', at, note: result.note };
  }

  /** Marks the effects in one write and counts them in `report` (delivered or superseded). */
  private async settleAll(settlements: readonly EffectSettlement[], report: OutboxReport): Promise<void> {
    if (settlements.length === 0) return;
    for (const { settlement } of settlements) {
      if (settlement.status === 'delivered') report.delivered += 1;
      else report.superseded += 1;
    }
    try {
      await this.log.settleEffects(settlements);
    } catch (error) {
      // Delivered, but not marked: when the lease runs out they may be delivered once more. Say so.
      this.logger.error('outbox: an effect was delivered but could not be marked so', {
        caseId: settlements[0]?.item.caseId,
        ids: settlements.map(({ item }) => item.id),
        error,
      });
    }
  }

  private async giveUp(item: OutboxItem, why: string): Promise<void> {
    this.logger.error('outbox: an effect is given up and will not be delivered', {
      caseId: item.caseId,
      effect: item.effect.type,
      id: item.id,
      why,
    });
    await this.log.settleEffect(item, { status: 'abandoned', at: this.clock().toISOString(), note: why });
  }

  /** A lease still long enough for one delivery, and time left in the work's own deadline. */
  private mayBegin(item: OutboxItem): boolean {
    return (
      Date.parse(item.leaseUntil) - this.clock().getTime() >= LEASE_MARGIN_MS &&
      !hasLessThan(DEADLINE_MARGIN_MS)
    );
  }

  private leaseLapsed(item: OutboxItem): boolean {
    return Date.parse(item.leaseUntil) <= this.clock().getTime();
  }

  private isTooOld(item: OutboxItem): boolean {
    return this.clock().getTime() - Date.parse(item.createdAt) > MAX_AGE_MS;
  }

  private leaseFromNow(): string {
    return new Date(this.clock().getTime() + this.leaseMs).toISOString();
  }
}

function add(total: OutboxReport, part: OutboxReport): void {
  total.delivered += part.delivered;
  total.superseded += part.superseded;
  total.abandoned += part.abandoned;
  total.left += part.left;
}
