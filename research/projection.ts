/**
 * The one pass every export makes: for each case in scope, read its stored events in order (streamed
 * by the log, up to the version the export started from) and project them through a `CaseTracker`.
 * Formats consume the resulting `ExportItem`s as they come; nothing holds more than one event of the log
 * at a time, plus per-case state bounded by the template and the pseudonym table of the export.
 */
import type { Language } from '../engine/localized';
import type { ProcessTemplate } from '../engine/template';
import type { TemplateCatalog } from '../engine/templateCatalog';
import type { EventLog, StoredEvent } from '../storage/eventLog';
import { CaseTracker } from './caseTracker';
import type { CaseToExport, ExportItem, ExportMeta, ExportSession, TemplateLabels } from './exportModel';
import type { ParticipantEntry, Pseudonymiser } from './pseudonymiser';

export interface ExportProgress {
  casesDone: number;
  casesTotal: number;
  eventsDone: number;
  /** The sum of the cases' versions when the export started. */
  eventsTotal: number;
}

export interface ProjectionDependencies {
  log: Pick<EventLog, 'readEvents' | 'readHead'>;
  templates: TemplateCatalog;
  pseudonymiser: Pseudonymiser;
  /** Called every `progressEvery` events and after each case (the CLI prints it). */
  onProgress?: (progress: ExportProgress) => void;
  progressEvery?: number;
}

export class ExportProjection implements ExportSession {
  private readonly templatesMet = new Map<string, ProcessTemplate>();
  private readonly declinedByCase = new Map<string, string[]>();
  private prepared: Promise<void> | undefined;

  constructor(
    readonly meta: ExportMeta,
    private readonly cases: readonly CaseToExport[],
    private readonly deps: ProjectionDependencies,
  ) {}

  get language(): Language {
    return this.meta.language;
  }

  get eventsTotal(): number {
    return this.cases.reduce((sum, c) => sum + c.toSeq, 0);
  }

  participants(): ParticipantEntry[] {
    return this.deps.pseudonymiser.participants();
  }

  prepare(): Promise<void> {
    this.prepared ??= (async () => {
      for (const { caseId } of this.cases) {
        // Consent as it stands now (the head is at least as new as the export's `toSeq`): a "no" said
        // after the export was planned is honoured too.
        const declined = (await this.deps.log.readHead(caseId))?.state.researchDeclined ?? [];
        this.declinedByCase.set(caseId, declined);
        await this.deps.pseudonymiser.ensure(declined);
      }
    })();
    return this.prepared;
  }

  withheldParticipants(): string[] {
    const p = this.deps.pseudonymiser;
    const people = new Set([...this.declinedByCase.values()].flat());
    return [...people]
      .map((personId) => ({ number: p.numberOf(personId), label: p.label(personId) }))
      .sort((a, b) => a.number - b.number)
      .map((entry) => entry.label);
  }

  templateLabels(): TemplateLabels[] {
    const language = this.language;
    return [...this.templatesMet.values()].map((template) => ({
      template: { id: template.id, version: template.version },
      title: template.title[language],
      stages: template.stages.map((stage) => ({
        id: stage.id,
        title: stage.title[language],
        requiresPoliticalDecision: stage.gate.requiresPoliticalDecision,
        prompts: stage.prompts.map((prompt) => ({ id: prompt.id, label: prompt.label[language] })),
      })),
      barrierCategories: template.barrierCategories.map((c) => ({ id: c.id, label: c.label[language] })),
      ideaSources: template.ideaSources.map((c) => ({ id: c.id, label: c.label[language] })),
    }));
  }

  async *items(): AsyncGenerator<ExportItem> {
    const { log, templates, pseudonymiser, onProgress } = this.deps;
    const every = this.deps.progressEvery ?? 1000;
    const progress: ExportProgress = {
      casesDone: 0,
      casesTotal: this.cases.length,
      eventsDone: 0,
      eventsTotal: this.eventsTotal,
    };
    await this.prepare();
    let current: CaseReading | undefined;
    let ahead: CaseReading | undefined;
    try {
      for (const [index, { caseId, toSeq }] of this.cases.entries()) {
        current = ahead ?? startReading(log, caseId, toSeq);
        ahead = undefined;
        const following = this.cases[index + 1];
        const declined = this.declinedByCase.get(caseId) ?? [];
        const tracker = new CaseTracker(caseId, templates, pseudonymiser, { declined });
        let started = false;
        for (let step = await current.first; step.done !== true; step = await current.events.next()) {
          const stored = step.value;
          // The next case's first page is asked for while this case's last one is worked through, so
          // storage answers meanwhile (within a case, the log reads its next page ahead itself).
          if (following !== undefined && ahead === undefined && toSeq - stored.seq < READ_AHEAD_EVENTS) {
            ahead = startReading(log, following.caseId, following.toSeq);
          }
          // Someone the directory never saw (an id only in this event) is numbered before it is shown.
          const named = CaseTracker.peopleIn(stored);
          if (pseudonymiser.needsNumbers(named)) await pseudonymiser.ensure(named);
          const event = tracker.apply(stored);
          if (!started) {
            const header = tracker.caseHeader;
            if (header === undefined) throw new Error(`Case ${caseId} does not start with CaseOpened`);
            const template = templates.get(header.template);
            this.templatesMet.set(`${template.id}@${template.version}`, template);
            yield { kind: 'caseStart', header };
            started = true;
          }
          yield { kind: 'event', event };
          progress.eventsDone += 1;
          if (onProgress && progress.eventsDone % every === 0) onProgress({ ...progress });
        }
        current = undefined;
        progress.casesDone += 1;
        if (!started) continue; // the case has no events (removed since the export was planned)
        tracker.expectEnd(toSeq);
        yield { kind: 'caseEnd', summary: tracker.summary() };
        onProgress?.({ ...progress });
      }
    } finally {
      // Abandoned or failed: the case being read and one read ahead are ended (an async generator
      // queues `return` after a step still under way).
      for (const reading of [current, ahead]) void reading?.events.return?.().catch(() => undefined);
    }
  }
}

/** Events of a case before its end within which the next case's reading starts (about one page). */
const READ_AHEAD_EVENTS = 1000;

/** A case's events being read: the iterator, and its first step already asked for. */
interface CaseReading {
  events: AsyncIterator<StoredEvent>;
  first: Promise<IteratorResult<StoredEvent>>;
}

function startReading(log: ProjectionDependencies['log'], caseId: string, toSeq: number): CaseReading {
  const events = log.readEvents(caseId, { toSeq })[Symbol.asyncIterator]();
  const first = events.next();
  // Awaited when the case's turn comes; until then a failure must not count as unhandled.
  first.catch(() => undefined);
  return { events, first };
}
