/**
 * The time axis of the timeline picture. A case is worked on in bursts and then waits (for a political
 * meeting, the summer, a gate): drawn to a straight scale, a year of waiting squeezes the busy weeks into
 * a few pixels. So a quiet stretch longer than `maxGap` is drawn as if it were `maxGap` long, and marked
 * as a break with its real length; everything else keeps its real proportions.
 *
 * Pure (no DOM), so it is tested on its own.
 */

export const DAY_MS = 86_400_000;

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
  const end = Math.max(Date.parse(endIso), start + DAY_MS);
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
  return { x, gaps, start, end };
}

/** A fifth of the time outside long quiet stretches, at least two weeks. */
function defaultMaxGap(points: readonly number[]): number {
  const gaps = points.slice(1).map((t, i) => t - (points[i] ?? t));
  const span = (points.at(-1) ?? 0) - (points[0] ?? 0);
  // The active time: the span without the stretches that are long even against the whole span.
  const active = gaps.filter((gap) => gap <= span / 4).reduce((sum, gap) => sum + gap, 0);
  return Math.max(14 * DAY_MS, active / 5);
}

export interface AxisTick {
  at: Date;
  x: number;
  /** A month (or quarter) starts here, or a week (Monday) does. */
  kind: 'month' | 'week';
}

/**
 * Ticks for the axis: the first of each month (each quarter for a case of more than two years), then
 * Mondays where they fit; never inside a drawn-short stretch, never closer than `minSpacing` pixels.
 */
export function axisTicks(scale: TimeScale, minSpacing: number): AxisTick[] {
  const inGap = (t: number): boolean => scale.gaps.some((gap) => t > gap.from && t < gap.to);
  const step = scale.end - scale.start > 730 * DAY_MS ? 3 : 1;
  const candidates: AxisTick[] = [];
  const first = new Date(scale.start);
  for (
    let month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    month.getTime() <= scale.end;
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
  ) {
    if (month.getUTCMonth() % step === 0)
      candidates.push({ at: month, x: scale.x(month.getTime()), kind: 'month' });
  }
  const monday = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7));
  for (let day = monday; day.getTime() <= scale.end; day = new Date(day.getTime() + 7 * DAY_MS)) {
    if (day.getUTCDate() !== 1) candidates.push({ at: day, x: scale.x(day.getTime()), kind: 'week' });
  }
  const kept: AxisTick[] = [];
  // Months first, so that weeks only fill in where the scale is wide enough for them.
  for (const kind of ['month', 'week'] as const) {
    for (const tick of candidates.filter((c) => c.kind === kind)) {
      if (inGap(tick.at.getTime())) continue;
      if (kept.some((other) => Math.abs(other.x - tick.x) < minSpacing)) continue;
      kept.push(tick);
    }
  }
  return kept.sort((a, b) => a.x - b.x);
}
