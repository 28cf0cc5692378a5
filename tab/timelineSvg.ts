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
import { INTL_LOCALES } from '../engine/localized';
import { s, uniqueId } from './dom';
import { formatDate, recordedViaText, t } from './texts';
import { estimatedWidth, extent, keepApart, wrapLabel, type PlacedLabel } from './textFit';
import {
  axisTicks,
  DAY_MS,
  timeScale,
  type AxisTick,
  type Gap,
  type TickUnit,
  type TimeScale,
} from './timeScale';

const WIDTH = 1000;
const LABEL_WIDTH = 190;
const PLOT_LEFT = LABEL_WIDTH + 10;
const PLOT_RIGHT = WIDTH - 20;
const ROW_HEIGHT = 30;
const BAND_HEIGHT = 18;
/** Above the first row: room for the "now" label, so it never sits on a row. */
const TOP = 24;
/** The font sizes of dashboard.css (svg.timeline 12 px; ticks, breaks and "now" 11 px). */
const ROW_LABEL_FONT = 12;
const SMALL_FONT = 11;
/** The room a row label has: its column, less the margin on each side. */
const ROW_LABEL_ROOM = LABEL_WIDTH - 12;
/** The least room between two labels in the same line of text. */
const LABEL_MARGIN = 8;
/** Under the axis, three lines: tick labels, the day or year they are in, the breaks' lengths. */
const AXIS_LINE = 14;
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
    height: TOP + rows * ROW_HEIGHT + 4 + 3 * AXIS_LINE + 8,
  };
}

const TICK_FORMATS: Record<TickUnit, Intl.DateTimeFormatOptions> = {
  minute: { hour: '2-digit', minute: '2-digit' },
  hour: { hour: '2-digit', minute: '2-digit' },
  day: { day: 'numeric', month: 'short' },
  week: { day: 'numeric', month: 'short' },
  month: { month: 'short' },
  year: { year: 'numeric' },
};

/** What a tick says, in the viewer's zone as every date on the page: "14:30", "3. mars", "mai", "2027". */
function tickLabel(language: ViewLanguage, tick: AxisTick): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[language], TICK_FORMATS[tick.unit]).format(tick.at);
}

/** The day under a clock time ("3. mars 2026") or the year under a date or a month; none under years. */
function contextLabel(language: ViewLanguage, tick: AxisTick): string | undefined {
  if (tick.unit === 'year') return undefined;
  if (tick.unit === 'minute' || tick.unit === 'hour') return formatDate(language, tick.at.toISOString());
  return String(tick.at.getFullYear());
}

/** The widest label a unit's ticks have, and a margin: how far apart its ticks must be. */
function tickSpacing(language: ViewLanguage, unit: TickUnit): number {
  const widest = tickLabel(language, { at: new Date(2026, 8, 28, 23, 58), x: 0, unit, newContext: false });
  return estimatedWidth(widest, SMALL_FONT) + LABEL_MARGIN;
}

/** Labels of one line of text under the axis, less those that would run into another. */
function placeApart<T extends PlacedLabel>(labels: T[]): T[] {
  return keepApart(labels, LABEL_MARGIN).map((index) => labels[index] as T);
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
  // The rows by their full names, for whoever does not see the picture (or its wrapped labels).
  const stages = t(language, 'timelineStages', {
    stages: detail.stages.map((stage) => stage.title).join(', '),
  });
  return `${t(language, 'timelineSummary', {
    title: detail.case.title,
    stays: timeline.bands.length,
    stages: new Set(timeline.bands.map((band) => band.stageId)).size,
    decisions: timeline.decisions.length,
    ideas: timeline.marks.filter((mark) => mark.kind === 'idea').length,
    barriers: timeline.marks.filter((mark) => mark.kind === 'barrier').length,
  })} ${stages}`;
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

  // Rows and their labels: a long stage name wraps onto a second line; what still does not fit ends in
  // "…". Every label carries its full text as a tooltip, and the list beside the picture names it too.
  const labels: [number, string][] = [
    ...detail.stages.map((stage, index): [number, string] => [index, stage.title]),
    [ideaRow, t(language, 'legendIdea')],
    [barrierRow, t(language, 'legendBarrier')],
  ];
  for (const [row, label] of labels) {
    const fitted = wrapLabel(label, ROW_LABEL_ROOM, ROW_LABEL_FONT, 2);
    const lineHeight = ROW_LABEL_FONT + 1;
    const firstBaseline = centre(row) + 4 - ((fitted.lines.length - 1) * lineHeight) / 2;
    const text = s(
      'text',
      { x: 8, y: firstBaseline, class: 'row-label', 'data-shortened': fitted.shortened },
      ...fitted.lines.map((line, index) => s('tspan', { x: 8, y: firstBaseline + index * lineHeight }, line)),
    );
    svg.append(
      s('rect', {
        x: 0,
        y: g.rowY(row),
        width: WIDTH,
        height: ROW_HEIGHT,
        class: row % 2 === 0 ? 'row even' : 'row',
      }),
      s('g', { class: 'row-label-group' }, s('title', {}, label), text),
    );
  }

  // Time axis: ticks in the unit that fits the case (minutes to years), under each the day or year it
  // is in where that changes, then the stretches drawn shorter than they were, as breaks with their
  // length. Each line of labels is thinned so that no two run into each other.
  const axisY = g.rowY(stageRows.length + 2) + 4;
  const ticks = axisTicks(g.scale, (unit) => tickSpacing(language, unit));
  const tickLabels = placeApart(
    ticks.map((tick): PlacedLabel & { tick: AxisTick; text: string } => {
      const text = tickLabel(language, tick);
      const width = estimatedWidth(text, SMALL_FONT);
      // Centred on its tick, unless that would run off the picture's right edge.
      return tick.x + width / 2 > WIDTH - 2
        ? { tick, text, width, x: WIDTH - 2, anchor: 'end' }
        : { tick, text, width, x: tick.x, anchor: 'middle' };
    }),
  );
  for (const { tick, text, x, anchor } of tickLabels) {
    svg.append(
      s('line', { x1: tick.x, y1: TOP, x2: tick.x, y2: axisY, class: 'tick', 'data-unit': tick.unit }),
      s(
        'text',
        {
          x,
          y: axisY + AXIS_LINE,
          class: 'tick-label',
          'text-anchor': anchor,
          'data-unit': tick.unit,
          'data-at': tick.at.toISOString(),
        },
        text,
      ),
    );
  }
  const contexts = placeApart(
    tickLabels.flatMap((label) => {
      const text = label.tick.newContext ? contextLabel(language, label.tick) : undefined;
      if (text === undefined) return [];
      const width = estimatedWidth(text, SMALL_FONT);
      // Starts where its tick's label starts, unless that would run off the picture's right edge.
      const start = extent(label).from;
      const anchor = start + width > WIDTH - 4 ? ('end' as const) : ('start' as const);
      return [{ text, width, anchor, x: anchor === 'start' ? start : WIDTH - 4 }];
    }),
  );
  for (const context of contexts) {
    svg.append(
      s(
        'text',
        { x: context.x, y: axisY + 2 * AXIS_LINE, class: 'context-label', 'text-anchor': context.anchor },
        context.text,
      ),
    );
  }
  const gapLabels = new Set(
    placeApart(
      g.scale.gaps.map((gap) => {
        const text = gapLength(language, gap);
        return {
          gap,
          x: (gap.xFrom + gap.xTo) / 2,
          anchor: 'middle' as const,
          width: estimatedWidth(text, SMALL_FONT),
        };
      }),
    ).map((label) => label.gap),
  );
  for (const gap of g.scale.gaps) {
    const middle = (gap.xFrom + gap.xTo) / 2;
    const length = gapLength(language, gap);
    const mark = s('g', { class: 'gap', 'data-kind': 'gap' });
    mark.append(
      s('path', {
        d: `M ${middle - 5} ${axisY + 6} L ${middle - 1} ${axisY - 6} M ${middle + 1} ${axisY + 6} L ${middle + 5} ${axisY - 6}`,
        class: 'gap-break',
      }),
      s(
        'title',
        {},
        `${t(language, 'gapTitle', { length })}: ${formatDate(language, new Date(gap.from).toISOString())}–${formatDate(language, new Date(gap.to).toISOString())}`,
      ),
    );
    // A break too close to another keeps its length in the tooltip only.
    if (gapLabels.has(gap)) {
      mark.append(
        s(
          'text',
          { x: middle, y: axisY + 3 * AXIS_LINE, class: 'gap-label', 'text-anchor': 'middle' },
          length,
        ),
      );
    }
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
        [
          `${label}${mark.category === undefined ? '' : ` (${mark.category})`}, ${formatDate(language, mark.at)}: ${mark.text ?? ''}`,
          recordedViaText(mark, language),
        ]
          .filter((line) => line !== undefined)
          .join('\n'),
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
    // In the strip above the first row, left of its line, so it never covers a row or a band.
    svg.append(
      s('line', { x1: x, y1: TOP - 10, x2: x, y2: axisY, class: 'now' }),
      s('text', { x: x - 4, y: TOP - 8, class: 'now-label', 'text-anchor': 'end' }, t(language, 'now')),
    );
  }
  return svg;
}
