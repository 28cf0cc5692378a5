/**
 * Finds the names of known people inside free text, so an export can replace them with pseudonyms.
 *
 * What counts as a person's name: the words of their display name, less what Teams and directories
 * put around it ("Ingrid Hansen (Hjemmetjenesten)", "Hansen, Ingrid | Helse og omsorg", "Ingrid
 * Hansen - Sone nord"): text in brackets and after a spaced dash, a bar or a slash is about the unit, not
 * the person, and is never matched. "Hansen, Ingrid" is read as "Ingrid Hansen".
 *
 * Text is read as a sequence of words (runs of letters, marks and digits), compared without case and
 * without diacritics (æ/ae, ø/oe/o, å/aa/a are the same, as people write them in e-mail addresses):
 *
 * - A whole name is found as its words in order, joined by short separators (spaces, `.`, `-`, `_`, `'`),
 *   so "Kari Nordmann", "kari nordmann" and "kari.nordmann" all match; a longer name wins over a shorter
 *   one starting at the same word. Whole words only: "Kari" is never found inside "Karianne".
 * - One word of a name alone ("Kari") is found only written as a name: capitalised. A lower-case word is
 *   an ordinary word ("per", "mai", "berg"). A capitalised word that is also an ordinary word ("Per",
 *   "Liv", "Berg", "Strand") is taken for a name inside a sentence, and for an ordinary word at the start
 *   of one ("Per time betaler vi …"), unless it stands beside another word of the same person's name or
 *   is written in the genitive ("Pers forslag").
 * - Inflected forms: the genitive with -s ("Ingrids", "Johansens"), with an apostrophe ("Ingrid's",
 *   "Lars'", "Lars’s") and as the last word of a whole name ("Ingrid Johansens notat"). The match says
 *   so, so the caller can write the pseudonym in the genitive too.
 * - A name word followed by the initial of the same person's other name ("Ingrid H.", "I. Hansen") is
 *   taken together, initial included.
 * - A word shared by several people's names cannot be told apart and is reported as ambiguous, so the
 *   caller can write a neutral marker.
 *
 * The work per text is one pass over its words with map look-ups, whatever the number of people.
 *
 * Why this file is long (over 500 lines): finding names is one algorithm (normalising, the inflections of
 * both languages, names that are also ordinary words, identifiers inside text) whose rules depend on each
 * other; they are kept together so one reading explains what is and is not replaced.
 */

/** Someone whose name should be found. */
export interface NamedPerson {
  personId: string;
  displayName: string;
}

export type NameMatch =
  /** The whole name, or name words that belong to this one person only. */
  | { kind: 'person'; personId: string; genitive: boolean }
  /** A name word several known people share: who is meant cannot be told. */
  | { kind: 'ambiguous'; genitive: boolean };

interface Word {
  /** Folded: lower case, no diacritics. */
  key: string;
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
/** Between a name word and a neighbouring one of the same name ("Nordmann, Kari"; "Kari  Nordmann"). */
const NEIGHBOUR_SEPARATOR = /^(?:\s{1,2}|,\s{0,2}|[.\-_'’])$/u;
/** An apostrophe genitive right after a name: "Ingrid's", "Lars'", "Lars’s". */
const APOSTROPHE_GENITIVE = /^['’]s?(?![\p{L}\p{M}\p{N}])/u;
/** Lower-case particles of surnames: part of a whole name, never a name on their own. */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'la', 'le', 'af', 'da', 'di', 'du', 'del']);

/**
 * Capitalised words that are names and ordinary words at once, in Norwegian or English. At the start of
 * a sentence they are read as the ordinary word; anywhere else as a name.
 */
const ALSO_ORDINARY_WORDS = new Set(
  [
    // Given names that are Norwegian words.
    'per',
    'liv',
    'dag',
    'sol',
    'mai',
    'vår',
    'tor',
    'ask',
    'bo',
    'tone',
    'rune',
    'gry',
    'siv',
    'fred',
    'stein',
    'sten',
    'bjørn',
    'ørn',
    'ulv',
    'varg',
    'rose',
    'lilje',
    'lind',
    'eik',
    'odd',
    'storm',
    'hav',
    'bror',
    // English given names that are words.
    'may',
    'will',
    'mark',
    'bill',
    'grace',
    'hope',
    'joy',
    'faith',
    'dawn',
    'amber',
    'iris',
    'ivy',
    'pat',
    'sue',
    'art',
    'rob',
    'guy',
    'jack',
    'frank',
    'rich',
    'sunny',
    'summer',
    'june',
    'april',
    // Surnames that are Norwegian words (landscape, trades, farms).
    'berg',
    'dal',
    'dahl',
    'strand',
    'lie',
    'li',
    'moe',
    'mo',
    'bakke',
    'bakken',
    'haug',
    'haugen',
    'holm',
    'sand',
    'vik',
    'lund',
    'skog',
    'fjell',
    'elv',
    'bru',
    'bro',
    'eng',
    'enge',
    'hage',
    'hagen',
    'aas',
    'ås',
    'nes',
    'næss',
    'sæther',
    'foss',
    'vold',
    'voll',
    'myr',
    'myhre',
    'rud',
    'ruud',
    'lia',
    'nordby',
    'øye',
    'sjø',
    'sjøberg',
    'sten',
    'stue',
    'tveit',
    'viken',
    'bø',
    'bu',
    'dale',
    'hole',
    // English surnames that are words.
    'smith',
    'baker',
    'cook',
    'hill',
    'wood',
    'green',
    'brown',
    'white',
    'black',
    'young',
    'king',
    'long',
    'bell',
    'hall',
    'lane',
    'rice',
    'moore',
    'street',
    'park',
    'field',
    'fox',
    'wolf',
    'hunt',
  ].map(fold),
);

/**
 * Verbs that, right after a sentence's first word, make it a person who acts ("Per sa …", "Liv mener …"),
 * not the ordinary word ("Per time …", "Liv og helse …").
 */
const VERBS_AFTER_A_NAME = new Set(
  [
    'sa',
    'sier',
    'mener',
    'mente',
    'foreslo',
    'foreslår',
    'spurte',
    'spør',
    'skrev',
    'skriver',
    'har',
    'hadde',
    'var',
    'er',
    'vil',
    'ville',
    'skal',
    'skulle',
    'kan',
    'kunne',
    'må',
    'måtte',
    'tok',
    'tar',
    'fikk',
    'får',
    'ga',
    'gir',
    'kom',
    'leder',
    'ledet',
    'ønsker',
    'tror',
    'synes',
    'syntes',
    'viste',
    'ringte',
    'fortalte',
    'forteller',
    'svarte',
    'svarer',
    'said',
    'says',
    'asked',
    'asks',
    'thinks',
    'thought',
    'wrote',
    'writes',
    'has',
    'had',
    'was',
    'is',
    'will',
    'would',
    'can',
    'could',
    'must',
    'took',
    'takes',
    'got',
    'gets',
    'gave',
    'gives',
    'came',
    'leads',
    'led',
    'wants',
    'suggested',
    'suggests',
    'proposed',
    'told',
    'tells',
    'replied',
    'answered',
    'called',
  ].map(fold),
);

/** Lower case, diacritics removed, and the ways Norwegian letters are spelt out made one. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/[øö]/g, 'o')
    .replace(/[åä]/g, 'a')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o');
}

const DIGITS = /^[0-9]+$/;

/**
 * Folded words already seen, per matcher. Folding takes eight string operations and free text repeats
 * its words, so this was most of an export's name search. Emptied when full, so memory stays bounded
 * however long the export (a folded word does not depend on anything but the word).
 */
class FoldCache {
  private readonly folded = new Map<string, string>();

  constructor(private readonly capacity = 20_000) {}

  fold(word: string): string {
    // Numbers ("40", "2026") fold to themselves and would only crowd the cache.
    if (DIGITS.test(word)) return word;
    let key = this.folded.get(word);
    if (key === undefined) {
      key = fold(word);
      if (this.folded.size >= this.capacity) this.folded.clear();
      this.folded.set(word, key);
    }
    return key;
  }
}

function words(text: string, cache: FoldCache): Word[] {
  const found: Word[] = [];
  // One regular expression object per call (`exec` keeps its position in it); faster than matchAll.
  const word = new RegExp(WORD.source, WORD.flags);
  for (let match = word.exec(text); match !== null; match = word.exec(text)) {
    const value = match[0];
    found.push({
      key: cache.fold(value),
      start: match.index,
      end: match.index + value.length,
      capitalised: isCapitalised(value),
    });
  }
  return found;
}

/** Whether a word starts with a capital letter (ASCII letters and digits decided without case mapping). */
function isCapitalised(value: string): boolean {
  const code = value.charCodeAt(0);
  if (code >= 65 && code <= 90) return true;
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return false;
  const first = value.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

/**
 * The words of a display name that name the person, in reading order: brackets and the unit after a
 * spaced dash, bar or slash removed; "Surname, Given" turned round.
 */
export function nameWords(displayName: string): string[] {
  let name = displayName.replace(/\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|<[^>]*>/g, ' ');
  name = name.split(/\s[-–—|/]\s|\s*\|\s*/)[0] ?? '';
  const comma = name.split(',');
  if (comma.length === 2 && (comma[1] ?? '').trim() !== '') name = `${comma[1]} ${comma[0]}`;
  return [...name.matchAll(WORD)].map((match) => match[0]);
}

function isSentenceStart(text: string, position: number): boolean {
  const before = text.slice(Math.max(0, position - 4), position);
  if (position === 0 || /^\s*$/.test(text.slice(0, position))) return true;
  return /(?:[.!?:;]\s+|\n\s*(?:[-*•>]\s*)?|^\s*[-*•>]\s+|["«“(]\s*)$/u.test(before);
}

export class NameMatcher {
  /** First word of each name → the names starting with it, most words first. */
  private readonly byFirstWord = new Map<string, IndexedName[]>();
  /** A single name word → the people whose names contain it. */
  private readonly byPart = new Map<string, Set<string>>();
  /** Person → their name words, for initials. */
  private readonly partsOf = new Map<string, string[]>();
  private readonly folds = new FoldCache();

  constructor(people: Iterable<NamedPerson>) {
    for (const person of people) {
      const original = nameWords(person.displayName);
      const keys = original.map(fold);
      const first = keys[0];
      if (first === undefined) continue;
      const list = this.byFirstWord.get(first) ?? [];
      list.push({ personId: person.personId, words: keys });
      this.byFirstWord.set(first, list);
      this.partsOf.set(person.personId, [...(this.partsOf.get(person.personId) ?? []), ...keys]);
      original.forEach((word, index) => {
        const key = keys[index] ?? '';
        if ([...key].length < MIN_PART_LENGTH) return;
        // "van" in "Anne van Dijk" is a name only together with the rest.
        if (PARTICLES.has(key) && word === word.toLowerCase()) return;
        const owners = this.byPart.get(key) ?? new Set<string>();
        owners.add(person.personId);
        this.byPart.set(key, owners);
      });
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
    const found = words(text, this.folds);
    let result = '';
    let copiedUpTo = 0;
    let index = 0;
    while (index < found.length) {
      const hit = this.matchAt(text, found, index);
      if (hit === undefined) {
        index += 1;
        continue;
      }
      let start = found[index]?.start ?? 0;
      // "I. Hansen": the initial before the name belongs to it.
      const previous = found[index - 1];
      if (
        hit.match.kind === 'person' &&
        previous !== undefined &&
        previous.start >= copiedUpTo &&
        this.isInitialOf(text, previous, found[index], hit.match.personId)
      ) {
        start = previous.start;
      }
      result += text.slice(copiedUpTo, start) + replacement(hit.match);
      copiedUpTo = hit.end;
      index = hit.lastWord + 1;
    }
    return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
  }

  private matchAt(
    text: string,
    found: readonly Word[],
    index: number,
  ): { match: NameMatch; lastWord: number; end: number } | undefined {
    const word = found[index];
    if (word === undefined) return undefined;
    for (const name of this.byFirstWord.get(word.key) ?? []) {
      const genitive = this.wordsFollow(text, found, index, name.words);
      if (genitive !== undefined) {
        return this.finish(text, found, index + name.words.length - 1, new Set([name.personId]), genitive);
      }
    }
    if (!word.capitalised) return undefined;
    const { key: part, genitive } = this.partOf(word.key);
    const owners = part === undefined ? undefined : this.byPart.get(part);
    if (owners === undefined || part === undefined) return undefined;
    // "Nordmann, Kari" or "Kari Olsen" (a name the directory has as "Kari Nordmann Olsen"): neighbouring
    // capitalised words of the same person's name are taken into the same replacement.
    let candidates = new Set(owners);
    let lastWord = index;
    let lastGenitive = genitive;
    for (let next = index + 1; next < found.length && !lastGenitive; next += 1) {
      const following = found[next];
      const previous = found[next - 1];
      if (following === undefined || previous === undefined || !following.capitalised) break;
      if (!NEIGHBOUR_SEPARATOR.test(text.slice(previous.end, following.start))) break;
      if (following.key === previous.key) break;
      const followingPart = this.partOf(following.key);
      const partKey = followingPart.key;
      if (partKey === undefined) break;
      const shared = [...candidates].filter((id) => this.byPart.get(partKey)?.has(id) ?? false);
      if (shared.length === 0) break;
      candidates = new Set(shared);
      lastWord = next;
      lastGenitive = followingPart.genitive;
    }
    const hit = this.finish(text, found, lastWord, candidates, lastGenitive);
    const alone = hit.lastWord === index && !hit.match.genitive;
    const before = found[index - 1];
    const initialBefore =
      hit.match.kind === 'person' &&
      before !== undefined &&
      this.isInitialOf(text, before, word, hit.match.personId);
    // "Per time betaler vi …": at the start of a sentence a word that is also an ordinary word is one.
    if (
      alone &&
      !initialBefore &&
      ALSO_ORDINARY_WORDS.has(part) &&
      isSentenceStart(text, word.start) &&
      !VERBS_AFTER_A_NAME.has(found[index + 1]?.key ?? '')
    ) {
      return undefined;
    }
    return hit;
  }

  /**
   * The match ending at `lastWord`: one person or ambiguous, with a trailing initial ("Ingrid H.") and an
   * apostrophe genitive ("Ingrid's", "Lars'") taken in.
   */
  private finish(
    text: string,
    found: readonly Word[],
    lastWord: number,
    candidates: ReadonlySet<string>,
    genitive: boolean,
  ): { match: NameMatch; lastWord: number; end: number } {
    const [only, ...others] = candidates;
    const personId = others.length === 0 ? only : undefined;
    let end = found[lastWord]?.end ?? 0;
    let last = lastWord;
    let isGenitive = genitive;
    if (!isGenitive) {
      const word = found[lastWord];
      const next = found[lastWord + 1];
      if (personId !== undefined && word && next && this.isInitialAfter(text, word, next, personId)) {
        end = next.end + 1;
        last = lastWord + 1;
      }
      const apostrophe = APOSTROPHE_GENITIVE.exec(text.slice(end));
      if (apostrophe) {
        end += apostrophe[0].length;
        isGenitive = true;
        last = this.wordIndexAt(found, end, last);
      }
    }
    const match: NameMatch =
      personId === undefined
        ? { kind: 'ambiguous', genitive: isGenitive }
        : { kind: 'person', personId, genitive: isGenitive };
    return { match, lastWord: last, end };
  }

  /** "Ingrid H.": a capital initial and a dot after the name, the initial of another of its words. */
  private isInitialAfter(text: string, word: Word, next: Word, personId: string): boolean {
    if (!next.capitalised || [...next.key].length !== 1) return false;
    if (!/^\s$/.test(text.slice(word.end, next.start)) || text.charAt(next.end) !== '.') return false;
    return (this.partsOf.get(personId) ?? []).some((part) => part !== word.key && part.startsWith(next.key));
  }

  /** "I. Hansen": a capital initial and a dot before the name, the initial of another of its words. */
  private isInitialOf(text: string, initial: Word, word: Word | undefined, personId: string): boolean {
    if (!word || !initial.capitalised || [...initial.key].length !== 1) return false;
    if (!/^\.\s$/.test(text.slice(initial.end, word.start))) return false;
    return (this.partsOf.get(personId) ?? []).some(
      (part) => part !== word.key && part.startsWith(initial.key),
    );
  }

  /** The last word that ends at or before `end` (an "s" after an apostrophe is a word of its own). */
  private wordIndexAt(found: readonly Word[], end: number, from: number): number {
    let index = from;
    while ((found[index + 1]?.end ?? Infinity) <= end) index += 1;
    return index;
  }

  /** A word as a name part: as it is, or a genitive in -s of a part ("ingrids" → "ingrid"). */
  private partOf(key: string): { key: string | undefined; genitive: boolean } {
    if (this.byPart.has(key)) return { key, genitive: false };
    if (key.length > MIN_PART_LENGTH && key.endsWith('s')) {
      const stem = key.slice(0, -1);
      if (this.byPart.has(stem) && !/[sxz]$/.test(stem)) return { key: stem, genitive: true };
    }
    return { key: undefined, genitive: false };
  }

  /**
   * Whether the name's words follow from `index`: undefined if not, else whether the last word was
   * written in the genitive ("Ingrid Johansens").
   */
  private wordsFollow(
    text: string,
    found: readonly Word[],
    index: number,
    name: readonly string[],
  ): boolean | undefined {
    let genitive = false;
    for (let offset = 0; offset < name.length; offset += 1) {
      const word = found[index + offset];
      const expected = name[offset];
      if (word === undefined || expected === undefined) return undefined;
      if (word.key !== expected) {
        const isLast = offset === name.length - 1 && name.length > 1;
        if (!(isLast && word.key === `${expected}s` && !/[sxz]$/.test(expected))) return undefined;
        genitive = true;
      }
      if (offset > 0) {
        const previous = found[index + offset - 1];
        if (previous === undefined || !SEPARATOR.test(text.slice(previous.end, word.start))) return undefined;
      }
    }
    return genitive;
  }
}
