/**
 * The dashboard's parts as DOM, from the API's view model. Headings carry the structure (h1 page, h2
 * sections, h3 case, h4 parts of a case) so a screen reader can jump between them; everything that can
 * be operated is a native link, button or <details>, so the page works by keyboard alone.
 */
import type {
  CaseCardView,
  CaseDetailView,
  CaseListView,
  PauseView,
  PendingApprovalView,
  StageDocumentationView,
  TimelineView,
  ViewLanguage,
} from '../dashboard/viewModel';
import { decisionForm, type SubmitDecision } from './decisionForm';
import { h, uniqueId } from './dom';
import { formatDate, recordedViaText, t } from './texts';
import { timelineSvg } from './timelineSvg';

export function caseAnchor(caseId: string): string {
  return `case-${caseId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function waitingSection(list: CaseListView, language: ViewLanguage): HTMLElement {
  const headingId = uniqueId('waiting');
  const section = h('section', { class: 'waiting', 'aria-labelledby': headingId, 'data-section': 'waiting' });
  section.append(h('h2', { id: headingId }, t(language, 'waitingHeading')));
  if (list.waitingForViewer.length === 0) {
    section.append(h('p', { class: 'muted' }, t(language, 'waitingNone')));
    return section;
  }
  section.append(h('p', {}, t(language, 'waitingHow')));
  const items = h('ul', { class: 'approvals' });
  for (const gate of list.waitingForViewer)
    items.append(h('li', { 'data-case-id': gate.caseId }, ...approvalLines(gate, language, true)));
  section.append(items);
  return section;
}

function approvalLines(gate: PendingApprovalView, language: ViewLanguage, linkToCase: boolean): Node[] {
  const title = linkToCase
    ? h('a', { href: `#${caseAnchor(gate.caseId)}` }, `${gate.caseTitle}: ${gate.stageTitle}`)
    : h('strong', {}, gate.stageTitle);
  return [
    title,
    h(
      'span',
      { class: 'meta' },
      `${t(language, 'requestedBy')} ${gate.requestedBy} ${t(language, 'requestedAt')} ${formatDate(language, gate.requestedAt, true)}. ` +
        `${t(language, 'approvalsSoFar')}: ${gate.approvals.length}/${gate.approvalsNeeded}` +
        (gate.approvals.length > 0 ? ` (${gate.approvals.map((a) => a.by).join(', ')})` : '') +
        `. ${t(language, 'deciders')}: ${gate.deciders.join(', ')}.`,
    ),
  ];
}

/** Resumes a paused case; says in `status` what went wrong (on success the page is loaded again). */
export type ResumeCase = (resumeId: string, status: HTMLElement) => Promise<void>;

export function casesSection(
  list: CaseListView,
  language: ViewLanguage,
  submitDecision: (caseId: string) => SubmitDecision,
  resumeCase: (caseId: string) => ResumeCase,
): { section: HTMLElement; articles: Map<string, HTMLElement> } {
  const headingId = uniqueId('cases');
  const section = h('section', { class: 'cases', 'aria-labelledby': headingId, 'data-section': 'cases' });
  section.append(h('h2', { id: headingId }, `${t(language, 'casesHeading')} (${list.cases.length})`));
  const articles = new Map<string, HTMLElement>();
  if (list.cases.length === 0) {
    section.append(h('p', { class: 'muted' }, t(language, 'noCases')));
    return { section, articles };
  }
  if (list.truncated) section.append(h('p', { class: 'notice' }, t(language, 'truncated')));
  for (const card of list.cases) {
    const article = caseArticle(card, language, submitDecision(card.caseId), resumeCase(card.caseId));
    articles.set(card.caseId, article);
    section.append(article);
  }
  return { section, articles };
}

function caseArticle(
  card: CaseCardView,
  language: ViewLanguage,
  submitDecision: SubmitDecision,
  resumeCase: ResumeCase,
): HTMLElement {
  const headingId = uniqueId('case-title');
  const article = h('article', {
    class: `case status-${card.status}`,
    id: caseAnchor(card.caseId),
    'aria-labelledby': headingId,
    'data-case-id': card.caseId,
    tabindex: -1,
  });
  article.append(
    h('h3', { id: headingId }, card.title),
    h(
      'dl',
      { class: 'facts' },
      fact(t(language, 'status'), card.statusName),
      fact(t(language, 'currentStage'), card.currentStage.title),
      fact(t(language, 'yourRoles'), card.viewerRoleNames.join(', ')),
      card.unit !== undefined &&
        fact(t(language, 'unit'), [card.unit, card.municipality].filter(Boolean).join(', ')),
      fact(t(language, 'opened'), formatDate(language, card.openedAt)),
      fact(t(language, 'updated'), formatDate(language, card.updatedAt, true)),
    ),
  );
  if (card.pause) article.append(pauseNotice(card.pause, language, resumeCase));
  if (card.pendingGate) {
    article.append(
      h(
        'div',
        {
          class: card.pendingGate.awaitingViewer ? 'gate-pending yours' : 'gate-pending',
          'data-awaiting-viewer': String(card.pendingGate.awaitingViewer),
        },
        h(
          'p',
          {},
          h('strong', {}, t(language, 'gatePending')),
          ' — ',
          ...approvalLines(card.pendingGate, language, false),
        ),
        card.pendingGate.awaitingViewer && h('p', {}, t(language, 'waitingHow')),
        card.pendingGate.awaitingViewer && decisionForm(card.pendingGate, language, submitDecision),
      ),
    );
  }
  article.append(
    h(
      'div',
      { class: 'detail', 'aria-busy': 'true' },
      h('p', { class: 'muted' }, t(language, 'loadingCase')),
    ),
  );
  return article;
}

/** Who paused the case, when and why; for a manager, the button that resumes it. */
function pauseNotice(pause: PauseView, language: ViewLanguage, resumeCase: ResumeCase): HTMLElement {
  const notice = h(
    'div',
    { class: 'paused-notice', 'data-viewer-may-resume': String(pause.viewerMayResume) },
    h(
      'p',
      {},
      h('strong', {}, t(language, 'pausedHeading')),
      ' — ',
      t(language, 'pausedBy', {
        name: pause.by,
        date: formatDate(language, pause.at, true),
      }),
    ),
    h('p', { class: 'pause-reason' }, `${t(language, 'reason')}: `, pause.reason),
  );
  if (!pause.viewerMayResume) {
    notice.append(h('p', { class: 'muted' }, t(language, 'resumeByManager')));
    return notice;
  }
  const status = h('p', { class: 'resume-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'resume' }, t(language, 'resumeButton'));
  // One id for every click on this button: a second click while the first is under way records nothing.
  const resumeId = crypto.randomUUID();
  button.addEventListener('click', () => {
    button.disabled = true;
    status.className = 'resume-status';
    status.textContent = t(language, 'resumeSending');
    void resumeCase(resumeId, status).finally(() => (button.disabled = false));
  });
  notice.append(button, h('p', { class: 'muted' }, t(language, 'resumeAlsoInChat')), status);
  return notice;
}

function fact(label: string, value: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  if (value === '') return fragment;
  fragment.append(h('dt', {}, label), h('dd', {}, value));
  return fragment;
}

/** Timeline, documentation and exports of one case, replacing its "loading" placeholder. */
export function caseDetail(
  detail: CaseDetailView,
  language: ViewLanguage,
  exportButtons: HTMLElement | undefined,
): HTMLElement {
  const container = h('div', { class: 'detail' });
  const timelineHeading = uniqueId('timeline');
  container.append(
    h('h4', { id: timelineHeading }, t(language, 'timelineHeading')),
    h(
      'figure',
      { class: 'timeline-figure', 'aria-labelledby': timelineHeading },
      timelineSvg(detail, language),
      legend(language),
    ),
    h(
      'details',
      { class: 'timeline-list' },
      h('summary', {}, t(language, 'timelineAsList')),
      timelineList(detail.timeline, language),
    ),
    h('h4', {}, t(language, 'documentationHeading')),
    ...detail.documentation.map((stage) => stageDocumentation(stage, language)),
  );
  if (detail.researchDeclined !== undefined && detail.researchDeclined.length > 0) {
    container.append(
      h(
        'p',
        { class: 'research-declined' },
        `${t(language, 'researchDeclined')} ${detail.researchDeclined.join(', ')}`,
      ),
    );
  }
  if (exportButtons) container.append(exportButtons);
  return container;
}

function legend(language: ViewLanguage): HTMLElement {
  const entries: [string, string][] = [
    ['swatch band', t(language, 'legendStage')],
    ['swatch band loop', t(language, 'legendLoop')],
    ['swatch pause', t(language, 'legendPause')],
    ['swatch decision approved', t(language, 'legendApproved')],
    ['swatch decision sentBack', t(language, 'legendSentBack')],
    ['swatch decision stopped', t(language, 'legendStopped')],
    ['swatch review', t(language, 'legendReview')],
    ['swatch idea', t(language, 'legendIdea')],
    ['swatch barrier', t(language, 'legendBarrier')],
  ];
  // The legend explains the picture's shapes and colours; a screen reader has the list instead.
  return h(
    'figcaption',
    { class: 'legend', 'aria-hidden': 'true' },
    ...entries.map(([swatch, label]) =>
      h('span', { class: 'legend-entry' }, h('span', { class: swatch }), label),
    ),
  );
}

interface ListedEvent {
  at: string;
  order: number;
  text: string;
  kind: string;
  /** A link back to the Teams message an idea or a barrier was kept from. */
  link?: string;
}

/** Everything in the picture, in time order, as sentences. */
function timelineList(timeline: TimelineView, language: ViewLanguage): HTMLElement {
  const entries: ListedEvent[] = [];
  const via = {
    start: t(language, 'enteredAtStart'),
    approval: t(language, 'enteredAfterApproval'),
    sendBack: t(language, 'enteredAfterSendBack'),
  };
  for (const band of timeline.bands) {
    const until = band.to === undefined ? t(language, 'stillHere') : formatDate(language, band.to);
    entries.push({
      at: band.from,
      order: 1,
      kind: 'stage',
      text: `${band.stageTitle} (${t(language, 'round')} ${band.round}, ${via[band.via]}): ${formatDate(language, band.from)}–${until}`,
    });
  }
  for (const decision of timeline.decisions) {
    const parts = [`${decision.stageTitle}: ${decision.outcomeName}`];
    if (decision.toStageTitle !== undefined) parts.push(`${t(language, 'to')} ${decision.toStageTitle}`);
    if (decision.by.length > 0) parts.push(`${t(language, 'by')} ${decision.by.join(', ')}`);
    let text = parts.join(' ');
    if (decision.reason !== undefined) text += `. ${t(language, 'reason')}: ${decision.reason}`;
    if (decision.conditions !== undefined)
      text += `. ${t(language, 'conditions')}: ${decision.conditions.join('; ')}`;
    entries.push({ at: decision.at, order: 0, kind: `decision ${decision.outcome}`, text });
  }
  for (const mark of timeline.marks) {
    const label = {
      idea: t(language, 'idea'),
      barrier: t(language, 'barrier'),
      reviewRequested: t(language, 'reviewRequested'),
      completed: t(language, 'completed'),
    }[mark.kind];
    let text = label + (mark.category === undefined ? '' : ` (${mark.category})`);
    if (mark.by !== undefined) text += ` ${t(language, 'by')} ${mark.by}`;
    if (mark.text !== undefined) text += `: ${mark.text}`;
    const origin = recordedViaText(mark, language);
    if (origin !== undefined) text += ` — ${origin}.`;
    const link = mark.message?.link;
    entries.push({ at: mark.at, order: 2, kind: mark.kind, text, ...(link !== undefined && { link }) });
  }
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  return h(
    'ol',
    {},
    ...entries.map((entry) =>
      h(
        'li',
        { 'data-kind': entry.kind },
        h('time', { datetime: entry.at }, formatDate(language, entry.at, true)),
        ' ',
        entry.text,
        entry.link !== undefined && ' ',
        entry.link !== undefined && messageLink(entry.link, language),
      ),
    ),
  );
}

/** A link back to a Teams message (the API hands on only https://teams.microsoft.com/ links, and checks). */
function messageLink(link: string, language: ViewLanguage): HTMLElement | undefined {
  if (!link.startsWith('https://teams.microsoft.com/')) return undefined;
  return h(
    'a',
    { href: link, target: '_blank', rel: 'noopener noreferrer', 'data-teams-link': 'message' },
    t(language, 'openMessage'),
  );
}

function stageDocumentation(stage: StageDocumentationView, language: ViewLanguage): HTMLElement {
  const answered = stage.answers.filter((a) => a.answer !== undefined).length;
  const state = {
    ahead: t(language, 'stageAhead'),
    current: t(language, 'stageCurrent'),
    passed: t(language, 'stagePassed'),
  }[stage.state];
  const rounds = stage.rounds > 1 ? `, ${stage.rounds} ${t(language, 'rounds')}` : '';
  const details = h('details', {
    class: `stage-doc ${stage.state}`,
    'data-stage-id': stage.stageId,
    open: stage.state === 'current',
  });
  details.append(
    h(
      'summary',
      {},
      `${stage.stageTitle} — ${state}${rounds}, ${answered}/${stage.answers.length} ${t(language, 'answered')}`,
    ),
  );
  const list = h('dl', {});
  for (const entry of stage.answers) {
    list.append(
      h(
        'dt',
        {},
        entry.prompt,
        entry.required ? h('span', { class: 'required' }, ` (${t(language, 'required')})`) : '',
      ),
    );
    if (entry.answer === undefined) {
      list.append(h('dd', { class: 'unanswered' }, t(language, 'unanswered')));
    } else {
      list.append(
        h(
          'dd',
          {},
          h('span', { class: 'answer' }, entry.answer.text),
          h(
            'span',
            { class: 'meta' },
            `${entry.answer.by}, ${formatDate(language, entry.answer.at, true)}` +
              (entry.answer.revision > 1 ? `, ${t(language, 'revision')} ${entry.answer.revision}` : ''),
          ),
        ),
      );
    }
  }
  if (stage.politicalDecision) {
    list.append(
      h('dt', {}, t(language, 'politicalDecision')),
      h(
        'dd',
        {},
        h('span', { class: 'answer' }, stage.politicalDecision.text),
        h(
          'span',
          { class: 'meta' },
          `${stage.politicalDecision.by}, ${formatDate(language, stage.politicalDecision.at, true)}`,
        ),
      ),
    );
  }
  details.append(list);
  return details;
}

/** The export buttons of a case, and a live region that says what happened to the last download. */
export function exportPanel(
  detail: CaseDetailView,
  language: ViewLanguage,
  download: (format: string, formatName: string, status: HTMLElement) => void,
): HTMLElement | undefined {
  if (!detail.case.canExport || detail.exportFormats.length === 0) return undefined;
  const headingId = uniqueId('export');
  const status = h('p', { class: 'export-status', role: 'status' });
  const buttons = h('div', { class: 'export-buttons', role: 'group', 'aria-labelledby': headingId });
  for (const format of detail.exportFormats) {
    const button = h('button', { type: 'button', 'data-format': format.id }, format.name);
    button.addEventListener('click', () => download(format.id, format.name, status));
    buttons.append(button);
  }
  return h(
    'section',
    { class: 'export', 'aria-labelledby': headingId },
    h('h4', { id: headingId }, t(language, 'exportHeading')),
    h('p', { class: 'muted' }, t(language, 'exportHelp')),
    buttons,
    status,
  );
}
