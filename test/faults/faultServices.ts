/**
 * The app's services on Azurite, wired as production wires them (runtime/bot.ts), but in tables named by
 * the test and with hooks around the log's `append`, so a fault can be injected at an exact point of a
 * turn: before the transaction (the outage hits after the head was read), after it (the outage or a
 * crash hits between the append and the reply), or a delay (a slow turn Teams redelivers).
 *
 * No vitest imports here: the child process of the crash test (fixtures/crashingTurn.ts) builds the
 * same services from the same table names.
 */
import { randomUUID } from 'node:crypto';
import { CaseService } from '../../application/caseService';
import { builtInTemplates } from '../../engine';
import type { AppServices } from '../../runtime/bot';
import { createTableClient } from '../../runtime/tables';
import type {
  AppendRequest,
  AppendResult,
  CaseFilter,
  DeliveryRecord,
  EventLog,
  OutboxItem,
  OutboxSettlement,
  EffectSettlement,
  StoredEvent,
  VerifyReport,
} from '../../storage/eventLog';
import type { CaseHead } from '../../storage/eventLog';
import type { CaseSummary } from '../../engine';
import { TableConversationStore } from '../../storage/tableConversationStore';
import { TableEventLog } from '../../storage/tableEventLog';
import { TablePeopleDirectory } from '../../storage/tablePeopleDirectory';

/** The four tables the app writes, by name. */
export interface FaultTables {
  events: string;
  directory: string;
  conversations: string;
  people: string;
}

export function freshTables(): FaultTables {
  const name = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  return {
    events: name('fev'),
    directory: name('fdir'),
    conversations: name('fconv'),
    people: name('fppl'),
  };
}

/** Called around each append; a hook may throw, wait, stop storage or end the process. */
export interface AppendHooks {
  before?: (request: AppendRequest) => Promise<void>;
  after?: (request: AppendRequest, result: AppendResult) => Promise<void>;
}

/** An `EventLog` that runs hooks around `append` and passes everything else through unchanged. */
export class HookedEventLog implements EventLog {
  hooks: AppendHooks = {};
  /** Appends asked for, and those storage accepted (a lost race or an outage is the difference). */
  attempted = 0;
  appended = 0;
  /** The accepted appends, in order. */
  readonly accepted: AppendRequest[] = [];

  constructor(readonly inner: EventLog) {}

  readHead(caseId: string): Promise<CaseHead | undefined> {
    return this.inner.readHead(caseId);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    this.attempted += 1;
    await this.hooks.before?.(request);
    const result = await this.inner.append(request);
    this.appended += 1;
    this.accepted.push(request);
    await this.hooks.after?.(request, result);
    return result;
  }

  readEvents(caseId: string, range?: { fromSeq?: number; toSeq?: number }): AsyncIterable<StoredEvent> {
    return this.inner.readEvents(caseId, range);
  }

  findDelivery(caseId: string, deliveryId: string): Promise<DeliveryRecord | undefined> {
    return this.inner.findDelivery(caseId, deliveryId);
  }

  verify(caseId: string): Promise<VerifyReport> {
    return this.inner.verify(caseId);
  }

  listCases(filter?: CaseFilter): AsyncIterable<CaseSummary> {
    return this.inner.listCases(filter);
  }

  pendingEffects(caseId: string): Promise<OutboxItem[]> {
    return this.inner.pendingEffects(caseId);
  }

  claimEffect(item: OutboxItem, owner: string, leaseUntil: string): Promise<OutboxItem | undefined> {
    return this.inner.claimEffect(item, owner, leaseUntil);
  }

  settleEffect(item: OutboxItem, settlement: OutboxSettlement): Promise<void> {
    return this.inner.settleEffect(item, settlement);
  }

  settleEffects(settlements: readonly EffectSettlement[]): Promise<void> {
    return this.inner.settleEffects(settlements);
  }
}

export interface FaultServices extends AppServices {
  log: HookedEventLog;
}

export interface FaultServicesOptions {
  clock?: () => Date;
}

export function faultServices(
  connectionString: string,
  tables: FaultTables,
  options: FaultServicesOptions = {},
): FaultServices {
  // The clients production uses: the SDK's retries and the per-call deadline as configured in Azure.
  const table = (name: string) => createTableClient(connectionString, name);
  const log = new HookedEventLog(
    new TableEventLog(table(tables.events), table(tables.directory), () => undefined),
  );
  const templates = builtInTemplates();
  return {
    // No sleeping between conflict retries: the tests race on purpose and want it quick.
    cases: new CaseService({ log, templates, sleep: () => Promise.resolve() }),
    log,
    templates,
    conversations: new TableConversationStore(table(tables.conversations)),
    people: new TablePeopleDirectory(table(tables.people)),
    clock: options.clock ?? (() => new Date()),
  };
}
