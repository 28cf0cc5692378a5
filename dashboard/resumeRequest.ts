/**
 * The body of a resume sent from the dashboard (POST /api/tab/cases/{id}/resume): `{ resumeId }`, a
 * new id per click that the page keeps when it retries, so a repeated request records nothing twice.
 * Who may resume, and whether the case is paused, is the engine's to say.
 */
import { ENTITY_ID_PATTERN } from '../engine/decide';
import { ValidationError } from '../engine/errors';
import { localized } from '../engine/localized';

export interface ResumeRequest {
  resumeId: string;
}

export function parseResumeRequest(body: unknown): ResumeRequest {
  const resumeId =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)['resumeId']
      : undefined;
  if (typeof resumeId !== 'string' || !ENTITY_ID_PATTERN.test(resumeId)) {
    throw new ValidationError(
      'invalidResume',
      localized(
        'Send { "resumeId": "<ny id>" } for å gjenoppta saken.',
        'Send { "resumeId": "<ny id>" } for å ta opp att saka.',
        'Send { "resumeId": "<a new id>" } to resume the case.',
      ),
    );
  }
  return { resumeId };
}
