/**
 * An event as an export shows it: the same shape and fields as stored, with every person id replaced by
 * the person's label, every free-text field passed through the pseudonymiser, the conversation id
 * replaced by a token, and, for a person who declined research use, their free text withheld.
 *
 * Withheld means the texts the person wrote (and an idea or barrier kept from the message of someone who declined) (answers, ideas, barriers, reasons, conditions, comments, a
 * decision's text or link, memos): the event itself stays, with its time, type, stage, structure and the
 * person's pseudonym, so the process can still be followed. Kept as facts of the process: choices made
 * from the template's lists, dates, numbers, people named, and a political decision's body, meeting
 * date and case number (the public record). A case's title, unit and municipality are kept too: they
 * name the case, not the person.
 */
import type { Answer, PoliticalDecisionReference } from '../engine/answers';
import type { CaseEvent, MessageOrigin } from '../engine/events';
import { assertNever } from '../engine/state';
import type { Pseudonymiser } from './pseudonymiser';

/**
 * A text the event's author wrote: withheld for someone who declined research use, else pseudonymised.
 * A plain function rather than a closure per event: exports call this for every event they write.
 */
function ownText(p: Pseudonymiser, withhold: boolean, value: string): string {
  return withhold ? p.withheld : p.text(value);
}

export function pseudonymiseEvent(event: CaseEvent, p: Pseudonymiser, withhold = false): CaseEvent {
  const actorId = p.label(event.actorId);
  switch (event.type) {
    case 'CaseOpened':
      return {
        ...event,
        actorId,
        title: p.text(event.title),
        conversationId: p.conversation(event.conversationId),
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
      return { ...event, actorId, answer: pseudonymiseAnswer(event.answer, p, withhold) };
    case 'PoliticalDecisionRecorded':
      return {
        ...event,
        actorId,
        reference: pseudonymiseReference(event.reference, p, withhold),
        ...(event.stillStandsBecause !== undefined && {
          stillStandsBecause: ownText(p, withhold, event.stillStandsBecause),
        }),
      };
    case 'IdeaRecorded':
    case 'BarrierRecorded':
      return {
        ...event,
        actorId,
        text: ownText(p, withhold, event.text),
        ...(event.origin !== undefined && { origin: pseudonymiseOrigin(event.origin, p) }),
      };
    case 'MemoRecorded':
      return { ...event, actorId, text: ownText(p, withhold, event.text) };
    case 'GateReviewRequested':
      return { ...event, actorId, deciderIds: event.deciderIds.map((id) => p.label(id)) };
    case 'GateReviewWithdrawn':
      return {
        ...event,
        actorId,
        ...(event.reason !== undefined && { reason: ownText(p, withhold, event.reason) }),
      };
    case 'GateApprovalGiven':
      return {
        ...event,
        actorId,
        ...(event.conditions !== undefined && { conditions: ownText(p, withhold, event.conditions) }),
        ...(event.comment !== undefined && { comment: ownText(p, withhold, event.comment) }),
      };
    case 'GatePassed':
      // The conditions are the approvers' words, gathered here: withheld per approver by the caller.
      return {
        ...event,
        actorId,
        approverIds: event.approverIds.map((id) => p.label(id)),
        conditions: event.conditions.map((condition) => ownText(p, withhold, condition)),
      };
    case 'GateSentBack':
    case 'CasePaused':
    case 'CaseStopped':
      return { ...event, actorId, reason: ownText(p, withhold, event.reason) };
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

/**
 * The Teams message an idea or barrier was kept from: its writer's label, its time, and its id as a token;
 * the link back only with real names (pseudonymiser.ts says why).
 */
export function pseudonymiseOrigin(origin: MessageOrigin, p: Pseudonymiser): MessageOrigin {
  const link = origin.link === undefined ? undefined : p.messageLink(origin.link);
  return {
    kind: 'message',
    messageId: p.message(origin.messageId),
    ...(link !== undefined && { link }),
    ...(origin.authorId !== undefined && { authorId: p.label(origin.authorId) }),
    ...(origin.writtenAt !== undefined && { writtenAt: origin.writtenAt }),
  };
}

export function pseudonymiseAnswer(answer: Answer, p: Pseudonymiser, withhold = false): Answer {
  switch (answer.type) {
    case 'text':
      return { ...answer, text: ownText(p, withhold, answer.text) };
    case 'choice':
      return {
        ...answer,
        ...(answer.otherText !== undefined && { otherText: ownText(p, withhold, answer.otherText) }),
        ...(answer.comment !== undefined && { comment: ownText(p, withhold, answer.comment) }),
      };
    case 'link':
      // A link can name a person too (a personal OneDrive path), as can its label.
      return {
        ...answer,
        url: ownText(p, withhold, answer.url),
        ...(answer.label !== undefined && { label: ownText(p, withhold, answer.label) }),
      };
    case 'people':
      return { ...answer, personIds: answer.personIds.map((id) => p.label(id)) };
    case 'notApplicable':
      return { ...answer, reason: ownText(p, withhold, answer.reason) };
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
  withhold = false,
): PoliticalDecisionReference {
  return {
    ...reference,
    body: p.text(reference.body),
    caseNumber: p.text(reference.caseNumber),
    ...(reference.decisionText !== undefined && {
      decisionText: ownText(p, withhold, reference.decisionText),
    }),
    ...(reference.link !== undefined && { link: ownText(p, withhold, reference.link) }),
  };
}

/** Every person id an event names (actor, role holder, deciders, approvers, people answers, reminded). */
export function personIdsIn(event: CaseEvent): string[] {
  const ids = [event.actorId];
  switch (event.type) {
    case 'RoleAssigned':
    case 'RoleRevoked':
      ids.push(event.personId);
      break;
    case 'GateReviewRequested':
      ids.push(...event.deciderIds);
      break;
    case 'GatePassed':
      ids.push(...event.approverIds);
      break;
    case 'ReminderSent':
      ids.push(...event.personIds);
      break;
    case 'IdeaRecorded':
    case 'BarrierRecorded':
      if (event.origin?.authorId !== undefined) ids.push(event.origin.authorId);
      break;
    case 'DocumentationRecorded':
      if (event.answer.type === 'people') ids.push(...event.answer.personIds);
      break;
    default:
      break;
  }
  return ids;
}
