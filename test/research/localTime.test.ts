/**
 * Local times are written from a cached offset per zone and UTC hour; they must be exactly what the
 * zone's formatter says, also around offset changes (summer time, zones with half- and quarter-hour
 * offsets and changes at half past, local mean time before 1895), for every format that writes them.
 */
import { describe, expect, it } from 'vitest';
import { localDate, localDateTime, localIso } from '../../research/localTime';

const formats = new Map<string, Intl.DateTimeFormat>();

function expected(iso: string, timeZone: string): { dateTime: string; isoLocal: string; date: string } {
  const found: Record<string, string> = {};
  const format =
    formats.get(timeZone) ??
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
  formats.set(timeZone, format);
  for (const part of format.formatToParts(new Date(iso))) found[part.type] = part.value;
  const offset = (found['timeZoneName'] ?? 'GMT').replace('GMT', '') || '+00:00';
  const date = `${found['year']}-${found['month']}-${found['day']}`;
  const time = `${found['hour']}:${found['minute']}`;
  return {
    dateTime: `${date} ${time} (${offset})`,
    isoLocal: `${date}T${time}:${found['second']}${offset}`,
    date,
  };
}

const ZONES = [
  'Europe/Oslo',
  'UTC',
  'America/New_York',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
];

/** Instants every 7 min 13.5 s over two days around each of 2026's changes, and across 1880–2100. */
function instants(): string[] {
  const out: string[] = [];
  for (const start of [
    '2026-03-27T00:00:00Z',
    '2026-04-04T00:00:00Z',
    '2026-10-03T00:00:00Z',
    '2026-10-24T00:00:00Z',
  ]) {
    for (let t = Date.parse(start); t < Date.parse(start) + 3 * 86_400_000; t += 433_500) {
      out.push(new Date(t).toISOString());
    }
  }
  for (
    let t = Date.parse('1880-01-01T00:00:00Z');
    t < Date.parse('2100-01-01T00:00:00Z');
    t += 86_399_123 * 97
  ) {
    out.push(new Date(t).toISOString());
  }
  return out;
}

describe('local times', () => {
  it.each(ZONES)('are what the formatter says, in %s', (timeZone) => {
    const all = instants();
    expect(all.length).toBeGreaterThan(3000);
    const wrong = all.filter((iso) => {
      const want = expected(iso, timeZone);
      return (
        localDateTime(iso, timeZone) !== want.dateTime ||
        localIso(iso, timeZone) !== want.isoLocal ||
        localDate(iso, timeZone) !== want.date
      );
    });
    expect(wrong).toEqual([]);
  });

  it('leave what is not a time as it is', () => {
    expect(localDateTime('not a time', 'Europe/Oslo')).toBe('not a time');
    expect(localDate('2026-13-45', 'Europe/Oslo')).toBe('2026-13-45');
  });
});
