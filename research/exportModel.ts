/**
 * What every export format is made from: one stream of `ExportItem`s, projected from the stored events
 * of the cases in scope (research/projection.ts). Each format is a function of that stream, so they all
 * say the same thing: the same pseudonyms, the same texts, the same order.
 */
import type { CaseEvent, CaseEventType } from '../engine/events';
import type { Language } from '../engine/localized';
import type { CaseStatus } from '../engine/state';
import type { CaseRole, TemplateRef } from '../engine/template';
import type { VerifyReport } from '../storage/eventLog';
import type { NamesMode, ParticipantEntry } from './pseudonymiser';
import type { DecisionOutcome } from './vocabulary';

export const EXPORT_FORMATS = [
  'json',
  'jsonl',
  'csv-events',
  'csv-answers',
  'csv-cases',
  'markdown',
  'qdpx',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Everything that identifies one export; the audit records the same. */
export interface ExportMeta {
  exportId: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  format: ExportFormat;
  language: Language;
  names: NamesMode;
  scope: { caseIds: string[]; filter?: Record<string, string> };
  /** The application and version that wrote it. */
  generator: string;
}

/** One case of an export, read up to `toSeq`: the head's version when the export started. */
export interface CaseToExport {
  caseId: string;
  toSeq: number;
}

/** A gate decision's documented basis, as it stood, with the texts resolved. */
export interface ResolvedBasis {
  /** The frozen hash (engine `DocumentationBasis.hash`). */
  hash: string;
  answers: {
    promptId: string;
    prompt: string;
    revision: number;
    /** The answer text at that revision; undefined if the log does not hold that revision. */
    text: string | undefined;
  }[];
  politicalDecision?: { revision: number; text: string | undefined };
}

/** One stored event, projected: pseudonymised, with its texts rendered and its context resolved. */
export interface ProjectedEvent {
  caseId: string;
  caseName: string;
  seq: number;
  at: string;
  type: CaseEventType;
  hash: string;
  prevHash: string;
  deliveryId?: string;
  /** The event as stored, with person ids replaced by labels and names in free text replaced. */
  event: CaseEvent;
  /** The acting person's label ("Deltaker 2"), or the system actor's id. */
  actor: string;
  /** The actor's pseudonym number in this export; absent for system actors (the reminder timer). */
  actorNumber?: number;
  /** The actor's roles in the case when the event happened (after it, for an event that assigns one). */
  actorRoles: CaseRole[];
  /** The actor's label with role names: "Deltaker 2 (leder)". */
  actorLabel: string;
  stageId?: string;
  stageTitle?: string;
  round?: number;
  /** The event's main text, rendered: an answer, a reason, an idea, a barrier, a memo. */
  text?: string;
  promptId?: string;
  prompt?: string;
  revision?: number;
  /** The answer's kind (text, choice, …) or `politicalDecision`. */
  answerType?: string;
  outcome?: DecisionOutcome;
  toStageId?: string;
  toStageTitle?: string;
  /** A barrier's category or an idea's source (ids from the template). */
  category?: string;
  categoryLabel?: string;
  /** The documentation a gate decision was based on. */
  basis?: ResolvedBasis;
  /** For a memo: the event it is about (absent: the whole case). */
  aboutSeq?: number;
  /** People named by the event (deciders, approvers, people answers, a role's holder), as labels. */
  people?: string[];
  /** True when this event's hash and link to the previous one check out. */
  chainOk: boolean;
}

export interface CaseHeader {
  caseId: string;
  /** How the case is named in every format: the title and the id, so names are unique and readable. */
  caseName: string;
  title: string;
  unit?: string;
  municipality?: string;
  template: TemplateRef;
  templateTitle: string;
  /** The language the group worked in. */
  language: Language;
  openedAt: string;
  openedBy: string;
  derivedFrom?: string;
}

/** One entry of a stage, from entering it to leaving it (passing, being sent back, stopping). */
export interface StageVisit {
  stageId: string;
  stageTitle: string;
  round: number;
  via: 'start' | 'approval' | 'sendBack';
  enteredAt: string;
  leftAt?: string;
  /** How the stage was left; absent while it is current. */
  leftBy?: 'approved' | 'approvedWithConditions' | 'sentBack' | 'stopped';
  /** Whole and fractional days from entering to leaving (or to the case's last event, if current). */
  days: number;
}

export interface CaseCounts {
  events: number;
  answers: number;
  politicalDecisions: number;
  gateReviews: number;
  approvals: number;
  sendBacks: number;
  pauses: number;
  stops: number;
  ideas: number;
  barriers: number;
  memos: number;
  reminders: number;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstMismatch?: NonNullable<VerifyReport['firstMismatch']>;
}

export interface CaseSummaryView extends CaseHeader {
  status: CaseStatus;
  currentStageId: string;
  currentStageTitle: string;
  /** Distinct stages entered at least once. */
  stagesReached: number;
  stagesPassed: number;
  lastEventAt: string;
  completedAt?: string;
  stoppedAt?: string;
  /** Days from opening to the last event. */
  daysOpen: number;
  counts: CaseCounts;
  visits: StageVisit[];
  derivedTo: string[];
  /** Who took part, with their roles when the export's reading ended. */
  roles: { participant: string; roles: string[] }[];
  chain: ChainCheck;
}

export type ExportItem =
  | { kind: 'caseStart'; header: CaseHeader }
  | { kind: 'event'; event: ProjectedEvent }
  | { kind: 'caseEnd'; summary: CaseSummaryView };

/** What a format needs besides the items: the export's identity and, at the end, its participants. */
export interface ExportSession {
  meta: ExportMeta;
  /** Everyone pseudonymised so far; complete once the items are exhausted. */
  participants(): ParticipantEntry[];
  /** Codes and labels of the process templates the export met (for code books and headings). */
  templateLabels(): TemplateLabels[];
}

/** What a format needs to know about a template to name codes and columns. */
export interface TemplateLabels {
  template: TemplateRef;
  title: string;
  stages: { id: string; title: string; prompts: { id: string; label: string }[] }[];
  barrierCategories: { id: string; label: string }[];
  ideaSources: { id: string; label: string }[];
}
