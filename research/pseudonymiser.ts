/**
 * Pseudonyms for one export. People appear as "Deltaker 3" / "Participant 3", numbered by their first
 * appearance in the export (actor, person named in an event, or name found in free text), so the same
 * person is the same participant everywhere in one export and in every format of the same scope (every
 * format reads the same events in the same order). Numbers are never derived from person ids: a
 * pseudonym cannot be turned back into an id by hashing a list of ids.
 *
 * Known people's display names are replaced inside free text too (see `NameMatcher`). Erased people have
 * no name left in the directory: they appear only as a pseudonym, even with real names on. What an erased
 * person's name was cannot be searched for in free text any more; text written about them by name stays
 * as it was recorded (the log is append-only, and rewriting it would break the hash chain).
 *
 * With real names (`names: 'real'`, only for callers whose app role allows it and who asked for it),
 * people appear by their display name where the directory still has one, and free text is left as is.
 */
import type { Language } from '../engine/localized';
import { roleName } from '../engine/refusals';
import type { CaseRole } from '../engine/template';
import type { Person } from '../storage/peopleDirectory';
import { NameMatcher } from './nameMatcher';

export type NamesMode = 'pseudonymised' | 'real';

/** One participant of an export, in numbering order. */
export interface ParticipantEntry {
  /** The label used throughout the export. */
  label: string;
  number: number;
  /** True when the directory says the person was erased. */
  erased: boolean;
  /** Only with real names, and never for an erased person: the person id, to follow up on. */
  personId?: string;
}

export interface PseudonymiserOptions {
  language: Language;
  names: NamesMode;
  /** Everyone the people directory knows (erased people without names). */
  people: Iterable<Person>;
}

const PARTICIPANT: Record<Language, string> = { nb: 'Deltaker', en: 'Participant' };
const UNKNOWN_NAME: Record<Language, string> = { nb: '[navn]', en: '[name]' };

/** Actors that are the system itself (the reminder timer), not people: kept as they are. */
export function isSystemActor(personId: string): boolean {
  return personId.startsWith('system:');
}

export class Pseudonymiser {
  readonly language: Language;
  readonly names: NamesMode;
  private readonly numbers = new Map<string, number>();
  private readonly directory = new Map<string, Person>();
  private readonly matcher: NameMatcher;

  constructor(options: PseudonymiserOptions) {
    this.language = options.language;
    this.names = options.names;
    const named: { personId: string; displayName: string }[] = [];
    for (const person of options.people) {
      this.directory.set(person.personId, person);
      if (person.displayName !== undefined && person.erasedAt === undefined) {
        named.push({ personId: person.personId, displayName: person.displayName });
      }
    }
    this.matcher = new NameMatcher(options.names === 'pseudonymised' ? named : []);
  }

  /** The pseudonym's number, given on first appearance. */
  numberOf(personId: string): number {
    let number = this.numbers.get(personId);
    if (number === undefined) {
      number = this.numbers.size + 1;
      this.numbers.set(personId, number);
    }
    return number;
  }

  /** How a person appears in this export: "Deltaker 3", or with real names their display name. */
  label(personId: string): string {
    if (isSystemActor(personId)) return personId;
    const number = this.numberOf(personId);
    if (this.names === 'real') {
      const person = this.directory.get(personId);
      if (person?.displayName !== undefined && person.erasedAt === undefined) return person.displayName;
    }
    return `${PARTICIPANT[this.language]} ${number}`;
  }

  /** The label with the person's roles in the case: "Deltaker 3 (leder)". */
  labelWithRoles(personId: string, roles: readonly CaseRole[]): string {
    const label = this.label(personId);
    if (roles.length === 0 || isSystemActor(personId)) return label;
    return `${label} (${roles.map((role) => roleName(role)[this.language]).join(', ')})`;
  }

  /** Role names in the export's language. */
  roleNames(roles: readonly CaseRole[]): string[] {
    return roles.map((role) => roleName(role)[this.language]);
  }

  /** Free text with the names of known people replaced (pseudonymised exports only). */
  text(value: string): string {
    return this.matcher.replace(value, (match) =>
      match.kind === 'person' ? this.label(match.personId) : UNKNOWN_NAME[this.language],
    );
  }

  optionalText(value: string | undefined): string | undefined {
    return value === undefined ? undefined : this.text(value);
  }

  /** Everyone given a pseudonym so far, in numbering order. */
  participants(): ParticipantEntry[] {
    return [...this.numbers.entries()].map(([personId, number]) => {
      const erased = this.directory.get(personId)?.erasedAt !== undefined;
      // An erased person's id would lead back to them through the organisation's directory: never shown.
      return {
        label: this.label(personId),
        number,
        erased,
        ...(this.names === 'real' && !erased && { personId }),
      };
    });
  }
}
