/**
 * The research API's use cases, free of HTTP: list the cases a researcher may read, show one, export one
 * or many in any format, verify a case's hash chain, and record research memos.
 *
 * Who may read what — one rule, checked here for every use case:
 *   1. the caller's token carries the researcher app role (RESEARCHER_APP_ROLE, "Research.Read"), and
 *   2. the caller (token `oid`, the person id the bot records) holds the `researcher` role in the case.
 * The app role alone grants no case: research access is given and taken back per case by its owner in
 * the chat (`forsker @navn` / `fjern forsker @navn`), so a project group always knows who reads its log.
 * Real names additionally need REAL_NAMES_APP_ROLE and an explicit `names=real`.
 *
 * Every export is recorded in the export audit before its first byte (see storage/exportAudit.ts for why
 * not in the case log); if the record cannot be written, the export does not start.
 *
 * Why this file is longer than 400 lines: every use case of the research API applies the same access
 * rule, limits and audit, and they are kept in one place so the rule cannot be applied differently by one
 * of them.
 */
import type { CaseService } from '../application/caseService';
import type { ResearchCaller } from '../auth/researchCaller';
import type { ResearchSettings } from '../config/settings';
import type { CaseEvent } from '../engine/events';
import {
  hasDeclinedResearch,
  hasRole,
  peopleInState,
  type CaseState,
  type CaseSummary,
} from '../engine/state';
import type { TemplateCatalog } from '../engine/templateCatalog';
import {
  changedSince,
  directoryUpdatedFrom,
  type CaseFilter,
  type EventLog,
  type VerifyReport,
} from '../storage/eventLog';
import type { ExportAudit } from '../storage/exportAudit';
import type { PeopleDirectory } from '../storage/peopleDirectory';
import type { PseudonymStore } from '../storage/pseudonymStore';
import type { CaseToExport, ExportMeta } from './exportModel';
import { FORMATS } from './exporters';
import type { NamesMode, Pseudonymiser } from './pseudonymiser';
import type { SpoolFactory } from './qdpx/spool';
import { stageTitle } from './render';
import { researchRefusals } from './researchRefusals';
import type { CaseQuery, ExportRequest, ListRequest } from './researchRequests';
import { openPseudonymiser, prepareExport } from './runExport';
import { personIdsIn } from './pseudonymiseEvent';
import { OUTCOME_NAMES, STATUS_NAMES } from './vocabulary';
import type { Language } from '../engine/localized';
import { LIMITS } from '../engine/answers';

export interface ResearchServiceDependencies {
  log: EventLog;
  people: PeopleDirectory;
  /** The installation's pseudonym secret and numbers: one person, one pseudonym, on every route. */
  pseudonyms: PseudonymStore;
  templates: TemplateCatalog;
  cases: Pick<CaseService, 'execute'>;
  audit: ExportAudit;
  spools: SpoolFactory;
  settings: Pick<
    ResearchSettings,
    'researcherAppRole' | 'realNamesAppRole' | 'maxExportCases' | 'maxExportEvents' | 'timeZone'
  >;
  clock: () => Date;
  newId: () => string;
  /** Names the application and its version in exports. */
  generator: string;
}

/** A case as the list shows it; free text pseudonymised like in an export. */
export interface ResearchCaseItem {
  caseId: string;
  name: string;
  title: string;
  unit?: string;
  municipality?: string;
  template: { id: string; version: number };
  status: string;
  statusName: string;
  currentStage: { id: string; title: string };
  openedAt: string;
  updatedAt: string;
  /** How many events the log holds. */
  events: number;
  gatePending: boolean;
}

export interface StartedExport {
  meta: ExportMeta;
  contentType: string;
  fileName: string;
  body: AsyncIterable<Uint8Array>;
}

export interface MemoRequest {
  text: string;
  aboutSeq?: number;
}

export class ResearchService {
  constructor(private readonly deps: ResearchServiceDependencies) {}

  async listCases(
    caller: ResearchCaller,
    request: ListRequest,
    language: Language = 'nb',
  ): Promise<{ cases: ResearchCaseItem[]; truncated: boolean }> {
    this.requireResearcher(caller);
    const found: { summary: CaseSummary; state: CaseState }[] = [];
    let truncated = false;
    for await (const { summary, state } of this.readableCases(caller, request)) {
      if (found.length === request.limit) {
        truncated = true;
        break;
      }
      found.push({ summary, state });
    }
    const p = await this.pseudonymiser(
      language,
      'pseudonymised',
      found.flatMap(({ state }) => peopleInState(state)),
    );
    return { cases: found.map(({ state }) => this.caseItem(state, p, language)), truncated };
  }

  /** One case as it stands: stages, roles, recent decisions, counts (pseudonymised unless allowed). */
  async caseSummary(
    caller: ResearchCaller,
    caseId: string,
    names: NamesMode,
    language: Language,
  ): Promise<Record<string, unknown>> {
    this.requireResearcher(caller);
    this.requireNamesAllowed(caller, names);
    const state = await this.readableCase(caller, caseId);
    const p = await this.pseudonymiser(language, names, peopleInState(state));
    const template = this.deps.templates.get(state.template);
    // Someone who declined research use: the reasons and conditions they wrote are withheld here too.
    const by = (personId: string, text: string): string =>
      hasDeclinedResearch(state, personId) ? p.withheld : p.text(text);
    return {
      case: this.caseItem(state, p, language),
      stages: template.stages.map((stage) => {
        const progress = state.stages[stage.id];
        return {
          id: stage.id,
          title: stage.title[language],
          status: progress?.status ?? 'ahead',
          round: progress?.round ?? 0,
          ...(progress?.enteredAt !== undefined && { enteredAt: progress.enteredAt }),
          ...(progress?.passedAt !== undefined && { passedAt: progress.passedAt }),
        };
      }),
      participants: Object.entries(state.roles).map(([personId, roles]) => ({
        participant: p.label(personId),
        roles: p.roleNames(roles),
      })),
      recentDecisions: state.recentDecisions.map((decision) => ({
        outcome: decision.outcome,
        outcomeName: OUTCOME_NAMES[decision.outcome][language],
        stageId: decision.stageId,
        stage: stageTitle(template, decision.stageId, language),
        round: decision.round,
        at: decision.at,
        seq: decision.seq,
        deciders: decision.deciderIds.map((id) => p.label(id)),
        ...(decision.reason !== undefined && {
          reason: by(decision.deciderIds[0] ?? '', decision.reason),
        }),
        ...(decision.conditions !== undefined && {
          conditions: decision.conditions.map((c) =>
            decision.deciderIds.some((id) => hasDeclinedResearch(state, id)) ? p.withheld : p.text(c),
          ),
        }),
        ...(decision.toStageId !== undefined && { toStageId: decision.toStageId }),
      })),
      ...(state.pause && {
        pause: {
          at: state.pause.at,
          by: p.label(state.pause.by),
          reason: by(state.pause.by, state.pause.reason),
        },
      }),
      ...(state.stop && {
        stop: { at: state.stop.at, by: p.label(state.stop.by), reason: by(state.stop.by, state.stop.reason) },
      }),
      ...(state.completedAt !== undefined && { completedAt: state.completedAt }),
      counts: state.counts,
      ...(state.derivedFrom !== undefined && { derivedFrom: state.derivedFrom }),
      derivedTo: state.derivedTo,
      researchDeclined: (state.researchDeclined ?? []).map((id) => p.label(id)),
      names,
    };
  }

  /**
   * Resolves the scope, checks it is within one request's limits, records the export, and returns its
   * bytes as a stream. Nothing is read from the log until the caller reads the body.
   */
  async startExport(caller: ResearchCaller, request: ExportRequest): Promise<StartedExport> {
    this.requireResearcher(caller);
    this.requireNamesAllowed(caller, request.names);
    const cases = await this.exportScope(caller, request);
    const events = cases.reduce((sum, c) => sum + c.toSeq, 0);
    const { maxExportCases, maxExportEvents } = this.deps.settings;
    if (cases.length > maxExportCases || events > maxExportEvents) {
      throw researchRefusals.exportTooLarge(
        { cases: cases.length, events },
        { cases: maxExportCases, events: maxExportEvents },
      );
    }
    const meta: ExportMeta = {
      exportId: this.deps.newId(),
      createdAt: this.deps.clock().toISOString(),
      format: request.format,
      language: request.language,
      names: request.names,
      scope: {
        caseIds: cases.map((c) => c.caseId),
        ...(request.caseIds === undefined && { filter: filterRecord(request.filter) }),
      },
      generator: this.deps.generator,
      timeZone: this.deps.settings.timeZone,
    };
    await this.deps.audit.record({
      exportId: meta.exportId,
      at: meta.createdAt,
      requestedBy: caller.personId,
      via: 'api',
      format: meta.format,
      names: meta.names,
      language: meta.language,
      scope: meta.scope,
      eventCount: events,
    });
    const prepared = await prepareExport(meta, cases, this.deps);
    const format = FORMATS[meta.format];
    return {
      meta,
      contentType: format.contentType,
      fileName: `research-export-${meta.createdAt.slice(0, 10)}-${meta.exportId.slice(0, 8)}.${format.extension}`,
      body: prepared.body,
    };
  }

  async verify(caller: ResearchCaller, caseId: string): Promise<VerifyReport> {
    this.requireResearcher(caller);
    await this.readableCase(caller, caseId);
    return this.deps.log.verify(caseId);
  }

  /** Records a memo through the case service: it becomes an event; the annotated event is unchanged. */
  async addMemo(
    caller: ResearchCaller,
    caseId: string,
    memo: MemoRequest,
  ): Promise<{ memoId: string; seq: number; at: string }> {
    this.requireResearcher(caller);
    await this.readableCase(caller, caseId);
    const memoId = `memo-${this.deps.newId()}`.slice(0, 64);
    const at = this.deps.clock().toISOString();
    const outcome = await this.deps.cases.execute({
      caseId,
      command: {
        type: 'RecordMemo',
        memoId,
        text: memo.text,
        ...(memo.aboutSeq !== undefined && { aboutSeq: memo.aboutSeq }),
      },
      actorId: caller.personId,
      at,
    });
    const stored = outcome.events.find((event) => event.event.type === 'MemoRecorded');
    return { memoId, seq: stored?.seq ?? outcome.state.version, at };
  }

  /** The case's memos, oldest first, pseudonymised. */
  async listMemos(
    caller: ResearchCaller,
    caseId: string,
    language: Language,
  ): Promise<Record<string, unknown>[]> {
    this.requireResearcher(caller);
    const state = await this.readableCase(caller, caseId);
    const p = await this.pseudonymiser(language, 'pseudonymised', peopleInState(state));
    const memos: Record<string, unknown>[] = [];
    for await (const stored of this.deps.log.readEvents(caseId, { toSeq: state.version })) {
      const event: CaseEvent = stored.event;
      if (event.type !== 'MemoRecorded') continue;
      await p.ensure(personIdsIn(event));
      memos.push({
        memoId: event.memoId,
        seq: stored.seq,
        at: event.at,
        by: p.label(event.actorId),
        text: hasDeclinedResearch(state, event.actorId) ? p.withheld : p.text(event.text),
        ...(event.aboutSeq !== undefined && { aboutSeq: event.aboutSeq }),
      });
    }
    return memos;
  }

  private requireResearcher(caller: ResearchCaller): void {
    const role = this.deps.settings.researcherAppRole;
    if (!caller.appRoles.includes(role)) throw researchRefusals.researcherRoleMissing(role);
  }

  private requireNamesAllowed(caller: ResearchCaller, names: NamesMode): void {
    const role = this.deps.settings.realNamesAppRole;
    if (names === 'real' && !caller.appRoles.includes(role)) throw researchRefusals.realNamesNotAllowed(role);
  }

  /** The case's state, if it exists (404) and the caller holds its researcher role (403). */
  private async readableCase(caller: ResearchCaller, caseId: string): Promise<CaseState> {
    const head = await this.deps.log.readHead(caseId);
    if (!head) throw researchRefusals.caseNotFound(caseId);
    if (!hasRole(head.state, caller.personId, 'researcher')) throw researchRefusals.noAccessToCase(caseId);
    return head.state;
  }

  /**
   * The directory's cases that match the query and that the caller may read, oldest first within each
   * directory page. Each is confirmed on its head (the truth), which also gives its current version.
   */
  private async *readableCases(
    caller: ResearchCaller,
    query: CaseQuery,
  ): AsyncGenerator<{ summary: CaseSummary; state: CaseState }> {
    const filter: CaseFilter = {
      ...(query.status !== undefined && { status: query.status }),
      ...(query.templateId !== undefined && { templateId: query.templateId }),
      ...(query.unit !== undefined && { unit: query.unit }),
      ...(query.from !== undefined && { updatedFrom: directoryUpdatedFrom(query.from) }),
    };
    for await (const summary of this.deps.log.listCases(filter)) {
      if (query.to !== undefined && summary.openedAt >= query.to) continue;
      const head = await this.deps.log.readHead(summary.caseId);
      if (!head || !hasRole(head.state, caller.personId, 'researcher')) continue;
      if (query.from !== undefined && !changedSince(head.state, query.from)) continue;
      yield { summary, state: head.state };
    }
  }

  private async exportScope(caller: ResearchCaller, request: ExportRequest): Promise<CaseToExport[]> {
    const limit = this.deps.settings.maxExportCases;
    if (request.caseIds !== undefined) {
      if (request.caseIds.length > limit) {
        throw researchRefusals.exportTooLarge(
          { cases: request.caseIds.length, events: 0 },
          { cases: limit, events: this.deps.settings.maxExportEvents },
        );
      }
      const cases: CaseToExport[] = [];
      for (const caseId of request.caseIds) {
        const state = await this.readableCase(caller, caseId);
        cases.push({ caseId, toSeq: state.version });
      }
      return cases;
    }
    const found: { caseId: string; toSeq: number; openedAt: string }[] = [];
    let total = 0;
    for await (const { summary, state } of this.readableCases(caller, request.filter)) {
      found.push({ caseId: summary.caseId, toSeq: state.version, openedAt: state.openedAt });
      total += state.version;
      // One past the limit is enough to refuse; reading on would only cost time.
      if (found.length > limit) {
        throw researchRefusals.exportTooLarge(
          { cases: found.length, events: total },
          { cases: limit, events: this.deps.settings.maxExportEvents },
        );
      }
    }
    found.sort((a, b) =>
      a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.caseId < b.caseId ? -1 : 1,
    );
    return found.map(({ caseId, toSeq }) => ({ caseId, toSeq }));
  }

  private pseudonymiser(
    language: Language,
    names: NamesMode,
    personIds: Iterable<string> = [],
  ): Promise<Pseudonymiser> {
    return openPseudonymiser(this.deps, language, names, personIds);
  }

  private caseItem(state: CaseState, p: Pseudonymiser, language: Language): ResearchCaseItem {
    const template = this.deps.templates.get(state.template);
    const title = p.text(state.title);
    return {
      caseId: state.caseId,
      name: `${title} (${state.caseId})`,
      title,
      ...(state.unit !== undefined && { unit: p.text(state.unit) }),
      ...(state.municipality !== undefined && { municipality: p.text(state.municipality) }),
      template: state.template,
      status: state.status,
      statusName: STATUS_NAMES[state.status][language],
      currentStage: { id: state.currentStageId, title: stageTitle(template, state.currentStageId, language) },
      openedAt: state.openedAt,
      updatedAt: state.updatedAt,
      events: state.version,
      gatePending: state.gate !== undefined,
    };
  }
}

function filterRecord(filter: CaseQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Checks a memo body from JSON: text required (within the engine's limit), aboutSeq a positive integer. */
export function parseMemoBody(body: unknown): MemoRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw researchRefusals.invalidBody({
      nb: 'forventet et JSON-objekt med «text».',
      nn: 'venta eit JSON-objekt med «text».',
      en: 'expected a JSON object with "text".',
    });
  }
  const { text, aboutSeq } = body as { text?: unknown; aboutSeq?: unknown };
  if (typeof text !== 'string' || text.trim() === '') {
    throw researchRefusals.invalidBody({
      nb: '«text» må være en tekst som ikke er tom.',
      nn: '«text» må vere ein tekst som ikkje er tom.',
      en: '"text" must be a non-empty string.',
    });
  }
  if (text.length > LIMITS.memo) {
    throw researchRefusals.invalidBody({
      nb: `«text» kan ha høyst ${LIMITS.memo} tegn.`,
      nn: `«text» kan ha høgst ${LIMITS.memo} teikn.`,
      en: `"text" may hold at most ${LIMITS.memo} characters.`,
    });
  }
  if (
    aboutSeq !== undefined &&
    !(typeof aboutSeq === 'number' && Number.isInteger(aboutSeq) && aboutSeq >= 1)
  ) {
    throw researchRefusals.invalidBody({
      nb: '«aboutSeq» må være et positivt heltall.',
      nn: '«aboutSeq» må vere eit positivt heiltal.',
      en: '"aboutSeq" must be a positive integer.',
    });
  }
  return { text, ...(typeof aboutSeq === 'number' && { aboutSeq }) };
}
