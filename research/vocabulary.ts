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

export function word(key: keyof typeof WORDS, language: Language): string {
  return WORDS[key][language];
}
