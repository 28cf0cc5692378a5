/**
 * The small statistics every benchmark shares: percentiles of latency samples, ratios against a baseline
 * measured in the same run, and the one table format `npm run bench` prints.
 *
 * Percentiles use the nearest-rank method (the p-th percentile is a value that was actually observed), so
 * a p99 of 300 samples is the 297th smallest, not an interpolation between two samples.
 */

/** A latency distribution, in milliseconds. */
export interface Distribution {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** The nearest-rank percentile of already sorted values; NaN when there are none. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p99: percentileOfSorted(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
  };
}

/** subject / baseline, rounded to 2 decimals (a ratio finer than that is noise here). */
export function ratio(subject: number, baseline: number): number {
  return Math.round((subject / baseline) * 100) / 100;
}

export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A distribution with every figure rounded to 0.01 ms, for the JSON results. */
export function rounded(d: Distribution): Distribution {
  return {
    n: d.n,
    min: round(d.min),
    p50: round(d.p50),
    p90: round(d.p90),
    p99: round(d.p99),
    max: round(d.max),
    mean: round(d.mean),
  };
}

/** How a measured ratio compares with its target. */
export type Verdict = 'met' | 'missed' | 'info';

/**
 * One line of the results table: a figure of the subject, the same figure of the baseline, their ratio
 * and the target it is held against. `unit` says what subject and baseline are measured in.
 */
export interface ResultRow {
  benchmark: string;
  metric: string;
  subject: number;
  baseline: number;
  unit: string;
  ratio: number;
  /** For example "≤ 1.3×" or "= 0". */
  target: string;
  verdict: Verdict;
  note?: string;
}

/** A row whose target is an upper bound on the ratio. */
export function atMost(row: Omit<ResultRow, 'ratio' | 'target' | 'verdict'> & { limit: number }): ResultRow {
  const { limit, ...rest } = row;
  const r = ratio(row.subject, row.baseline);
  return { ...rest, ratio: r, target: `≤ ${limit}×`, verdict: r <= limit ? 'met' : 'missed' };
}

/** A row whose target is a lower bound on the ratio. */
export function atLeast(row: Omit<ResultRow, 'ratio' | 'target' | 'verdict'> & { limit: number }): ResultRow {
  const { limit, ...rest } = row;
  const r = ratio(row.subject, row.baseline);
  return { ...rest, ratio: r, target: `≥ ${limit}×`, verdict: r >= limit ? 'met' : 'missed' };
}

/** Prints rows as a fixed-width text table (also valid Markdown), one line per row. */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['benchmark', 'metric', 'subject', 'baseline', 'ratio', 'target', 'verdict'];
  const body = rows.map((row) => [
    row.benchmark,
    row.metric,
    `${formatNumber(row.subject)} ${row.unit}`,
    `${formatNumber(row.baseline)} ${row.unit}`,
    Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}×` : '—',
    row.target,
    row.verdict === 'missed' ? 'MISSED' : row.verdict,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** Splits `total` into blocks of `size` (the last may be shorter). */
export function blocks(total: number, size: number): number[] {
  const result: number[] = [];
  for (let done = 0; done < total; done += size) result.push(Math.min(size, total - done));
  return result;
}
