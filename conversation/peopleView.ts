/**
 * Who the people of a case are, for what the bot shows: display names from the people directory (the
 * only place names live) and the Teams user ids that @mentions need. Erased or unknown people get no
 * name; cards and messages say so in neutral words.
 */
import type { CaseState } from '../engine';
import type { PeopleDirectory } from '../storage/peopleDirectory';

export interface MentionTarget {
  /** The id Teams notifies: the bot-specific Teams user id ("29:…") when known, else the person id. */
  personId: string;
  name: string;
}

export class PeopleView {
  /**
   * Names read for a case state, kept per state object (which lives for one turn): a gate decision
   * renders the updated approval card and the invoke response from the same state, and reads the
   * directory once for both.
   */
  private readonly namesByState = new WeakMap<CaseState, Promise<ReadonlyMap<string, string>>>();

  constructor(private readonly people: Pick<PeopleDirectory, 'getPeople'>) {}

  /** Display names for everyone the case mentions (roles, people answers, decisions). */
  namesOf(state: CaseState): Promise<ReadonlyMap<string, string>> {
    let names = this.namesByState.get(state);
    if (names === undefined) {
      names = this.readNames(state);
      this.namesByState.set(state, names);
    }
    return names;
  }

  /** Mention targets for people ids; someone without a known name is mentioned by id. */
  async mentionsOf(personIds: readonly string[]): Promise<MentionTarget[]> {
    const people = await this.people.getPeople(personIds);
    return personIds.map((id) => {
      const person = people.get(id);
      return { personId: person?.teamsUserId ?? id, name: person?.displayName ?? id };
    });
  }

  private async readNames(state: CaseState): Promise<ReadonlyMap<string, string>> {
    const ids = new Set<string>(Object.keys(state.roles));
    for (const answer of Object.values(state.answers))
      if (answer.answer.type === 'people') answer.answer.personIds.forEach((id) => ids.add(id));
    for (const decision of state.recentDecisions) decision.deciderIds.forEach((id) => ids.add(id));
    const people = await this.people.getPeople(ids);
    const names = new Map<string, string>();
    for (const [id, person] of people) if (person.displayName) names.set(id, person.displayName);
    return names;
  }
}
