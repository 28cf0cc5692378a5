/**
 * The words exports use that the process template does not define (gate outcomes, labels of the case
 * sheet, Markdown headings), in Norwegian Bokmål and English like every user-facing text.
 */
import type { Language, Localized } from '../engine/localized';
import type { CaseStatus } from '../engine/state';

/** What a gate or a manager decided: the outcomes a researcher codes and counts. */
export type DecisionOutcome =
  'approved' | 'approvedWithConditions' | 'sentBack' | 'paused' | 'resumed' | 'stopped' | 'withdrawn';

export const DECISION_OUTCOMES: readonly DecisionOutcome[] = [
  'approved',
  'approvedWithConditions',
  'sentBack',
  'paused',
  'resumed',
  'stopped',
  'withdrawn',
];

export const OUTCOME_NAMES: Record<DecisionOutcome, Localized> = {
  approved: { nb: 'godkjent', en: 'approved' },
  approvedWithConditions: { nb: 'godkjent med vilkår', en: 'approved with conditions' },
  sentBack: { nb: 'sendt tilbake', en: 'sent back' },
  paused: { nb: 'satt på pause', en: 'paused' },
  resumed: { nb: 'gjenopptatt', en: 'resumed' },
  stopped: { nb: 'stoppet', en: 'stopped' },
  withdrawn: { nb: 'vurdering trukket tilbake', en: 'review withdrawn' },
};

export const STATUS_NAMES: Record<CaseStatus, Localized> = {
  active: { nb: 'aktiv', en: 'active' },
  paused: { nb: 'satt på pause', en: 'paused' },
  stopped: { nb: 'stoppet', en: 'stopped' },
  completed: { nb: 'fullført', en: 'completed' },
};

export const WORDS = {
  notApplicable: { nb: 'Ikke relevant', en: 'Not applicable' },
  other: { nb: 'Annet', en: 'Other' },
  politicalDecision: { nb: 'Politisk vedtak', en: 'Political decision' },
  caseNumber: { nb: 'saksnr.', en: 'case no.' },
  stillStands: { nb: 'gjelder fortsatt', en: 'still stands' },
  idea: { nb: 'Idé', en: 'Idea' },
  barrier: { nb: 'Barriere', en: 'Barrier' },
  memo: { nb: 'Forskernotat', en: 'Research memo' },
  stage: { nb: 'Steg', en: 'Stage' },
  round: { nb: 'runde', en: 'round' },
  revision: { nb: 'revisjon', en: 'revision' },
  gate: { nb: 'Port', en: 'Gate' },
  gateOutcome: { nb: 'Portutfall', en: 'Gate outcome' },
  prompt: { nb: 'Spørsmål', en: 'Prompt' },
  ideaSource: { nb: 'Idékilde', en: 'Idea source' },
  barrierCategory: { nb: 'Barrierekategori', en: 'Barrier category' },
  documentation: { nb: 'Dokumentasjon', en: 'Documentation' },
} satisfies Record<string, Localized>;

/**
 * What a decision event is, one code each in the qdpx code book and one label in every format: each
 * approval, a gate passing, a send-back, a pause, a resume, a stop, a withdrawn review.
 */
export type DecisionKind =
  | 'approval'
  | 'approvalWithConditions'
  | 'gatePassed'
  | 'gatePassedWithConditions'
  | 'sentBack'
  | 'paused'
  | 'resumed'
  | 'stopped'
  | 'withdrawn';

export const DECISION_KINDS: readonly DecisionKind[] = [
  'approval',
  'approvalWithConditions',
  'gatePassed',
  'gatePassedWithConditions',
  'sentBack',
  'paused',
  'resumed',
  'stopped',
  'withdrawn',
];

export const DECISION_KIND_NAMES: Record<DecisionKind, Localized> = {
  approval: { nb: 'Godkjenning fra én beslutningstaker', en: 'Approval by one decider' },
  approvalWithConditions: {
    nb: 'Godkjenning med vilkår fra én beslutningstaker',
    en: 'Approval with conditions by one decider',
  },
  gatePassed: { nb: 'Porten passert', en: 'Gate passed' },
  gatePassedWithConditions: { nb: 'Porten passert med vilkår', en: 'Gate passed with conditions' },
  sentBack: { nb: 'Sendt tilbake', en: 'Sent back' },
  paused: { nb: 'Satt på pause', en: 'Paused' },
  resumed: { nb: 'Gjenopptatt', en: 'Resumed' },
  stopped: { nb: 'Stoppet', en: 'Stopped' },
  withdrawn: { nb: 'Vurdering trukket tilbake', en: 'Review withdrawn' },
};

/** The decision kind of an event, or undefined for events that decide nothing. */
export function decisionKindOf(type: string, outcome: DecisionOutcome | undefined): DecisionKind | undefined {
  switch (type) {
    case 'GateApprovalGiven':
      return outcome === 'approvedWithConditions' ? 'approvalWithConditions' : 'approval';
    case 'GatePassed':
      return outcome === 'approvedWithConditions' ? 'gatePassedWithConditions' : 'gatePassed';
    case 'GateSentBack':
      return 'sentBack';
    case 'CasePaused':
      return 'paused';
    case 'CaseResumed':
      return 'resumed';
    case 'CaseStopped':
      return 'stopped';
    case 'GateReviewWithdrawn':
      return 'withdrawn';
    default:
      return undefined;
  }
}

type ChainProblemKind = 'gapInSequence' | 'brokenChain' | 'hashMismatch' | 'missingAtEnd';

/** What a hash-chain problem means, in words for the export's reader. */
export function chainProblemText(
  kind: ChainProblemKind,
  language: Language,
  values: { expectedSeq?: number; seq?: number; toSeq?: number; lastSeq?: number } = {},
): string {
  const texts: Record<ChainProblemKind, Localized> = {
    gapInSequence: {
      nb: `hendelse ${values.expectedSeq ?? '?'} mangler: neste lagrede hendelse er ${values.seq ?? '?'}`,
      en: `event ${values.expectedSeq ?? '?'} is missing: the next stored event is ${values.seq ?? '?'}`,
    },
    brokenChain: {
      nb: 'hendelsen peker ikke til hashen til hendelsen før: en hendelse er fjernet, byttet eller satt inn',
      en: 'the event does not point to the hash of the event before it: one was removed, replaced or inserted',
    },
    hashMismatch: {
      nb: 'innholdet stemmer ikke med hashen det ble lagret med: hendelsen er endret etterpå',
      en: 'the content does not match the hash it was stored with: the event was changed afterwards',
    },
    missingAtEnd: {
      nb: `saken sier at loggen har ${values.toSeq ?? '?'} hendelser, men den slutter ved hendelse ${values.lastSeq ?? '?'}`,
      en: `the case says its log holds ${values.toSeq ?? '?'} events, but it ends at event ${values.lastSeq ?? '?'}`,
    },
  };
  return texts[kind][language];
}

/**
 * The aspects "what changed between anchoring and re-anchoring" lines up, and which prompts of the
 * political stages answer them (prompt ids are unique within a template).
 */
export const COMPARISON_ASPECTS = {
  body: { label: { nb: 'Politisk organ', en: 'Political body' }, promptIds: [] as string[] },
  meetingDate: { label: { nb: 'Møtedato', en: 'Meeting date' }, promptIds: [] as string[] },
  caseNumber: { label: { nb: 'Saksnummer', en: 'Case number' }, promptIds: [] as string[] },
  decision: { label: { nb: 'Vedtak', en: 'Decision' }, promptIds: [] as string[] },
  mandate: { label: { nb: 'Mandat', en: 'Mandate' }, promptIds: ['mandate', 'rollout-mandate'] },
  budget: { label: { nb: 'Budsjett (kr)', en: 'Budget (NOK)' }, promptIds: ['budget', 'rollout-budget'] },
  changes: {
    label: { nb: 'Hva som er endret', en: 'What changed' },
    promptIds: ['changes-since-anchoring'],
  },
} satisfies Record<string, { label: Localized; promptIds: string[] }>;

export function word(key: keyof typeof WORDS, language: Language): string {
  return WORDS[key][language];
}
