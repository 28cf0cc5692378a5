/**
 * Reminders: the timer (functions/reminders.ts) calls `runReminders` every half hour. For each active case
 * in the case directory it reads the case and asks the engine whether a reminder is due
 * (`reminderDue`: an idle stage, or a gate waiting too long for its deciders; never for a paused, stopped
 * or completed case, and at most one a day). A due reminder is recorded through `CaseService` as
 * `RecordReminder` by `system:reminders`, then posted to the case's conversation: an idle reminder names
 * the stage's next open question, a pending-gate reminder @mentions the deciders who have not approved.
 *
 * Why record first, then send. Recording is the decision "this case gets today's reminder"; its delivery
 * id `reminder:<caseId>:<UTC date>` makes a second recording the same day (a second timer run, an
 * overlapping run on another instance) a duplicate that records nothing and is not sent again. The
 * other order would send first and record after: a crash or a storage error in between leaves no trace,
 * and the next run, half an hour later, sends the same reminder again, every half hour for as long as
 * the recording keeps failing. For a nudge, at most once is the right guarantee: a reminder that could
 * not be delivered stays in the log (it was decided, and researchers can see it), its failure is
 * logged, and the next one comes tomorrow.
 *
 * Cases are handled one after the other: the Bot Connector limits how fast a bot may write, and the few
 * dozen cases of a municipality take seconds this way.
 */
import type { CaseService } from '../application/caseService';
import {
  isDomainError,
  reminderDue,
  type CaseState,
  type Localized,
  type ProcessTemplate,
  type ReminderSent,
  type StageDefinition,
  type TemplateCatalog,
} from '../engine';
import type { ConversationStore } from '../storage/conversationStore';
import { StorageUnavailableError, type EventLog } from '../storage/eventLog';
import type { PeopleDirectory, Person } from '../storage/peopleDirectory';
import type { BotLogger } from './botAdapter';
import { texts } from './botTexts';
import {
  mentionTag,
  ProactiveDeliveryError,
  sendProactive,
  type ProactiveAdapter,
  type ProactiveMention,
  type ProactiveMessage,
  type ProactiveRetryOptions,
} from './proactive';

/** The actor reminders are recorded under, so the log tells them apart from people's actions. */
export const REMINDER_ACTOR = 'system:reminders';

export interface ReminderLogger extends BotLogger {
  info(message: string, details?: Readonly<Record<string, unknown>>): void;
}

export interface ReminderDependencies {
  log: Pick<EventLog, 'listCases'>;
  cases: Pick<CaseService, 'getCase' | 'execute'>;
  templates: TemplateCatalog;
  conversations: Pick<ConversationStore, 'get'>;
  people: Pick<PeopleDirectory, 'getPeople'>;
  adapter: ProactiveAdapter;
  /** The bot's app id ('' when anonymous). */
  appId: string;
  retry?: ProactiveRetryOptions;
  logger?: ReminderLogger;
}

export type ReminderKind = ReminderSent['kind'];

export interface ReminderReport {
  /** Active cases looked at. */
  checked: number;
  /** Reminders recorded and delivered. */
  sent: { caseId: string; kind: ReminderKind; activityId?: string }[];
  /** Reminders recorded but not delivered (they stay in the log; see the module comment). */
  undelivered: { caseId: string; kind: ReminderKind; reason: string }[];
  /** Cases that could not be looked at because of an unexpected error (logged). */
  failed: { caseId: string; reason: string }[];
}

const consoleReminderLogger: ReminderLogger = {
  info: (message, details) => console.log(message, details ?? {}),
  warn: (message, details) => console.warn(message, details ?? {}),
  error: (message, details) => console.error(message, details ?? {}),
};

/** The delivery id of a case's reminder on the (UTC) day of `at`: the same for every run that day. */
export function reminderDeliveryId(caseId: string, at: string): string {
  return `reminder:${caseId}:${at.slice(0, 10)}`;
}

export async function runReminders(deps: ReminderDependencies, now: Date): Promise<ReminderReport> {
  const logger = deps.logger ?? consoleReminderLogger;
  const at = now.toISOString();
  const report: ReminderReport = { checked: 0, sent: [], undelivered: [], failed: [] };
  // The directory is read to the end first: sending while paging would hold its continuation open for
  // the duration of every send.
  const caseIds: string[] = [];
  for await (const summary of deps.log.listCases({ status: 'active' })) caseIds.push(summary.caseId);

  for (const caseId of caseIds) {
    report.checked += 1;
    try {
      await remindCase(deps, logger, caseId, at, report);
    } catch (error) {
      // Storage down: every other case would fail the same way; stop, the next run tries again.
      if (error instanceof StorageUnavailableError) throw error;
      logger.error('reminders: a case could not be handled', { caseId, error });
      report.failed.push({ caseId, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  logger.info('reminders: run finished', {
    at,
    checked: report.checked,
    sent: report.sent.length,
    undelivered: report.undelivered.length,
    failed: report.failed.length,
  });
  return report;
}

async function remindCase(
  deps: ReminderDependencies,
  logger: ReminderLogger,
  caseId: string,
  at: string,
  report: ReminderReport,
): Promise<void> {
  // The directory is a copy and may lag: the head decides (a case paused a moment ago gets nothing).
  const state = await deps.cases.getCase(caseId);
  if (!state) return;
  const template = deps.templates.get(state.template);
  const kind = reminderDue(state, template, at);
  if (kind === undefined) return;

  let outcome;
  try {
    outcome = await deps.cases.execute({
      caseId,
      command: { type: 'RecordReminder', kind },
      actorId: REMINDER_ACTOR,
      at,
      deliveryId: reminderDeliveryId(caseId, at),
    });
  } catch (error) {
    // The case changed between the read and the recording (someone answered, a manager paused it, another
    // run recorded the reminder first): the engine says no reminder now, and that is the answer.
    if (!isDomainError(error)) throw error;
    logger.info('reminders: not recorded, the case changed meanwhile', { caseId, kind, code: error.code });
    return;
  }
  // Recorded by an earlier run today: that run sent it (or logged why not). Never send twice.
  if (outcome.duplicate) return;
  const event = outcome.events
    .map((stored) => stored.event)
    .find((e): e is ReminderSent => e.type === 'ReminderSent');
  if (!event) return;

  const record = await deps.conversations.get(state.conversationId);
  if (!record) {
    logger.warn('reminders: recorded, but the conversation has no stored reference to send to', {
      caseId,
      conversationId: state.conversationId,
      kind: event.kind,
    });
    report.undelivered.push({ caseId, kind: event.kind, reason: 'no conversation reference' });
    return;
  }
  const people = await deps.people.getPeople(event.personIds);
  const message = reminderMessage(outcome.state, template, event, people);
  try {
    const { activityId } = await sendProactive(deps.adapter, deps.appId, record.reference, message, {
      ...deps.retry,
      log: deps.retry?.log ?? logger,
    });
    report.sent.push({ caseId, kind: event.kind, ...(activityId !== undefined && { activityId }) });
  } catch (error) {
    if (!(error instanceof ProactiveDeliveryError)) throw error;
    logger.error('reminders: recorded, but could not be delivered; the next reminder comes tomorrow', {
      caseId,
      kind: event.kind,
      attempts: error.attempts,
      status: error.status,
      error,
    });
    report.undelivered.push({ caseId, kind: event.kind, reason: error.message });
  }
}

/** The chat message for a recorded reminder, in the case's language. */
export function reminderMessage(
  state: CaseState,
  template: ProcessTemplate,
  event: ReminderSent,
  people: ReadonlyMap<string, Person>,
): ProactiveMessage {
  const language = state.language;
  const stage = stageOf(template, event.stageId);
  if (event.kind === 'idleStage') {
    const prompt = stage.prompts.find((p) => p.required && state.answers[p.id] === undefined);
    return { text: texts.reminderIdle(stage.title, prompt?.label)[language] };
  }
  const mentions: ProactiveMention[] = [];
  let unnamed = 0;
  for (const personId of event.personIds) {
    const person = people.get(personId);
    // Erased or never seen: no name to show and nobody to notify; the neutral words stand in.
    if (person?.displayName === undefined || person.erasedAt !== undefined) unnamed += 1;
    else mentions.push({ id: person.teamsUserId ?? personId, name: person.displayName });
  }
  const addressees = [
    ...mentions.map((m) => mentionTag(m.name)),
    ...(unnamed > 0 ? [someManagers(unnamed)[language]] : []),
  ];
  const since = state.gate?.requestedAt ?? state.updatedAt;
  return {
    text: texts.reminderPendingGate(stage.title, formatDate(since), listOf(addressees))[language],
    mentions,
  };
}

function someManagers(count: number): Localized {
  return count === 1
    ? { nb: 'en leder', en: 'a manager' }
    : { nb: `${count} ledere`, en: `${count} managers` };
}

function listOf(items: readonly string[]): Localized {
  return {
    nb: new Intl.ListFormat('nb', { type: 'conjunction' }).format(items),
    en: new Intl.ListFormat('en', { type: 'conjunction' }).format(items),
  };
}

/** A calendar date as people in Norway read it (Oslo time), in both languages. */
function formatDate(iso: string): Localized {
  const date = new Date(iso);
  return {
    nb: new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(date),
    en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(date),
  };
}

function stageOf(template: ProcessTemplate, stageId: string): StageDefinition {
  const stage = template.stages.find((s) => s.id === stageId);
  if (!stage) throw new Error(`Stage ${stageId} is not in template ${template.id}@${template.version}`);
  return stage;
}
