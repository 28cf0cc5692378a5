/**
 * The formats an export can be written in, and how each is delivered: content type, file extension, and
 * the function that turns the projected items into bytes. Every format reads the items once, in order.
 */
import type { ExportFormat, ExportItem, ExportSession } from './exportModel';
import { csvAnchoringExport, csvAnswersExport, csvCasesExport, csvEventsExport } from './formats/csvFormats';
import { jsonExport, jsonLinesExport } from './formats/jsonFormats';
import { markdownExport } from './formats/markdownFormat';
import { qdpxExport } from './qdpx/qdpxFormat';
import type { SpoolFactory } from './qdpx/spool';

export interface FormatDescription {
  contentType: string;
  extension: string;
}

export const FORMATS: Record<ExportFormat, FormatDescription> = {
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  jsonl: { contentType: 'application/jsonl; charset=utf-8', extension: 'jsonl' },
  'csv-events': { contentType: 'text/csv; charset=utf-8; header=present', extension: 'events.csv' },
  'csv-answers': { contentType: 'text/csv; charset=utf-8; header=present', extension: 'answers.csv' },
  'csv-cases': { contentType: 'text/csv; charset=utf-8; header=present', extension: 'cases.csv' },
  'csv-anchoring': { contentType: 'text/csv; charset=utf-8; header=present', extension: 'anchoring.csv' },
  markdown: { contentType: 'text/markdown; charset=utf-8', extension: 'md' },
  qdpx: { contentType: 'application/zip', extension: 'qdpx' },
};

/** Other names people use for the formats. */
export const FORMAT_ALIASES: Record<string, ExportFormat> = {
  ndjson: 'jsonl',
  csv: 'csv-events',
  md: 'markdown',
  'refi-qda': 'qdpx',
};

export interface WriteOptions {
  /** Where the .qdpx writer spools the parts of project.qde (temporary files in production). */
  spools: SpoolFactory;
}

/** Text is gathered into pieces of about this many bytes before it is handed on: fewer, larger writes. */
const PIECE_BYTES = 64 * 1024;

async function* encodeText(parts: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  // Buffer.from encodes UTF-8 a quarter faster than TextEncoder, with the same bytes (lone surrogates
  // become U+FFFD in both).
  const encode = (text: string): Uint8Array => Buffer.from(text, 'utf8');
  let pending: string[] = [];
  let size = 0;
  for await (const part of parts) {
    pending.push(part);
    size += part.length;
    if (size >= PIECE_BYTES) {
      yield encode(pending.join(''));
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield encode(pending.join(''));
}

/** The export as bytes, produced as the consumer reads them. */
export function writeExport(
  format: ExportFormat,
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
  options: WriteOptions,
): AsyncIterable<Uint8Array> {
  switch (format) {
    case 'json':
      return encodeText(jsonExport(items, session));
    case 'jsonl':
      return encodeText(jsonLinesExport(items, session));
    case 'csv-events':
      return encodeText(csvEventsExport(items, session));
    case 'csv-answers':
      return encodeText(csvAnswersExport(items, session));
    case 'csv-cases':
      return encodeText(csvCasesExport(items, session));
    case 'csv-anchoring':
      return encodeText(csvAnchoringExport(items, session));
    case 'markdown':
      return encodeText(markdownExport(items, session));
    case 'qdpx':
      return qdpxExport(items, session, options);
  }
}
