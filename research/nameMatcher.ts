/**
 * Finds the names of known people inside free text, so an export can replace them with pseudonyms.
 *
 * Text is read as a sequence of words (runs of letters, marks and digits). A person's display name is
 * found as its words in order, case-insensitive, joined by short separators (spaces, `.`, `-`, `_`, `'`),
 * so "Kari Nordmann", "kari nordmann" and "kari.nordmann@kommune.no" all match "Kari Nordmann", and a
 * longer name wins over a shorter one starting at the same word ("Kari Nordmann Berg" before "Kari
 * Nordmann"). Matching whole words means "Kari" is never found inside "Karianne".
 *
 * A single word of a name ("Kari" alone) is found too, but only capitalised, because a lower-case word is
 * far more often an ordinary word than a name ("per", "mai"). A word shared by several people's names
 * cannot be told apart and is reported as ambiguous, so the caller can write a neutral marker.
 *
 * The work per text is one pass over its words with map look-ups, whatever the number of people, so a
 * directory of thousands of people costs no more per text than one of ten.
 */

/** Someone whose name should be found. */
export interface NamedPerson {
  personId: string;
  displayName: string;
}

export type NameMatch =
  /** The whole name, or name words that belong to this one person only. */
  | { kind: 'person'; personId: string }
  /** A name word several known people share: who is meant cannot be told. */
  | { kind: 'ambiguous' };

interface Word {
  lower: string;
  start: number;
  end: number;
  capitalised: boolean;
}

interface IndexedName {
  personId: string;
  words: string[];
}

/** Words shorter than this are not matched on their own (initials, "Bo" as a word, …). */
const MIN_PART_LENGTH = 2;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** What may stand between the words of a name: a space, a dot, a hyphen, an underscore, an apostrophe. */
const SEPARATOR = /^[\s.\-_'’]{1,3}$/u;

function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const value = match[0];
    const first = value.charAt(0);
    found.push({
      lower: value.toLowerCase(),
      start: match.index,
      end: match.index + value.length,
      capitalised: first !== first.toLowerCase() && first === first.toUpperCase(),
    });
  }
  return found;
}

export class NameMatcher {
  /** First word of each name → the names starting with it, most words first. */
  private readonly byFirstWord = new Map<string, IndexedName[]>();
  /** A single name word → the people whose names contain it. */
  private readonly byPart = new Map<string, Set<string>>();

  constructor(people: Iterable<NamedPerson>) {
    for (const person of people) {
      const nameWords = words(person.displayName).map((word) => word.lower);
      const first = nameWords[0];
      if (first === undefined) continue;
      const list = this.byFirstWord.get(first) ?? [];
      list.push({ personId: person.personId, words: nameWords });
      this.byFirstWord.set(first, list);
      for (const part of nameWords) {
        if ([...part].length < MIN_PART_LENGTH) continue;
        const owners = this.byPart.get(part) ?? new Set<string>();
        owners.add(person.personId);
        this.byPart.set(part, owners);
      }
    }
    for (const list of this.byFirstWord.values()) {
      list.sort(
        (a, b) => b.words.length - a.words.length || b.words.join(' ').length - a.words.join(' ').length,
      );
    }
  }

  get isEmpty(): boolean {
    return this.byFirstWord.size === 0;
  }

  /** `text` with every name found replaced by what `replacement` returns for it. */
  replace(text: string, replacement: (match: NameMatch) => string): string {
    if (this.isEmpty || text === '') return text;
    const found = words(text);
    let result = '';
    let copiedUpTo = 0;
    let index = 0;
    while (index < found.length) {
      const hit = this.matchAt(text, found, index);
      if (hit === undefined) {
        index += 1;
        continue;
      }
      const start = found[index]?.start ?? 0;
      const end = found[hit.lastWord]?.end ?? start;
      result += text.slice(copiedUpTo, start) + replacement(hit.match);
      copiedUpTo = end;
      index = hit.lastWord + 1;
    }
    return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
  }

  private matchAt(
    text: string,
    found: readonly Word[],
    index: number,
  ): { match: NameMatch; lastWord: number } | undefined {
    const word = found[index];
    if (word === undefined) return undefined;
    for (const name of this.byFirstWord.get(word.lower) ?? []) {
      if (this.wordsFollow(text, found, index, name.words)) {
        return {
          match: { kind: 'person', personId: name.personId },
          lastWord: index + name.words.length - 1,
        };
      }
    }
    if (!word.capitalised) return undefined;
    const owners = this.byPart.get(word.lower);
    if (owners === undefined) return undefined;
    // "Nordmann, Kari" or "Kari Olsen" (a name the directory has as "Kari Nordmann Olsen"): neighbouring
    // capitalised words of the same person's name are taken into the same replacement.
    let candidates = new Set(owners);
    let lastWord = index;
    for (let next = index + 1; next < found.length; next += 1) {
      const following = found[next];
      const previous = found[next - 1];
      if (following === undefined || previous === undefined || !following.capitalised) break;
      if (!/^[\s,.\-_'’]{1,3}$/u.test(text.slice(previous.end, following.start))) break;
      const shared = [...candidates].filter((id) => this.byPart.get(following.lower)?.has(id) ?? false);
      if (shared.length === 0) break;
      candidates = new Set(shared);
      lastWord = next;
    }
    const [only, ...others] = candidates;
    if (only !== undefined && others.length === 0)
      return { match: { kind: 'person', personId: only }, lastWord };
    return { match: { kind: 'ambiguous' }, lastWord };
  }

  private wordsFollow(
    text: string,
    found: readonly Word[],
    index: number,
    nameWords: readonly string[],
  ): boolean {
    for (let offset = 0; offset < nameWords.length; offset += 1) {
      const word = found[index + offset];
      if (word === undefined || word.lower !== nameWords[offset]) return false;
      if (offset > 0) {
        const previous = found[index + offset - 1];
        if (previous === undefined || !SEPARATOR.test(text.slice(previous.end, word.start))) return false;
      }
    }
    return true;
  }
}
