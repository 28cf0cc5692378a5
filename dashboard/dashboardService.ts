/**
 * The dashboard tab's use cases, free of HTTP: the cases of a team or chat (or all of the viewer's
 * cases), the gate reviews waiting for the viewer, and one case in full — its timeline, its
 * documentation per stage, and whether the viewer may download research exports.
 *
 * Who sees what — one rule, checked here:
 *   - a case is shown only to people who hold a role in it (owner, manager, member or researcher), as
 *     the log names them by their Entra object id (the token's `oid`). Being signed in, or knowing a
 *     conversation id, grants nothing; a case the viewer is not in is left out of lists and refused (403)
 *     when asked for by id.
 *   - participants (owner, manager, member) see their colleagues' display names: it is their own work.
 *     A researcher who is not a participant sees the case pseudonymised, exactly like an export: the
 *     same stable pseudonyms (the installation's pseudonym book), and the free text of anyone who
 *     declined research use withheld.
 *   - the owner sees who has declined research use, so the group knows whose words researchers do not get.
 *   - export buttons are offered when the research API would allow the download: the researcher app role
 *     and the `researcher` role in the case. The download itself goes through the research API, which
 *     checks again and audits it.
 */
import type { ResearchCaller } from '../auth/researchCaller';
import type { ResearchSettings } from '../config/settings';
import type { Answer } from '../engine/answers';
import type { Language, Localized } from '../engine/localized';
import { roleName } from '../engine/refusals';
import { gateDeciders, mayResume, sendBackTargets, whoMustDecide } from '../engine/queries';
import {
  hasDeclinedResearch,
  hasRole,
  isParticipant,
  peopleInState,
  type CaseState,
  type CaseSummary,
  type PendingGate,
} from '../engine/state';
import type { CaseEvent } from '../engine/events';
import type { PromptDefinition } from '../engine/template';
import type { TemplateCatalog } from '../engine/templateCatalog';
import type { EventLog } from '../storage/eventLog';
import type { PeopleDirectory } from '../storage/peopleDirectory';
import type { PseudonymStore } from '../storage/pseudonymStore';
import { EXPORT_FORMATS, type ExportFormat } from '../research/exportModel';
import { personIdsIn } from '../research/pseudonymiseEvent';
import type { Pseudonymiser } from '../research/pseudonymiser';
import { openPseudonymiser } from '../research/runExport';
import { renderAnswer, renderPoliticalDecision, stageTitle } from '../research/render';
import { researchRefusals } from '../research/researchRefusals';
import { STATUS_NAMES } from '../research/vocabulary';
import { dashboardRefusals } from './dashboardRefusals';
import { TimelineBuilder, type Presenter } from './timeline';
import type {
  CaseCardView,
  CaseDetailView,
  CaseListView,
  DocumentedAnswerView,
  PendingApprovalView,
  StageDocumentationView,
  ViewCaseRole,
} from './viewModel';

/** At most this many cases in one list; the rest is reported as truncated. */
export const DASHBOARD_LIST_LIMIT = 50;
/** Directory rows looked at for "all my cases" (outside a team or chat) before the list is cut short. */
export const DASHBOARD_SCAN_LIMIT = 2_000;

/** Names of the research export formats on the buttons. */
const FORMAT_NAMES: Record<ExportFormat, Localized> = {
  json: { nb: 'JSON (hele loggen)', nn: 'JSON (heile loggen)', en: 'JSON (whole log)' },
  jsonl: { nb: 'JSON Lines', nn: 'JSON Lines', en: 'JSON Lines' },
  'csv-events': { nb: 'CSV: hendelser', nn: 'CSV: hendingar', en: 'CSV: events' },
  'csv-answers': { nb: 'CSV: svar', nn: 'CSV: svar', en: 'CSV: answers' },
  'csv-cases': { nb: 'CSV: saksark (NVivo)', nn: 'CSV: saksark (NVivo)', en: 'CSV: case sheet (NVivo)' },
  'csv-anchoring': {
    nb: 'CSV: forankring og ny forankring',
    nn: 'CSV: forankring og ny forankring',
    en: 'CSV: anchoring and re-anchoring',
  },
  markdown: { nb: 'Markdown', nn: 'Markdown', en: 'Markdown' },
  qdpx: { nb: 'REFI-QDA (.qdpx)', nn: 'REFI-QDA (.qdpx)', en: 'REFI-QDA (.qdpx)' },
};

export interface DashboardServiceDependencies {
  log: EventLog;
  people: PeopleDirectory;
  /** The installation's pseudonym book: a researcher sees the same pseudonyms here as in exports. */
  pseudonyms: PseudonymStore;
  templates: TemplateCatalog;
  settings: Pick<ResearchSettings, 'researcherAppRole'>;
  clock: () => Date;
}

export interface CaseListRequest {
  /** The team channel or chat the tab is in (the bot's conversation id without `;messageid=`). */
  conversationId?: string;
  language: Language;
}

export class DashboardService {
  constructor(private readonly deps: DashboardServiceDependencies) {}

  async listCases(caller: ResearchCaller, request: CaseListRequest): Promise<CaseListView> {
    const { language } = request;
    const found: CaseState[] = [];
    let truncated = false;
    let scanned = 0;
    const filter = request.conversationId === undefined ? {} : { conversationId: request.conversationId };
    for await (const summary of this.deps.log.listCases(filter)) {
      scanned += 1;
      if (request.conversationId === undefined && scanned > DASHBOARD_SCAN_LIMIT) {
        truncated = true;
        break;
      }
      const state = await this.visibleState(caller, summary);
      if (!state) continue;
      if (found.length === DASHBOARD_LIST_LIMIT) {
        truncated = true;
        break;
      }
      found.push(state);
    }
    found.sort((a, b) => (a.updatedAt > b.updatedAt ? -1 : a.updatedAt < b.updatedAt ? 1 : 0));
    const pseudonyms = await this.pseudonymisers(language, found.flatMap(peopleInState));
    const cases = found.map((state) =>
      this.caseCard(caller, state, this.presenter(caller, state, pseudonyms, language)),
    );
    const waitingForViewer = cases
      .map((card) => card.pendingGate)
      .filter((gate): gate is PendingApprovalView => gate?.awaitingViewer === true)
      .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : 0));
    return {
      language,
      scope: request.conversationId === undefined ? 'mine' : 'conversation',
      cases,
      waitingForViewer,
      truncated,
    };
  }

  async caseDetail(caller: ResearchCaller, caseId: string, language: Language): Promise<CaseDetailView> {
    const head = await this.deps.log.readHead(caseId);
    if (!head) throw researchRefusals.caseNotFound(caseId);
    const state = head.state;
    if (viewerRoles(state, caller.personId).length === 0) throw dashboardRefusals.notInCase(caseId);
    // Up to the version the head was read at: the picture and the documentation tell the same moment.
    const events: { seq: number; event: CaseEvent }[] = [];
    for await (const stored of this.deps.log.readEvents(caseId, { toSeq: head.version })) {
      events.push({ seq: stored.seq, event: stored.event });
    }
    const pseudonyms = await this.pseudonymisers(language, [
      ...peopleInState(state),
      ...events.flatMap(({ event }) => personIdsIn(event)),
    ]);
    const presenter = this.presenter(caller, state, pseudonyms, language);
    const timeline = new TimelineBuilder(presenter);
    for (const { seq, event } of events) timeline.add(seq, event);
    const card = this.caseCard(caller, state, presenter);
    const declined = state.researchDeclined ?? [];
    return {
      language,
      case: card,
      stages: presenter.template.stages.map((stage) => ({ id: stage.id, title: stage.title[language] })),
      timeline: timeline.build(this.deps.clock().toISOString()),
      documentation: documentation(state, presenter),
      exportFormats: card.canExport
        ? EXPORT_FORMATS.map((id) => ({ id, name: FORMAT_NAMES[id][language] }))
        : [],
      ...(hasRole(state, caller.personId, 'owner') && {
        researchDeclined: declined.map((id) => presenter.person(id)),
      }),
    };
  }

  /** The case's state from its head (the directory is only a copy), if the viewer holds a role in it. */
  private async visibleState(caller: ResearchCaller, summary: CaseSummary): Promise<CaseState | undefined> {
    const head = await this.deps.log.readHead(summary.caseId);
    if (!head || viewerRoles(head.state, caller.personId).length === 0) return undefined;
    return head.state;
  }

  /** Names for participants and pseudonyms for researchers, with everyone in `personIds` numbered. */
  private async pseudonymisers(
    language: Language,
    personIds: string[],
  ): Promise<Record<'real' | 'pseudonymised', Pseudonymiser>> {
    const [real, pseudonymised] = await Promise.all([
      openPseudonymiser(this.deps, language, 'real', personIds),
      openPseudonymiser(this.deps, language, 'pseudonymised', personIds),
    ]);
    return { real, pseudonymised };
  }

  private presenter(
    caller: ResearchCaller,
    state: CaseState,
    pseudonymisers: Record<'real' | 'pseudonymised', Pseudonymiser>,
    language: Language,
  ): Presenter {
    const participant = isParticipant(state, caller.personId);
    const pseudonyms = pseudonymisers[participant ? 'real' : 'pseudonymised'];
    return {
      language,
      template: this.deps.templates.get(state.template),
      person: (personId) => pseudonyms.label(personId),
      text: (value) => pseudonyms.text(value),
      // The group sees its own words; a researcher does not get those of someone who declined.
      textBy: (authors, value) =>
        !participant && [authors].flat().some((id) => hasDeclinedResearch(state, id))
          ? pseudonyms.withheld
          : pseudonyms.text(value),
      messageLinks: participant,
    };
  }

  private caseCard(caller: ResearchCaller, state: CaseState, p: Presenter): CaseCardView {
    const roles = viewerRoles(state, caller.personId);
    return {
      caseId: state.caseId,
      title: p.text(state.title),
      ...(state.unit !== undefined && { unit: p.text(state.unit) }),
      ...(state.municipality !== undefined && { municipality: p.text(state.municipality) }),
      status: state.status,
      statusName: STATUS_NAMES[state.status][p.language],
      currentStage: {
        id: state.currentStageId,
        title: stageTitle(p.template, state.currentStageId, p.language),
      },
      openedAt: state.openedAt,
      updatedAt: state.updatedAt,
      viewerRoles: roles,
      viewerRoleNames: roles.map((role) => roleName(role)[p.language]),
      ...(state.gate !== undefined && {
        pendingGate: pendingApproval(state, state.gate, caller.personId, p),
      }),
      ...(state.pause !== undefined && {
        pause: {
          at: state.pause.at,
          by: p.person(state.pause.by),
          reason: p.textBy(state.pause.by, state.pause.reason),
          viewerMayResume: mayResume(state, caller.personId),
        },
      }),
      canExport:
        hasRole(state, caller.personId, 'researcher') &&
        caller.appRoles.includes(this.deps.settings.researcherAppRole),
    };
  }
}

const ROLE_ORDER: readonly ViewCaseRole[] = ['owner', 'manager', 'member', 'researcher'];

function viewerRoles(state: CaseState, personId: string): ViewCaseRole[] {
  const held = state.roles[personId] ?? [];
  return ROLE_ORDER.filter((role) => held.includes(role));
}

function pendingApproval(
  state: CaseState,
  gate: PendingGate,
  viewerId: string,
  p: Presenter,
): PendingApprovalView {
  return {
    caseId: state.caseId,
    caseTitle: p.text(state.title),
    stageId: gate.stageId,
    stageTitle: stageTitle(p.template, gate.stageId, p.language),
    round: gate.round,
    requestSeq: gate.requestSeq,
    requestedAt: gate.requestedAt,
    requestedBy: p.person(gate.requestedBy),
    approvalsNeeded: gate.approvalsNeeded,
    approvals: gate.approvals.map((approval) => ({ by: p.person(approval.personId), at: approval.at })),
    deciders: gateDeciders(state, p.template).map((id) => p.person(id)),
    // A paused case's review cannot be decided until it is resumed, so it waits for nobody.
    awaitingViewer: state.status === 'active' && whoMustDecide(state, p.template).includes(viewerId),
    sendBackTargets: sendBackTargets(p.template, gate.stageId).map((stage) => ({
      id: stage.id,
      title: stage.title[p.language],
    })),
  };
}

/** Every stage in template order, with each prompt's latest answer and the political decision. */
function documentation(state: CaseState, p: Presenter): StageDocumentationView[] {
  return p.template.stages.map((stage) => {
    const progress = state.stages[stage.id];
    const answers: DocumentedAnswerView[] = stage.prompts.map((prompt) => {
      const record = state.answers[prompt.id];
      return {
        promptId: prompt.id,
        prompt: prompt.label[p.language],
        required: prompt.required,
        ...(record !== undefined && {
          answer: {
            text: answerText(record.answer, p, prompt, record.actorId),
            at: record.at,
            by: p.person(record.actorId),
            revision: record.revision,
            round: record.round,
          },
        }),
      };
    });
    const political = state.politicalDecisions[stage.id];
    return {
      stageId: stage.id,
      stageTitle: stage.title[p.language],
      rounds: progress?.round ?? 0,
      state: progress?.status ?? 'ahead',
      answers,
      ...(political !== undefined && {
        politicalDecision: {
          text: p.textBy(political.actorId, renderPoliticalDecision(political.reference, p.language)),
          at: political.at,
          by: p.person(political.actorId),
        },
      }),
    };
  });
}

function answerText(
  answer: Answer,
  p: Presenter,
  prompt: PromptDefinition | undefined,
  authorId: string,
): string {
  if (answer.type === 'people') return answer.personIds.map((id) => p.person(id)).join('; ');
  if (answer.type === 'choice' && answer.otherText === undefined && answer.comment === undefined) {
    return renderAnswer(answer, prompt, p.language);
  }
  if (answer.type === 'date' || answer.type === 'number') return renderAnswer(answer, prompt, p.language);
  return p.textBy(authorId, renderAnswer(answer, prompt, p.language));
}
