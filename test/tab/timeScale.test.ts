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
    // Busy weeks drawn wide enough get week ticks (Mondays).
    expect(ticks.some((tick) => tick.kind === 'week' && tick.at.getUTCDay() === 1)).toBe(true);
  });
});
