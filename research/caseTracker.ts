/**
 * Follows one case through its stored events, in order, and projects each one for export: it folds the
 * events with the engine's own `evolve` (so roles and rounds are exactly what the bot saw at that
 * moment), checks the hash chain as it goes, keeps the latest rendered answer of each prompt (to show a
 * gate decision's basis as it stood), and counts what the case sheet reports.
 *
 * Memory per case is bounded by the process template, not by the log: one state, one rendered answer per
 * prompt, one political decision per stage, and one entry per stage visit.
 */
import type { CaseEvent, DocumentationBasis } from '../engine/events';
import type { Language } from '../engine/localized';
import { roleName } from '../engine/refusals';
import { evolve, type CaseState } from '../engine/state';
import type { CaseRole, ProcessTemplate } from '../engine/template';
import type { TemplateCatalog } from '../engine/templateCatalog';
import { eventRowKey, GENESIS_HASH, type StoredEvent } from '../storage/eventLog';
import { eventHash } from '../storage/hashChain';
import type {
  CaseCounts,
  CaseHeader,
  CaseSummaryView,
  ChainCheck,
  ProjectedEvent,
  ResolvedBasis,
  StageVisit,
} from './exportModel';
import { pseudonymiseEvent } from './pseudonymiseEvent';
import { isSystemActor, type Pseudonymiser } from './pseudonymiser';
import { categoryLabel, findPrompt, renderAnswer, renderPoliticalDecision, stageTitle } from './render';
import { word, type DecisionOutcome } from './vocabulary';

const DAY_MS = 86_400_000;

interface RenderedRevision {
  revision: number;
  text: string;
}

export class CaseTracker {
  private state: CaseState | undefined;
  private template: ProcessTemplate | undefined;
  private header: CaseHeader | undefined;
  private previousSeq = 0;
  private previousHash = GENESIS_HASH;
  private readonly chain: ChainCheck = { ok: true, checked: 0 };
  private readonly answers = new Map<string, RenderedRevision>();
  private readonly politicalDecisions = new Map<string, RenderedRevision>();
  private readonly visits: Omit<StageVisit, 'days'>[] = [];
  private lastEventAt = '';
  private stoppedAt: string | undefined;
  private readonly counts: CaseCounts = {
    events: 0,
    answers: 0,
    politicalDecisions: 0,
    gateReviews: 0,
    approvals: 0,
    sendBacks: 0,
    pauses: 0,
    stops: 0,
    ideas: 0,
    barriers: 0,
    memos: 0,
    reminders: 0,
  };

  constructor(
    readonly caseId: string,
    private readonly templates: TemplateCatalog,
    private readonly p: Pseudonymiser,
  ) {}

  private get language(): Language {
    return this.p.language;
  }

  /** Set once the first event (CaseOpened) has been applied. */
  get caseHeader(): CaseHeader | undefined {
    return this.header;
  }

  apply(stored: StoredEvent): ProjectedEvent {
    const { event, seq } = stored;
    const chainOk = this.checkChain(stored);
    const before = this.state;
    this.state = evolve(this.state, event, seq);
    const state = this.state;
    this.template ??= this.templates.get(state.template);
    const template = this.template;
    this.counts.events += 1;
    this.lastEventAt = event.at;

    const exported = pseudonymiseEvent(event, this.p);
    const actorRoles = rolesOf(state, event.actorId, before);
    if (event.type === 'CaseOpened') this.header = this.buildHeader(event, exported, template);
    const header = this.header;
    if (header === undefined) throw new Error(`Case ${this.caseId} does not start with CaseOpened`);

    const projected: ProjectedEvent = {
      caseId: this.caseId,
      caseName: header.caseName,
      seq,
      at: event.at,
      type: event.type,
      hash: stored.hash,
      prevHash: stored.prevHash,
      ...(stored.deliveryId !== undefined && { deliveryId: stored.deliveryId }),
      event: exported,
      actor: exported.actorId,
      ...(!isSystemActor(event.actorId) && { actorNumber: this.p.numberOf(event.actorId) }),
      actorRoles,
      actorLabel: this.p.labelWithRoles(event.actorId, actorRoles),
      chainOk,
    };
    this.describe(projected, event, exported, state, template);
    return projected;
  }

  /** The case as the events read so far leave it; call after the last event. */
  summary(): CaseSummaryView {
    const state = this.state;
    const header = this.header;
    const template = this.template;
    if (!state || !header || !template) throw new Error(`Case ${this.caseId} has no events`);
    const end = Date.parse(this.lastEventAt);
    const stages = Object.entries(state.stages);
    return {
      ...header,
      status: state.status,
      currentStageId: state.currentStageId,
      currentStageTitle: stageTitle(template, state.currentStageId, this.language),
      stagesReached: stages.filter(([, progress]) => progress.round > 0).length,
      stagesPassed: stages.filter(([, progress]) => progress.status === 'passed').length,
      lastEventAt: this.lastEventAt,
      ...(state.completedAt !== undefined && { completedAt: state.completedAt }),
      ...(this.stoppedAt !== undefined && { stoppedAt: this.stoppedAt }),
      daysOpen: days(Date.parse(header.openedAt), end),
      counts: { ...this.counts },
      visits: this.visits.map((visit) => ({
        ...visit,
        days: days(Date.parse(visit.enteredAt), visit.leftAt === undefined ? end : Date.parse(visit.leftAt)),
      })),
      derivedTo: [...state.derivedTo],
      roles: Object.entries(state.roles).map(([personId, roles]) => ({
        participant: this.p.label(personId),
        roles: this.p.roleNames(roles),
      })),
      chain: { ...this.chain },
    };
  }

  /**
   * Notes that the log ended before the version the export was promised (rows missing at the end), which
   * a hash chain alone cannot show: the last remaining event still checks out.
   */
  expectEnd(toSeq: number): void {
    if (this.previousSeq < toSeq && this.chain.ok) {
      this.chain.ok = false;
      this.chain.firstMismatch = {
        seq: this.previousSeq + 1,
        rowKey: eventRowKey(this.previousSeq + 1),
        reason: 'gapInSequence',
        detail: `the head says version ${toSeq}, the log ends at event ${this.previousSeq}`,
      };
    }
  }

  private checkChain(stored: StoredEvent): boolean {
    this.chain.checked += 1;
    const expectedSeq = this.previousSeq + 1;
    let problem: { reason: 'gapInSequence' | 'brokenChain' | 'hashMismatch'; detail: string } | undefined;
    if (stored.seq !== expectedSeq) {
      problem = { reason: 'gapInSequence', detail: `expected event ${expectedSeq}, found ${stored.seq}` };
    } else if (stored.prevHash !== this.previousHash) {
      problem = { reason: 'brokenChain', detail: 'prevHash is not the hash of the previous event' };
    } else {
      const recomputed = eventHash(stored.prevHash, {
        caseId: this.caseId,
        seq: stored.seq,
        event: stored.event,
        ...(stored.deliveryId !== undefined && { deliveryId: stored.deliveryId }),
      });
      if (recomputed !== stored.hash) {
        problem = { reason: 'hashMismatch', detail: 'the stored content does not match its hash' };
      }
    }
    // The walk goes on after a mismatch (an export shows everything), chained to what is stored.
    this.previousSeq = stored.seq;
    this.previousHash = stored.hash;
    if (problem === undefined) return true;
    if (this.chain.ok) {
      this.chain.ok = false;
      this.chain.firstMismatch = { seq: stored.seq, rowKey: eventRowKey(stored.seq), ...problem };
    }
    return false;
  }

  private buildHeader(
    event: Extract<CaseEvent, { type: 'CaseOpened' }>,
    exported: CaseEvent,
    template: ProcessTemplate,
  ): CaseHeader {
    const opened = exported.type === 'CaseOpened' ? exported : event;
    return {
      caseId: this.caseId,
      caseName: `${opened.title} (${this.caseId})`,
      title: opened.title,
      ...(opened.unit !== undefined && { unit: opened.unit }),
      ...(opened.municipality !== undefined && { municipality: opened.municipality }),
      template: event.template,
      templateTitle: template.title[this.language],
      language: event.language,
      openedAt: event.at,
      openedBy: this.p.label(event.actorId),
      ...(event.derivedFrom !== undefined && { derivedFrom: event.derivedFrom }),
    };
  }

  /** Fills in what each kind of event is about: stage, texts, outcome, basis. */
  private describe(
    projected: ProjectedEvent,
    event: CaseEvent,
    exported: CaseEvent,
    state: CaseState,
    template: ProcessTemplate,
  ): void {
    const language = this.language;
    const atStage = (stageId: string, round?: number): void => {
      projected.stageId = stageId;
      projected.stageTitle = stageTitle(template, stageId, language);
      projected.round = round ?? state.stages[stageId]?.round ?? 0;
    };
    const decided = (outcome: DecisionOutcome, basis?: DocumentationBasis): void => {
      projected.outcome = outcome;
      if (basis !== undefined) projected.basis = this.resolveBasis(basis, template, projected.stageId ?? '');
    };
    switch (exported.type) {
      case 'CaseOpened':
        projected.text = exported.title;
        return;
      case 'RoleAssigned':
      case 'RoleRevoked':
        projected.people = [exported.personId];
        projected.category = exported.role;
        projected.categoryLabel = roleName(exported.role)[language];
        return;
      case 'StageEntered':
        atStage(exported.stageId, exported.round);
        projected.category = exported.via;
        this.visits.push({
          stageId: exported.stageId,
          stageTitle: projected.stageTitle ?? exported.stageId,
          round: exported.round,
          via: exported.via,
          enteredAt: exported.at,
        });
        return;
      case 'DocumentationRecorded': {
        atStage(exported.stageId, exported.round);
        const prompt = findPrompt(template, exported.promptId);
        const text = renderAnswer(exported.answer, prompt, language);
        this.answers.set(exported.promptId, { revision: exported.revision, text });
        this.counts.answers += 1;
        projected.promptId = exported.promptId;
        projected.prompt = prompt?.label[language] ?? exported.promptId;
        projected.revision = exported.revision;
        projected.answerType = exported.answer.type;
        projected.text = text;
        if (exported.answer.type === 'people') projected.people = [...exported.answer.personIds];
        return;
      }
      case 'PoliticalDecisionRecorded': {
        atStage(exported.stageId, exported.round);
        const text = renderPoliticalDecision(exported.reference, language);
        this.politicalDecisions.set(exported.stageId, { revision: exported.revision, text });
        this.counts.politicalDecisions += 1;
        projected.promptId = POLITICAL_DECISION_PROMPT;
        projected.prompt = word('politicalDecision', language);
        projected.revision = exported.revision;
        projected.answerType = 'politicalDecision';
        projected.text = text;
        return;
      }
      case 'IdeaRecorded':
        atStage(exported.stageId);
        this.counts.ideas += 1;
        projected.text = exported.text;
        if (exported.source !== undefined) {
          projected.category = exported.source;
          projected.categoryLabel = categoryLabel(template.ideaSources, exported.source, language);
        }
        return;
      case 'BarrierRecorded':
        atStage(exported.stageId);
        this.counts.barriers += 1;
        projected.text = exported.text;
        projected.category = exported.category;
        projected.categoryLabel = categoryLabel(template.barrierCategories, exported.category, language);
        return;
      case 'GateReviewRequested':
        atStage(exported.stageId, exported.round);
        this.counts.gateReviews += 1;
        projected.people = [...exported.deciderIds];
        projected.basis = this.resolveBasis(exported.basis, template, exported.stageId);
        return;
      case 'GateReviewWithdrawn':
        atStage(exported.stageId, exported.round);
        decided('withdrawn');
        if (exported.reason !== undefined) projected.text = exported.reason;
        return;
      case 'GateApprovalGiven': {
        atStage(exported.stageId, exported.round);
        this.counts.approvals += 1;
        decided(exported.conditions === undefined ? 'approved' : 'approvedWithConditions', exported.basis);
        const parts = [exported.conditions, exported.comment].filter(
          (part): part is string => part !== undefined,
        );
        if (parts.length > 0) projected.text = parts.join('\n\n');
        return;
      }
      case 'GatePassed':
        atStage(exported.stageId, exported.round);
        decided(exported.outcome, exported.basis);
        projected.people = [...exported.approverIds];
        if (exported.conditions.length > 0) projected.text = exported.conditions.join('\n\n');
        this.leaveStage(exported.stageId, exported.at, exported.outcome);
        return;
      case 'GateSentBack':
        atStage(exported.stageId, exported.round);
        this.counts.sendBacks += 1;
        decided('sentBack', exported.basis);
        projected.text = exported.reason;
        projected.toStageId = exported.toStageId;
        projected.toStageTitle = stageTitle(template, exported.toStageId, language);
        this.leaveStage(exported.stageId, exported.at, 'sentBack');
        return;
      case 'CasePaused':
        atStage(exported.stageId, exported.round);
        this.counts.pauses += 1;
        decided('paused', exported.basis);
        projected.text = exported.reason;
        return;
      case 'CaseResumed':
        atStage(exported.stageId, exported.round);
        decided('resumed');
        return;
      case 'CaseStopped':
        atStage(exported.stageId, exported.round);
        this.counts.stops += 1;
        this.stoppedAt = exported.at;
        decided('stopped', exported.basis);
        projected.text = exported.reason;
        this.leaveStage(exported.stageId, exported.at, 'stopped');
        return;
      case 'CaseCompleted':
        return;
      case 'CaseDiffused':
        projected.text = [exported.toCaseId, exported.unit, exported.municipality]
          .filter((part): part is string => part !== undefined)
          .join(', ');
        return;
      case 'CaseLanguageChanged':
        projected.category = exported.language;
        return;
      case 'ReminderSent':
        atStage(exported.stageId, exported.round);
        this.counts.reminders += 1;
        projected.category = exported.kind;
        projected.people = [...exported.personIds];
        return;
      case 'MemoRecorded':
        this.counts.memos += 1;
        projected.text = exported.text;
        if (exported.aboutSeq !== undefined) projected.aboutSeq = exported.aboutSeq;
        return;
      default:
        void event;
    }
  }

  private leaveStage(stageId: string, at: string, how: NonNullable<StageVisit['leftBy']>): void {
    for (let index = this.visits.length - 1; index >= 0; index -= 1) {
      const visit = this.visits[index];
      if (visit && visit.stageId === stageId && visit.leftAt === undefined) {
        visit.leftAt = at;
        visit.leftBy = how;
        return;
      }
    }
  }

  /**
   * The basis with its texts. While a review is pending no answer can change, so the latest revision of
   * each prompt is the one the basis names; a revision that does not match is reported as missing
   * rather than shown with the wrong text.
   */
  private resolveBasis(basis: DocumentationBasis, template: ProcessTemplate, stageId: string): ResolvedBasis {
    const resolved: ResolvedBasis = {
      hash: basis.hash,
      answers: basis.answers.map(({ promptId, revision }) => {
        const latest = this.answers.get(promptId);
        return {
          promptId,
          prompt: findPrompt(template, promptId)?.label[this.language] ?? promptId,
          revision,
          text: latest?.revision === revision ? latest.text : undefined,
        };
      }),
    };
    if (basis.politicalDecisionRevision !== undefined) {
      const latest = this.politicalDecisions.get(stageId);
      resolved.politicalDecision = {
        revision: basis.politicalDecisionRevision,
        text: latest?.revision === basis.politicalDecisionRevision ? latest.text : undefined,
      };
    }
    return resolved;
  }
}

/** The prompt id CSV and qdpx use for political decision references. */
export const POLITICAL_DECISION_PROMPT = 'political-decision';

function rolesOf(state: CaseState, personId: string, before: CaseState | undefined): CaseRole[] {
  const after = state.roles[personId] ?? [];
  return after.length > 0 ? [...after] : [...(before?.roles[personId] ?? [])];
}

function days(from: number, to: number): number {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return 0;
  return Math.round(((to - from) / DAY_MS) * 100) / 100;
}
