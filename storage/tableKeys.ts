/**
 * Partition and row keys for the Table adapters. Table keys must not contain `/ \ # ?` or control
 * characters and are limited in length, while the ids we key by (Teams conversation ids, person ids,
 * delivery ids) come from outside and may contain anything. Every key is therefore derived here, one way
 * only, so a write and a later lookup or filter always agree.
 */
import { sha256Hex } from '../engine/hashing';

/** Characters a key may not hold, plus `%` itself so the encoding can be reversed without ambiguity. */
// eslint-disable-next-line no-control-regex
const CHARACTERS_TO_ESCAPE = /[%/\\#?\u0000-\u001f\u007f-\u009f]/g;

/**
 * Longest encoded id used as a key as is. Longer ids are replaced by a hash so a key never reaches the
 * service's 1 KiB limit.
 */
const MAX_READABLE_KEY_CHARACTERS = 400;

/**
 * A key for an id chosen outside this application: readable (percent-escaped only where the service
 * forbids a character) when short enough, otherwise `%%` and its SHA-256. `%%` can never begin an escaped
 * id, because every `%` it produces is followed by two hex digits.
 */
export function encodeKey(id: string): string {
  const escaped = id.replace(
    CHARACTERS_TO_ESCAPE,
    (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`,
  );
  return escaped.length <= MAX_READABLE_KEY_CHARACTERS ? escaped : `%%${sha256Hex(id)}`;
}

/**
 * Row key of a delivery record: `D` and the SHA-256 of the delivery id, because delivery ids may contain
 * any character and be long. `D…` sorts before the `E…` event rows, so event range queries skip it.
 */
export function deliveryRowKey(deliveryId: string): string {
  return `D${sha256Hex(deliveryId)}`;
}

/** Row key of the n-th state snapshot spill row (from 1), after the head `H` in key order. */
export function snapshotRowKey(index: number): string {
  return `S${String(index).padStart(6, '0')}`;
}

/** The case directory row of a case: the case id is already a safe key (see `assertValidCaseId`). */
export function directoryKeys(
  conversationId: string,
  caseId: string,
): { partitionKey: string; rowKey: string } {
  return { partitionKey: encodeKey(conversationId), rowKey: caseId };
}
