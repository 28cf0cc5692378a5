/**
 * The attributes of a case, one list for every format: the CSV case sheet's columns, the .qdpx Case
 * variables and the key figures in Markdown are all made from it, so an attribute has one name and one
 * value wherever a researcher reads it (the issue a list per format had: a template that was an id in
 * one and a title in the other).
 *
 * Dates are calendar days in the municipality's time zone; durations are days with two decimals,
 * counted from process events only (see caseTracker.ts).
 */
import type { Language, Localized } from '../engine/localized';
import type { CaseSummaryView, TemplateLabels } from './exportModel';
import { localDate } from './localTime';
import { STATUS_NAMES } from './vocabulary';

export type AttributeType = 'Text' | 'Integer' | 'Float' | 'Date' | 'Boolean';
export type AttributeValue = string | number | boolean | undefined;

export interface CaseAttribute {
  /** Stable key (the qdpx variable GUID is derived from it). */
  key: string;
  name: string;
  type: AttributeType;
  value: (summary: CaseSummaryView) => AttributeValue;
}

interface Fixed {
  key: string;
  name: Localized;
  type: AttributeType;
  value: (summary: CaseSummaryView, language: Language, timeZone: string) => AttributeValue;
}

const day = (iso: string | undefined, timeZone: string): string | undefined =>
  iso === undefined || iso === '' ? undefined : localDate(iso, timeZone);

const BEFORE_STAGES: Fixed[] = [
  {
    key: 'caseId',
    name: { nb: 'Sak-ID', nn: 'Sak-ID', en: 'Case ID' },
    type: 'Text',
    value: (c) => c.caseId,
  },
  { key: 'title', name: { nb: 'Tittel', nn: 'Tittel', en: 'Title' }, type: 'Text', value: (c) => c.title },
  { key: 'unit', name: { nb: 'Enhet', nn: 'Eining', en: 'Unit' }, type: 'Text', value: (c) => c.unit },
  {
    key: 'municipality',
    name: { nb: 'Kommune', nn: 'Kommune', en: 'Municipality' },
    type: 'Text',
    value: (c) => c.municipality,
  },
  {
    key: 'template',
    name: { nb: 'Prosessmal', nn: 'Prosessmal', en: 'Template' },
    type: 'Text',
    value: (c) => c.template.id,
  },
  {
    key: 'templateVersion',
    name: { nb: 'Malversjon', nn: 'Malversjon', en: 'Template version' },
    type: 'Integer',
    value: (c) => c.template.version,
  },
  {
    key: 'language',
    name: { nb: 'Språk', nn: 'Språk', en: 'Language' },
    type: 'Text',
    value: (c) => c.language,
  },
  {
    key: 'status',
    name: { nb: 'Status', nn: 'Status', en: 'Status' },
    type: 'Text',
    value: (c, l) => STATUS_NAMES[c.status][l],
  },
  {
    key: 'currentStage',
    name: { nb: 'Nåværende steg', nn: 'Noverande steg', en: 'Current stage' },
    type: 'Text',
    value: (c) => c.currentStageTitle,
  },
  {
    key: 'stagesReached',
    name: { nb: 'Steg nådd', nn: 'Steg nådd', en: 'Stages reached' },
    type: 'Integer',
    value: (c) => c.stagesReached,
  },
  {
    key: 'stagesPassed',
    name: { nb: 'Steg godkjent', nn: 'Steg godkjent', en: 'Stages passed' },
    type: 'Integer',
    value: (c) => c.stagesPassed,
  },
  {
    key: 'opened',
    name: { nb: 'Åpnet', nn: 'Opna', en: 'Opened' },
    type: 'Date',
    value: (c, _l, tz) => day(c.openedAt, tz),
  },
  {
    key: 'lastActivity',
    name: { nb: 'Siste aktivitet', nn: 'Siste aktivitet', en: 'Last activity' },
    type: 'Date',
    value: (c, _l, tz) => day(c.lastActivityAt, tz),
  },
  {
    key: 'completed',
    name: { nb: 'Fullført', nn: 'Fullført', en: 'Completed' },
    type: 'Date',
    value: (c, _l, tz) => day(c.completedAt, tz),
  },
  {
    key: 'stopped',
    name: { nb: 'Stoppet', nn: 'Stoppa', en: 'Stopped' },
    type: 'Date',
    value: (c, _l, tz) => day(c.stoppedAt, tz),
  },
  {
    key: 'daysOpen',
    name: { nb: 'Dager åpen', nn: 'Dagar open', en: 'Days open' },
    type: 'Float',
    value: (c) => c.daysOpen,
  },
  {
    key: 'daysPaused',
    name: { nb: 'Dager på pause', nn: 'Dagar på pause', en: 'Days paused' },
    type: 'Float',
    value: (c) => c.daysPaused,
  },
  {
    key: 'sendBacks',
    name: { nb: 'Tilbakesendinger', nn: 'Tilbakesendingar', en: 'Send-backs' },
    type: 'Integer',
    value: (c) => c.counts.sendBacks,
  },
  {
    key: 'pauses',
    name: { nb: 'Pauser', nn: 'Pausar', en: 'Pauses' },
    type: 'Integer',
    value: (c) => c.counts.pauses,
  },
  {
    key: 'ideas',
    name: { nb: 'Ideer', nn: 'Idéar', en: 'Ideas' },
    type: 'Integer',
    value: (c) => c.counts.ideas,
  },
  {
    key: 'ideasFromMessages',
    name: { nb: 'Ideer fra meldinger', nn: 'Idéar frå meldingar', en: 'Ideas from messages' },
    type: 'Integer',
    value: (c) => c.counts.ideasFromMessages,
  },
  {
    key: 'barriers',
    name: { nb: 'Barrierer', nn: 'Barrierar', en: 'Barriers' },
    type: 'Integer',
    value: (c) => c.counts.barriers,
  },
  {
    key: 'barriersFromMessages',
    name: { nb: 'Barrierer fra meldinger', nn: 'Barrierar frå meldingar', en: 'Barriers from messages' },
    type: 'Integer',
    value: (c) => c.counts.barriersFromMessages,
  },
  {
    key: 'answers',
    name: { nb: 'Svar', nn: 'Svar', en: 'Answers' },
    type: 'Integer',
    value: (c) => c.counts.answers,
  },
  {
    key: 'processEvents',
    name: { nb: 'Prosesshendelser', nn: 'Prosesshendingar', en: 'Process events' },
    type: 'Integer',
    value: (c) => c.counts.processEvents,
  },
  {
    key: 'ideaSource',
    name: { nb: 'Idékilde', nn: 'Idékjelde', en: 'Idea source' },
    type: 'Text',
    value: (c) => c.ideaSource,
  },
];

const AFTER_STAGES: Fixed[] = [
  {
    key: 'memos',
    name: { nb: 'Forskernotater', nn: 'Forskarnotat', en: 'Research memos' },
    type: 'Integer',
    value: (c) => c.counts.memos,
  },
  {
    key: 'derivedFrom',
    name: { nb: 'Avledet fra', nn: 'Avleidd frå', en: 'Derived from' },
    type: 'Text',
    value: (c) => c.derivedFrom,
  },
  {
    key: 'researchDeclined',
    name: { nb: 'Reservert mot forskning', nn: 'Reservert mot forsking', en: 'Declined research use' },
    type: 'Integer',
    value: (c) => c.researchDeclined,
  },
  {
    key: 'chainIntact',
    name: { nb: 'Kjede intakt', nn: 'Kjede intakt', en: 'Chain intact' },
    type: 'Boolean',
    value: (c) => c.chain.ok,
  },
];

const STAGE_WORDS = {
  days: { nb: 'dager', nn: 'dagar', en: 'days' },
  pausedDays: { nb: 'dager på pause', nn: 'dagar på pause', en: 'days paused' },
  rounds: { nb: 'runder', nn: 'rundar', en: 'rounds' },
  body: { nb: 'politisk organ', nn: 'politisk organ', en: 'political body' },
  meetingDate: { nb: 'møtedato', nn: 'møtedato', en: 'meeting date' },
  caseNumber: { nb: 'saksnummer', nn: 'saksnummer', en: 'case number' },
} satisfies Record<string, Localized>;

/** The attributes for the templates an export met, in a fixed order: case, stages, political decisions. */
export function caseAttributes(
  templates: readonly TemplateLabels[],
  language: Language,
  timeZone: string,
): CaseAttribute[] {
  const fixed = (list: Fixed[]): CaseAttribute[] =>
    list.map((a) => ({
      key: a.key,
      name: a.name[language],
      type: a.type,
      value: (summary) => a.value(summary, language, timeZone),
    }));
  const stages = new Map<string, { title: string; political: boolean }>();
  for (const template of templates) {
    for (const stage of template.stages) {
      if (!stages.has(stage.id)) {
        stages.set(stage.id, { title: stage.title, political: stage.requiresPoliticalDecision });
      }
    }
  }
  const perStage: CaseAttribute[] = [...stages].flatMap(([stageId, { title }]) => {
    const figures = (summary: CaseSummaryView) => summary.stages.find((s) => s.stageId === stageId);
    return [
      {
        key: `stage:${stageId}:days`,
        name: `${title}: ${STAGE_WORDS.days[language]}`,
        type: 'Float' as const,
        value: (summary: CaseSummaryView) => figures(summary)?.days,
      },
      {
        key: `stage:${stageId}:pausedDays`,
        name: `${title}: ${STAGE_WORDS.pausedDays[language]}`,
        type: 'Float' as const,
        value: (summary: CaseSummaryView) => figures(summary)?.pausedDays,
      },
      {
        key: `stage:${stageId}:rounds`,
        name: `${title}: ${STAGE_WORDS.rounds[language]}`,
        type: 'Integer' as const,
        value: (summary: CaseSummaryView) => figures(summary)?.rounds,
      },
    ];
  });
  const political: CaseAttribute[] = [...stages]
    .filter(([, stage]) => stage.political)
    .flatMap(([stageId, { title }]) => {
      const decision = (summary: CaseSummaryView) =>
        summary.politicalDecisions.find((d) => d.stageId === stageId);
      return [
        {
          key: `political:${stageId}:body`,
          name: `${title}: ${STAGE_WORDS.body[language]}`,
          type: 'Text' as const,
          value: (summary: CaseSummaryView) => decision(summary)?.body,
        },
        {
          key: `political:${stageId}:meetingDate`,
          name: `${title}: ${STAGE_WORDS.meetingDate[language]}`,
          type: 'Date' as const,
          value: (summary: CaseSummaryView) => decision(summary)?.meetingDate,
        },
        {
          key: `political:${stageId}:caseNumber`,
          name: `${title}: ${STAGE_WORDS.caseNumber[language]}`,
          type: 'Text' as const,
          value: (summary: CaseSummaryView) => decision(summary)?.caseNumber,
        },
      ];
    });
  return [...fixed(BEFORE_STAGES), ...perStage, ...political, ...fixed(AFTER_STAGES)];
}

/** An attribute's value as text, the same in every format ("" when the case has none). */
export function attributeText(value: AttributeValue): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}
