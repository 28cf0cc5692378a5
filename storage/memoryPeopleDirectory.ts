/**
 * The people directory in memory, for tests and local runs; held to the same contract suite as the Table
 * one (test/storage/peopleDirectory.test.ts). Records are copied in and out.
 */
import { isLanguage, type Language } from '../engine/localized';
import {
  erasedPerson,
  personAfterSighting,
  type PeopleDirectory,
  type Person,
  type PersonSighting,
} from './peopleDirectory';

/** `PeopleDirectory` in process memory. */
export class MemoryPeopleDirectory implements PeopleDirectory {
  private readonly people = new Map<string, Person>();
  private readonly teamsUsers = new Map<string, string>();
  private readonly languages = new Map<string, Language>();

  languageOf(personId: string): Promise<Language | undefined> {
    return Promise.resolve(this.languages.get(personId));
  }

  setLanguage(personId: string, language: Language | undefined): Promise<void> {
    if (language === undefined) this.languages.delete(personId);
    else if (isLanguage(language)) this.languages.set(personId, language);
    return Promise.resolve();
  }

  bindTeamsUser(teamsUserId: string, personId: string): Promise<string> {
    const bound = this.teamsUsers.get(teamsUserId);
    if (bound !== undefined) return Promise.resolve(bound);
    this.teamsUsers.set(teamsUserId, personId);
    return Promise.resolve(personId);
  }

  personOfTeamsUser(teamsUserId: string): Promise<string | undefined> {
    return Promise.resolve(this.teamsUsers.get(teamsUserId));
  }

  upsertPerson(sighting: PersonSighting): Promise<void> {
    const next = personAfterSighting(this.people.get(sighting.personId), sighting);
    if (next) this.people.set(sighting.personId, { ...next });
    return Promise.resolve();
  }

  getPeople(personIds: Iterable<string>): Promise<Map<string, Person>> {
    const found = new Map<string, Person>();
    for (const personId of personIds) {
      const person = this.people.get(personId);
      if (person) found.set(personId, { ...person });
    }
    return Promise.resolve(found);
  }

  async *listPeople(): AsyncIterable<Person> {
    // A copy of the current records, so a caller erasing while it iterates changes nothing it holds.
    const snapshot = [...this.people.values()].map((person) => ({ ...person }));
    for (const person of snapshot) yield await Promise.resolve(person);
  }

  erasePerson(personId: string, at: string): Promise<void> {
    const teamsUserId = this.people.get(personId)?.teamsUserId;
    if (teamsUserId !== undefined) this.teamsUsers.delete(teamsUserId);
    this.languages.delete(personId);
    this.people.set(personId, erasedPerson(this.people.get(personId), personId, at));
    return Promise.resolve();
  }
}
