/**
 * The timeline picture of one case: time runs left to right, each stage of the template has a row, and
 * every stay in a stage is a band in its row. A send-back shows as a dashed line back up to an earlier
 * row and a band marked as another round; gate decisions are diamonds where they happened; pauses shade
 * the whole height; ideas and barriers are marks in two lanes of their own under the stages.
 *
 * For screen readers the picture is one image with a summary (role="img"); the same facts follow it as
 * a list in time order (see render.ts), so nothing is only in the picture.
 */
import type { CaseDetailView, TimelineView, ViewLanguage } from '../dashboard/viewModel';
import { s, uniqueId } from './dom';
import { formatDate, t } from './texts';
import { axisTicks, DAY_MS, timeScale, type AxisTick, type Gap, type TimeScale } from './timeScale';

const WIDTH = 1000;
const LABEL_WIDTH = 190;
const PLOT_LEFT = LABEL_WIDTH + 10;
const PLOT_RIGHT = WIDTH - 20;
const ROW_HEIGHT = 30;
const BAND_HEIGHT = 18;
const TOP = 12;
/** The narrowest band drawn, so a stay of minutes is still visible. */
const MIN_BAND_WIDTH = 4;

export interface TimelineGeometry {
  scale: TimeScale;
  x(iso: string): number;
  rowY(index: number): number;
  height: number;
}

/** Every moment the picture shows, so the scale knows where the case was busy and where it was quiet. */
function instantsOf(timeline: TimelineView): string[] {
  return [
    ...timeline.bands.flatMap((band) => (band.to === undefined ? [band.from] : [band.from, band.to])),
    ...timeline.decisions.map((decision) => decision.at),
    ...timeline.pauses.flatMap((pause) => (pause.to === undefined ? [pause.from] : [pause.from, pause.to])),
    ...timeline.marks.map((mark) => mark.at),
    ...timeline.activity,
  ];
}

export function geometry(timeline: TimelineView, rows: number): TimelineGeometry {
  const scale = timeScale(timeline.start, timeline.end, instantsOf(timeline), {
    left: PLOT_LEFT,
    right: PLOT_RIGHT,
  });
  return {
    scale,
    x: (iso) => scale.x(iso),
    rowY: (index) => TOP + index * ROW_HEIGHT,
    height: TOP + rows * ROW_HEIGHT + 44,
  };
}

function tickLabel(language: ViewLanguage, tick: AxisTick): string {
  return new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', {
    ...(tick.kind === 'week' ? { day: 'numeric', month: 'short' } : { month: 'short', year: '2-digit' }),
    timeZone: 'UTC',
  }).format(tick.at);
}

/** "30 dager", "8 mnd." / "30 days", "8 months": how long a drawn-short stretch really was. */
function gapLength(language: ViewLanguage, gap: Gap): string {
  const days = Math.round((gap.to - gap.from) / DAY_MS);
  if (days < 60) return t(language, 'gapDays', { count: days });
  return t(language, 'gapMonths', { count: Math.round(days / 30.44) });
}

function diamond(x: number, y: number, r: number): string {
  return `M ${x} ${y - r} L ${x + r} ${y} L ${x} ${y + r} L ${x - r} ${y} Z`;
}

function triangle(x: number, y: number, r: number): string {
  return `M ${x} ${y - r} L ${x + r} ${y + r * 0.8} L ${x - r} ${y + r * 0.8} Z`;
}

export function timelineSummary(detail: CaseDetailView, language: ViewLanguage): string {
  const timeline = detail.timeline;
  return t(language, 'timelineSummary', {
    title: detail.case.title,
    stays: timeline.bands.length,
    stages: new Set(timeline.bands.map((band) => band.stageId)).size,
    decisions: timeline.decisions.length,
    ideas: timeline.marks.filter((mark) => mark.kind === 'idea').length,
    barriers: timeline.marks.filter((mark) => mark.kind === 'barrier').length,
  });
}

export function timelineSvg(detail: CaseDetailView, language: ViewLanguage): SVGSVGElement {
  const timeline = detail.timeline;
  const stageRows = detail.stages.map((stage) => stage.id);
  const ideaRow = stageRows.length;
  const barrierRow = stageRows.length + 1;
  const g = geometry(timeline, stageRows.length + 2);
  const rowOf = (stageId: string | undefined): number => Math.max(0, stageRows.indexOf(stageId ?? ''));
  const centre = (row: number): number => g.rowY(row) + ROW_HEIGHT / 2;
  const titleId = uniqueId('timeline-title');
  const hatchId = uniqueId('pause-hatch');

  const svg = s('svg', {
    viewBox: `0 0 ${WIDTH} ${g.height}`,
    role: 'img',
    'aria-labelledby': titleId,
    class: 'timeline',
    'data-case-id': detail.case.caseId,
    preserveAspectRatio: 'xMinYMin meet',
  });
  svg.append(
    s('title', { id: titleId }, timelineSummary(detail, language)),
    s(
      'defs',
      {},
      s(
        'pattern',
        { id: hatchId, width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        s('rect', { width: 8, height: 8, class: 'pause-fill' }),
        s('line', { x1: 0, y1: 0, x2: 0, y2: 8, class: 'pause-hatch' }),
      ),
    ),
  );

  // Rows and their labels.
  const labels: [number, string][] = [
    ...detail.stages.map((stage, index): [number, string] => [index, stage.title]),
    [ideaRow, t(language, 'legendIdea')],
    [barrierRow, t(language, 'legendBarrier')],
  ];
  for (const [row, label] of labels) {
    svg.append(
      s('rect', {
        x: 0,
        y: g.rowY(row),
        width: WIDTH,
        height: ROW_HEIGHT,
        class: row % 2 === 0 ? 'row even' : 'row',
      }),
      s(
        'text',
        { x: 8, y: centre(row) + 4, class: 'row-label' },
        label.length > 28 ? `${label.slice(0, 27)}…` : label,
      ),
    );
  }

  // Time axis: ticks, then the stretches drawn shorter than they were, as breaks with their length.
  const axisY = g.rowY(stageRows.length + 2) + 4;
  for (const tick of axisTicks(g.scale, 56)) {
    svg.append(
      s('line', { x1: tick.x, y1: TOP, x2: tick.x, y2: axisY, class: 'tick' }),
      s(
        'text',
        { x: tick.x, y: axisY + 14, class: 'tick-label', 'text-anchor': 'middle' },
        tickLabel(language, tick),
      ),
    );
  }
  for (const gap of g.scale.gaps) {
    const middle = (gap.xFrom + gap.xTo) / 2;
    const length = gapLength(language, gap);
    const mark = s('g', { class: 'gap', 'data-kind': 'gap' });
    mark.append(
      s('path', {
        d: `M ${middle - 5} ${axisY + 6} L ${middle - 1} ${axisY - 6} M ${middle + 1} ${axisY + 6} L ${middle + 5} ${axisY - 6}`,
        class: 'gap-break',
      }),
      s('text', { x: middle, y: axisY + 26, class: 'gap-label', 'text-anchor': 'middle' }, length),
      s(
        'title',
        {},
        `${t(language, 'gapTitle', { length })}: ${formatDate(language, new Date(gap.from).toISOString())}–${formatDate(language, new Date(gap.to).toISOString())}`,
      ),
    );
    svg.append(mark);
  }

  // Pauses, behind everything else.
  for (const pause of timeline.pauses) {
    const from = g.x(pause.from);
    const to = g.x(pause.to ?? timeline.end);
    const rect = s('rect', {
      x: from,
      y: TOP,
      width: Math.max(MIN_BAND_WIDTH, to - from),
      height: g.rowY(stageRows.length) - TOP,
      fill: `url(#${hatchId})`,
      class: 'pause',
      'data-kind': 'pause',
    });
    rect.append(
      s(
        'title',
        {},
        `${t(language, 'pause')}: ${formatDate(language, pause.from)}–${pause.to === undefined ? t(language, 'now') : formatDate(language, pause.to)}. ${pause.reason}`,
      ),
    );
    svg.append(rect);
  }

  // Moves between stages: a line from the end of one stay to the start of the next.
  for (let i = 1; i < timeline.bands.length; i += 1) {
    const previous = timeline.bands[i - 1];
    const next = timeline.bands[i];
    if (!previous || !next) continue;
    const x = g.x(next.from);
    svg.append(
      s('line', {
        x1: x,
        y1: centre(rowOf(previous.stageId)),
        x2: x,
        y2: centre(rowOf(next.stageId)),
        class: next.via === 'sendBack' ? 'move loop' : 'move',
      }),
    );
  }

  // Stays in stages.
  for (const band of timeline.bands) {
    const from = g.x(band.from);
    const to = g.x(band.to ?? timeline.end);
    const loop = band.via === 'sendBack' || band.round > 1;
    const rect = s('rect', {
      x: from,
      y: centre(rowOf(band.stageId)) - BAND_HEIGHT / 2,
      width: Math.max(MIN_BAND_WIDTH, to - from),
      height: BAND_HEIGHT,
      rx: 4,
      class: `band stage-${rowOf(band.stageId) % 6}${loop ? ' loop' : ''}${band.to === undefined && timeline.ongoing ? ' ongoing' : ''}`,
      'data-stage-id': band.stageId,
      'data-round': band.round,
    });
    rect.append(
      s(
        'title',
        {},
        `${band.stageTitle}, ${t(language, 'round')} ${band.round}: ${formatDate(language, band.from)}–${band.to === undefined ? t(language, 'stillHere') : formatDate(language, band.to)}`,
      ),
    );
    svg.append(rect);
  }

  // Review requests: a short tick above the band.
  for (const mark of timeline.marks.filter((m) => m.kind === 'reviewRequested')) {
    const x = g.x(mark.at);
    const y = centre(rowOf(mark.stageId)) - BAND_HEIGHT / 2 - 3;
    const tick = s('path', {
      d: `M ${x} ${y - 6} L ${x} ${y}`,
      class: 'review',
      'data-kind': 'reviewRequested',
    });
    tick.append(
      s(
        'title',
        {},
        `${t(language, 'reviewRequested')} ${formatDate(language, mark.at)}${mark.by === undefined ? '' : ` ${t(language, 'by')} ${mark.by}`}`,
      ),
    );
    svg.append(tick);
  }

  // Gate decisions.
  for (const decision of timeline.decisions) {
    const x = g.x(decision.at);
    const y = centre(rowOf(decision.stageId));
    const shape = s('path', {
      d: diamond(x, y, 7),
      class: `decision ${decision.outcome}`,
      'data-outcome': decision.outcome,
      'data-stage-id': decision.stageId,
    });
    const parts = [`${decision.stageTitle}: ${decision.outcomeName} ${formatDate(language, decision.at)}`];
    if (decision.toStageTitle !== undefined) parts.push(`${t(language, 'to')} ${decision.toStageTitle}`);
    if (decision.by.length > 0) parts.push(`${t(language, 'by')} ${decision.by.join(', ')}`);
    if (decision.reason !== undefined) parts.push(`${t(language, 'reason')}: ${decision.reason}`);
    shape.append(s('title', {}, parts.join(' · ')));
    svg.append(shape);
  }

  // Ideas and barriers in their lanes.
  for (const mark of timeline.marks) {
    if (mark.kind !== 'idea' && mark.kind !== 'barrier') continue;
    const x = g.x(mark.at);
    const y = centre(mark.kind === 'idea' ? ideaRow : barrierRow);
    const shape =
      mark.kind === 'idea'
        ? s('circle', { cx: x, cy: y, r: 6, class: 'mark idea', 'data-kind': 'idea' })
        : s('path', { d: triangle(x, y, 7), class: 'mark barrier', 'data-kind': 'barrier' });
    const label = t(language, mark.kind);
    shape.append(
      s(
        'title',
        {},
        `${label}${mark.category === undefined ? '' : ` (${mark.category})`}, ${formatDate(language, mark.at)}: ${mark.text ?? ''}`,
      ),
    );
    svg.append(shape);
  }

  // Completion.
  for (const mark of timeline.marks.filter((m) => m.kind === 'completed')) {
    const x = g.x(mark.at);
    const flag = s('path', {
      d: `M ${x} ${TOP} L ${x} ${g.rowY(stageRows.length)}`,
      class: 'completed',
      'data-kind': 'completed',
    });
    flag.append(s('title', {}, `${t(language, 'completed')} ${formatDate(language, mark.at)}`));
    svg.append(flag);
  }

  // "Now" for a case still running.
  if (timeline.ongoing) {
    const x = g.x(timeline.end);
    svg.append(
      s('line', { x1: x, y1: TOP - 4, x2: x, y2: axisY, class: 'now' }),
      s('text', { x: x - 4, y: TOP - 2, class: 'now-label', 'text-anchor': 'end' }, t(language, 'now')),
    );
  }
  return svg;
}
