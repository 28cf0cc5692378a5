/**
 * The dashboard's calls to this app's API, with the viewer's bearer token. Errors come back as the API
 * words them (`{ error: { code, message: { nb, nn, en } } }`) and are shown in the page's language.
 */
import type { ApiErrorView, CaseDetailView, CaseListView, ViewLanguage } from '../dashboard/viewModel';
import { byLanguage, LANGUAGES } from '../engine/localized';
import { t } from './texts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: { readonly [L in ViewLanguage]: string },
  ) {
    super(text.en);
  }

  in(language: ViewLanguage): string {
    return this.text[language];
  }
}

export type TokenSource = () => Promise<string>;

/** The Functions app's route prefix (host.json `extensions.http.routePrefix`); the page is `/api/tab`. */
const API_BASE = '/api';

async function send(
  path: string,
  token: TokenSource,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<Response> {
  const bearer = await token();
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${bearer}`,
        accept: 'application/json',
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      byLanguage((language) => t(language, 'networkError')),
    );
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as ApiErrorView;
    const message = body.error?.message;
    if (LANGUAGES.every((language) => typeof message?.[language] === 'string')) {
      return new ApiError(response.status, body.error.code, body.error.message);
    }
  } catch {
    // Not the API's JSON (a proxy's error page): fall through to a generic message.
  }
  return new ApiError(response.status, 'http', {
    nb: `Tjenesten svarte ${response.status}.`,
    nn: `Tenesta svarte ${response.status}.`,
    en: `The service answered ${response.status}.`,
  });
}

export async function fetchCaseList(
  token: TokenSource,
  language: ViewLanguage,
  conversationId: string | undefined,
): Promise<CaseListView> {
  const query = new URLSearchParams({ lang: language });
  if (conversationId !== undefined) query.set('conversation', conversationId);
  return (await (await send(`/tab/cases?${query.toString()}`, token)).json()) as CaseListView;
}

export async function fetchCaseDetail(
  token: TokenSource,
  language: ViewLanguage,
  caseId: string,
): Promise<CaseDetailView> {
  const query = new URLSearchParams({ lang: language });
  return (await (
    await send(`/tab/cases/${encodeURIComponent(caseId)}?${query.toString()}`, token)
  ).json()) as CaseDetailView;
}

/** A research export of one case, downloaded through the research API (which checks and audits it). */
export async function downloadExport(
  token: TokenSource,
  language: ViewLanguage,
  caseId: string,
  format: string,
): Promise<{ blob: Blob; fileName: string }> {
  const query = new URLSearchParams({ format, lang: language });
  const response = await send(`/research/cases/${encodeURIComponent(caseId)}/log?${query.toString()}`, token);
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${caseId}.${format}`;
  return { blob: await response.blob(), fileName };
}

export interface DecisionBody {
  stageId: string;
  requestSeq: number;
  outcome: 'approve' | 'approveWithConditions' | 'sendBack' | 'pause' | 'stop';
  /** The same for every retry of one decision, so it is recorded once. */
  decisionId: string;
  conditions?: string;
  reason?: string;
  toStageId?: string;
  comment?: string;
}

/** Resumes a paused case; the API records it (a manager only) and tells the case's chat. */
export async function postResume(
  token: TokenSource,
  caseId: string,
  resumeId: string,
): Promise<{ duplicate: boolean; announced: boolean }> {
  const response = await send(`/tab/cases/${encodeURIComponent(caseId)}/resume`, token, {
    method: 'POST',
    body: { resumeId },
  });
  return (await response.json()) as { duplicate: boolean; announced: boolean };
}

/** A gate decision; the API records it and tells the case's chat. */
export async function postDecision(
  token: TokenSource,
  caseId: string,
  body: DecisionBody,
): Promise<{ duplicate: boolean; announced: boolean }> {
  const response = await send(`/tab/cases/${encodeURIComponent(caseId)}/decision`, token, {
    method: 'POST',
    body,
  });
  return (await response.json()) as { duplicate: boolean; announced: boolean };
}
