/**
 * How people appear in research exports, the research API and the dashboard's researcher view.
 *
 * - A person is "Deltaker 7" / "Deltakar 7" / "Participant 7": the number comes from the installation's pseudonym book
 *   (research/pseudonymBook.ts), derived from the person id with a secret kept in storage and handed out
 *   once, so it is the same in every export, every route and the dashboard.
 * - Free text is cleaned of everything that identifies a person: known people's names (with their
 *   inflections, see `NameMatcher`), their person ids, Entra object ids, Teams ids and e-mail addresses
 *   wherever they stand, any other e-mail address or UPN (the domain names the municipality), Teams user
 *   ids ("29:…", "8:orgid:…") and unknown GUIDs outside links. Inside a link a name becomes a form a link
 *   can hold ("deltaker-7"), so the link still works as text.
 * - Erased people have no name left in the directory: they appear only as a pseudonym, even with real
 *   names on. Text written about them by name before the erasure cannot be searched for any more and
 *   stays as it was recorded (the log is append-only; rewriting it would break the hash chain).
 *
 * With real names (`names: 'real'`, only for callers whose app role allows it and who asked for it),
 * people appear by their display name where the directory still has one, and free text is left as is.
 */
import type { Language } from '../engine/localized';
import { roleName } from '../engine/refusals';
import type { CaseRole } from '../engine/template';
import type { Person } from '../storage/peopleDirectory';
import { NameMatcher, type NameMatch } from './nameMatcher';
import type { PseudonymBook } from './pseudonymBook';

export type NamesMode = 'pseudonymised' | 'real';

/** One participant of an export, in numbering order. */
export interface ParticipantEntry {
  /** The label used throughout the export. */
  label: string;
  /** The person's pseudonym number: the same in every export of this installation. */
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
  /** The installation's pseudonym numbers. */
  book: PseudonymBook;
}

const PARTICIPANT: Record<Language, string> = { nb: 'Deltaker', nn: 'Deltakar', en: 'Participant' };
const MARKERS = {
  name: { nb: '[navn]', nn: '[namn]', en: '[name]' },
  email: { nb: '[e-post]', nn: '[e-post]', en: '[e-mail]' },
  id: { nb: '[person-id]', nn: '[person-id]', en: '[person id]' },
  withheld: {
    nb: '[holdt tilbake: ikke samtykke til forskning]',
    nn: '[halden tilbake: ikkje samtykke til forsking]',
    en: '[withheld: no research consent]',
  },
} satisfies Record<string, Record<Language, string>>;

/** A label in the genitive: Norwegian (both written forms) adds -s, English 's. */
const GENITIVE: Record<Language, (label: string) => string> = {
  nb: (label) => `${label}s`,
  nn: (label) => `${label}s`,
  en: (label) => `${label}'s`,
};

/** Links in free text: names inside them are replaced by a form a link can hold. */
const LINK = /\bhttps?:\/\/[^\s<>"'`]+/giu;
const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Teams user ids (29:…), Skype-style org ids (8:orgid:…) and similar: always a person. */
const TEAMS_ID = /\b(?:29|8):(?:orgid:)?[A-Za-z0-9_:-]{8,}/g;
const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Actors that are the system itself (the reminder timer), not people: kept as they are. */
export function isSystemActor(personId: string): boolean {
  return personId.startsWith('system:');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Pseudonymiser {
  readonly language: Language;
  readonly names: NamesMode;
  private readonly book: PseudonymBook;
  private readonly seen = new Set<string>();
  private readonly directory = new Map<string, Person>();
  private readonly matcher: NameMatcher;
  /** Lower-cased identifier (person id, Entra id, Teams id, e-mail) → person id. */
  private readonly identifiers = new Map<string, string>();
  private readonly identifierPattern: RegExp | undefined;

  private constructor(options: PseudonymiserOptions) {
    this.language = options.language;
    this.names = options.names;
    this.book = options.book;
    const named: { personId: string; displayName: string }[] = [];
    for (const person of options.people) {
      this.directory.set(person.personId, person);
      for (const id of [person.personId, person.aadObjectId, person.teamsUserId, person.email]) {
        if (id !== undefined && id.length >= 4) this.identifiers.set(id.toLowerCase(), person.personId);
      }
      if (person.displayName !== undefined && person.erasedAt === undefined) {
        named.push({ personId: person.personId, displayName: person.displayName });
      }
    }
    this.matcher = new NameMatcher(options.names === 'pseudonymised' ? named : []);
    const ids = [...this.identifiers.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.identifierPattern = ids.length === 0 ? undefined : new RegExp(ids.join('|'), 'giu');
  }

  /**
   * A pseudonymiser whose book numbers everyone in the directory and in `personIds`, so every label it
   * gives is ready. People met later (an id only in an event) are numbered with `ensure` first.
   */
  static async create(
    options: PseudonymiserOptions,
    personIds: Iterable<string> = [],
  ): Promise<Pseudonymiser> {
    const p = new Pseudonymiser(options);
    await p.ensure([...p.directory.keys(), ...personIds]);
    return p;
  }

  /** Numbers the people among `personIds` the book has not met yet. */
  async ensure(personIds: Iterable<string>): Promise<void> {
    const missing = [...personIds].filter((id) => !isSystemActor(id) && this.book.numberOf(id) === undefined);
    if (missing.length > 0) await this.book.ensure(missing);
  }

  /** Whether `ensure` has anything to do for these people. */
  needsNumbers(personIds: Iterable<string>): boolean {
    for (const id of personIds) if (!isSystemActor(id) && this.book.numberOf(id) === undefined) return true;
    return false;
  }

  /** The person's pseudonym number (stable across exports). */
  numberOf(personId: string): number {
    const number = this.book.numberOf(personId);
    if (number === undefined) throw new Error('A person was shown before their pseudonym was numbered');
    this.seen.add(personId);
    return number;
  }

  /** How a person appears: "Deltaker 3", or with real names their display name. */
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
    return `${label} (${this.roleNames(roles).join(', ')})`;
  }

  /** Role names in the export's language. */
  roleNames(roles: readonly CaseRole[]): string[] {
    return roles.map((role) => roleName(role)[this.language]);
  }

  /** What stands in place of the free text of someone who declined research use. */
  get withheld(): string {
    return MARKERS.withheld[this.language];
  }

  /** A conversation id as a stable token: cases of one chat can be grouped, the chat is not named. */
  conversation(conversationId: string): string {
    if (this.names === 'real') return conversationId;
    return `conversation-${this.book.token('conversation', conversationId)}`;
  }

  /** A Teams message's id as a stable token: what was kept from one message can be grouped. */
  message(messageId: string): string {
    if (this.names === 'real') return messageId;
    return `message-${this.book.token('message', messageId)}`;
  }

  /**
   * A link back to a Teams message, only with real names: it holds the chat's id, and a one-to-one chat's
   * id is made of the two people's ids.
   */
  messageLink(link: string): string | undefined {
    return this.names === 'real' ? link : undefined;
  }

  /** Free text with everything that identifies a person replaced (pseudonymised exports only). */
  text(value: string): string {
    if (this.names === 'real' || value === '') return value;
    // Most texts hold no link; a link needs "://" (the same holds for the other patterns in `clean`).
    if (!value.includes('://')) return this.clean(value, false);
    let result = '';
    let last = 0;
    for (const link of value.matchAll(LINK)) {
      result += this.clean(value.slice(last, link.index), false);
      result += this.clean(link[0], true);
      last = link.index + link[0].length;
    }
    return result + this.clean(value.slice(last), false);
  }

  optionalText(value: string | undefined): string | undefined {
    return value === undefined ? undefined : this.text(value);
  }

  /** Everyone shown so far, in number order. */
  participants(): ParticipantEntry[] {
    return [...this.seen]
      .map((personId) => {
        const erased = this.directory.get(personId)?.erasedAt !== undefined;
        // An erased person's id would lead back to them through the organisation's directory: never shown.
        return {
          label: this.label(personId),
          number: this.numberOf(personId),
          erased,
          ...(this.names === 'real' && !erased && { personId }),
        };
      })
      .sort((a, b) => a.number - b.number);
  }

  private clean(text: string, inLink: boolean): string {
    if (text === '') return text;
    const replace = inLink ? this.inLink : this.outsideLinks;
    // Each pattern is run only on text that holds the one character it cannot match without: the
    // patterns scan slowly, and most free text has no address, Teams id or GUID in it.
    let cleaned = text.includes('@') ? text.replace(EMAIL, replace.email) : text;
    if (this.identifierPattern) cleaned = cleaned.replace(this.identifierPattern, replace.identifier);
    if (cleaned.includes(':')) cleaned = cleaned.replace(TEAMS_ID, MARKERS.id[this.language]);
    if (!inLink && cleaned.includes('-')) cleaned = cleaned.replace(GUID, MARKERS.id[this.language]);
    return this.matcher.replace(cleaned, replace.name);
  }

  /** How a person found in free text is written: their label, in the genitive, or as a link can hold it. */
  private personInText(personId: string, genitive: boolean, inLink: boolean): string {
    const label = this.label(personId);
    if (inLink) return label.toLowerCase().replace(/\s+/g, '-');
    if (!genitive) return label;
    return GENITIVE[this.language](label);
  }

  /**
   * The replacement functions of `clean`, made once per pseudonymiser (outside links and inside them)
   * instead of once per text: an export cleans several texts per event.
   */
  private replacers(inLink: boolean): {
    email: (address: string) => string;
    identifier: (id: string) => string;
    name: (match: NameMatch) => string;
  } {
    return {
      email: (address) => {
        const known = this.identifiers.get(address.toLowerCase());
        if (known !== undefined) return this.personInText(known, false, inLink);
        const named = this.personNamedIn(address.slice(0, address.indexOf('@')));
        return named === undefined ? MARKERS.email[this.language] : this.personInText(named, false, inLink);
      },
      identifier: (id) => {
        const known = this.identifiers.get(id.toLowerCase());
        return known === undefined ? id : this.personInText(known, false, inLink);
      },
      name: (match) =>
        match.kind === 'person'
          ? this.personInText(match.personId, match.genitive, inLink)
          : MARKERS.name[this.language],
    };
  }

  private readonly outsideLinks = this.replacers(false);
  private readonly inLink = this.replacers(true);

  /** The one person whose name the local part of an e-mail address spells, if any. */
  private personNamedIn(localPart: string): string | undefined {
    const found = new Set<string>();
    this.matcher.replace(localPart.replace(/[._-]+/g, ' '), (match) => {
      if (match.kind === 'person') found.add(match.personId);
      return '';
    });
    const [only, ...others] = found;
    return others.length === 0 ? only : undefined;
  }
}
