import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../engine';
import type { DomainError } from '../../engine/errors';
import {
  parseCaseQuery,
  parseExportRequest,
  parseFormat,
  parseInstant,
  parseListRequest,
} from '../../research/researchRequests';

function refusalCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const query = (text: string) => new URLSearchParams(text);

describe('research request parameters', () => {
  it('reads days and times; a day as "to" covers the whole day', () => {
    expect(parseInstant('from', '2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(parseInstant('to', '2026-03-01', true)).toBe('2026-03-02T00:00:00.000Z');
    expect(parseInstant('from', '2026-03-01T12:00:00+01:00')).toBe('2026-03-01T11:00:00.000Z');
    expect(parseInstant('from', '2026-03-01T12:00Z')).toBe('2026-03-01T12:00:00.000Z');
  });

  it('refuses malformed or impossible dates and reversed ranges as invalidDateRange', () => {
    for (const text of [
      'from=2026-02-30',
      'from=01.03.2026',
      'to=2026-03-01T25:00:00Z',
      'from=2026-03-01T12:00:00',
      'from=2026-04-01&to=2026-03-01',
      'from=2026-03-01&to=2026-02-28',
    ]) {
      expect(
        refusalCode(() => parseCaseQuery(query(text))),
        text,
      ).toBe('invalidDateRange');
    }
    // One day is a valid range: from its start to its end.
    expect(parseCaseQuery(query('from=2026-03-01&to=2026-03-01'))).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
  });

  it('checks status, limit and repeated parameters', () => {
    expect(parseListRequest(query('status=paused&limit=20&template=t&unit=Sone nord'))).toEqual({
      status: 'paused',
      templateId: 't',
      unit: 'Sone nord',
      limit: 20,
    });
    expect(parseListRequest(query('')).limit).toBe(100);
    for (const text of ['status=open', 'limit=501', 'limit=-1', 'unit=a&unit=b']) {
      expect(
        refusalCode(() => parseListRequest(query(text))),
        text,
      ).toBe('invalidParameter');
    }
  });

  it('knows the formats and their everyday names', () => {
    expect(parseFormat(undefined, 'json')).toBe('json');
    expect(parseFormat('QDPX', 'json')).toBe('qdpx');
    expect(parseFormat('csv', 'json')).toBe('csv-events');
    expect(parseFormat('md', 'json')).toBe('markdown');
    expect(parseFormat('ndjson', 'json')).toBe('jsonl');
    expect(refusalCode(() => parseFormat('xlsx', 'json'))).toBe('unknownFormat');
  });

  it('reads an export request: format, language, names, and explicit cases or filters', () => {
    expect(parseExportRequest(query('format=jsonl&lang=en&names=real&cases=a, b,,a'))).toEqual({
      format: 'jsonl',
      language: 'en',
      names: 'real',
      caseIds: ['a', 'b'],
      filter: {},
    });
    expect(parseExportRequest(query('status=completed'))).toEqual({
      format: 'json',
      language: 'nb',
      names: 'pseudonymised',
      filter: { status: 'completed' },
    });
    expect(refusalCode(() => parseExportRequest(query('names=everyone')))).toBe('invalidParameter');
    expect(refusalCode(() => parseExportRequest(query('lang=de')))).toBe('invalidParameter');
  });

  it('reads lang=nn as Nynorsk, and words its refusals in Nynorsk too', () => {
    expect(parseExportRequest(query('format=markdown&lang=nn'))).toEqual({
      format: 'markdown',
      language: 'nn',
      names: 'pseudonymised',
      filter: {},
    });
    const date = refusal(() => parseInstant('from', '01.03.2026'));
    expect(date.code).toBe('invalidDateRange');
    expect(date.text.nn).toBe(
      'Ugyldig datoperiode: «from» må vere ein dato (ÅÅÅÅ-MM-DD) eller eit tidspunkt (ISO 8601), fekk «01.03.2026».',
    );
    const reversed = refusal(() => parseCaseQuery(query('from=2026-03-02&to=2026-03-01')));
    expect(reversed.text.nn).toBe(
      'Ugyldig datoperiode: «from» (2026-03-02) må liggje før «to» (2026-03-01).',
    );
    // The expected values name every language, Nynorsk included.
    const language = refusal(() => parseExportRequest(query('lang=de')));
    expect(language.text.nn).toBe('Ugyldig verdi for «lang»: «de». Venta "nb", "nn", "en".');
    expect(language.text.en).toBe('Invalid value for "lang": "de". Expected "nb", "nn", "en".');
  });
});
