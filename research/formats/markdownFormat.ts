/**
 * A readable case history per stage, for researchers who read rather than code: for each case, what was
 * documented in each stage round, each gate decision with who, when, why and the documentation as it
 * stood, the loops (send-backs), pauses, ideas and barriers as they came, and at the end how long each
 * stage took and whether the hash chain held.
 *
 * Written as the events come: a stage heading when a stage is entered, one block per event. Only the
 * stage visits (a handful per case) are kept until the case's closing table.
 */
import type { Language } from '../../engine/localized';
import type { CaseHeader, CaseSummaryView, ExportItem, ExportSession, ProjectedEvent } from '../exportModel';
import { OUTCOME_NAMES, STATUS_NAMES, word } from '../vocabulary';

type Texts = Record<string, Record<Language, string>>;

const T = {
  title: { nb: 'Forskningseksport: dokumentert prosesslogg', en: 'Research export: documented process log' },
  exportId: { nb: 'Eksport', en: 'Export' },
  created: { nb: 'laget', en: 'created' },
  names: { nb: 'Navn', en: 'Names' },
  pseudonymised: { nb: 'pseudonymisert', en: 'pseudonymised' },
  real: { nb: 'virkelige navn', en: 'real names' },
  unit: { nb: 'Enhet', en: 'Unit' },
  municipality: { nb: 'Kommune', en: 'Municipality' },
  template: { nb: 'Prosessmal', en: 'Process template' },
  opened: { nb: 'Åpnet', en: 'Opened' },
  by: { nb: 'av', en: 'by' },
  derivedFrom: { nb: 'Spredt fra sak', en: 'Spread from case' },
  beforeStages: { nb: 'Oppstart', en: 'Start' },
  enteredVia: { nb: 'Startet', en: 'Entered' },
  viaStart: { nb: 'ved oppstart', en: 'at the start' },
  viaApproval: { nb: 'etter godkjent port', en: 'after an approved gate' },
  viaSendBack: { nb: 'sendt tilbake hit', en: 'sent back here' },
  requested: { nb: 'Vurdering av porten bedt om', en: 'Gate review requested' },
  deciders: { nb: 'beslutningstakere', en: 'deciders' },
  approvalsNeeded: { nb: 'godkjenninger som trengs', en: 'approvals needed' },
  approval: { nb: 'Godkjenning', en: 'Approval' },
  gatePassed: { nb: 'Porten er passert', en: 'Gate passed' },
  conditions: { nb: 'Vilkår', en: 'Conditions' },
  reason: { nb: 'Begrunnelse', en: 'Reason' },
  to: { nb: 'til', en: 'to' },
  basis: { nb: 'Grunnlag: dokumentasjonen slik den sto', en: 'Basis: the documentation as it stood' },
  missing: { nb: '(denne revisjonen finnes ikke i loggen)', en: '(this revision is not in the log)' },
  role: { nb: 'fikk rollen', en: 'was given the role' },
  roleRevoked: { nb: 'mistet rollen', en: 'lost the role' },
  completed: { nb: 'Saken er fullført.', en: 'The case is completed.' },
  diffused: { nb: 'Spredt til ny sak', en: 'Spread to a new case' },
  language: { nb: 'Språket i saken ble endret til', en: 'The case language was changed to' },
  reminder: { nb: 'Påminnelse sendt', en: 'Reminder sent' },
  idleStage: { nb: 'steget har stått stille', en: 'the stage has been idle' },
  pendingGate: { nb: 'porten venter på beslutning', en: 'the gate awaits a decision' },
  memoAbout: { nb: 'om hendelse', en: 'about event' },
  memoCase: { nb: 'om hele saken', en: 'about the whole case' },
  durations: { nb: 'Tid per steg', en: 'Time per stage' },
  round: { nb: 'Runde', en: 'Round' },
  entered: { nb: 'Inn', en: 'Entered' },
  left: { nb: 'Ut', en: 'Left' },
  how: { nb: 'Hvordan', en: 'How' },
  days: { nb: 'Dager', en: 'Days' },
  current: { nb: '(pågår)', en: '(current)' },
  status: { nb: 'Status', en: 'Status' },
  chain: { nb: 'Hash-kjeden', en: 'Hash chain' },
  chainIntact: { nb: 'intakt', en: 'intact' },
  chainBroken: { nb: 'BRUTT', en: 'BROKEN' },
  checked: { nb: 'hendelser kontrollert', en: 'events checked' },
  participants: { nb: 'Deltakere', en: 'Participants' },
  erased: { nb: 'slettet', en: 'erased' },
  event: { nb: 'hendelse', en: 'event' },
} satisfies Texts;

function t(key: keyof typeof T, language: Language): string {
  return T[key][language];
}

/** Escapes what Markdown would read as markup in people's text: emphasis, links, HTML, code, tables. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (character) => `\\${character}`);
}

/** Text as a quoted block, line by line, so a multi-line answer stays one block. */
function quote(text: string, indent = '  '): string {
  return text
    .split(/\r?\n/)
    .map((lineText) => `${indent}> ${escapeMarkdown(lineText)}`.trimEnd())
    .join('\n');
}

/** "2026-01-05 08:02 UTC" from an ISO time. */
export function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export async function* markdownExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  const { meta } = session;
  const language = meta.language;
  yield `# ${t('title', language)}\n\n`;
  yield `${t('exportId', language)} \`${meta.exportId}\`, ${t('created', language)} ${when(meta.createdAt)}. `;
  yield `${t('names', language)}: ${t(meta.names === 'real' ? 'real' : 'pseudonymised', language)}.\n`;
  for await (const item of items) {
    switch (item.kind) {
      case 'caseStart':
        yield caseHeading(item.header, language);
        break;
      case 'event':
        yield eventBlock(item.event, language);
        break;
      case 'caseEnd':
        yield caseClosing(item.summary, language);
        break;
    }
  }
  const participants = session.participants();
  if (participants.length > 0) {
    yield `\n---\n\n## ${t('participants', language)}\n\n`;
    for (const participant of participants) {
      yield `- ${escapeMarkdown(participant.label)}${participant.erased ? ` (${t('erased', language)})` : ''}\n`;
    }
  }
}

function caseHeading(header: CaseHeader, language: Language): string {
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

function basisBlock(event: ProjectedEvent, language: Language): string {
  const basis = event.basis;
  if (basis === undefined) return '';
  const lines = [`  - ${t('basis', language)} (hash \`${basis.hash.slice(0, 12)}\`):`];
  for (const answer of basis.answers) {
    lines.push(
      `    - **${escapeMarkdown(answer.prompt)}** (${word('revision', language)} ${answer.revision})`,
    );
    lines.push(answer.text === undefined ? `      ${t('missing', language)}` : quote(answer.text, '      '));
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

function eventBlock(event: ProjectedEvent, language: Language): string {
  const stamp = `${when(event.at)} · ${escapeMarkdown(event.actorLabel)}`;
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
        `_${t('enteredVia', language)} ${when(event.at)} (${t(how, language)})_\n\n`
      );
    }
    case 'DocumentationRecorded':
    case 'PoliticalDecisionRecorded':
      return withText(
        `- ${stamp}: **${escapeMarkdown(event.prompt ?? '')}** (${word('revision', language)} ${event.revision ?? 1})`,
      );
    case 'IdeaRecorded':
      return withText(
        `- ${stamp}: **${word('idea', language)}**${event.categoryLabel === undefined ? '' : ` (${escapeMarkdown(event.categoryLabel)})`}`,
      );
    case 'BarrierRecorded':
      return withText(
        `- ${stamp}: **${word('barrier', language)}** (${escapeMarkdown(event.categoryLabel ?? event.category ?? '')})`,
      );
    case 'GateReviewRequested': {
      const requested = event.event.type === 'GateReviewRequested' ? event.event : undefined;
      return (
        `- ${stamp}: **${t('requested', language)}**; ${t('deciders', language)}: ${escapeMarkdown((event.people ?? []).join(', '))}` +
        `${requested ? `; ${t('approvalsNeeded', language)}: ${requested.approvalsNeeded}` : ''}\n` +
        basisBlock(event, language)
      );
    }
    case 'GateApprovalGiven':
      return withText(`- ${stamp}: **${t('approval', language)}: ${outcome}**`) + basisBlock(event, language);
    case 'GatePassed':
      return (
        withText(
          `- ${stamp}: **${t('gatePassed', language)}: ${outcome}** (${escapeMarkdown((event.people ?? []).join(', '))})`,
          event.text === undefined ? undefined : t('conditions', language),
        ) + basisBlock(event, language)
      );
    case 'GateSentBack':
      return (
        withText(
          `- ${stamp}: **${capital(outcome)} ${t('to', language)} «${escapeMarkdown(event.toStageTitle ?? '')}»**`,
          t('reason', language),
        ) + basisBlock(event, language)
      );
    case 'GateReviewWithdrawn':
    case 'CasePaused':
    case 'CaseStopped':
      return (
        withText(
          `- ${stamp}: **${capital(outcome)}**`,
          event.text === undefined ? undefined : t('reason', language),
        ) + basisBlock(event, language)
      );
    case 'CaseResumed':
      return `- ${stamp}: **${capital(outcome)}**\n`;
    case 'CaseCompleted':
      return `- ${when(event.at)}: **${t('completed', language)}**\n`;
    case 'CaseDiffused':
      return `- ${stamp}: ${t('diffused', language)}: ${escapeMarkdown(event.text ?? '')}\n`;
    case 'CaseLanguageChanged':
      return `- ${stamp}: ${t('language', language)} ${event.category ?? ''}\n`;
    case 'ReminderSent': {
      const kind = event.category === 'pendingGate' ? 'pendingGate' : 'idleStage';
      return `- ${when(event.at)}: ${t('reminder', language)} (${t(kind, language)})\n`;
    }
    case 'MemoRecorded': {
      const about =
        event.aboutSeq === undefined
          ? t('memoCase', language)
          : `${t('memoAbout', language)} ${event.aboutSeq}`;
      return withText(`- ${stamp}: **${word('memo', language)}** (${about})`);
    }
    default:
      return '';
  }
}

function caseClosing(summary: CaseSummaryView, language: Language): string {
  const how = (visit: CaseSummaryView['visits'][number]): string =>
    visit.leftBy === undefined ? t('current', language) : OUTCOME_NAMES[visit.leftBy][language];
  const rows = summary.visits.map(
    (visit) =>
      `| ${escapeMarkdown(visit.stageTitle)} | ${visit.round} | ${when(visit.enteredAt)} | ${
        visit.leftAt === undefined ? '' : when(visit.leftAt)
      } | ${how(visit)} | ${visit.days} |`,
  );
  const chain = summary.chain.ok
    ? `${t('chainIntact', language)} (${summary.chain.checked} ${t('checked', language)})`
    : `${t('chainBroken', language)}: ${t('event', language)} ${summary.chain.firstMismatch?.seq ?? '?'} (${
        summary.chain.firstMismatch?.rowKey ?? ''
      }): ${escapeMarkdown(summary.chain.firstMismatch?.detail ?? '')}`;
  return [
    `\n### ${t('durations', language)}\n`,
    `| ${word('stage', language)} | ${t('round', language)} | ${t('entered', language)} | ${t('left', language)} | ${t('how', language)} | ${t('days', language)} |`,
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `- ${t('status', language)}: ${STATUS_NAMES[summary.status][language]}`,
    `- ${t('chain', language)}: ${chain}`,
    '',
  ].join('\n');
}
