/**
 * The words exports use that the process template does not define (gate outcomes, labels of the case
 * sheet, Markdown headings), in Norwegian Bokmål, Nynorsk and English like every user-facing text.
 */
import type { Language, Localized } from '../engine/localized';
import type { CaseStatus } from '../engine/state';
import type { RecordedVia } from './exportModel';

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
  approved: { nb: 'godkjent', nn: 'godkjent', en: 'approved' },
  approvedWithConditions: {
    nb: 'godkjent med vilkår',
    nn: 'godkjent med vilkår',
    en: 'approved with conditions',
  },
  sentBack: { nb: 'sendt tilbake', nn: 'sendt tilbake', en: 'sent back' },
  paused: { nb: 'satt på pause', nn: 'sett på pause', en: 'paused' },
  resumed: { nb: 'gjenopptatt', nn: 'teke opp att', en: 'resumed' },
  stopped: { nb: 'stoppet', nn: 'stoppa', en: 'stopped' },
  withdrawn: { nb: 'vurdering trukket tilbake', nn: 'vurdering trekt tilbake', en: 'review withdrawn' },
};

export const STATUS_NAMES: Record<CaseStatus, Localized> = {
  active: { nb: 'aktiv', nn: 'aktiv', en: 'active' },
  paused: { nb: 'satt på pause', nn: 'sett på pause', en: 'paused' },
  stopped: { nb: 'stoppet', nn: 'stoppa', en: 'stopped' },
  completed: { nb: 'fullført', nn: 'fullført', en: 'completed' },
};

export const WORDS = {
  notApplicable: { nb: 'Ikke relevant', nn: 'Ikkje relevant', en: 'Not applicable' },
  other: { nb: 'Annet', nn: 'Anna', en: 'Other' },
  politicalDecision: { nb: 'Politisk vedtak', nn: 'Politisk vedtak', en: 'Political decision' },
  caseNumber: { nb: 'saksnr.', nn: 'saksnr.', en: 'case no.' },
  stillStands: { nb: 'gjelder fortsatt', nn: 'gjeld framleis', en: 'still stands' },
  idea: { nb: 'Idé', nn: 'Idé', en: 'Idea' },
  barrier: { nb: 'Barriere', nn: 'Barriere', en: 'Barrier' },
  memo: { nb: 'Forskernotat', nn: 'Forskarnotat', en: 'Research memo' },
  stage: { nb: 'Steg', nn: 'Steg', en: 'Stage' },
  round: { nb: 'runde', nn: 'runde', en: 'round' },
  revision: { nb: 'revisjon', nn: 'revisjon', en: 'revision' },
  gate: { nb: 'Port', nn: 'Port', en: 'Gate' },
  gateOutcome: { nb: 'Portutfall', nn: 'Portutfall', en: 'Gate outcome' },
  prompt: { nb: 'Spørsmål', nn: 'Spørsmål', en: 'Prompt' },
  ideaSource: { nb: 'Idékilde', nn: 'Idékjelde', en: 'Idea source' },
  barrierCategory: { nb: 'Barrierekategori', nn: 'Barrierekategori', en: 'Barrier category' },
  documentation: { nb: 'Dokumentasjon', nn: 'Dokumentasjon', en: 'Documentation' },
} satisfies Record<string, Localized>;

/** How an idea or a barrier was recorded, as a code and a label: kept from a Teams message, or typed to the bot. */
export const RECORDED_VIA_NAMES: Record<RecordedVia, Localized> = {
  message: { nb: 'Fra en melding i Teams', nn: 'Frå ei melding i Teams', en: 'From a Teams message' },
  chat: { nb: 'Skrevet til boten', nn: 'Skriven til boten', en: 'Typed to the bot' },
};

/** The parent of the two codes above in the .qdpx code book. */
export const RECORDED_VIA_HEADING: Localized = {
  nb: 'Hvordan det ble registrert',
  nn: 'Korleis det vart registrert',
  en: 'How it was recorded',
};

/**
 * How an idea or a barrier came in, as a phrase: "fra en melding av Deltaker 3, skrevet 2026-12-01 09:15
 * (+01:00)" or "skrevet til boten". `writtenAt` is already written for people (the municipality's time).
 */
export function recordedViaPhrase(via: RecordedVia, writtenBy?: string, writtenAt?: string): Localized {
  if (via === 'chat') return { nb: 'skrevet til boten', nn: 'skriven til boten', en: 'typed to the bot' };
  const by = (word: string): string => (writtenBy === undefined ? '' : ` ${word} ${writtenBy}`);
  const at = (word: string): string => (writtenAt === undefined ? '' : `, ${word} ${writtenAt}`);
  return {
    nb: `fra en melding${by('av')}${at('skrevet')}`,
    nn: `frå ei melding${by('av')}${at('skriven')}`,
    en: `from a message${by('by')}${at('written')}`,
  };
}

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
  approval: {
    nb: 'Godkjenning fra én beslutningstaker',
    nn: 'Godkjenning frå éin avgjerdstakar',
    en: 'Approval by one decider',
  },
  approvalWithConditions: {
    nb: 'Godkjenning med vilkår fra én beslutningstaker',
    nn: 'Godkjenning med vilkår frå éin avgjerdstakar',
    en: 'Approval with conditions by one decider',
  },
  gatePassed: { nb: 'Porten passert', nn: 'Porten passert', en: 'Gate passed' },
  gatePassedWithConditions: {
    nb: 'Porten passert med vilkår',
    nn: 'Porten passert med vilkår',
    en: 'Gate passed with conditions',
  },
  sentBack: { nb: 'Sendt tilbake', nn: 'Sendt tilbake', en: 'Sent back' },
  paused: { nb: 'Satt på pause', nn: 'Sett på pause', en: 'Paused' },
  resumed: { nb: 'Gjenopptatt', nn: 'Teke opp att', en: 'Resumed' },
  stopped: { nb: 'Stoppet', nn: 'Stoppa', en: 'Stopped' },
  withdrawn: { nb: 'Vurdering trukket tilbake', nn: 'Vurdering trekt tilbake', en: 'Review withdrawn' },
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
      nn: `hending ${values.expectedSeq ?? '?'} manglar: neste lagra hending er ${values.seq ?? '?'}`,
      en: `event ${values.expectedSeq ?? '?'} is missing: the next stored event is ${values.seq ?? '?'}`,
    },
    brokenChain: {
      nb: 'hendelsen peker ikke til hashen til hendelsen før: en hendelse er fjernet, byttet eller satt inn',
      nn: 'hendinga peikar ikkje til hashen til hendinga før: ei hending er fjerna, bytt eller sett inn',
      en: 'the event does not point to the hash of the event before it: one was removed, replaced or inserted',
    },
    hashMismatch: {
      nb: 'innholdet stemmer ikke med hashen det ble lagret med: hendelsen er endret etterpå',
      nn: 'innhaldet stemmer ikkje med hashen det vart lagra med: hendinga er endra etterpå',
      en: 'the content does not match the hash it was stored with: the event was changed afterwards',
    },
    missingAtEnd: {
      nb: `saken sier at loggen har ${values.toSeq ?? '?'} hendelser, men den slutter ved hendelse ${values.lastSeq ?? '?'}`,
      nn: `saka seier at loggen har ${values.toSeq ?? '?'} hendingar, men han sluttar ved hending ${values.lastSeq ?? '?'}`,
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
  body: {
    label: { nb: 'Politisk organ', nn: 'Politisk organ', en: 'Political body' },
    promptIds: [] as string[],
  },
  meetingDate: { label: { nb: 'Møtedato', nn: 'Møtedato', en: 'Meeting date' }, promptIds: [] as string[] },
  caseNumber: { label: { nb: 'Saksnummer', nn: 'Saksnummer', en: 'Case number' }, promptIds: [] as string[] },
  decision: { label: { nb: 'Vedtak', nn: 'Vedtak', en: 'Decision' }, promptIds: [] as string[] },
  mandate: {
    label: { nb: 'Mandat', nn: 'Mandat', en: 'Mandate' },
    promptIds: ['mandate', 'rollout-mandate'],
  },
  budget: {
    label: { nb: 'Budsjett (kr)', nn: 'Budsjett (kr)', en: 'Budget (NOK)' },
    promptIds: ['budget', 'rollout-budget'],
  },
  changes: {
    label: { nb: 'Hva som er endret', nn: 'Kva som er endra', en: 'What changed' },
    promptIds: ['changes-since-anchoring'],
  },
} satisfies Record<string, { label: Localized; promptIds: string[] }>;

export function word(key: keyof typeof WORDS, language: Language): string {
  return WORDS[key][language];
}
