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

function parts(iso: string, timeZone: string): LocalParts | undefined {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return undefined;
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
