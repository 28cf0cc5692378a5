/**
 * Rules both `ConversationStore` adapters apply to a record before storing it, so the in-memory fake
 * refuses exactly what the Table adapter would, and the conflict error they both raise when an update
 * keeps losing the race.
 */
import { ConflictError } from '../engine/errors';
import { localized } from '../engine/localized';
import type { ConversationRecord } from './conversationStore';

/**
 * Largest record, in characters of its JSON. The Table adapter stores the JSON in 30,000-character
 * chunks; 14 chunks (840,000 bytes of UTF-16) leave room for the plain columns under the 1 MiB an entity
 * may hold. A record this large would mean hundreds of approval cards: a bug, not a busy conversation.
 */
export const MAX_CONVERSATION_RECORD_CHARACTERS = 400_000;

/** How many times `update` reads, applies and writes before giving up with `ConversationBusyError`. */
export const CONVERSATION_UPDATE_ATTEMPTS = 20;

/**
 * The record kept changing under `update`: every attempt lost to another writer. Nothing of this change
 * was stored. A `ConflictError`, so the bot answers it like any other "busy, try again".
 */
export class ConversationBusyError extends ConflictError {
  constructor(conversationId: string, attempts: number) {
    super(
      'conversationBusy',
      localized(
        `Mange skriver i samtalen akkurat nå, og endringen ble ikke lagret (${attempts} forsøk). Prøv igjen om litt.`,
        `Mange skriv i samtalen akkurat no, og endringa vart ikkje lagra (${attempts} forsøk). Prøv igjen om litt.`,
        `Many people are writing in this conversation right now, and the change was not saved (${attempts} attempts). Please try again shortly.`,
      ),
      { conversationId, attempts },
    );
  }
}

/**
 * The record as JSON, after checking what a change function returned: it must be for the conversation
 * being updated (a record filed under another conversation's key would be found by nobody) and small
 * enough to store. Throws a plain `Error`: both are bugs in the caller, not conditions to retry.
 */
export function serializeConversationRecord(conversationId: string, record: ConversationRecord): string {
  if (record.conversationId !== conversationId) {
    throw new Error(
      `A conversation record for "${record.conversationId}" cannot be stored under "${conversationId}"`,
    );
  }
  const json = JSON.stringify(record);
  if (json.length > MAX_CONVERSATION_RECORD_CHARACTERS) {
    throw new Error(
      `The record of conversation "${conversationId}" is ${json.length} characters; the limit is ${MAX_CONVERSATION_RECORD_CHARACTERS}`,
    );
  }
  return json;
}

export function parseConversationRecord(json: string): ConversationRecord {
  return JSON.parse(json) as ConversationRecord;
}

/** A short jittered pause between attempts, so racing writers spread out instead of colliding again. */
export function conflictBackoffMs(attempt: number): number {
  return Math.min(5 * attempt, 50) * Math.random();
}
