/**
 * A readable case history per stage, for researchers who read rather than code. It opens with what the
 * export is (the notice: pseudonymisation, consent, how figures are computed), then for each case what
 * was documented in each stage round, each gate decision with who, when, why and on what documented
 * basis, the loops (send-backs), pauses, ideas and barriers as they came, and at the end how long each
 * stage took (paused time apart), the key figures (the same as the CSV case sheet and the .qdpx
 * variables), what changed between the anchoring and the re-anchoring, the participants with their roles
 * and whether the hash chain held.
 *
 * - Every event carries its number (#12), so memos ("about event #12") can be followed.
 * - A gate's documentation basis is written out once, at the event that froze it (the review request);
 *   the decisions on it refer to it by event number, hash and revisions.
 * - Times are in the municipality's time zone with the offset: "2026-01-05 09:00 (+01:00)".
 * - Links stay links (<https://…>); everything else people typed is escaped so it cannot become markup.
 * - A broken hash chain is marked at the event where it breaks, in the export's language.
 *
 * Written as the events come: a stage heading when a stage is entered, one block per event. Only the
 * stage visits and the bases shown (a handful per case) are kept until the case's closing sections.
 *
 * Why this file is longer than 400 lines: it writes one readable document whose sections (events, bases
 * written once and referred to, figures, the anchoring comparison, participants) share the export's
 * numbering and language.
 */
import type { Language } from '../../engine/localized';
import { attributeText, caseAttributes } from '../caseAttributes';
import type { CaseHeader, CaseSummaryView, ExportItem, ExportSession, ProjectedEvent } from '../exportModel';
import { exportNotice } from '../exportNotice';
import { localDateTime } from '../localTime';
import { OUTCOME_NAMES, recordedViaPhrase, STATUS_NAMES, word } from '../vocabulary';

type Texts = Record<string, Record<Language, string>>;

const T = {
  title: {
    nb: 'Forskningseksport: dokumentert prosesslogg',
    nn: 'Forskingseksport: dokumentert prosesslogg',
    en: 'Research export: documented process log',
  },
  about: { nb: 'Om eksporten', nn: 'Om eksporten', en: 'About this export' },
  unit: { nb: 'Enhet', nn: 'Eining', en: 'Unit' },
  municipality: { nb: 'Kommune', nn: 'Kommune', en: 'Municipality' },
  template: { nb: 'Prosessmal', nn: 'Prosessmal', en: 'Process template' },
  opened: { nb: 'Åpnet', nn: 'Opna', en: 'Opened' },
  by: { nb: 'av', nn: 'av', en: 'by' },
  derivedFrom: { nb: 'Spredt fra sak', nn: 'Spreidd frå sak', en: 'Spread from case' },
  beforeStages: { nb: 'Oppstart', nn: 'Oppstart', en: 'Start' },
  enteredVia: { nb: 'Startet', nn: 'Starta', en: 'Entered' },
  viaStart: { nb: 'ved oppstart', nn: 'ved oppstart', en: 'at the start' },
  viaApproval: { nb: 'etter godkjent port', nn: 'etter godkjend port', en: 'after an approved gate' },
  viaSendBack: { nb: 'sendt tilbake hit', nn: 'sendt tilbake hit', en: 'sent back here' },
  requested: {
    nb: 'Vurdering av porten bedt om',
    nn: 'Bede om vurdering av porten',
    en: 'Gate review requested',
  },
  deciders: { nb: 'beslutningstakere', nn: 'avgjerdstakarar', en: 'deciders' },
  approvalsNeeded: {
    nb: 'godkjenninger som trengs',
    nn: 'godkjenningar som trengst',
    en: 'approvals needed',
  },
  approval: { nb: 'Godkjenning', nn: 'Godkjenning', en: 'Approval' },
  noComment: { nb: 'uten kommentar', nn: 'utan kommentar', en: 'without a comment' },
  gatePassed: { nb: 'Porten er passert', nn: 'Porten er passert', en: 'Gate passed' },
  approvedBy: { nb: 'godkjent av', nn: 'godkjent av', en: 'approved by' },
  conditions: { nb: 'Vilkår', nn: 'Vilkår', en: 'Conditions' },
  reason: { nb: 'Begrunnelse', nn: 'Grunngjeving', en: 'Reason' },
  to: { nb: 'til', nn: 'til', en: 'to' },
  basisFrozen: {
    nb: 'Grunnlag, frosset her: dokumentasjonen slik den sto',
    nn: 'Grunnlag, frose her: dokumentasjonen slik han stod',
    en: 'Basis, frozen here: the documentation as it stood',
  },
  basisAsAt: { nb: 'Grunnlag: som frosset ved', nn: 'Grunnlag: som frose ved', en: 'Basis: as frozen at' },
  revisions: { nb: 'revisjoner', nn: 'revisjonar', en: 'revisions' },
  missing: {
    nb: '(denne revisjonen finnes ikke i loggen)',
    nn: '(denne revisjonen finst ikkje i loggen)',
    en: '(this revision is not in the log)',
  },
  role: { nb: 'fikk rollen', nn: 'fekk rolla', en: 'was given the role' },
  roleRevoked: { nb: 'mistet rollen', nn: 'miste rolla', en: 'lost the role' },
  completed: { nb: 'Saken er fullført.', nn: 'Saka er fullført.', en: 'The case is completed.' },
  diffused: { nb: 'Spredt til ny sak', nn: 'Spreidd til ny sak', en: 'Spread to a new case' },
  language: {
    nb: 'Språket i saken ble endret til',
    nn: 'Språket i saka vart endra til',
    en: 'The case language was changed to',
  },
  reminder: { nb: 'Påminnelse sendt', nn: 'Påminning sendt', en: 'Reminder sent' },
  idleStage: { nb: 'steget har stått stille', nn: 'steget har stått stille', en: 'the stage has been idle' },
  pendingGate: {
    nb: 'porten venter på beslutning',
    nn: 'porten ventar på avgjerd',
    en: 'the gate awaits a decision',
  },
  consentDeclined: {
    nb: 'reserverte seg mot at bidragene brukes i forskning',
    nn: 'reserverte seg mot at bidraga blir brukte i forsking',
    en: 'declined that their contributions are used for research',
  },
  consentGiven: {
    nb: 'trakk reservasjonen mot forskningsbruk tilbake',
    nn: 'trekte reservasjonen mot forskingsbruk tilbake',
    en: 'took back their objection to research use',
  },
  memoAbout: { nb: 'om hendelse', nn: 'om hending', en: 'about event' },
  memoCase: { nb: 'om hele saken', nn: 'om heile saka', en: 'about the whole case' },
  durations: { nb: 'Tid per steg', nn: 'Tid per steg', en: 'Time per stage' },
  round: { nb: 'Runde', nn: 'Runde', en: 'Round' },
  entered: { nb: 'Inn', nn: 'Inn', en: 'Entered' },
  left: { nb: 'Ut', nn: 'Ut', en: 'Left' },
  how: { nb: 'Hvordan', nn: 'Korleis', en: 'How' },
  days: { nb: 'Dager', nn: 'Dagar', en: 'Days' },
  pausedDays: { nb: 'Av dem på pause', nn: 'Av dei på pause', en: 'Of which paused' },
  current: { nb: '(pågår)', nn: '(i gang)', en: '(current)' },
  figures: { nb: 'Nøkkeltall', nn: 'Nøkkeltal', en: 'Key figures' },
  comparison: {
    nb: 'Hva som endret seg mellom forankring og ny forankring',
    nn: 'Kva som endra seg mellom forankring og ny forankring',
    en: 'What changed between anchoring and re-anchoring',
  },
  aspect: { nb: 'Hva', nn: 'Kva', en: 'What' },
  notYet: { nb: '(ikke vedtatt ennå)', nn: '(ikkje vedteke enno)', en: '(not decided yet)' },
  passedOn: { nb: 'passert', nn: 'passert', en: 'passed' },
  changed: { nb: 'endret', nn: 'endra', en: 'changed' },
  unchanged: { nb: 'uendret', nn: 'uendra', en: 'unchanged' },
  participantsRoles: { nb: 'Deltakere og roller', nn: 'Deltakarar og roller', en: 'Participants and roles' },
  status: { nb: 'Status', nn: 'Status', en: 'Status' },
  chain: { nb: 'Hash-kjeden', nn: 'Hash-kjeda', en: 'Hash chain' },
  chainIntact: { nb: 'intakt', nn: 'intakt', en: 'intact' },
  chainBroken: { nb: 'BRUTT', nn: 'BROTEN', en: 'BROKEN' },
  chainBreaksHere: {
    nb: 'Hash-kjeden brytes her',
    nn: 'Hash-kjeda blir broten her',
    en: 'The hash chain breaks here',
  },
  checked: { nb: 'hendelser kontrollert', nn: 'hendingar kontrollerte', en: 'events checked' },
  atEvent: { nb: 'ved hendelse', nn: 'ved hending', en: 'at event' },
  participants: { nb: 'Deltakere', nn: 'Deltakarar', en: 'Participants' },
  erased: { nb: 'slettet', nn: 'sletta', en: 'erased' },
  withheld: { nb: 'fritekst holdt tilbake', nn: 'fritekst halden tilbake', en: 'free text withheld' },
} satisfies Texts;

function t(key: keyof typeof T, language: Language): string {
  return T[key][language];
}

const MARKUP = /[\\`*_[\]<>|#]/;

/** Escapes what Markdown would read as markup in people's text: emphasis, links, HTML, code, tables. */
export function escapeMarkdown(text: string): string {
  // Most text holds no markup character; one test is cheaper than a replace that finds nothing.
  if (!MARKUP.test(text)) return text;
  return text.replace(/[\\`*_[\]<>|#]/g, (character) => `\\${character}`);
}

/** A URL as written in text, with or without the angle brackets the renderers put around it. */
const URL_IN_TEXT = /<?(https?:\/\/[^\s<>]+?)>?(?=[)\].,;:!?]*(?:\s|$))/giu;

/** People's text with markup escaped and web links kept as links (<https://…>, an autolink). */
export function inlineText(text: string): string {
  // A link needs "://": text without it is only escaped.
  if (!text.includes('://')) return escapeMarkdown(text);
  let result = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    result += escapeMarkdown(text.slice(last, match.index));
    result += `<${match[1] ?? ''}>`;
    last = match.index + match[0].length;
  }
  return result + escapeMarkdown(text.slice(last));
}

/** Text as a quoted block, line by line, so a multi-line answer stays one block. */
function quote(text: string, indent = '  '): string {
  return text
    .split(/\r?\n/)
    .map((lineText) => `${indent}> ${inlineText(lineText)}`.trimEnd())
    .join('\n');
}

export async function* markdownExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  await session.prepare();
  const { meta } = session;
  const language = meta.language;
  const zone = meta.timeZone;
  const when = (iso: string): string => localDateTime(iso, zone);
  yield `# ${t('title', language)}\n\n## ${t('about', language)}\n\n`;
  for (const paragraph of exportNotice({ meta, withheld: session.withheldParticipants() })) {
    yield `${inlineText(paragraph)}\n\n`;
  }
  const rolesByLabel = new Map<string, Set<string>>();
  let blocks = new EventBlocks(language, when);
  for await (const item of items) {
    switch (item.kind) {
      case 'caseStart':
        blocks = new EventBlocks(language, when);
        yield caseHeading(item.header, language, when);
        break;
      case 'event':
        yield blocks.block(item.event);
        break;
      case 'caseEnd':
        for (const { participant, roles } of item.summary.roles) {
          const known = rolesByLabel.get(participant) ?? new Set<string>();
          for (const role of roles) known.add(role);
          rolesByLabel.set(participant, known);
        }
        yield caseClosing(item.summary, session, when);
        break;
    }
  }
  const participants = session.participants();
  if (participants.length > 0) {
    yield `\n---\n\n## ${t('participants', language)}\n\n`;
    for (const participant of participants) {
      const roles = [...(rolesByLabel.get(participant.label) ?? [])];
      const notes = [...roles, ...(participant.erased ? [t('erased', language)] : [])];
      yield `- ${escapeMarkdown(participant.label)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}\n`;
    }
  }
}

function caseHeading(header: CaseHeader, language: Language, when: (iso: string) => string): string {
  const lines = [
    `\n---\n\n## ${escapeMarkdown(header.caseName)}\n`,
    ...(header.unit !== undefined ? [`- ${t('unit', language)}: ${escapeMarkdown(header.unit)}`] : []),
    ...(header.municipality !== undefined
      ? [`- ${t('municipality', language)}: ${escapeMarkdown(header.municipality)}`]
      : []),
    `- ${t('template', language)}: ${escapeMarkdown(header.templateTitle)} (${header.template.id} v${header.template.version})`,
    `- ${t('opened', language)}: ${when(header.openedAt)} ${t('by', language)} ${escapeMarkdown(header.openedBy)}`,
    ...(header.derivedFrom !== undefined ? [`- ${t('derivedFrom', language)}: ${header.derivedFrom}`] : []),
  ];
  return `${lines.join('\n')}\n\n### ${t('beforeStages', language)}\n\n`;
}

/** The blocks of one case's events; remembers which bases it has written out. */
class EventBlocks {
  constructor(
    private readonly language: Language,
    private readonly when: (iso: string) => string,
  ) {}

  block(event: ProjectedEvent): string {
    return this.eventBlock(event) + this.chainMark(event);
  }

  private chainMark(event: ProjectedEvent): string {
    if (event.chainProblem === undefined) return '';
    return `  > ⚠ **${t('chainBreaksHere', this.language)}:** ${inlineText(event.chainProblem.detail)}\n`;
  }

  private basisBlock(event: ProjectedEvent): string {
    const language = this.language;
    const basis = event.basis;
    if (basis === undefined) return '';
    const hash = `\`${basis.hash.slice(0, 12)}\``;
    if (event.basisFrozenAt !== undefined && event.basisFrozenAt !== event.seq) {
      const revisions = [
        ...basis.answers.map((a) => `${a.promptId} r${a.revision}`),
        ...(basis.politicalDecision ? [`political-decision r${basis.politicalDecision.revision}`] : []),
      ];
      return `  - ${t('basisAsAt', language)} #${event.basisFrozenAt} (hash ${hash}; ${t('revisions', language)}: ${revisions.join(', ')})\n`;
    }
    const lines = [`  - ${t('basisFrozen', language)} (hash ${hash}):`];
    for (const answer of basis.answers) {
      lines.push(
        `    - **${escapeMarkdown(answer.prompt)}** (${word('revision', language)} ${answer.revision})`,
      );
      lines.push(
        answer.text === undefined ? `      ${t('missing', language)}` : quote(answer.text, '      '),
      );
    }
    if (basis.politicalDecision !== undefined) {
      const decision = basis.politicalDecision;
      lines.push(
        `    - **${word('politicalDecision', language)}** (${word('revision', language)} ${decision.revision})`,
      );
      lines.push(
        decision.text === undefined ? `      ${t('missing', language)}` : quote(decision.text, '      '),
      );
    }
    return `${lines.join('\n')}\n`;
  }

  /** ", fra en melding av Deltaker 3, skrevet 2026-12-01 09:15 (+01:00)" or ", skrevet til boten". */
  private recordedVia(event: ProjectedEvent): string {
    if (event.recordedVia === undefined) return '';
    const phrase = recordedViaPhrase(
      event.recordedVia,
      event.writtenBy === undefined ? undefined : escapeMarkdown(event.writtenBy),
      event.writtenAt === undefined ? undefined : this.when(event.writtenAt),
    );
    return `, _${phrase[this.language]}_`;
  }

  private eventBlock(event: ProjectedEvent): string {
    const language = this.language;
    const number = `#${event.seq}`;
    const stamp = `${number} ${this.when(event.at)} · ${escapeMarkdown(event.actorLabel)}`;
    const outcome = event.outcome === undefined ? '' : OUTCOME_NAMES[event.outcome][language];
    const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
    const withText = (head: string, label?: string): string =>
      `${head}\n${event.text === undefined ? '' : `${label === undefined ? '' : `  ${label}:\n`}${quote(event.text)}\n`}`;
    switch (event.type) {
      case 'CaseOpened':
        return '';
      case 'RoleAssigned':
      case 'RoleRevoked': {
        const verb = t(event.type === 'RoleAssigned' ? 'role' : 'roleRevoked', language);
        return `- ${stamp}: ${escapeMarkdown(event.people?.[0] ?? '')} ${verb} ${escapeMarkdown(event.categoryLabel ?? '')}\n`;
      }
      case 'StageEntered': {
        const via = { start: 'viaStart', approval: 'viaApproval', sendBack: 'viaSendBack' } as const;
        const how =
          via[event.category === 'sendBack' || event.category === 'approval' ? event.category : 'start'];
        return (
          `\n### ${word('stage', language)}: ${escapeMarkdown(event.stageTitle ?? '')}, ${word('round', language)} ${event.round ?? 1}\n\n` +
          `_${number} ${t('enteredVia', language)} ${this.when(event.at)} (${t(how, language)})_\n\n`
        );
      }
      case 'DocumentationRecorded':
      case 'PoliticalDecisionRecorded':
        return withText(
          `- ${stamp}: **${escapeMarkdown(event.prompt ?? '')}** (${word('revision', language)} ${event.revision ?? 1})`,
        );
      case 'IdeaRecorded':
        return withText(
          `- ${stamp}: **${word('idea', language)}**${event.categoryLabel === undefined ? '' : ` (${escapeMarkdown(event.categoryLabel)})`}${this.recordedVia(event)}`,
        );
      case 'BarrierRecorded':
        return withText(
          `- ${stamp}: **${word('barrier', language)}** (${escapeMarkdown(event.categoryLabel ?? event.category ?? '')})${this.recordedVia(event)}`,
        );
      case 'GateReviewRequested': {
        const requested = event.event.type === 'GateReviewRequested' ? event.event : undefined;
        return (
          `- ${stamp}: **${t('requested', language)}**; ${t('deciders', language)}: ${escapeMarkdown((event.people ?? []).join(', '))}` +
          `${requested ? `; ${t('approvalsNeeded', language)}: ${requested.approvalsNeeded}` : ''}\n` +
          this.basisBlock(event)
        );
      }
      case 'GateApprovalGiven':
        return (
          withText(
            `- ${stamp}: **${t('approval', language)}: ${outcome}**${event.text === undefined ? ` (${t('noComment', language)})` : ''}`,
          ) + this.basisBlock(event)
        );
      case 'GatePassed':
        return (
          withText(
            `- ${stamp}: **${t('gatePassed', language)}: ${outcome}**, ${t('approvedBy', language)} ${escapeMarkdown((event.approvers ?? event.people ?? []).join(', '))}`,
            event.text === undefined ? undefined : t('conditions', language),
          ) + this.basisBlock(event)
        );
      case 'GateSentBack':
        return (
          withText(
            `- ${stamp}: **${capital(outcome)} ${t('to', language)} «${escapeMarkdown(event.toStageTitle ?? '')}»**`,
            t('reason', language),
          ) + this.basisBlock(event)
        );
      case 'GateReviewWithdrawn':
      case 'CasePaused':
      case 'CaseStopped':
        return (
          withText(
            `- ${stamp}: **${capital(outcome)}**`,
            event.text === undefined ? undefined : t('reason', language),
          ) + this.basisBlock(event)
        );
      case 'CaseResumed':
        return `- ${stamp}: **${capital(outcome)}**\n`;
      case 'CaseCompleted':
        return `- ${number} ${this.when(event.at)}: **${t('completed', language)}**\n`;
      case 'CaseDiffused':
        return `- ${stamp}: ${t('diffused', language)}: ${escapeMarkdown(event.text ?? '')}\n`;
      case 'CaseLanguageChanged':
        return `- ${stamp}: ${t('language', language)} ${event.category ?? ''}\n`;
      case 'ReminderSent': {
        const kind = event.category === 'pendingGate' ? 'pendingGate' : 'idleStage';
        return `- ${number} ${this.when(event.at)}: ${t('reminder', language)} (${t(kind, language)})\n`;
      }
      case 'ResearchConsentRecorded': {
        const consent = event.event.type === 'ResearchConsentRecorded' ? event.event.consent : 'declined';
        return `- ${stamp}: ${t(consent === 'declined' ? 'consentDeclined' : 'consentGiven', language)}\n`;
      }
      case 'MemoRecorded': {
        const about =
          event.aboutSeq === undefined
            ? t('memoCase', language)
            : `${t('memoAbout', language)} #${event.aboutSeq}`;
        return withText(`- ${stamp}: **${word('memo', language)}** (${about})`);
      }
      default:
        return '';
    }
  }
}

function caseClosing(
  summary: CaseSummaryView,
  session: ExportSession,
  when: (iso: string) => string,
): string {
  const { language, timeZone } = session.meta;
  const how = (visit: CaseSummaryView['visits'][number]): string =>
    visit.leftBy === undefined ? t('current', language) : OUTCOME_NAMES[visit.leftBy][language];
  const rows = summary.visits.map(
    (visit) =>
      `| ${escapeMarkdown(visit.stageTitle)} | ${visit.round} | ${when(visit.enteredAt)} | ${
        visit.leftAt === undefined ? '' : when(visit.leftAt)
      } | ${how(visit)} | ${visit.days} | ${visit.pausedDays} |`,
  );
  const chain = summary.chain.ok
    ? `${t('chainIntact', language)} (${summary.chain.checked} ${t('checked', language)})`
    : `${t('chainBroken', language)} ${t('atEvent', language)} #${summary.chain.firstMismatch?.seq ?? '?'} (${
        summary.chain.firstMismatch?.rowKey ?? ''
      }): ${escapeMarkdown(summary.chain.firstMismatch?.detail ?? '')}`;
  const figures = caseAttributes(session.templateLabels(), language, timeZone)
    .map((attribute) => ({ name: attribute.name, value: attributeText(attribute.value(summary)) }))
    .filter((attribute) => attribute.value !== '')
    .map((attribute) => `- ${escapeMarkdown(attribute.name)}: ${escapeMarkdown(attribute.value)}`);
  return [
    `\n### ${t('durations', language)}\n`,
    `| ${word('stage', language)} | ${t('round', language)} | ${t('entered', language)} | ${t('left', language)} | ${t('how', language)} | ${t('days', language)} | ${t('pausedDays', language)} |`,
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `### ${t('figures', language)}\n`,
    ...figures,
    '',
    ...comparisonSection(summary, language, when),
    `### ${t('participantsRoles', language)}\n`,
    ...summary.roles.map(
      ({ participant, roles }) => `- ${escapeMarkdown(participant)}: ${escapeMarkdown(roles.join(', '))}`,
    ),
    '',
    `- ${t('status', language)}: ${STATUS_NAMES[summary.status][language]}`,
    `- ${t('chain', language)}: ${chain}`,
    '',
  ].join('\n');
}

function comparisonSection(
  summary: CaseSummaryView,
  language: Language,
  when: (iso: string) => string,
): string[] {
  const comparison = summary.anchoring;
  if (comparison === undefined) return [];
  const column = (side: typeof comparison.first): string =>
    `${escapeMarkdown(side.stageTitle)}${side.passedAt === undefined ? ` ${t('notYet', language)}` : ` (${t('passedOn', language)} ${when(side.passedAt)})`}`;
  const cell = (value: string | undefined): string =>
    value === undefined ? '–' : inlineText(value).replace(/\n/g, '<br>');
  return [
    `### ${t('comparison', language)}\n`,
    `| ${t('aspect', language)} | ${column(comparison.first)} | ${column(comparison.second)} | |`,
    '|---|---|---|---|',
    ...comparison.rows.map(
      (row) =>
        `| ${escapeMarkdown(row.label)} | ${cell(row.first)} | ${cell(row.second)} | ${t(row.changed ? 'changed' : 'unchanged', language)} |`,
    ),
    '',
    ...(comparison.changesAnswer === undefined
      ? []
      : [
          `**${escapeMarkdown(comparison.changesAnswer.prompt)}**`,
          quote(comparison.changesAnswer.text, ''),
          '',
        ]),
  ];
}
