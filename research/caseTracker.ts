/**
 * Follows one case through its stored events, in order, and projects each one for export: it folds the
 * events with the engine's own `evolve` (so roles and rounds are exactly what the bot saw at that
 * moment), checks the hash chain as it goes, keeps the latest rendered answer of each prompt (to show a
 * gate decision's basis as it stood), and gathers the figures the case sheet reports.
 *
 * Figures come from the process only (`isProcessEvent`): research memos, reminders, consent and research
 * access never move "days open", "last activity" or a stage's duration. A stage's time is counted per
 * visit, from entering it to leaving it (passing, being sent back, stopping), with the paused time inside
 * it apart; a visit still under way ends at the case's last process event.
 *
 * Memory per case is bounded by the process template, not by the log: one state, one rendered answer per
 * prompt (twice, for the anchoring comparison), one political decision per stage, one entry per stage
 * visit and one per distinct gate basis.
 *
 * Why this file is long (about 700 lines): it is the one fold of a case for every export format, and its
 * parts (the chain check, the per-event description, the stage visits and pauses, the anchoring
 * comparison) read and update the same running state event by event; splitting them would pass that state
 * around between files.
 *
 * Why one file (~700 lines): the fold, the hash check and the figures move together event by event, in
 * one pass that holds only bounded memory; split apart, each would re-read the events or share mutable
 * state across modules.
 */
import { isProcessEvent, type CaseEvent, type DocumentationBasis } from '../engine/events';
import type { Language } from '../engine/localized';
import { roleName } from '../engine/refusals';
import { evolve, type CaseState } from '../engine/state';
import type { CaseRole, ProcessTemplate, StageDefinition } from '../engine/template';
import type { TemplateCatalog } from '../engine/templateCatalog';
import { eventRowKey, GENESIS_HASH, type StoredEvent } from '../storage/eventLog';
import { recomputedHashOf } from '../storage/hashChain';
import type {
  AnchoringComparison,
  CaseCounts,
  CaseHeader,
  CaseSummaryView,
  ChainCheck,
  ChainProblem,
  ComparisonRow,
  PoliticalDecisionView,
  ProjectedEvent,
  ResolvedBasis,
  StageFigures,
  StageVisit,
} from './exportModel';
import { personIdsIn, pseudonymiseEvent } from './pseudonymiseEvent';
import { isSystemActor, type Pseudonymiser } from './pseudonymiser';
import {
  categoryLabel,
  findPrompt,
  ideaSourcePrompt,
  renderAnswer,
  renderPoliticalDecision,
  stageTitle,
} from './render';
import { chainProblemText, COMPARISON_ASPECTS, word, type DecisionOutcome } from './vocabulary';

const DAY_MS = 86_400_000;

interface RenderedRevision {
  revision: number;
  text: string;
  stageId: string;
}

interface Visit extends Omit<StageVisit, 'days' | 'pausedDays'> {
  pausedMs: number;
}

export interface CaseTrackerOptions {
  /** People who have declined research use in this case (from its head): their free text is withheld. */
  declined?: Iterable<string>;
}

export class CaseTracker {
  private state: CaseState | undefined;
  private template: ProcessTemplate | undefined;
  private header: CaseHeader | undefined;
  private previousSeq = 0;
  private previousHash = GENESIS_HASH;
  private readonly chain: ChainCheck = { ok: true, checked: 0 };
  private readonly answers = new Map<string, RenderedRevision>();
  private readonly politicalDecisions = new Map<string, PoliticalDecisionView>();
  private readonly politicalTexts = new Map<string, RenderedRevision>();
  private readonly visits: Visit[] = [];
  private readonly basisFrozenAt = new Map<string, number>();
  private readonly declined: ReadonlySet<string>;
  private lastProcessAt = '';
  private pausedSince: string | undefined;
  private totalPausedMs = 0;
  private stoppedAt: string | undefined;
  /** The answers as they stood when the first political stage last passed. */
  private atFirstAnchoring: { at: string; answers: Map<string, RenderedRevision> } | undefined;
  private secondAnchoringPassedAt: string | undefined;
  private readonly counts: CaseCounts = {
    events: 0,
    processEvents: 0,
    answers: 0,
    politicalDecisions: 0,
    gateReviews: 0,
    approvals: 0,
    sendBacks: 0,
    pauses: 0,
    stops: 0,
    ideas: 0,
    ideasFromMessages: 0,
    barriers: 0,
    barriersFromMessages: 0,
    memos: 0,
    reminders: 0,
  };

  constructor(
    readonly caseId: string,
    private readonly templates: TemplateCatalog,
    private readonly p: Pseudonymiser,
    options: CaseTrackerOptions = {},
  ) {
    this.declined = new Set(options.declined ?? []);
  }

  private get language(): Language {
    return this.p.language;
  }

  /** Set once the first event (CaseOpened) has been applied. */
  get caseHeader(): CaseHeader | undefined {
    return this.header;
  }

  /** The people an event names: they must have pseudonym numbers before it is applied. */
  static peopleIn(stored: StoredEvent): string[] {
    return personIdsIn(stored.event);
  }

  apply(stored: StoredEvent): ProjectedEvent {
    const { event, seq } = stored;
    const problem = this.checkChain(stored);
    const before = this.state;
    this.state = evolve(this.state, event, seq);
    const state = this.state;
    this.template ??= this.templates.get(state.template);
    const template = this.template;
    this.counts.events += 1;
    const process = isProcessEvent(event);
    if (process) {
      this.counts.processEvents += 1;
      this.lastProcessAt = event.at;
    }

    const withhold = this.declined.has(event.actorId) || this.declined.has(writerOf(event) ?? '');
    const exported = pseudonymiseEvent(event, this.p, withhold);
    if (exported.type === 'GatePassed' && before?.gate) {
      // The conditions are the approvers' own words (the last approval is folded in already): withheld
      // for each approver who declined.
      const withConditions = before.gate.approvals.filter((a) => a.conditions !== undefined);
      if (withConditions.length === exported.conditions.length) {
        exported.conditions = withConditions.map((a) =>
          this.declined.has(a.personId) ? this.p.withheld : this.p.text(a.conditions ?? ''),
        );
      }
    }
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
      ...(this.p.names === 'real' && stored.deliveryId !== undefined && { deliveryId: stored.deliveryId }),
      ...(withhold && { withheld: true }),
      process,
      event: exported,
      actor: exported.actorId,
      ...(!isSystemActor(event.actorId) && { actorNumber: this.p.numberOf(event.actorId) }),
      actorRoles,
      actorLabel: this.p.labelWithRoles(event.actorId, actorRoles),
      chainOk: problem === undefined,
      ...(problem !== undefined && { chainProblem: problem }),
      ...(problem === undefined &&
        this.chain.firstMismatch !== undefined && { chainBrokenAt: this.chain.firstMismatch.seq }),
    };
    this.describe(projected, event, exported, state, before, template);
    return projected;
  }

  /** The case as the events read so far leave it; call after the last event. */
  summary(): CaseSummaryView {
    const state = this.state;
    const header = this.header;
    const template = this.template;
    if (!state || !header || !template) throw new Error(`Case ${this.caseId} has no events`);
    const endIso = state.completedAt ?? this.stoppedAt ?? this.lastProcessAt;
    const end = Date.parse(endIso);
    const openPause = this.pausedSince === undefined ? 0 : Math.max(0, end - Date.parse(this.pausedSince));
    const visits = this.visits.map(({ pausedMs, ...visit }, index, all): StageVisit => {
      const current = visit.leftAt === undefined && index === all.length - 1;
      const paused = pausedMs + (current ? openPause : 0);
      return {
        ...visit,
        days: days(Date.parse(visit.enteredAt), visit.leftAt === undefined ? end : Date.parse(visit.leftAt)),
        pausedDays: round(paused / DAY_MS),
      };
    });
    const stages: StageFigures[] = template.stages.flatMap((stage) => {
      const own = visits.filter((visit) => visit.stageId === stage.id);
      if (own.length === 0) return [];
      return [
        {
          stageId: stage.id,
          stageTitle: stage.title[this.language],
          rounds: own.length,
          days: round(own.reduce((sum, visit) => sum + visit.days, 0)),
          pausedDays: round(own.reduce((sum, visit) => sum + visit.pausedDays, 0)),
        },
      ];
    });
    const politicalDecisions = template.stages.flatMap((stage) => {
      const decision = this.politicalDecisions.get(stage.id);
      return decision === undefined ? [] : [decision];
    });
    const ideaPrompt = ideaSourcePrompt(template);
    const ideaSource = ideaPrompt === undefined ? undefined : this.answers.get(ideaPrompt.id)?.text;
    const anchoring = this.comparison(template);
    return {
      ...header,
      status: state.status,
      currentStageId: state.currentStageId,
      currentStageTitle: stageTitle(template, state.currentStageId, this.language),
      stagesReached: Object.values(state.stages).filter((progress) => progress.round > 0).length,
      stagesPassed: Object.values(state.stages).filter((progress) => progress.status === 'passed').length,
      lastActivityAt: this.lastProcessAt,
      ...(state.completedAt !== undefined && { completedAt: state.completedAt }),
      ...(this.stoppedAt !== undefined && { stoppedAt: this.stoppedAt }),
      daysOpen: days(Date.parse(header.openedAt), end),
      daysPaused: round((this.totalPausedMs + openPause) / DAY_MS),
      counts: { ...this.counts },
      visits,
      stages,
      politicalDecisions,
      ...(ideaSource !== undefined && { ideaSource }),
      ...(anchoring !== undefined && { anchoring }),
      derivedTo: [...state.derivedTo],
      roles: Object.entries(state.roles)
        .map(([personId, roles]) => ({
          number: this.p.numberOf(personId),
          participant: this.p.label(personId),
          roles: this.p.roleNames(roles),
        }))
        .sort((a, b) => a.number - b.number)
        .map(({ participant, roles }) => ({ participant, roles })),
      researchDeclined: state.researchDeclined?.length ?? 0,
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
        detail: chainProblemText('missingAtEnd', this.language, { toSeq, lastSeq: this.previousSeq }),
      };
    }
  }

  private checkChain(stored: StoredEvent): ChainProblem | undefined {
    this.chain.checked += 1;
    const expectedSeq = this.previousSeq + 1;
    let problem: ChainProblem | undefined;
    if (stored.seq !== expectedSeq) {
      problem = {
        reason: 'gapInSequence',
        detail: chainProblemText('gapInSequence', this.language, { expectedSeq, seq: stored.seq }),
      };
    } else if (stored.prevHash !== this.previousHash) {
      problem = { reason: 'brokenChain', detail: chainProblemText('brokenChain', this.language) };
    } else {
      // Over the event as stored: an event upcast from an older format was hashed in that format.
      const recomputed = recomputedHashOf(this.caseId, stored);
      if (recomputed !== stored.hash) {
        problem = { reason: 'hashMismatch', detail: chainProblemText('hashMismatch', this.language) };
      }
    }
    // The walk goes on after a mismatch (an export shows everything), chained to what is stored.
    this.previousSeq = stored.seq;
    this.previousHash = stored.hash;
    if (problem !== undefined && this.chain.ok) {
      this.chain.ok = false;
      this.chain.firstMismatch = { seq: stored.seq, rowKey: eventRowKey(stored.seq), ...problem };
    }
    return problem;
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

  /** Fills in what each kind of event is about: stage, texts, outcome, basis; keeps the figures. */
  private describe(
    projected: ProjectedEvent,
    event: CaseEvent,
    exported: CaseEvent,
    state: CaseState,
    before: CaseState | undefined,
    template: ProcessTemplate,
  ): void {
    const language = this.language;
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
        this.atStage(projected, state, template, exported.stageId, exported.round);
        projected.category = exported.via;
        this.visits.push({
          stageId: exported.stageId,
          stageTitle: projected.stageTitle ?? exported.stageId,
          round: exported.round,
          via: exported.via,
          enteredAt: exported.at,
          pausedMs: 0,
        });
        return;
      case 'DocumentationRecorded': {
        this.atStage(projected, state, template, exported.stageId, exported.round);
        const prompt = findPrompt(template, exported.promptId);
        const text = renderAnswer(exported.answer, prompt, language);
        this.answers.set(exported.promptId, { revision: exported.revision, text, stageId: exported.stageId });
        this.counts.answers += 1;
        projected.promptId = exported.promptId;
        projected.prompt = prompt?.label[language] ?? exported.promptId;
        projected.revision = exported.revision;
        projected.answerType = exported.answer.type;
        projected.text = text;
        if (exported.answer.type === 'people') projected.people = [...exported.answer.personIds];
        if (exported.answer.type === 'choice' && exported.promptId === ideaSourcePrompt(template)?.id) {
          projected.ideaSources = exported.answer.optionIds.filter((id) =>
            template.ideaSources.some((source) => source.id === id),
          );
          if (exported.answer.otherText !== undefined) projected.ideaSources.push('other');
        }
        return;
      }
      case 'PoliticalDecisionRecorded': {
        this.atStage(projected, state, template, exported.stageId, exported.round);
        const rendered = renderPoliticalDecision(exported.reference, language);
        // The same decision recorded again in a later round says why it still stands.
        const text =
          exported.stillStandsBecause === undefined
            ? rendered
            : `${rendered} (${word('stillStands', language)}: ${exported.stillStandsBecause})`;
        this.politicalTexts.set(exported.stageId, {
          revision: exported.revision,
          text,
          stageId: exported.stageId,
        });
        this.politicalDecisions.set(exported.stageId, {
          stageId: exported.stageId,
          stageTitle: projected.stageTitle ?? exported.stageId,
          revision: exported.revision,
          body: exported.reference.body,
          meetingDate: exported.reference.meetingDate,
          caseNumber: exported.reference.caseNumber,
          ...(exported.reference.decisionText !== undefined && {
            decisionText: exported.reference.decisionText,
          }),
          ...(exported.reference.link !== undefined && { link: exported.reference.link }),
          ...(projected.withheld === true && { withheld: true }),
        });
        this.counts.politicalDecisions += 1;
        projected.promptId = POLITICAL_DECISION_PROMPT;
        projected.prompt = word('politicalDecision', language);
        projected.revision = exported.revision;
        projected.answerType = 'politicalDecision';
        projected.text = text;
        return;
      }
      case 'IdeaRecorded':
        this.atStage(projected, state, template, exported.stageId);
        this.counts.ideas += 1;
        if (exported.origin !== undefined) this.counts.ideasFromMessages += 1;
        recordedVia(projected, exported);
        projected.text = exported.text;
        projected.ideaSources = [exported.source ?? UNSPECIFIED_IDEA_SOURCE];
        if (exported.source !== undefined) {
          projected.category = exported.source;
          projected.categoryLabel = categoryLabel(template.ideaSources, exported.source, language);
        }
        return;
      case 'BarrierRecorded':
        this.atStage(projected, state, template, exported.stageId);
        this.counts.barriers += 1;
        if (exported.origin !== undefined) this.counts.barriersFromMessages += 1;
        recordedVia(projected, exported);
        projected.text = exported.text;
        projected.category = exported.category;
        projected.categoryLabel = categoryLabel(template.barrierCategories, exported.category, language);
        return;
      case 'GateReviewRequested':
        this.atStage(projected, state, template, exported.stageId, exported.round);
        this.counts.gateReviews += 1;
        projected.people = [...exported.deciderIds];
        this.attachBasis(projected, exported.basis, template);
        return;
      case 'GateReviewWithdrawn':
        this.atStage(projected, state, template, exported.stageId, exported.round);
        this.decided(projected, template, 'withdrawn');
        if (exported.reason !== undefined) projected.text = exported.reason;
        return;
      case 'GateApprovalGiven': {
        this.atStage(projected, state, template, exported.stageId, exported.round);
        this.counts.approvals += 1;
        this.decided(
          projected,
          template,
          exported.conditions === undefined ? 'approved' : 'approvedWithConditions',
          exported.basis,
        );
        const parts = [exported.conditions, exported.comment].filter(
          (part): part is string => part !== undefined,
        );
        if (parts.length > 0) projected.text = parts.join('\n\n');
        return;
      }
      case 'GatePassed': {
        this.atStage(projected, state, template, exported.stageId, exported.round);
        this.decided(projected, template, exported.outcome, exported.basis);
        projected.people = [...exported.approverIds];
        if (event.type === 'GatePassed') {
          projected.approvers = event.approverIds.map((id) =>
            this.p.labelWithRoles(id, rolesOf(state, id, before)),
          );
        }
        if (exported.conditions.length > 0) projected.text = exported.conditions.join('\n\n');
        this.leaveStage(exported.stageId, exported.at, exported.outcome);
        this.notePoliticalPass(template, exported.stageId, exported.at);
        return;
      }
      case 'GateSentBack':
        this.atStage(projected, state, template, exported.stageId, exported.round);
        this.counts.sendBacks += 1;
        this.decided(projected, template, 'sentBack', exported.basis);
        projected.text = exported.reason;
        projected.toStageId = exported.toStageId;
        projected.toStageTitle = stageTitle(template, exported.toStageId, language);
        this.leaveStage(exported.stageId, exported.at, 'sentBack');
        return;
      case 'CasePaused':
        this.atStage(projected, state, template, exported.stageId, exported.round);
        this.counts.pauses += 1;
        this.pausedSince ??= exported.at;
        this.decided(projected, template, 'paused', exported.basis);
        projected.text = exported.reason;
        return;
      case 'CaseResumed':
        this.atStage(projected, state, template, exported.stageId, exported.round);
        this.decided(projected, template, 'resumed');
        this.endPause(exported.at);
        return;
      case 'CaseStopped':
        this.atStage(projected, state, template, exported.stageId, exported.round);
        this.counts.stops += 1;
        this.stoppedAt = exported.at;
        this.endPause(exported.at);
        this.decided(projected, template, 'stopped', exported.basis);
        projected.text = exported.reason;
        this.leaveStage(exported.stageId, exported.at, 'stopped');
        return;
      case 'CaseCompleted':
      case 'ResearchConsentRecorded':
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
        this.atStage(projected, state, template, exported.stageId, exported.round);
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

  // The two helpers of `describe`, as methods rather than closures made per event (it runs for every
  // event an export writes).
  private atStage(
    projected: ProjectedEvent,
    state: CaseState,
    template: ProcessTemplate,
    stageId: string,
    round?: number,
  ): void {
    projected.stageId = stageId;
    projected.stageTitle = stageTitle(template, stageId, this.language);
    projected.round = round ?? state.stages[stageId]?.round ?? 0;
  }

  private decided(
    projected: ProjectedEvent,
    template: ProcessTemplate,
    outcome: DecisionOutcome,
    basis?: DocumentationBasis,
  ): void {
    projected.outcome = outcome;
    if (basis !== undefined) this.attachBasis(projected, basis, template);
  }

  /** A pause ends at a resume or a stop; its time counts to the stage visit it happened in. */
  private endPause(at: string): void {
    if (this.pausedSince === undefined) return;
    const paused = Math.max(0, Date.parse(at) - Date.parse(this.pausedSince));
    this.totalPausedMs += paused;
    const visit = this.visits.at(-1);
    if (visit) visit.pausedMs += paused;
    this.pausedSince = undefined;
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

  /** Keeps the answers as they stood when the first political stage passed, and when the second did. */
  private notePoliticalPass(template: ProcessTemplate, stageId: string, at: string): void {
    const [first, second] = politicalStages(template);
    if (stageId === first?.id) this.atFirstAnchoring = { at, answers: new Map(this.answers) };
    if (stageId === second?.id) this.secondAnchoringPassedAt = at;
  }

  private comparison(template: ProcessTemplate): AnchoringComparison | undefined {
    const [first, second] = politicalStages(template);
    if (!first || !second) return undefined;
    const language = this.language;
    const a = this.politicalDecisions.get(first.id);
    const b = this.politicalDecisions.get(second.id);
    const row = (
      aspect: string,
      label: string,
      x: string | undefined,
      y: string | undefined,
    ): ComparisonRow => ({
      aspect,
      label,
      first: x,
      second: y,
      // Only what both sides say can have changed; an aspect one stage does not ask about has not.
      changed: x !== undefined && y !== undefined && x !== y,
    });
    const aspectAnswer = (stage: StageDefinition, aspect: 'mandate' | 'budget'): string | undefined => {
      const prompt = stage.prompts.find((p) => COMPARISON_ASPECTS[aspect].promptIds.includes(p.id));
      return prompt === undefined ? undefined : this.answers.get(prompt.id)?.text;
    };
    // A stage that asks no mandate question has its mandate in the decision it records.
    const mandate = (stage: StageDefinition, d: PoliticalDecisionView | undefined): string | undefined =>
      stage.prompts.some((p) => COMPARISON_ASPECTS.mandate.promptIds.includes(p.id))
        ? aspectAnswer(stage, 'mandate')
        : d?.decisionText;
    const decision = (d: PoliticalDecisionView | undefined): string | undefined =>
      d === undefined
        ? undefined
        : [d.decisionText, d.link].filter((part): part is string => part !== undefined).join(' ') ||
          undefined;
    const rows: ComparisonRow[] = [
      row('body', COMPARISON_ASPECTS.body.label[language], a?.body, b?.body),
      row('meetingDate', COMPARISON_ASPECTS.meetingDate.label[language], a?.meetingDate, b?.meetingDate),
      row('caseNumber', COMPARISON_ASPECTS.caseNumber.label[language], a?.caseNumber, b?.caseNumber),
      row('decision', COMPARISON_ASPECTS.decision.label[language], decision(a), decision(b)),
      row('mandate', COMPARISON_ASPECTS.mandate.label[language], mandate(first, a), mandate(second, b)),
      row(
        'budget',
        COMPARISON_ASPECTS.budget.label[language],
        aspectAnswer(first, 'budget'),
        aspectAnswer(second, 'budget'),
      ),
    ];
    // What was documented between the two decisions: every answer of the stages before the
    // re-anchoring that is new or revised since the first anchoring passed (before it: "–").
    const then = this.atFirstAnchoring;
    if (then !== undefined) {
      const secondIndex = template.stages.findIndex((stage) => stage.id === second.id);
      const before = new Set(template.stages.slice(0, secondIndex).map((stage) => stage.id));
      for (const [promptId, now] of this.answers) {
        const earlier = then.answers.get(promptId);
        if (!before.has(now.stageId) || earlier?.revision === now.revision) continue;
        const prompt = findPrompt(template, promptId);
        rows.push({
          aspect: `answer:${promptId}`,
          label: `${stageTitle(template, now.stageId, language)}: ${prompt?.label[language] ?? promptId}`,
          first:
            earlier === undefined
              ? undefined
              : `${earlier.text} (${word('revision', language)} ${earlier.revision})`,
          second: `${now.text} (${word('revision', language)} ${now.revision})`,
          changed: true,
        });
      }
    }
    const changesPrompt = second.prompts.find((p) => COMPARISON_ASPECTS.changes.promptIds.includes(p.id));
    const changes = changesPrompt === undefined ? undefined : this.answers.get(changesPrompt.id);
    return {
      first: {
        stageId: first.id,
        stageTitle: first.title[language],
        ...(then !== undefined && { passedAt: then.at }),
      },
      second: {
        stageId: second.id,
        stageTitle: second.title[language],
        ...(this.secondAnchoringPassedAt !== undefined && { passedAt: this.secondAnchoringPassedAt }),
      },
      rows,
      ...(changesPrompt !== undefined &&
        changes !== undefined && {
          changesAnswer: { prompt: changesPrompt.label[language], text: changes.text },
        }),
    };
  }

  /** The basis with its texts, and where in this case it was first frozen. */
  private attachBasis(projected: ProjectedEvent, basis: DocumentationBasis, template: ProcessTemplate): void {
    projected.basis = this.resolveBasis(basis, template, projected.stageId ?? '');
    const first = this.basisFrozenAt.get(basis.hash);
    if (first === undefined) this.basisFrozenAt.set(basis.hash, projected.seq);
    projected.basisFrozenAt = first ?? projected.seq;
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
      const latest = this.politicalTexts.get(stageId);
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

/** The code and CSV value of an idea recorded without saying where it came from. */
export const UNSPECIFIED_IDEA_SOURCE = 'unspecified';

/** The stages whose gate needs a political decision, in order: the anchoring and the re-anchoring. */
export function politicalStages(template: ProcessTemplate): StageDefinition[] {
  return template.stages.filter((stage) => stage.gate.requiresPoliticalDecision);
}

function rolesOf(state: CaseState, personId: string, before: CaseState | undefined): CaseRole[] {
  const after = state.roles[personId] ?? [];
  return after.length > 0 ? [...after] : [...(before?.roles[personId] ?? [])];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function days(from: number, to: number): number {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return 0;
  return round((to - from) / DAY_MS);
}

/**
 * How an idea or a barrier was recorded, from the exported (already pseudonymised) event: its writer is
 * a label there, and its message id a token; neither raw id nor link is read here.
 */
function recordedVia(
  projected: ProjectedEvent,
  exported: Extract<CaseEvent, { type: 'IdeaRecorded' | 'BarrierRecorded' }>,
): void {
  const origin = exported.origin;
  if (origin === undefined) {
    projected.recordedVia = 'chat';
    return;
  }
  projected.recordedVia = 'message';
  if (origin.authorId !== undefined) projected.writtenBy = origin.authorId;
  if (origin.writtenAt !== undefined) projected.writtenAt = origin.writtenAt;
}

/** Who wrote the Teams message an idea or barrier was kept from: their words are theirs, as well. */
function writerOf(event: CaseEvent): string | undefined {
  return event.type === 'IdeaRecorded' || event.type === 'BarrierRecorded'
    ? event.origin?.authorId
    : undefined;
}
