/**
 * Times as the municipality reads them: in its time zone (a setting, Europe/Oslo by default) with the
 * offset written out, so "09:00 (+01:00)" can never be mistaken for UTC. Machine-readable columns keep
 * ISO 8601 UTC beside these.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
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
    formatters.set(timeZone, found);
  }
  return found;
}

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  date: string;
  time: string;
  seconds: string;
  offset: string;
}

/** The local time of an instant as the formatter gives it (the one source of truth). */
function formattedParts(time: number, timeZone: string): LocalParts {
  const found: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(time))) found[part.type] = part.value;
  const offset = (found['timeZoneName'] ?? 'GMT').replace('GMT', '') || '+00:00';
  return {
    date: `${found['year']}-${found['month']}-${found['day']}`,
    time: `${found['hour']}:${found['minute']}`,
    seconds: found['second'] ?? '00',
    offset,
  };
}

const HOUR_MS = 3_600_000;

/** A zone's offset through one UTC hour: in milliseconds and as written; undefined if it changes in it. */
type HourOffset = { ms: number; text: string } | undefined;

/**
 * Offsets per zone and UTC hour, asked of the formatter at the hour's first and last millisecond.
 * `formatToParts` was the largest single cost of writing a time (every event of a CSV, Markdown or .qdpx
 * export writes one); within an hour whose two ends have the same offset the local time is the UTC time
 * shifted by it (offsets change at most once in an hour). Emptied when full, so memory stays bounded.
 */
const hourOffsets = new Map<string, HourOffset>();

function offsetAt(time: number, timeZone: string): { ms: number; text: string } {
  const local = formattedParts(time, timeZone);
  const [year, month, day] = local.date.split('-').map(Number);
  const [hour, minute] = local.time.split(':').map(Number);
  const asUtc = Date.UTC(
    year ?? 0,
    (month ?? 1) - 1,
    day ?? 1,
    hour ?? 0,
    minute ?? 0,
    Number(local.seconds),
  );
  return { ms: asUtc - time, text: local.offset };
}

function hourOffset(hour: number, timeZone: string): HourOffset {
  const key = `${timeZone}\u0000${hour}`;
  if (hourOffsets.has(key)) return hourOffsets.get(key);
  const first = offsetAt(hour * HOUR_MS, timeZone);
  const last = offsetAt(hour * HOUR_MS + HOUR_MS - 1000, timeZone);
  const found = first.ms === last.ms && first.text === last.text ? first : undefined;
  if (hourOffsets.size >= 10_000) hourOffsets.clear();
  hourOffsets.set(key, found);
  return found;
}

const two = (value: number): string => String(value).padStart(2, '0');

function parts(iso: string, timeZone: string): LocalParts | undefined {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return undefined;
  const offset = hourOffset(Math.floor(time / HOUR_MS), timeZone);
  const local = offset === undefined ? undefined : new Date(time + offset.ms);
  const year = local?.getUTCFullYear();
  // The hour's offset shifts the UTC time; the formatter itself answers for an hour the offset changes
  // in, and for years it would write otherwise than four digits.
  if (offset === undefined || local === undefined || year === undefined || year < 1000 || year > 9999) {
    return formattedParts(time, timeZone);
  }
  return {
    date: `${year}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`,
    time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`,
    seconds: two(local.getUTCSeconds()),
    offset: offset.text,
  };
}

/** "2026-01-05 09:00 (+01:00)". */
export function localDateTime(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return p === undefined ? iso : `${p.date} ${p.time} (${p.offset})`;
}

/** "2026-01-05T09:00:00+01:00": ISO 8601 with the local offset. */
export function localIso(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return p === undefined ? iso : `${p.date}T${p.time}:${p.seconds}${p.offset}`;
}

/** The calendar day in the municipality: "2026-01-05". */
export function localDate(iso: string, timeZone: string): string {
  return parts(iso, timeZone)?.date ?? iso.slice(0, 10);
}
