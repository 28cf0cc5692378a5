/**
 * Command words, in Norwegian Bokmål, Norwegian Nynorsk and English, and the parser that turns a chat message into what
 * the person asked for. Pure: no I/O. The same table feeds the help card, so a word that works is a word
 * that is listed.
 *
 * Words that could begin an ordinary answer ("status", "neste") only count when they are the whole
 * message; words that take an argument ("idé …", "ny sak …") count at the start. An answer that has to
 * begin with a command word can be forced with "svar: …" / "answer: …".
 */
import { LANGUAGES, type CaseRole, type Language, type Localized } from '../engine';

export type BotIntent =
  | { kind: 'help' }
  /**
   * `language`: the language of the words used, which a new case speaks; absent for words Bokmål and
   * Nynorsk share ("ny sak"), where the written form is the turn's.
   */
  | { kind: 'openCase'; title?: string; language?: Language }
  | { kind: 'status' }
  | { kind: 'stageForm' }
  | { kind: 'nextQuestion' }
  | { kind: 'skip' }
  | { kind: 'notApplicable'; reason: string }
  | { kind: 'answer'; text: string }
  | { kind: 'idea'; text: string }
  | { kind: 'barrier'; text: string }
  | { kind: 'requestReview' }
  | { kind: 'withdrawReview'; reason?: string }
  | { kind: 'listCases' }
  | { kind: 'switchCase'; which: string }
  /** `norwegian`: "språk norsk", which the municipality's written form decides. */
  | { kind: 'language'; language?: Language | 'norwegian' }
  /**
   * "mitt språk nn": the person's own language for what only they see; `case` follows the case again;
   * `unrecognised`: a word that names no language ("mitt språk fransk").
   */
  | { kind: 'ownLanguage'; language?: Language | 'norwegian' | 'case'; unrecognised?: string }
  | { kind: 'join' }
  | { kind: 'role'; role: Exclude<CaseRole, 'owner'>; revoke: boolean }
  | { kind: 'pause'; reason: string }
  | { kind: 'resume' }
  | { kind: 'stop'; reason: string }
  /** "My contributions may not be used for research" (and back). */
  | { kind: 'declineResearch' }
  | { kind: 'allowResearch' }
  /** Anything else: an answer to the pending question, if there is one. */
  | { kind: 'text'; text: string };

export type IntentKind = BotIntent['kind'];

interface CommandWord {
  kind: IntentKind;
  /**
   * Phrases in each language, lower case; the first of each is the one shown in help. A phrase of any
   * language is accepted whatever the case's language.
   */
  words: { readonly [L in Language]: string[] };
  /** Whether the phrase takes text after it. */
  takesArgument: 'none' | 'optional' | 'required';
  description: Localized;
}

export const COMMAND_WORDS: readonly CommandWord[] = [
  {
    kind: 'help',
    words: { nb: ['hjelp'], nn: ['hjelp'], en: ['help', '?'] },
    takesArgument: 'none',
    description: { nb: 'viser denne oversikten', nn: 'viser denne oversikta', en: 'shows this overview' },
  },
  {
    kind: 'openCase',
    words: { nb: ['ny sak', 'åpne sak'], nn: ['ny sak', 'opne sak'], en: ['new case', 'open case'] },
    takesArgument: 'optional',
    description: {
      nb: 'starter en ny sak: «ny sak Hverdagsrehabilitering» (uten tittel får du et skjema)',
      nn: 'startar ei ny sak: «ny sak Kvardagsrehabilitering» (utan tittel får du eit skjema)',
      en: 'opens a new case: “new case Everyday rehabilitation” (without a title you get a form)',
    },
  },
  {
    kind: 'status',
    words: { nb: ['status', 'oversikt'], nn: ['status', 'oversikt'], en: ['status', 'overview'] },
    takesArgument: 'none',
    description: {
      nb: 'viser hvor saken står',
      nn: 'viser kvar saka står',
      en: 'shows where the case stands',
    },
  },
  {
    kind: 'stageForm',
    words: { nb: ['skjema', 'dokumenter'], nn: ['skjema', 'dokumenter'], en: ['form', 'document'] },
    takesArgument: 'none',
    description: {
      nb: 'viser skjemaet for steget dere er i',
      nn: 'viser skjemaet for steget de er i',
      en: 'shows the form for the current stage',
    },
  },
  {
    kind: 'nextQuestion',
    words: { nb: ['neste', 'spør'], nn: ['neste', 'spør'], en: ['next', 'ask'] },
    takesArgument: 'none',
    description: {
      nb: 'stiller neste ubesvarte spørsmål',
      nn: 'stiller det neste spørsmålet som ikkje er svara på',
      en: 'asks the next open question',
    },
  },
  {
    kind: 'skip',
    words: { nb: ['hopp over', 'hopp'], nn: ['hopp over', 'hopp'], en: ['skip'] },
    takesArgument: 'none',
    description: {
      nb: 'hopper over spørsmålet for nå',
      nn: 'hoppar over spørsmålet for no',
      en: 'skips the question for now',
    },
  },
  {
    kind: 'notApplicable',
    words: {
      nb: ['ikke relevant', 'ikke aktuelt'],
      nn: ['ikkje relevant', 'ikkje aktuelt'],
      en: ['not applicable', 'n/a'],
    },
    takesArgument: 'required',
    description: {
      nb: 'svarer «ikke relevant, fordi …» på spørsmålet',
      nn: 'svarar «ikkje relevant, fordi …» på spørsmålet',
      en: 'answers “not applicable, because …” to the question',
    },
  },
  {
    kind: 'answer',
    words: { nb: ['svar'], nn: ['svar'], en: ['answer'] },
    takesArgument: 'required',
    description: {
      nb: 'svarer på spørsmålet: «svar: …»',
      nn: 'svarar på spørsmålet: «svar: …»',
      en: 'answers the question: “answer: …”',
    },
  },
  {
    kind: 'idea',
    words: { nb: ['idé', 'ide', 'ny idé'], nn: ['idé', 'ide', 'ny idé'], en: ['idea'] },
    takesArgument: 'required',
    description: {
      nb: 'tar vare på en idé, gjerne med hvor den kom fra: «idé brukere: …», «idé ansatte: …»',
      nn: 'tek vare på ein idé, gjerne med kvar han kom frå: «idé brukarar: …», «idé tilsette: …»',
      en: 'captures an idea, with where it came from if you like: “idea users: …”, “idea employees: …”',
    },
  },
  {
    kind: 'barrier',
    words: { nb: ['barriere', 'hinder'], nn: ['barriere', 'hinder'], en: ['barrier'] },
    takesArgument: 'required',
    description: {
      nb: 'registrerer en barriere, gjerne med kategori: «barriere turnus: …»',
      nn: 'registrerer ein barriere, gjerne med kategori: «barriere turnus: …»',
      en: 'records a barrier, with a category if you like: “barrier shift work: …”',
    },
  },
  {
    kind: 'requestReview',
    words: {
      nb: ['be om vurdering', 'vurdering', 'send til godkjenning'],
      nn: ['be om vurdering', 'vurdering', 'send til godkjenning'],
      en: ['request review', 'review'],
    },
    takesArgument: 'none',
    description: {
      nb: 'ber lederne vurdere porten',
      nn: 'ber leiarane vurdere porten',
      en: 'asks the managers to review the gate',
    },
  },
  {
    kind: 'withdrawReview',
    words: {
      nb: ['trekk vurdering', 'trekk'],
      nn: ['trekk vurdering', 'trekk', 'trekk tilbake'],
      en: ['withdraw review', 'withdraw'],
    },
    takesArgument: 'optional',
    description: {
      nb: 'trekker forespørselen om vurdering',
      nn: 'trekkjer tilbake førespurnaden om vurdering',
      en: 'withdraws the review request',
    },
  },
  {
    kind: 'listCases',
    words: { nb: ['saker'], nn: ['saker'], en: ['cases'] },
    takesArgument: 'none',
    description: {
      nb: 'viser sakene i denne samtalen',
      nn: 'listar opp sakene i denne samtalen',
      en: 'lists the cases in this conversation',
    },
  },
  {
    kind: 'switchCase',
    words: { nb: ['bytt sak', 'bytt'], nn: ['byt sak', 'byt'], en: ['switch case', 'switch'] },
    takesArgument: 'required',
    description: { nb: 'bytter sak: «bytt 2»', nn: 'byter sak: «byt 2»', en: 'switches case: “switch 2”' },
  },
  {
    kind: 'language',
    words: { nb: ['språk'], nn: ['språk'], en: ['language'] },
    takesArgument: 'optional',
    description: {
      nb: 'bytter språk for saken: «språk nb» (bokmål), «språk nn» (nynorsk) eller «språk en» (engelsk)',
      nn: 'byter språk for saka: «språk nn» (nynorsk), «språk nb» (bokmål) eller «språk en» (engelsk)',
      en: 'changes the case language: “language en” (English), “language nb” (Bokmål) or “language nn” (Nynorsk)',
    },
  },
  {
    kind: 'ownLanguage',
    words: { nb: ['mitt språk'], nn: ['mitt språk'], en: ['my language'] },
    takesArgument: 'optional',
    description: {
      nb: 'ditt eget språk på kortene bare du ser: «mitt språk nn», eller «mitt språk sak» for sakens',
      nn: 'ditt eige språk på korta berre du ser: «mitt språk nn», eller «mitt språk sak» for språket til saka',
      en: 'your own language on the cards only you see: “my language en”, or “my language case” for the case’s',
    },
  },
  {
    kind: 'join',
    words: { nb: ['bli med'], nn: ['bli med'], en: ['join'] },
    takesArgument: 'none',
    description: { nb: 'blir med i saken', nn: 'blir med i saka', en: 'joins the case' },
  },
  {
    kind: 'role',
    words: {
      nb: ['leder', 'forsker', 'deltaker'],
      nn: ['leiar', 'forskar', 'deltakar'],
      en: ['manager', 'researcher', 'member'],
    },
    takesArgument: 'required',
    description: {
      nb: 'gir roller (eieren): «leder @navn», «forsker @navn»; «fjern forsker @navn» tar tilgangen bort',
      nn: 'gjev roller (eigaren): «leiar @namn», «forskar @namn»; «fjern forskar @namn» tek tilgangen bort',
      en: 'gives roles (the owner): “manager @name”, “researcher @name”; “remove researcher @name” takes access away',
    },
  },
  {
    kind: 'pause',
    words: { nb: ['pause'], nn: ['pause'], en: ['pause'] },
    takesArgument: 'required',
    description: {
      nb: 'setter saken på pause (ledere): «pause fordi …»',
      nn: 'set saka på pause (leiarar): «pause fordi …»',
      en: 'pauses the case (managers): “pause because …”',
    },
  },
  {
    kind: 'resume',
    words: { nb: ['gjenoppta', 'fortsett'], nn: ['ta opp att', 'hald fram'], en: ['resume'] },
    takesArgument: 'none',
    description: {
      nb: 'gjenopptar saken (ledere)',
      nn: 'tek saka opp att (leiarar)',
      en: 'resumes the case (managers)',
    },
  },
  {
    kind: 'stop',
    words: { nb: ['stopp', 'avslutt'], nn: ['stopp', 'avslutt'], en: ['stop'] },
    takesArgument: 'required',
    description: {
      nb: 'stopper saken for godt (ledere): «stopp fordi …»',
      nn: 'stoppar saka for godt (leiarar): «stopp fordi …»',
      en: 'stops the case for good (managers): “stop because …”',
    },
  },
  {
    kind: 'declineResearch',
    words: {
      nb: ['reserver meg mot forskning', 'reserver meg', 'nei til forskning'],
      nn: ['reserver meg mot forsking', 'reserver meg', 'nei til forsking'],
      en: ['opt out of research', 'no research'],
    },
    takesArgument: 'none',
    description: {
      nb: 'det du skriver i saken, holdes tilbake fra forskerne (saken og prosessen ellers er med)',
      nn: 'det du skriv i saka, blir halde tilbake frå forskarane (saka og prosessen elles er med)',
      en: 'what you write in the case is withheld from researchers (the case and its process still count)',
    },
  },
  {
    kind: 'allowResearch',
    words: {
      nb: ['forskning ok', 'ja til forskning', 'trekk reservasjonen'],
      nn: ['forsking ok', 'ja til forsking', 'trekk reservasjonen'],
      en: ['research ok', 'opt in to research'],
    },
    takesArgument: 'none',
    description: {
      nb: 'trekker reservasjonen mot forskning tilbake',
      nn: 'trekkjer tilbake reservasjonen mot forsking',
      en: 'takes back your objection to research use',
    },
  },
];

const ROLE_WORDS: Record<string, Exclude<CaseRole, 'owner'>> = {
  leder: 'manager',
  leiar: 'manager',
  manager: 'manager',
  forsker: 'researcher',
  forskar: 'researcher',
  researcher: 'researcher',
  deltaker: 'member',
  deltakar: 'member',
  member: 'member',
};

const REVOKE_PREFIXES = ['fjern ', 'remove ', 'revoke '];

/** Words that introduce a reason: "pause fordi …", "stop because …". */
const REASON_LEAD = /^(?:fordi|because|siden|sidan|since|:|,|-|–)\s*/i;

/**
 * Reads a message (with the bot's own @mention already removed) as an intent. Mentions of other people
 * are left to the caller: they become person ids, never text here.
 */
export function parseCommand(rawText: string): BotIntent {
  const text = rawText.replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  if (lower === '') return { kind: 'help' };

  for (const prefix of REVOKE_PREFIXES) {
    if (lower.startsWith(prefix)) {
      const role = ROLE_WORDS[lower.slice(prefix.length).split(' ')[0] ?? ''];
      if (role) return { kind: 'role', role, revoke: true };
    }
  }

  // Longest phrase first, so "be om vurdering" wins over "vurdering" and "trekk vurdering" over "trekk".
  const phrases = COMMAND_WORDS.flatMap((command) =>
    [...new Set(LANGUAGES.flatMap((language) => command.words[language]))].map((phrase) => ({
      phrase,
      command,
    })),
  ).sort((a, b) => b.phrase.length - a.phrase.length);

  for (const { phrase, command } of phrases) {
    if (lower === phrase) return intentFor(command.kind, phrase, '');
    if (command.takesArgument === 'none') continue;
    if (!lower.startsWith(phrase)) continue;
    const next = text.charAt(phrase.length);
    if (next !== ' ' && next !== ':' && next !== ',') continue;
    const argument = text
      .slice(phrase.length)
      .replace(/^[\s:,]+/, '')
      .trim();
    return intentFor(command.kind, phrase, argument);
  }
  return { kind: 'text', text };
}

/** The language a word names ("nn", "nynorsk", "english"); plain "norsk" leaves the form to the caller. */
function languageWord(argument: string): Language | 'norwegian' | undefined {
  const wanted = argument.toLowerCase();
  if (['nn', 'nynorsk', 'norwegian nynorsk'].includes(wanted)) return 'nn';
  if (['nb', 'bokmål', 'bokmal', 'norwegian bokmål'].includes(wanted)) return 'nb';
  if (['no', 'norsk', 'norwegian'].includes(wanted)) return 'norwegian';
  if (['en', 'engelsk', 'english'].includes(wanted)) return 'en';
  return undefined;
}

function intentFor(kind: IntentKind, phrase: string, argument: string): BotIntent {
  switch (kind) {
    case 'openCase': {
      // The language whose words these are; words Bokmål and Nynorsk share ("ny sak") say only that the
      // case is Norwegian, and the caller picks the written form (chatIntents/openCase.ts).
      const languages = LANGUAGES.filter((l) =>
        COMMAND_WORDS.some((c) => c.kind === kind && c.words[l].includes(phrase)),
      );
      const shared = languages.includes('nb') && languages.includes('nn');
      const language = shared ? undefined : (languages[0] ?? 'en');
      return {
        kind,
        ...(argument !== '' && { title: argument }),
        ...(language !== undefined && { language }),
      };
    }
    case 'notApplicable':
      return { kind, reason: argument.replace(REASON_LEAD, '').trim() };
    case 'answer':
    case 'idea':
    case 'barrier':
      return { kind, text: argument };
    case 'withdrawReview':
      return argument ? { kind, reason: argument.replace(REASON_LEAD, '').trim() } : { kind };
    case 'switchCase':
      return { kind, which: argument };
    case 'language': {
      const language = languageWord(argument);
      return language === undefined ? { kind } : { kind, language };
    }
    case 'ownLanguage': {
      const wanted = argument.toLowerCase();
      if (['sak', 'saka', 'saken', 'case', 'the case'].includes(wanted)) return { kind, language: 'case' };
      const language = languageWord(argument);
      if (language !== undefined) return { kind, language };
      return argument === '' ? { kind } : { kind, unrecognised: argument };
    }
    case 'role':
      return { kind, role: ROLE_WORDS[phrase] ?? 'member', revoke: false };
    case 'pause':
    case 'stop':
      return { kind, reason: argument.replace(REASON_LEAD, '').trim() };
    case 'help':
    case 'status':
    case 'stageForm':
    case 'nextQuestion':
    case 'skip':
    case 'requestReview':
    case 'listCases':
    case 'join':
    case 'resume':
    case 'declineResearch':
    case 'allowResearch':
      return { kind };
    case 'text':
      return { kind, text: argument };
  }
}

/** The help list in one language: the first phrase of each command and what it does. */
export function commandHelp(language: Language): { words: string[]; description: string }[] {
  return COMMAND_WORDS.map((command) => ({
    words: command.words[language].slice(0, 2),
    description: command.description[language],
  }));
}

/**
 * "brukere: de vil ha faste tider" → the idea source whose id or label the hint names, and the rest as the
 * idea; no hint, or one that names no source, leaves the source unsaid (and the whole text the idea).
 */
export function ideaSourceOf<Source extends { id: string; label: Localized }>(
  text: string,
  sources: readonly Source[],
): { source?: Source; text: string } {
  const match = /^([^:]{2,40}):\s*(.+)$/s.exec(text);
  if (!match) return { text };
  const hint = (match[1] ?? '')
    .trim()
    .toLowerCase()
    .replace(/^(?:fra|frå|from)\s+/, '');
  const source = sources.find(
    (s) =>
      s.id === hint ||
      LANGUAGES.some((language) => s.label[language].toLowerCase().includes(hint)) ||
      IDEA_SOURCE_WORDS[hint] === s.id,
  );
  return source === undefined ? { text } : { source, text: (match[2] ?? '').trim() };
}

/** Short words people use for the template's idea sources. */
const IDEA_SOURCE_WORDS: Record<string, string> = {
  ansatte: 'employees-practice',
  tilsette: 'employees-practice',
  hverdagen: 'employees-practice',
  kvardagen: 'employees-practice',
  employees: 'employees-practice',
  staff: 'employees-practice',
  brukere: 'users-next-of-kin',
  brukarar: 'users-next-of-kin',
  pårørende: 'users-next-of-kin',
  pårørande: 'users-next-of-kin',
  users: 'users-next-of-kin',
  politikere: 'political-proposal',
  politikarar: 'political-proposal',
  politisk: 'political-proposal',
  politicians: 'political-proposal',
  ledelsen: 'administrative-leadership',
  leiinga: 'administrative-leadership',
  management: 'administrative-leadership',
  frivillige: 'volunteer-organisations',
  volunteers: 'volunteer-organisations',
  kommuner: 'other-municipalities',
  kommunar: 'other-municipalities',
  municipalities: 'other-municipalities',
};
