/**
 * The research export audit: one record per export, written before the first byte of the export leaves,
 * so every export is on record even if the download is cut off. It answers who exported what, in which
 * format and with which names, and when.
 *
 * Why a table of its own and not an event in each case's log: an export is access to the record, not a
 * step of the innovation process the log documents. Logging it as a case event would change the case's
 * version, `updatedAt` and hash chain every time someone reads it (so no two exports of an unchanged case
 * would be alike, and date filters would treat a read as activity), and a 500-case export would need 500
 * transactions before the first byte. The audit is append-only: records are created, never replaced.
 */
import type { Language } from '../engine/localized';

export interface ExportRecord {
  exportId: string;
  /** When the export started, ISO 8601 UTC. */
  at: string;
  /** Who: the caller's person id (Entra `oid`), or `cli:<account>` for the command-line export. */
  requestedBy: string;
  via: 'api' | 'cli';
  /** Which format: json, jsonl, csv-events, csv-answers, csv-cases, markdown, qdpx. */
  format: string;
  names: 'pseudonymised' | 'real';
  language: Language;
  /** What: the cases exported (in export order) and, when a filter chose them, the filter as given. */
  scope: { caseIds: string[]; filter?: Record<string, string> };
  /** How many events the export covers (the cases' versions when it started). */
  eventCount: number;
}

export interface ExportAudit {
  /** Records an export; throws if it cannot, and then the export must not start. */
  record(entry: ExportRecord): Promise<void>;
  /** Every record, oldest first. */
  list(): AsyncIterable<ExportRecord>;
}
