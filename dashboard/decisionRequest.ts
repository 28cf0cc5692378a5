/**
 * The body of a gate decision sent from the dashboard (POST /api/tab/cases/{id}/decision):
 * `{ stageId, requestSeq, outcome, decisionId, conditions?, reason?, toStageId?, comment? }`.
 *
 * The decision itself is read by the approval card's own reader (cards/submissions.ts
 * `parseGateDecision`), so the outcomes, the fields each needs and their limits are one rule for the card
 * and the dashboard: the body is put into the card's input ids and read the same way. Who may decide,
 * and whether the request is still open, is the engine's to say.
 */
import { GATE_OUTCOMES, INPUT_IDS, parseGateDecision } from '../cards';
import type { GateDecision } from '../engine/commands';
import { ENTITY_ID_PATTERN } from '../engine/decide';
import { TEMPLATE_ID_PATTERN } from '../engine/template';
import { ValidationError } from '../engine/errors';
import type { Localized } from '../engine/localized';
import { localized } from '../engine/localized';

export interface DecisionRequest {
  stageId: string;
  requestSeq: number;
  decision: GateDecision;
  /** Chosen by the page for each decision it sends, so a retried request is recorded once. */
  decisionId: string;
}

/** Where each outcome's reason and comment go on the approval card. */
const REASON_INPUT = {
  sendBack: INPUT_IDS.decision.sendBackReason,
  pause: INPUT_IDS.decision.pauseReason,
  stop: INPUT_IDS.decision.stopReason,
} as const;

function invalid(text: Localized): ValidationError {
  return new ValidationError('invalidDecision', text);
}

export function parseDecisionRequest(body: unknown): DecisionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(
      localized(
        'Vurderingen må sendes som et JSON-objekt.',
        'Vurderinga må sendast som eit JSON-objekt.',
        'The decision must be sent as a JSON object.',
      ),
    );
  }
  const fields = body as Record<string, unknown>;
  const decisionId = fields['decisionId'];
  if (typeof decisionId !== 'string' || !ENTITY_ID_PATTERN.test(decisionId)) {
    throw invalid(
      localized(
        'decisionId mangler eller er ugyldig.',
        'decisionId manglar eller er ugyldig.',
        'decisionId is missing or invalid.',
      ),
    );
  }
  // The card's reader would call a wrong shape "something the card sent"; here it is named as it is.
  const outcome = fields['outcome'];
  if (typeof outcome !== 'string' || !(GATE_OUTCOMES as readonly string[]).includes(outcome)) {
    throw invalid(
      localized(
        `outcome må være en av ${GATE_OUTCOMES.join(', ')}.`,
        `outcome må vere ein av ${GATE_OUTCOMES.join(', ')}.`,
        `outcome must be one of ${GATE_OUTCOMES.join(', ')}.`,
      ),
    );
  }
  const requestSeq = fields['requestSeq'];
  if (typeof requestSeq !== 'number' || !Number.isSafeInteger(requestSeq) || requestSeq < 1) {
    throw invalid(
      localized(
        'requestSeq må være et positivt heltall.',
        'requestSeq må vere eit positivt heiltal.',
        'requestSeq must be a positive whole number.',
      ),
    );
  }
  const stageId = fields['stageId'];
  if (typeof stageId !== 'string' || !TEMPLATE_ID_PATTERN.test(stageId)) {
    throw invalid(
      localized('stageId er ikke et steg.', 'stageId er ikkje eit steg.', 'stageId is not a stage.'),
    );
  }
  const ids = INPUT_IDS.decision;
  const reasonInput =
    typeof outcome === 'string' && Object.hasOwn(REASON_INPUT, outcome)
      ? REASON_INPUT[outcome as keyof typeof REASON_INPUT]
      : undefined;
  const parsed = parseGateDecision({
    stageId,
    requestSeq,
    outcome,
    [outcome === 'approveWithConditions' ? ids.conditionsComment : ids.comment]: fields['comment'],
    [ids.conditions]: fields['conditions'],
    [ids.sendBackTo]: fields['toStageId'],
    ...(reasonInput !== undefined && { [reasonInput]: fields['reason'] }),
  });
  if ('error' in parsed) throw invalid(parsed.error);
  return { stageId: parsed.stageId, requestSeq: parsed.requestSeq, decision: parsed.decision, decisionId };
}
