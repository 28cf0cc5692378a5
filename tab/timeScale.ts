/**
 * The time axis of the timeline picture. A case is worked on in bursts and then waits (for a political
 * meeting, the summer, a gate): drawn to a straight scale, a year of waiting squeezes the busy weeks into
 * a few pixels. So a quiet stretch longer than `maxGap` is drawn as if it were `maxGap` long, and marked
 * as a break with its real length; everything else keeps its real proportions.
 *
 * Pure (no DOM), so it is tested on its own.
 */

export const DAY_MS = 86_400_000;
/** The shortest axis: a case opened a moment ago is drawn over its first five minutes. */
export const MIN_SPAN_MS = 5 * 60_000;

export interface Gap {
  /** The real stretch of time, in milliseconds since the epoch. */
  from: number;
  to: number;
  /** Where the break is drawn. */
  xFrom: number;
  xTo: number;
}

export interface TimeScale {
  x(iso: string | number): number;
  /** The quiet stretches drawn shorter than they were. */
  gaps: Gap[];
  start: number;
  end: number;
  /** Pixels per millisecond wherever time is drawn to scale (everywhere but the breaks). */
  pixelsPerMs: number;
}

export interface TimeScaleOptions {
  left: number;
  right: number;
  /**
   * The longest quiet stretch drawn to scale: by default a fifth of the case's active time (the whole
   * span less every longer stretch), and at least two weeks.
   */
  maxGapMs?: number;
}

/**
 * A scale over `instants` (every moment the picture shows, ISO strings) from `startIso` to `endIso`.
 * Monotone: a later moment is never drawn left of an earlier one.
 */
export function timeScale(
  startIso: string,
  endIso: string,
  instants: readonly string[],
  options: TimeScaleOptions,
): TimeScale {
  const start = Date.parse(startIso);
  // The axis spans what happened: a half-hour case fills the width with its half hour.
  const end = Math.max(Date.parse(endIso), start + MIN_SPAN_MS);
  const points = [
    ...new Set([start, end, ...instants.map((iso) => Date.parse(iso)).filter((t) => t > start && t < end)]),
  ].sort((a, b) => a - b);
  const maxGap = options.maxGapMs ?? defaultMaxGap(points);
  // Drawn length of each stretch between consecutive moments.
  const drawn = points.slice(1).map((t, i) => Math.min(t - (points[i] ?? t), maxGap));
  const total = drawn.reduce((sum, length) => sum + length, 0);
  const width = options.right - options.left;
  const cumulative: number[] = [0];
  for (const length of drawn) cumulative.push((cumulative.at(-1) ?? 0) + length);

  const x = (value: string | number): number => {
    const t = Math.min(Math.max(typeof value === 'number' ? value : Date.parse(value), start), end);
    // The stretch t falls in: the last point at or before it.
    let low = 0;
    let high = points.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((points[mid] ?? 0) <= t) low = mid;
      else high = mid - 1;
    }
    const from = points[low] ?? start;
    const to = points[low + 1] ?? from;
    const real = to - from;
    const offset = real === 0 ? 0 : ((t - from) / real) * (drawn[low] ?? 0);
    return options.left + (((cumulative[low] ?? 0) + offset) / total) * width;
  };

  const gaps: Gap[] = [];
  points.slice(1).forEach((to, i) => {
    const from = points[i] ?? to;
    if (to - from > maxGap) gaps.push({ from, to, xFrom: x(from), xTo: x(to) });
  });
  return { x, gaps, start, end, pixelsPerMs: width / total };
}

/** A fifth of the time outside long quiet stretches, at least two weeks. */
function defaultMaxGap(points: readonly number[]): number {
  const gaps = points.slice(1).map((t, i) => t - (points[i] ?? t));
  const span = (points.at(-1) ?? 0) - (points[0] ?? 0);
  // The active time: the span without the stretches that are long even against the whole span.
  const active = gaps.filter((gap) => gap <= span / 4).reduce((sum, gap) => sum + gap, 0);
  return Math.max(14 * DAY_MS, active / 5);
}

/** The calendar unit a tick marks. */
export type TickUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface AxisTick {
  at: Date;
  x: number;
  /** What the tick marks: its label is a clock time (minute, hour), a date (day, week), a month or a year. */
  unit: TickUnit;
  /**
   * The tick is the first, or the first of a new day (for clock times) or year (for dates and months):
   * the axis says which day or year under it, so "14:30" or "mar" is never without its context.
   */
  newContext: boolean;
}

/** One step of the axis: every `count` of `unit`, and how long such a step is at least. */
interface Interval {
  unit: TickUnit;
  count: number;
  shortestMs: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** From fine to coarse; the axis takes the finest whose ticks are far enough apart. */
const INTERVALS: readonly Interval[] = [
  ...[1, 5, 10, 15, 30].map((count) => ({ unit: 'minute' as const, count, shortestMs: count * MINUTE_MS })),
  // An hour step is an hour shorter on the night clocks go forward.
  ...[1, 3, 6, 12].map((count) => ({ unit: 'hour' as const, count, shortestMs: count * HOUR_MS })),
  { unit: 'day', count: 1, shortestMs: DAY_MS - HOUR_MS },
  { unit: 'day', count: 2, shortestMs: 2 * DAY_MS - HOUR_MS },
  { unit: 'week', count: 1, shortestMs: 7 * DAY_MS - HOUR_MS },
  { unit: 'month', count: 1, shortestMs: 28 * DAY_MS - HOUR_MS },
  { unit: 'month', count: 3, shortestMs: 89 * DAY_MS - HOUR_MS },
  { unit: 'month', count: 6, shortestMs: 181 * DAY_MS - HOUR_MS },
  ...[1, 2, 5].map((count) => ({ unit: 'year' as const, count, shortestMs: count * 365 * DAY_MS })),
];
/** Beyond every other step: a decade. */
const COARSEST: Interval = { unit: 'year', count: 10, shortestMs: 3_652 * DAY_MS };

/**
 * The moments of `interval` from `start` to `end`, in the viewer's own time zone (the page runs in their
 * browser, and every date it writes is in that zone): whole minutes and hours of the clock, midnights,
 * Mondays, the first of a month, New Year.
 */
function calendarTicks(interval: Interval, start: number, end: number): Date[] {
  const s = new Date(start);
  const { unit, count } = interval;
  let next: (d: Date) => Date;
  let first: Date;
  switch (unit) {
    case 'minute':
    case 'hour': {
      const minutes = unit === 'minute' ? count : count * 60;
      first = new Date(s.getFullYear(), s.getMonth(), s.getDate());
      // Whole steps from local midnight, so 14:00, 14:15 … and 00:00, 06:00, 12:00 …
      next = (d) => {
        const after = new Date(
          d.getFullYear(),
          d.getMonth(),
          d.getDate(),
          d.getHours(),
          d.getMinutes() + minutes,
        );
        // Past midnight, start again from it (a 3-hour step does not drift across days).
        const midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
        return after.getTime() > midnight.getTime() ? midnight : after;
      };
      break;
    }
    case 'day':
      first = new Date(s.getFullYear(), s.getMonth(), s.getDate());
      next = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + count);
      break;
    case 'week':
      first = new Date(s.getFullYear(), s.getMonth(), s.getDate() - ((s.getDay() + 6) % 7));
      next = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + 7);
      break;
    case 'month':
      first = new Date(s.getFullYear(), s.getMonth() - (s.getMonth() % count), 1);
      next = (d) => new Date(d.getFullYear(), d.getMonth() + count, 1);
      break;
    case 'year':
      first = new Date(s.getFullYear() - (s.getFullYear() % count), 0, 1);
      next = (d) => new Date(d.getFullYear() + count, 0, 1);
      break;
  }
  const ticks: Date[] = [];
  for (let d = first; d.getTime() <= end; d = next(d)) if (d.getTime() >= start) ticks.push(d);
  return ticks;
}

/** The day (for clock times) or the year (for dates and months) a tick belongs to; none for years. */
function contextOf(unit: TickUnit, at: Date): string {
  if (unit === 'minute' || unit === 'hour') return `${at.getFullYear()}-${at.getMonth()}-${at.getDate()}`;
  if (unit === 'year') return '';
  return String(at.getFullYear());
}

/**
 * Ticks for the axis in the unit that fits the case: minutes or hours for a case of a day, days or
 * weeks for one of weeks, months for one of a year or so, years beyond. The finest step whose ticks are
 * at least `spacing(unit)` pixels apart where the scale is drawn to scale (the label width and a margin:
 * the caller knows its labels); never inside a drawn-short stretch, and a tick that would still come too
 * close to the one before it (across a break) is left out. A stretch between breaks that no tick falls
 * in gets one at its start, so every part of the axis says when it is.
 */
export function axisTicks(scale: TimeScale, spacing: number | ((unit: TickUnit) => number)): AxisTick[] {
  const spacingOf = typeof spacing === 'number' ? () => spacing : spacing;
  const interval =
    INTERVALS.find((candidate) => candidate.shortestMs * scale.pixelsPerMs >= spacingOf(candidate.unit)) ??
    COARSEST;
  const minSpacing = spacingOf(interval.unit);
  const inGap = (t: number): boolean => scale.gaps.some((gap) => t > gap.from && t < gap.to);
  const kept: { at: Date; x: number; unit: TickUnit }[] = [];
  for (const at of calendarTicks(interval, scale.start, scale.end)) {
    if (inGap(at.getTime())) continue;
    const x = scale.x(at.getTime());
    const previous = kept.at(-1);
    if (previous !== undefined && x - previous.x < minSpacing) continue;
    kept.push({ at, x, unit: interval.unit });
  }
  // A stretch between breaks that no tick fell in (an afternoon's work, then months of quiet) still
  // says when it was: a tick at its start, dated to the day (or the clock, on a finer axis).
  const edgeUnit: TickUnit = interval.unit === 'minute' || interval.unit === 'hour' ? interval.unit : 'day';
  const stretches: [number, number][] = [];
  let from = scale.start;
  for (const gap of scale.gaps) {
    stretches.push([from, gap.from]);
    from = gap.to;
  }
  stretches.push([from, scale.end]);
  for (const [start, end] of stretches) {
    if (kept.some((tick) => tick.at.getTime() >= start && tick.at.getTime() <= end)) continue;
    const x = scale.x(start);
    if (kept.some((tick) => Math.abs(tick.x - x) < Math.max(minSpacing, spacingOf(edgeUnit)))) continue;
    kept.push({ at: new Date(start), x, unit: edgeUnit });
  }
  kept.sort((a, b) => a.at.getTime() - b.at.getTime());
  let context: string | undefined;
  return kept.map((tick) => {
    const own = contextOf(tick.unit, tick.at);
    const newContext = own !== context;
    context = own;
    return { ...tick, newContext };
  });
}
