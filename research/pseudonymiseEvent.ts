/**
 * An event as an export shows it: the same shape and fields as stored, with every person id replaced by
 * the person's label and every free-text field passed through the pseudonymiser. Fields are visited in
 * a fixed order (actor first), so pseudonym numbers are given in the same order in every format.
 */
import type { Answer, PoliticalDecisionReference } from '../engine/answers';
import type { CaseEvent } from '../engine/events';
import { assertNever } from '../engine/state';
import type { Pseudonymiser } from './pseudonymiser';

export function pseudonymiseEvent(event: CaseEvent, p: Pseudonymiser): CaseEvent {
  const actorId = p.label(event.actorId);
  switch (event.type) {
    case 'CaseOpened':
      return {
        ...event,
        actorId,
        title: p.text(event.title),
        ...(event.unit !== undefined && { unit: p.text(event.unit) }),
        ...(event.municipality !== undefined && { municipality: p.text(event.municipality) }),
      };
    case 'RoleAssigned':
    case 'RoleRevoked':
      return { ...event, actorId, personId: p.label(event.personId) };
    case 'StageEntered':
    case 'ResearchConsentRecorded':
    case 'CaseResumed':
    case 'CaseCompleted':
    case 'CaseLanguageChanged':
      return { ...event, actorId };
    case 'DocumentationRecorded':
      return { ...event, actorId, answer: pseudonymiseAnswer(event.answer, p) };
    case 'PoliticalDecisionRecorded':
      return { ...event, actorId, reference: pseudonymiseReference(event.reference, p) };
    case 'IdeaRecorded':
    case 'BarrierRecorded':
    case 'MemoRecorded':
      return { ...event, actorId, text: p.text(event.text) };
    case 'GateReviewRequested':
      return { ...event, actorId, deciderIds: event.deciderIds.map((id) => p.label(id)) };
    case 'GateReviewWithdrawn':
      return { ...event, actorId, ...(event.reason !== undefined && { reason: p.text(event.reason) }) };
    case 'GateApprovalGiven':
      return {
        ...event,
        actorId,
        ...(event.conditions !== undefined && { conditions: p.text(event.conditions) }),
        ...(event.comment !== undefined && { comment: p.text(event.comment) }),
      };
    case 'GatePassed':
      return {
        ...event,
        actorId,
        approverIds: event.approverIds.map((id) => p.label(id)),
        conditions: event.conditions.map((condition) => p.text(condition)),
      };
    case 'GateSentBack':
    case 'CasePaused':
    case 'CaseStopped':
      return { ...event, actorId, reason: p.text(event.reason) };
    case 'CaseDiffused':
      return {
        ...event,
        actorId,
        ...(event.unit !== undefined && { unit: p.text(event.unit) }),
        ...(event.municipality !== undefined && { municipality: p.text(event.municipality) }),
      };
    case 'ReminderSent':
      return { ...event, actorId, personIds: event.personIds.map((id) => p.label(id)) };
    default:
      return assertNever(event);
  }
}

export function pseudonymiseAnswer(answer: Answer, p: Pseudonymiser): Answer {
  switch (answer.type) {
    case 'text':
      return { ...answer, text: p.text(answer.text) };
    case 'choice':
      return { ...answer, ...(answer.otherText !== undefined && { otherText: p.text(answer.otherText) }) };
    case 'link':
      // A link can name a person too (a personal OneDrive path), as can its label.
      return {
        ...answer,
        url: p.text(answer.url),
        ...(answer.label !== undefined && { label: p.text(answer.label) }),
      };
    case 'people':
      return { ...answer, personIds: answer.personIds.map((id) => p.label(id)) };
    case 'notApplicable':
      return { ...answer, reason: p.text(answer.reason) };
    case 'date':
    case 'number':
      return { ...answer };
    default:
      return assertNever(answer);
  }
}

export function pseudonymiseReference(
  reference: PoliticalDecisionReference,
  p: Pseudonymiser,
): PoliticalDecisionReference {
  return {
    ...reference,
    body: p.text(reference.body),
    caseNumber: p.text(reference.caseNumber),
    ...(reference.decisionText !== undefined && { decisionText: p.text(reference.decisionText) }),
    ...(reference.link !== undefined && { link: p.text(reference.link) }),
  };
}
