/**
 * The people directory: the only place names live. Events and case state hold person ids only, so the
 * log can be kept (and exported to researchers, pseudonymised) for years while a person's name, e-mail
 * and Entra object id can be erased on request without touching – or breaking the hash chain of – any
 * case log.
 *
 * Erasure is final for this directory. Under the GDPR (art. 17) a municipality that has erased a person
 * on request has decided that their name is no longer to be processed here; if the next Teams activity
 * of that person silently wrote the name back, the erasure would be undone without anyone deciding so.
 * An erased person therefore stays erased when seen again: `upsertPerson` leaves the record alone, and
 * screens show the id (or "erased person") instead of a name. Undoing an erasure, if ever lawful, is a
 * deliberate administrative act outside this interface.
 */
import type { Language } from '../engine/localized';

/** A person as the directory knows them; after erasure only `personId` and `erasedAt` remain. */
export interface Person {
  /** The id events use (a Teams user id). Never erased: the logs refer to it. */
  personId: string;
  displayName?: string;
  /** The Entra (Azure AD) object id, for matching the person in the organisation's directory. */
  aadObjectId?: string;
  /** The bot-specific Teams user id ("29:…"), needed to @mention the person in a message. */
  teamsUserId?: string;
  email?: string;
  /** When the bot last saw the person in an activity, ISO 8601 UTC. */
  lastSeenAt?: string;
  /** Set when the person was erased; the identifying fields are gone from then on. */
  erasedAt?: string;
}

/** What the bot learns about a person from an activity. */
export interface PersonSighting {
  personId: string;
  displayName: string;
  aadObjectId?: string;
  teamsUserId?: string;
  email?: string;
  /** When the activity happened, ISO 8601 UTC; older sightings never overwrite newer ones. */
  seenAt: string;
}

export interface PeopleDirectory {
  /**
   * Records or refreshes a person from an activity. Fields the sighting lacks keep their stored value. A
   * sighting older than the stored one, or of an erased person, changes nothing.
   */
  upsertPerson(sighting: PersonSighting): Promise<void>;
  /** The known people among `personIds` (unknown ids are simply absent from the map). */
  getPeople(personIds: Iterable<string>): Promise<Map<string, Person>>;
  /**
   * Removes the person's name, e-mail, Entra id, Teams id and last-seen time for good, keeping the id and the time of
   * erasure (see the module comment). Erasing an unknown person records the erasure too, so the person is
   * never collected later; erasing twice keeps the first time.
   */
  erasePerson(personId: string, at: string): Promise<void>;
  /**
   * Every person the directory holds, erased ones included (without their names). Research exports use
   * it to replace the names of known people wherever they appear in free text, including text written
   * before the person ever acted in the case; the directory is one small partition, so this is one query.
   */
  listPeople(): AsyncIterable<Person>;
  /**
   * One person, one id. The first time a Teams user id ("29:…") is seen with an Entra object id, the two
   * are bound for good; returns the person id the Teams id is bound to: `personId` for a new binding, or
   * the earlier one (which the caller must then not silently replace). Concurrent first bindings agree.
   */
  bindTeamsUser(teamsUserId: string, personId: string): Promise<string>;
  /** The person id a Teams user id is bound to, if it was ever seen with one. */
  personOfTeamsUser(teamsUserId: string): Promise<string | undefined>;
  /**
   * The language the person chose for what only they see (`mitt språk nn`), if they chose one. Kept
   * apart from the person's record, so sightings never touch it; erasure removes it with the rest.
   */
  languageOf(personId: string): Promise<Language | undefined>;
  /** Sets (or, with undefined, forgets) the person's own language. */
  setLanguage(personId: string, language: Language | undefined): Promise<void>;
}

/**
 * The record after a sighting, or undefined when the stored record must stay as it is (erased, or the
 * sighting is older). Shared by both directories so they decide alike.
 */
export function personAfterSighting(
  stored: Person | undefined,
  sighting: PersonSighting,
): Person | undefined {
  if (stored?.erasedAt !== undefined) return undefined;
  if (stored?.lastSeenAt !== undefined && sighting.seenAt < stored.lastSeenAt) return undefined;
  if (stored !== undefined && tellsNothingNew(stored, sighting)) return undefined;
  const aadObjectId = sighting.aadObjectId ?? stored?.aadObjectId;
  const email = sighting.email ?? stored?.email;
  const teamsUserId = sighting.teamsUserId ?? stored?.teamsUserId;
  return {
    personId: sighting.personId,
    displayName: sighting.displayName,
    ...(aadObjectId !== undefined && { aadObjectId }),
    ...(teamsUserId !== undefined && { teamsUserId }),
    ...(email !== undefined && { email }),
    lastSeenAt: sighting.seenAt,
  };
}

/** How stale "last seen" may get before a sighting that changes nothing else is written anyway. */
const LAST_SEEN_RESOLUTION_MS = 24 * 60 * 60 * 1000;

/**
 * A sighting that repeats what is stored, within a day of the last one, is not written: twenty people
 * acting at once in a new chat would otherwise all race to write the same row for nothing.
 */
function tellsNothingNew(stored: Person, sighting: PersonSighting): boolean {
  return (
    stored.displayName === sighting.displayName &&
    (sighting.aadObjectId === undefined || sighting.aadObjectId === stored.aadObjectId) &&
    (sighting.teamsUserId === undefined || sighting.teamsUserId === stored.teamsUserId) &&
    (sighting.email === undefined || sighting.email === stored.email) &&
    stored.lastSeenAt !== undefined &&
    Date.parse(sighting.seenAt) - Date.parse(stored.lastSeenAt) < LAST_SEEN_RESOLUTION_MS
  );
}

/** The record left after erasure: the id and the (first) time of erasure, nothing that identifies. */
export function erasedPerson(stored: Person | undefined, personId: string, at: string): Person {
  return { personId, erasedAt: stored?.erasedAt ?? at };
}
