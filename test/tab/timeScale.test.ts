/**
 * The timeline's time axis (tab/timeScale.ts, pure): busy weeks keep their proportions, a long quiet
 * stretch is drawn short and reported as a break, the scale never runs backwards, and ticks never sit
 * inside a break or on top of each other.
 */
import { describe, expect, it } from 'vitest';
import { axisTicks, timeScale } from '../../tab/timeScale';

const DAY = 86_400_000;
const day = (n: number): string => new Date(Date.UTC(2026, 0, 5) + n * DAY).toISOString();

describe('the timeline time scale', () => {
  it('draws a case with steady activity to a straight scale, with no breaks', () => {
    const instants = Array.from({ length: 30 }, (_, i) => day(i * 3));
    const scale = timeScale(day(0), day(90), instants, { left: 0, right: 900 });
    expect(scale.gaps).toEqual([]);
    expect(scale.x(day(45))).toBeCloseTo(450, 5);
  });

  it('draws a long quiet stretch short, so busy weeks get the room, and reports its real length', () => {
    // Three busy weeks, then eight months without anything until "now".
    const instants = Array.from({ length: 21 }, (_, i) => day(i));
    const scale = timeScale(day(0), day(260), instants, { left: 0, right: 1000 });
    expect(scale.gaps).toHaveLength(1);
    expect(scale.gaps[0]).toMatchObject({ from: Date.parse(day(20)), to: Date.parse(day(260)) });
    // Drawn to scale, the busy weeks would get 20/260 of the width; here they get more than half.
    expect(scale.x(day(20))).toBeGreaterThan(500);
    // Within the busy weeks, proportions hold.
    expect(scale.x(day(10)) * 2).toBeCloseTo(scale.x(day(20)), 5);
  });

  it('never draws a later moment left of an earlier one, and keeps everything inside the plot', () => {
    const instants = [day(1), day(2), day(40), day(41), day(200), day(201), day(202)];
    const scale = timeScale(day(0), day(400), instants, { left: 100, right: 900 });
    let previous = -Infinity;
    for (let n = -5; n <= 410; n += 1) {
      const x = scale.x(day(n));
      expect(x).toBeGreaterThanOrEqual(previous);
      expect(x).toBeGreaterThanOrEqual(100);
      expect(x).toBeLessThanOrEqual(900);
      previous = x;
    }
    expect(scale.x(day(0))).toBe(100);
    expect(scale.x(day(400))).toBe(900);
  });

  it('copes with a case opened a moment ago: start and end the same instant', () => {
    const scale = timeScale(day(0), day(0), [day(0)], { left: 0, right: 100 });
    expect(scale.x(day(0))).toBe(0);
    expect(Number.isFinite(scale.x(day(1)))).toBe(true);
    // The axis is its first five minutes, not a day in which the moment is lost.
    expect(scale.end - scale.start).toBe(5 * 60_000);
  });

  it('puts ticks neither inside a break nor closer than the spacing asked for', () => {
    const instants = Array.from({ length: 21 }, (_, i) => day(i));
    const scale = timeScale(day(0), day(400), instants, { left: 0, right: 1000 });
    const ticks = axisTicks(scale, 50);
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) {
      for (const gap of scale.gaps) {
        expect(tick.at.getTime() > gap.from && tick.at.getTime() < gap.to).toBe(false);
      }
    }
    const xs = ticks.map((tick) => tick.x);
    xs.slice(1).forEach((x, i) => expect(x - (xs[i] ?? 0)).toBeGreaterThanOrEqual(50));
    // Three busy weeks drawn over most of the width are ticked in days (midnights in the viewer's zone),
    // as they were drawn, not as the 400 days of the whole case would be.
    expect(ticks.every((tick) => tick.unit === 'day' && tick.at.getHours() === 0)).toBe(true);
  });
});

/** A moment in the viewer's own zone (the axis counts the clock and the calendar there). */
const local = (month: number, date: number, hours = 0, minutes = 0): number =>
  new Date(2026, month, date, hours, minutes).getTime();
const iso = (ms: number): string => new Date(ms).toISOString();
const MINUTE = 60_000;
/** Activity every `stepMs` from `from` to `to`, as the picture's instants. */
const every = (from: number, to: number, stepMs: number): string[] =>
  Array.from({ length: Math.floor((to - from) / stepMs) + 1 }, (_, i) => iso(from + i * stepMs));
/** Room for a label of `chars` characters of 11 px and a margin, as the picture asks for. */
const spacing = 44;

describe('the time axis fits what happened', () => {
  it('draws a 30-minute case over the whole width, with ticks every few minutes on the clock', () => {
    const start = local(2, 3, 14, 2);
    const end = start + 30 * MINUTE;
    const scale = timeScale(iso(start), iso(end), every(start, end, 3 * MINUTE), { left: 200, right: 980 });
    expect(scale.x(iso(start))).toBe(200);
    expect(scale.x(iso(end))).toBe(980);
    expect(scale.x(iso(start + 15 * MINUTE))).toBeCloseTo(590, 5);
    const ticks = axisTicks(scale, spacing);
    expect(new Set(ticks.map((tick) => tick.unit))).toEqual(new Set(['minute']));
    // 14:05, 14:10 … 14:30: whole five minutes of the clock, inside the case's half hour.
    expect(ticks.map((tick) => `${tick.at.getHours()}:${tick.at.getMinutes()}`)).toEqual([
      '14:5',
      '14:10',
      '14:15',
      '14:20',
      '14:25',
      '14:30',
    ]);
    // The first tick says which day it is; the others are the same day.
    expect(ticks.map((tick) => tick.newContext)).toEqual([true, false, false, false, false, false]);
  });

  it('ticks a day-long case in hours, and says so again when a new day begins', () => {
    const start = local(2, 3, 9, 0);
    const end = local(2, 4, 3, 0);
    const scale = timeScale(iso(start), iso(end), every(start, end, 20 * MINUTE), { left: 200, right: 980 });
    const ticks = axisTicks(scale, spacing);
    expect(new Set(ticks.map((tick) => tick.unit))).toEqual(new Set(['hour']));
    expect(ticks.every((tick) => tick.at.getMinutes() === 0)).toBe(true);
    const midnight = ticks.find((tick) => tick.at.getDate() === 4 && tick.at.getHours() === 0);
    expect(midnight?.newContext).toBe(true);
    expect(ticks.filter((tick) => tick.newContext)).toHaveLength(2);
  });

  it('ticks a 14-month case in months, on the first of each month', () => {
    const start = local(0, 12, 9);
    const end = local(13, 12, 15);
    const scale = timeScale(iso(start), iso(end), every(start, end, 9 * DAY), { left: 200, right: 980 });
    expect(scale.gaps).toEqual([]);
    const ticks = axisTicks(scale, spacing);
    expect(new Set(ticks.map((tick) => tick.unit))).toEqual(new Set(['month']));
    expect(ticks.every((tick) => tick.at.getDate() === 1 && tick.at.getHours() === 0)).toBe(true);
    // Every month, not every quarter: February 2026 to February 2027.
    expect(ticks.map((tick) => `${tick.at.getFullYear()}-${tick.at.getMonth() + 1}`)).toEqual([
      '2026-2',
      '2026-3',
      '2026-4',
      '2026-5',
      '2026-6',
      '2026-7',
      '2026-8',
      '2026-9',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-1',
      '2027-2',
    ]);
    // The year is said at the first tick and where a new year starts.
    expect(ticks.filter((tick) => tick.newContext).map((tick) => tick.at.getFullYear())).toEqual([
      2026, 2027,
    ]);
  });

  it('ticks a case of several years in quarters or years, never closer than the spacing asked for', () => {
    const start = local(0, 12);
    const end = local(0, 12) + 5 * 365 * DAY;
    const scale = timeScale(iso(start), iso(end), every(start, end, 20 * DAY), { left: 200, right: 980 });
    const ticks = axisTicks(scale, spacing);
    expect(ticks.every((tick) => tick.unit === 'year' || tick.unit === 'month')).toBe(true);
    expect(ticks.every((tick) => tick.at.getDate() === 1 && tick.at.getMonth() % 3 === 0)).toBe(true);
    const xs = ticks.map((tick) => tick.x);
    xs.slice(1).forEach((x, i) => expect(x - (xs[i] ?? 0)).toBeGreaterThanOrEqual(spacing));
  });

  it('dates a short burst of work before months of quiet: a tick where it starts and where the quiet ends', () => {
    // An hour of work on 5 January, then nothing until "now" in December.
    const start = local(0, 5, 9, 0);
    const end = local(11, 3, 14, 0);
    const scale = timeScale(iso(start), iso(end), every(start, start + 60 * MINUTE, 10 * MINUTE), {
      left: 200,
      right: 980,
    });
    expect(scale.gaps).toHaveLength(1);
    const ticks = axisTicks(scale, spacing);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    // The burst is dated, and so is the end of the quiet stretch (here: now).
    expect(ticks[0]?.at.getTime()).toBe(start);
    expect(ticks.at(-1)?.at.getTime()).toBe(end);
    expect(ticks.every((tick) => tick.unit === 'day')).toBe(true);
    // The first tick says the year; the last, in the same year, does not say it again.
    expect(ticks[0]?.newContext).toBe(true);
    expect(ticks.at(-1)?.newContext).toBe(false);
    const xs = ticks.map((tick) => tick.x);
    xs.slice(1).forEach((x, i) => expect(x - (xs[i] ?? 0)).toBeGreaterThanOrEqual(spacing));
  });

  it('asks the caller how much room each unit needs: wider labels, a coarser step', () => {
    const start = local(2, 3, 14, 2);
    const end = start + 30 * MINUTE;
    const scale = timeScale(iso(start), iso(end), every(start, end, 3 * MINUTE), { left: 200, right: 980 });
    const ticks = axisTicks(scale, (unit) => (unit === 'minute' ? 200 : spacing));
    expect(ticks.every((tick) => tick.unit === 'minute' && tick.at.getMinutes() % 10 === 0)).toBe(true);
  });
});
