/**
 * The checks deciders share: who is acting (a participant, a role), which stage and review a command
 * speaks of, and the ids and free text it carries. Each check throws the refusal that says what is wrong.
 */
import type { Localized } from '../localized';
import { isCurrentReview, stageOf } from '../queries';
import { COMMAND_PROBLEMS, FIELDS, refuse, VALUE_PROBLEMS } from '../refusals';
import type { CaseState, PendingGate } from '../state';
import { hasRole, isParticipant } from '../state';
import type { CaseRole, ProcessTemplate, StageDefinition } from '../template';
import { CASE_ROLES } from '../template';

export function requireCurrentStage(
  state: CaseState,
  template: ProcessTemplate,
  stageId: string,
): StageDefinition {
  const stage = stageOf(template, stageId);
  if (stage.id !== state.currentStageId) {
    throw refuse.stageNotCurrent(stage.title, stageOf(template, state.currentStageId).title);
  }
  return stage;
}

export function requirePendingGate(state: CaseState, stageId: string): PendingGate {
  if (!state.gate) throw refuse.noGatePending();
  if (!isCurrentReview(state, stageId, undefined)) throw refuse.gateRequestStale();
  return state.gate;
}

export function requireParticipant(state: CaseState, personId: string): void {
  if (!isParticipant(state, personId)) throw refuse.notAParticipant();
}

export function requireRole(state: CaseState, personId: string, role: CaseRole, action: Localized): void {
  if (!hasRole(state, personId, role)) throw refuse.roleRequired(role, action);
}

export function requireKnownRole(role: CaseRole): void {
  if (!(CASE_ROLES as readonly string[]).includes(role)) {
    throw refuse.invalidCommand(COMMAND_PROBLEMS.unknownRole(String(role)));
  }
}

/** Ids the adapters make for cases, ideas, barriers and memos (also what cards may name). */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function requireId(id: string): string {
  if (typeof id !== 'string' || !ENTITY_ID_PATTERN.test(id)) {
    throw refuse.invalidValue(FIELDS.id, VALUE_PROBLEMS.entityId);
  }
  return id;
}

// Teams ids look like "29:1a2b…" and Entra ids are GUIDs; refuse anything that could not be one.
// eslint-disable-next-line no-control-regex
const PERSON_ID_PATTERN = /^[^\u0000-\u001f\u007f]{1,256}$/;

export function requirePersonId(personId: string): string {
  if (typeof personId !== 'string' || !PERSON_ID_PATTERN.test(personId) || personId.trim() !== personId) {
    throw refuse.invalidValue(FIELDS.person, VALUE_PROBLEMS.personId);
  }
  return personId;
}

/**
 * Makes free text safe to keep for years and to export to XML, CSV and cards: Windows line ends become
 * \n, invisible control characters (from copy and paste) are removed, lone surrogates are replaced.
 * Visible content is never dropped.
 */
export function normaliseText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .trim()
  );
}

/**
 * Text with nothing a reader can see: whitespace, control characters and invisible format characters
 * (zero-width spaces, bidirectional marks and overrides, the byte order mark). Such an answer, title or
 * reason would be recorded as given yet show as nothing on every card and export.
 */
const NOTHING_VISIBLE = /^[\s\p{Cc}\p{Cf}]*$/u;

export function requireText(value: string | undefined, field: Localized, limit: number): string {
  if (typeof value !== 'string') throw refuse.textRequired(field);
  const text = normaliseText(value);
  if (NOTHING_VISIBLE.test(text)) throw refuse.textRequired(field);
  if (text.length > limit) throw refuse.textTooLong(field, limit, text.length);
  return text;
}

export function optionalText(value: string | undefined, field: Localized, limit: number): string | undefined {
  if (value === undefined || (typeof value === 'string' && NOTHING_VISIBLE.test(normaliseText(value))))
    return undefined;
  return requireText(value, field, limit);
}
