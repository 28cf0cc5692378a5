/**
 * The body of a gate decision sent from the dashboard (POST /api/tab/cases/{id}/decision), read without
 * trusting anything: the same outcomes, fields and limits as the approval card, a bilingual refusal
 * naming the field that is wrong. Who may decide, and whether the request is still open, is the engine's
 * to say.
 */
import type { GateDecision } from '../engine/commands';
import { ValidationError } from '../engine/errors';
import { ENTITY_ID_PATTERN } from '../engine/decide';
import { TEMPLATE_ID_PATTERN } from '../engine/template';
import { LIMITS } from '../engine/answers';
import { localized } from '../engine/localized';

export interface DecisionRequest {
  stageId: string;
  requestSeq: number;
  decision: GateDecision;
  /** Chosen by the page for each decision it sends, so a retried request is recorded once. */
  decisionId: string;
}

const OUTCOMES = ['approve', 'approveWithConditions', 'sendBack', 'pause', 'stop'] as const;

function invalid(field: string, nb: string, en: string): ValidationError {
  return new ValidationError('invalidDecision', localized(`${field}: ${nb}`, `${field}: ${en}`), { field });
}

function text(body: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw invalid(field, 'må fylles ut.', 'is required.');
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(field, 'må være tekst.', 'must be text.');
  const trimmed = value.trim();
  if (trimmed.length > LIMITS.reason) {
    throw invalid(
      field,
      `er for lang (${trimmed.length} tegn, høyst ${LIMITS.reason}).`,
      `is too long (${trimmed.length} characters, at most ${LIMITS.reason}).`,
    );
  }
  return trimmed;
}

export function parseDecisionRequest(body: unknown): DecisionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('body', 'må være et JSON-objekt.', 'must be a JSON object.');
  }
  const fields = body as Record<string, unknown>;
  const stageId = fields['stageId'];
  if (typeof stageId !== 'string' || !TEMPLATE_ID_PATTERN.test(stageId)) {
    throw invalid('stageId', 'er ikke et steg.', 'is not a stage.');
  }
  const requestSeq = fields['requestSeq'];
  if (typeof requestSeq !== 'number' || !Number.isSafeInteger(requestSeq) || requestSeq < 1) {
    throw invalid('requestSeq', 'må være et positivt heltall.', 'must be a positive whole number.');
  }
  const decisionId = fields['decisionId'];
  if (typeof decisionId !== 'string' || !ENTITY_ID_PATTERN.test(decisionId)) {
    throw invalid('decisionId', 'mangler eller er ugyldig.', 'is missing or invalid.');
  }
  const outcome = fields['outcome'];
  let decision: GateDecision;
  switch (outcome) {
    case 'approve': {
      const comment = text(fields, 'comment', false);
      decision = { outcome, ...(comment !== undefined && { comment }) };
      break;
    }
    case 'approveWithConditions': {
      const comment = text(fields, 'comment', false);
      decision = {
        outcome,
        conditions: text(fields, 'conditions', true) ?? '',
        ...(comment !== undefined && { comment }),
      };
      break;
    }
    case 'sendBack': {
      const toStageId = fields['toStageId'];
      if (typeof toStageId !== 'string' || !TEMPLATE_ID_PATTERN.test(toStageId)) {
        throw invalid(
          'toStageId',
          'velg steget saken skal tilbake til.',
          'choose the stage to send the case back to.',
        );
      }
      decision = { outcome, toStageId, reason: text(fields, 'reason', true) ?? '' };
      break;
    }
    case 'pause':
    case 'stop':
      decision = { outcome, reason: text(fields, 'reason', true) ?? '' };
      break;
    default:
      throw invalid(
        'outcome',
        `må være en av ${OUTCOMES.join(', ')}.`,
        `must be one of ${OUTCOMES.join(', ')}.`,
      );
  }
  return { stageId, requestSeq, decision, decisionId };
}
