/**
 * The application service: read the case, decide, append with the expected version. Every adapter (the
 * bot, the research API, the reminder timer) records through here, so the rules of concurrency and
 * redelivery live in one place:
 *
 * - Two commands racing on one case: the loser's append fails on the head's ETag; it is decided again on
 *   fresh state (a send-back decided meanwhile may now make it a refusal), a bounded number of times,
 *   then refused with a clear "busy" message.
 * - A redelivered command (same delivery id, e.g. a Teams activity id) records nothing the second time
 *   and returns the first outcome, even if the command would be refused on today's state. The same id
 *   with other content (another person, another message) is refused instead: ids are not reused.
 * - What the group must be told (the engine's effects) is written in the same append, to the outbox,
 *   leased to this command for a while: the caller delivers it (application/outbox.ts), and whatever it
 *   could not deliver is delivered later by the next turn or the outbox timer. A recorded command is
 *   therefore never silently left untold.
 * - The append carries an operation id, so when storage lost its answer (and the SDK or the log retried
 *   it) the write is recognised as this command's own, not mistaken for an earlier delivery.
 */
import { randomUUID } from 'node:crypto';
import type { CaseCommand, CaseState, Effect, TemplateCatalog } from '../engine';
import {
  commandMakesMember,
  ConflictError,
  decide,
  evolve,
  isDomainError,
  isParticipant,
  localized,
  refuse,
} from '../engine';
import { CaseQueue, CaseQueueTimeoutError } from './caseQueue';
import type { CaseHead, DeliveryRecord, EventLog, OutboxItem, StoredEvent } from '../storage/eventLog';
import { ConcurrencyConflictError, DeliveryReusedError, DuplicateDeliveryError } from '../storage/eventLog';

export interface CommandEnvelope {
  caseId: string;
  command: CaseCommand;
  /** The person acting (a Teams/Entra id) or a system actor such as `system:reminders`. */
  actorId: string;
  /** When the command was received, ISO 8601 UTC, from the adapter's clock. */
  at: string;
  /** The delivery that carried the command (a Teams activity id); a repeat records nothing. */
  deliveryId?: string;
  /**
   * A digest of who sent the delivery and what it said. A repeat of the delivery id with another
   * fingerprint is refused (`DeliveryReusedError`) instead of being answered as already recorded.
   */
  deliveryFingerprint?: string;
  /** Where the command's effects should be told, when not in the case's conversation itself (a thread). */
  replyTo?: string;
}

export interface CommandOutcome {
  caseId: string;
  /** The case after the command (for a duplicate: as it stands now). */
  state: CaseState;
  /** The events this command appended (for a duplicate: the ones its first delivery appended). */
  events: StoredEvent[];
  /** What to carry out now that the events are stored; empty for a duplicate (done the first time). */
  effects: Effect[];
  /**
   * The effects as written to the outbox, leased to this command (`operationId`) for `OUTBOX_LEASE_MS`:
   * deliver them with `Outbox.deliverOwn`. Empty for a duplicate: its own are delivered, or pending
   * for whoever delivers leftovers.
   */
  outbox: OutboxItem[];
  /**
   * The newest version that wrote effects before this command (the head it was appended on); undefined
   * when none did, or for a duplicate and a command that changed nothing.
   */
  effectsBefore?: number;
  /** Identifies this execution: the owner of the outbox lease. */
  operationId: string;
  /** True when the delivery had been recorded before and nothing was written now. */
  duplicate: boolean;
}

export interface RetryPolicy {
  /** How many times a command is decided and appended before it is refused as busy. */
  maxAttempts: number;
  /** Pause before attempt `attempt + 1`, in milliseconds. */
  backoffMs(attempt: number): number;
}

/** Jittered, growing pauses: 20 racing commands on one case all land within a few hundred ms. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 30,
  backoffMs: (attempt) => Math.min(5 + attempt * 5, 100) * Math.random(),
};

/** The case kept changing under this command; nothing was recorded. */
export class CaseBusyError extends ConflictError {
  /** `attempts`: how often it was tried; none when it never got its turn (it waited too long). */
  constructor(caseId: string, attempts?: number) {
    super(
      'caseBusy',
      localized(
        `Mange endrer saken akkurat nå, og endringen din ble ikke lagret${attempts === undefined ? '' : ` (${attempts} forsøk)`}. Prøv igjen om litt.`,
        `Mange endrar saka akkurat no, og endringa di vart ikkje lagra${attempts === undefined ? '' : ` (${attempts} forsøk)`}. Prøv igjen om litt.`,
        `Many people are changing the case right now, and your change was not saved${attempts === undefined ? '' : ` (${attempts} attempts)`}. Please try again shortly.`,
      ),
      { caseId, ...(attempts !== undefined && { attempts }) },
    );
  }
}

export interface CaseServiceDependencies {
  log: EventLog;
  templates: TemplateCatalog;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** Heads remembered per process (see `execute`): the cases a municipality works on at a time. */
const REMEMBERED_HEADS = 200;

/**
 * How long a command's own effects are left to it before others may deliver them. Longer than any turn
 * may take (Teams gives a message 15 s), so a slow turn and a redelivery of it never both deliver.
 */
export const OUTBOX_LEASE_MS = 30_000;

export class CaseService {
  private readonly knownHeads = new Map<string, CaseHead>();
  private readonly queue = new CaseQueue();
  private readonly log: EventLog;
  private readonly templates: TemplateCatalog;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(dependencies: CaseServiceDependencies) {
    this.log = dependencies.log;
    this.templates = dependencies.templates;
    this.retry = dependencies.retry ?? DEFAULT_RETRY;
    this.sleep = dependencies.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The case as it stands: one point read of the head, whatever the length of its log. */
  async getCase(caseId: string): Promise<CaseState | undefined> {
    return (await this.readHead(caseId))?.state;
  }

  /**
   * The newest version that wrote effects, as this process last saw the case's head: `undefined` when
   * none ever did, `null` when this process has not seen the head (then nobody here knows).
   */
  effectsVersionOf(caseId: string): number | undefined | null {
    const head = this.knownHeads.get(caseId);
    return head === undefined ? null : head.effectsVersion;
  }

  /**
   * Decides and records a command. Commands for one case run one after another in this process
   * (`CaseQueue`), so siblings never race for the head; one that waited longer than its budget allows
   * is refused as busy, with nothing recorded.
   */
  async execute(envelope: CommandEnvelope): Promise<CommandOutcome> {
    try {
      return await this.queue.run(envelope.caseId, () => this.executeNow(envelope));
    } catch (error) {
      if (error instanceof CaseQueueTimeoutError) throw new CaseBusyError(envelope.caseId);
      throw error;
    }
  }

  private async executeNow(envelope: CommandEnvelope): Promise<CommandOutcome> {
    const { caseId } = envelope;
    const operationId = randomUUID();
    // The head this service last read or wrote, if any, stands in for a read on the first try: usually
    // the bot has just read the case to build the command. Only a successful append is taken from it;
    // anything else (a refusal, a duplicate, "nothing changed", a lost race) is decided again on a fresh
    // read, since another instance may have moved the case on.
    let remembered = this.knownHeads.get(caseId);
    let attempt = 1;
    for (;;) {
      const fromMemory = remembered !== undefined;
      const head = remembered ?? (await this.readHead(caseId));
      remembered = undefined;
      let result: CommandOutcome | 'conflict' | 'recheck';
      try {
        result = await this.attempt(envelope, head, fromMemory, operationId);
      } catch (error) {
        if (fromMemory && isDomainError(error)) continue;
        throw error;
      }
      if (result === 'recheck') continue;
      if (result !== 'conflict') return result;
      this.knownHeads.delete(caseId);
      if (fromMemory) continue;
      if (attempt >= this.retry.maxAttempts) throw new CaseBusyError(caseId, this.retry.maxAttempts);
      await this.sleep(this.retry.backoffMs(attempt));
      attempt += 1;
    }
  }

  /** One try on `head`: the outcome, `conflict` (lost a race), or `recheck` (read the head again). */
  private async attempt(
    envelope: CommandEnvelope,
    head: CaseHead | undefined,
    fromMemory: boolean,
    operationId: string,
  ): Promise<CommandOutcome | 'conflict' | 'recheck'> {
    const { caseId, deliveryId } = envelope;
    const seen =
      deliveryId === undefined ? undefined : head?.recentDeliveries.find((d) => d.deliveryId === deliveryId);
    if (seen && head) return fromMemory ? 'recheck' : this.duplicateOutcome(envelope, seen, head.state);

    const decision = await this.decideOrRecallDuplicate(envelope, head);
    if ('duplicate' in decision) return fromMemory ? 'recheck' : decision;
    if (decision.events.length === 0) {
      // Nothing changed (an unchanged answer, someone joining twice): nothing to record, nothing to tell.
      if (fromMemory) return 'recheck';
      if (!head) throw refuse.caseNotFound(caseId);
      if (decision.effects.length > 0) throw new Error('The engine returned effects without events');
      return {
        caseId,
        state: head.state,
        events: [],
        effects: [],
        outbox: [],
        operationId,
        duplicate: false,
      };
    }

    let state = head?.state;
    let seq = head?.version ?? 0;
    for (const event of decision.events) {
      seq += 1;
      state = evolve(state, event, seq);
    }
    if (!state) throw new Error('A decision with events must produce a state');

    try {
      const appended = await this.log.append({
        caseId,
        expected: head,
        events: decision.events,
        state,
        operationId,
        ...(deliveryId !== undefined && { deliveryId }),
        ...(envelope.deliveryFingerprint !== undefined && {
          deliveryFingerprint: envelope.deliveryFingerprint,
        }),
        ...(decision.effects.length > 0 && {
          outbox: {
            effects: decision.effects,
            leaseOwner: operationId,
            leaseUntil: new Date(Date.parse(envelope.at) + OUTBOX_LEASE_MS).toISOString(),
            createdAt: envelope.at,
            ...(envelope.replyTo !== undefined && { replyTo: envelope.replyTo }),
          },
        }),
      });
      this.remember(appended.head);
      return {
        caseId,
        state,
        events: appended.stored,
        effects: decision.effects,
        outbox: appended.outbox,
        ...(head?.effectsVersion !== undefined && { effectsBefore: head.effectsVersion }),
        operationId,
        duplicate: false,
      };
    } catch (error) {
      if (error instanceof DuplicateDeliveryError) {
        return this.duplicateOutcome(envelope, error.record, (await this.readHead(caseId))?.state ?? state);
      }
      if (error instanceof ConcurrencyConflictError) return 'conflict';
      throw error;
    }
  }

  private async readHead(caseId: string): Promise<CaseHead | undefined> {
    const head = await this.log.readHead(caseId);
    if (head) this.remember(head);
    else this.knownHeads.delete(caseId);
    return head;
  }

  /** Keeps the newest head of a case (a few kilobytes each); the least recently used is forgotten first. */
  private remember(head: CaseHead): void {
    this.knownHeads.delete(head.caseId);
    this.knownHeads.set(head.caseId, head);
    if (this.knownHeads.size > REMEMBERED_HEADS) {
      const oldest = this.knownHeads.keys().next();
      if (oldest.done !== true) this.knownHeads.delete(oldest.value);
    }
  }

  /**
   * Spreads a completed case to another unit or municipality: records the diffusion on the source,
   * then opens the new case linked back to it. Each half carries its own delivery id derived from the
   * caller's, so a retry after a failure in between completes the missing half and repeats nothing.
   */
  async deriveCase(options: {
    sourceCaseId: string;
    open: Extract<CaseCommand, { type: 'OpenCase' }>;
    actorId: string;
    at: string;
    deliveryId: string;
  }): Promise<{ source: CommandOutcome; derived: CommandOutcome }> {
    const { sourceCaseId, open, actorId, at, deliveryId } = options;
    const source = await this.execute({
      caseId: sourceCaseId,
      command: {
        type: 'RecordDiffusion',
        toCaseId: open.caseId,
        ...(open.unit !== undefined && { unit: open.unit }),
        ...(open.municipality !== undefined && { municipality: open.municipality }),
      },
      actorId,
      at,
      deliveryId: `${deliveryId}:diffusion`,
    });
    const derived = await this.execute({
      caseId: open.caseId,
      command: { ...open, derivedFrom: sourceCaseId },
      actorId,
      at,
      deliveryId: `${deliveryId}:open`,
    });
    return { source, derived };
  }

  private async decideOrRecallDuplicate(
    envelope: CommandEnvelope,
    head: CaseHead | undefined,
  ): Promise<CommandOutcome | ReturnType<typeof decide>> {
    const { caseId, command, actorId, at, deliveryId } = envelope;
    try {
      let template;
      if (head) {
        template = this.templates.get(head.state.template);
      } else if (command.type === 'OpenCase') {
        if (command.caseId !== caseId) {
          throw refuse.invalidCommand(
            localized(
              'Sak-id-ene stemmer ikke overens.',
              'Sak-id-ane stemmer ikkje overeins.',
              'The case ids do not match.',
            ),
          );
        }
        template = this.templates.get(command.template);
      } else {
        throw refuse.caseNotFound(caseId);
      }
      const context = { actorId, at, template };
      // Taking part in the work makes the actor a member (the engine says which commands do), in the
      // same append: a refused command records no join either.
      if (!commandMakesMember(command.type) || !head || isParticipant(head.state, actorId)) {
        return decide(command, head?.state, context);
      }
      const joined = decide({ type: 'JoinCase' }, head.state, context);
      let member = head.state;
      joined.events.forEach((event, i) => (member = evolve(member, event, head.version + i + 1)));
      const decided = decide(command, member, context);
      return {
        events: [...joined.events, ...decided.events],
        effects: [...joined.effects, ...decided.effects],
      };
    } catch (error) {
      // A refusal may only mean the first delivery already changed the case (a second "approve" after
      // the gate passed): an older delivery than the head remembers is found through its own row.
      if (isDomainError(error) && deliveryId !== undefined && head) {
        const record = await this.log.findDelivery(caseId, deliveryId);
        if (record) return this.duplicateOutcome(envelope, record, head.state);
      }
      throw error;
    }
  }

  /**
   * The first outcome of a redelivered command. A delivery id recorded with another fingerprint is not a
   * redelivery but a reused id (a forged or broken client): refused, so nobody is told "saved" for
   * something that was not stored.
   */
  private async duplicateOutcome(
    envelope: CommandEnvelope,
    record: DeliveryRecord,
    state: CaseState,
  ): Promise<CommandOutcome> {
    const { caseId } = envelope;
    if (
      record.fingerprint !== undefined &&
      envelope.deliveryFingerprint !== undefined &&
      record.fingerprint !== envelope.deliveryFingerprint
    ) {
      throw new DeliveryReusedError(record.deliveryId);
    }
    const events: StoredEvent[] = [];
    for await (const stored of this.log.readEvents(caseId, {
      fromSeq: record.firstSeq,
      toSeq: record.lastSeq,
    })) {
      events.push(stored);
    }
    return { caseId, state, events, effects: [], outbox: [], operationId: '', duplicate: true };
  }
}
