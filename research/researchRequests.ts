/**
 * Reading the research API's query parameters into typed requests, with a clear refusal for anything
 * malformed. Kept apart from HTTP types (it takes `URLSearchParams`), so the command-line export parses
 * its filters with the same rules.
 *
 * Dates: `from` and `to` take a day (`2026-03-01`) or a time (`2026-03-01T12:00:00Z`, with an offset or
 * Z). A case is in the range when its span overlaps it: it had events at or after `from` and was opened
 * before `to`. A day as `to` includes that whole day.
 */
import { isLanguage, LANGUAGES, type Language } from '../engine/localized';
import type { CaseStatus } from '../engine/state';
import { EXPORT_FORMATS, type ExportFormat } from './exportModel';
import { FORMAT_ALIASES } from './exporters';
import type { NamesMode } from './pseudonymiser';
import { researchRefusals } from './researchRefusals';

const STATUSES: readonly CaseStatus[] = ['active', 'paused', 'stopped', 'completed'];

export interface CaseQuery {
  status?: CaseStatus;
  templateId?: string;
  unit?: string;
  /** ISO time, inclusive: cases with events at or after it. */
  from?: string;
  /** ISO time, exclusive: cases opened before it. */
  to?: string;
}

export interface ListRequest extends CaseQuery {
  limit: number;
}

export interface ExportRequest {
  format: ExportFormat;
  language: Language;
  names: NamesMode;
  /** Explicit case ids (in this order), or a filter over the cases the caller may read. */
  caseIds?: string[];
  filter: CaseQuery;
}

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 500;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A day or an ISO time as an ISO time in UTC; `endOfDay` moves a bare day to the start of the next. */
export function parseInstant(name: string, value: string, endOfDay = false): string {
  const day = DAY.exec(value);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const time = Date.UTC(year, month - 1, date);
    const parsed = new Date(time);
    if (
      parsed.getUTCFullYear() !== year ||
      parsed.getUTCMonth() !== month - 1 ||
      parsed.getUTCDate() !== date
    ) {
      throw researchRefusals.invalidDateRange({
        nb: `«${name}» er ikke en gyldig dato: «${value}».`,
        nn: `«${name}» er ikkje ein gyldig dato: «${value}».`,
        en: `"${name}" is not a valid date: "${value}".`,
      });
    }
    return new Date(endOfDay ? time + 86_400_000 : time).toISOString();
  }
  const time = TIME.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(time)) {
    throw researchRefusals.invalidDateRange({
      nb: `«${name}» må være en dato (ÅÅÅÅ-MM-DD) eller et tidspunkt (ISO 8601), fikk «${value}».`,
      nn: `«${name}» må vere ein dato (ÅÅÅÅ-MM-DD) eller eit tidspunkt (ISO 8601), fekk «${value}».`,
      en: `"${name}" must be a date (YYYY-MM-DD) or a time (ISO 8601), got "${value}".`,
    });
  }
  return new Date(time).toISOString();
}

function single(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name).map((value) => value.trim());
  if (values.length > 1) throw researchRefusals.invalidParameter(name, values.join(', '), 'one value');
  const value = values[0];
  return value === undefined || value === '' ? undefined : value;
}

export function parseCaseQuery(query: URLSearchParams): CaseQuery {
  const status = single(query, 'status');
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    throw researchRefusals.invalidParameter('status', status, STATUSES.join(', '));
  }
  const fromText = single(query, 'from');
  const toText = single(query, 'to');
  const from = fromText === undefined ? undefined : parseInstant('from', fromText);
  const to = toText === undefined ? undefined : parseInstant('to', toText, true);
  if (from !== undefined && to !== undefined && from >= to) {
    throw researchRefusals.invalidDateRange({
      nb: `«from» (${fromText ?? ''}) må ligge før «to» (${toText ?? ''}).`,
      nn: `«from» (${fromText ?? ''}) må liggje før «to» (${toText ?? ''}).`,
      en: `"from" (${fromText ?? ''}) must be before "to" (${toText ?? ''}).`,
    });
  }
  const templateId = single(query, 'template');
  const unit = single(query, 'unit');
  return {
    ...(status !== undefined && { status: status as CaseStatus }),
    ...(templateId !== undefined && { templateId }),
    ...(unit !== undefined && { unit }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
  };
}

export function parseListRequest(query: URLSearchParams): ListRequest {
  const limitText = single(query, 'limit');
  let limit = DEFAULT_LIST_LIMIT;
  if (limitText !== undefined) {
    limit = /^\d{1,6}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIST_LIMIT)) {
      throw researchRefusals.invalidParameter(
        'limit',
        limitText,
        `a whole number from 1 to ${MAX_LIST_LIMIT}`,
      );
    }
  }
  return { ...parseCaseQuery(query), limit };
}

export function parseFormat(value: string | undefined, fallback: ExportFormat): ExportFormat {
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(lower)) return lower as ExportFormat;
  const alias = FORMAT_ALIASES[lower];
  if (alias !== undefined) return alias;
  throw researchRefusals.unknownFormat(value, EXPORT_FORMATS);
}

export function parseNames(value: string | undefined): NamesMode {
  if (value === undefined || value === 'pseudonymised' || value === 'pseudonyms') return 'pseudonymised';
  if (value === 'real') return 'real';
  throw researchRefusals.invalidParameter('names', value, '"real" or "pseudonymised"');
}

/** `lang`, or `fallback` (the municipality's written form, runtime/research.ts) when none is named. */
export function parseLanguage(value: string | undefined, fallback: Language = 'nb'): Language {
  if (value === undefined) return fallback;
  if (isLanguage(value)) return value;
  throw researchRefusals.invalidParameter(
    'lang',
    value,
    LANGUAGES.map((language) => `"${language}"`).join(', '),
  );
}

/** The export parameters: format, lang, names, and either cases=a,b,c or the case filters. */
export function parseExportRequest(
  query: URLSearchParams,
  defaultFormat: ExportFormat = 'json',
  defaultLanguage: Language = 'nb',
): ExportRequest {
  const casesText = single(query, 'cases');
  const caseIds =
    casesText === undefined
      ? undefined
      : [
          ...new Set(
            casesText
              .split(',')
              .map((id) => id.trim())
              .filter((id) => id !== ''),
          ),
        ];
  return {
    format: parseFormat(single(query, 'format'), defaultFormat),
    language: parseLanguage(single(query, 'lang'), defaultLanguage),
    names: parseNames(single(query, 'names')),
    ...(caseIds !== undefined && { caseIds }),
    filter: parseCaseQuery(query),
  };
}
