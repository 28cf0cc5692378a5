/**
 * Every refusal the engine can give, in one place, in Norwegian Bokmål, Norwegian Nynorsk and English. Each says what is
 * wrong and, where there is one, what to do next: a refusal is read by a person in a Teams chat.
 */
import type { CaseStatus } from './state';
import type { CaseRole } from './template';
import { byLanguage, plurals, type Language, type Localized } from './localized';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors';

const ROLE_NAMES: Record<CaseRole, Localized> = {
  owner: { nb: 'eier', nn: 'eigar', en: 'owner' },
  member: { nb: 'deltaker', nn: 'deltakar', en: 'member' },
  manager: { nb: 'leder', nn: 'leiar', en: 'manager' },
  researcher: { nb: 'forsker', nn: 'forskar', en: 'researcher' },
};

/** Who holds a role, as the subject of "Bare … kan" / "Berre … kan" / "Only … can". */
const WHO_HOLDS: Record<CaseRole, Localized> = {
  owner: { nb: 'eieren av saken', nn: 'eigaren av saka', en: 'the owner of the case' },
  member: { nb: 'deltakerne i saken', nn: 'deltakarane i saka', en: 'the members of the case' },
  manager: { nb: 'en leder i saken', nn: 'ein leiar i saka', en: 'a manager of the case' },
  researcher: { nb: 'en forsker i saken', nn: 'ein forskar i saka', en: 'a researcher in the case' },
};

const STATUS_NAMES: Record<CaseStatus, Localized> = {
  active: { nb: 'aktiv', nn: 'aktiv', en: 'active' },
  paused: { nb: 'satt på pause', nn: 'sett på pause', en: 'paused' },
  stopped: { nb: 'stoppet', nn: 'stoppa', en: 'stopped' },
  completed: { nb: 'fullført', nn: 'fullført', en: 'completed' },
};

export function roleName(role: CaseRole): Localized {
  return ROLE_NAMES[role];
}

export function statusName(status: CaseStatus): Localized {
  return STATUS_NAMES[status];
}

/** Each language's quotation marks. */
const QUOTES: { readonly [L in Language]: readonly [string, string] } = {
  nb: ['«', '»'],
  nn: ['«', '»'],
  en: ['“', '”'],
};

function quoted(text: Localized): Localized {
  return byLanguage((language) => `${QUOTES[language][0]}${text[language]}${QUOTES[language][1]}`);
}

export const refuse = {
  caseNotFound: (caseId: string) =>
    new NotFoundError(
      'caseNotFound',
      {
        nb: 'Fant ikke saken. Start en ny sak, eller velg en annen.',
        nn: 'Fann ikkje saka. Start ei ny sak, eller vel ei anna.',
        en: 'Case not found. Open a new case, or choose another one.',
      },
      { caseId },
    ),

  caseAlreadyExists: (caseId: string) =>
    new ConflictError(
      'caseAlreadyExists',
      {
        nb: 'Det finnes allerede en sak med denne id-en.',
        nn: 'Det finst allereie ei sak med denne id-en.',
        en: 'A case with this id already exists.',
      },
      { caseId },
    ),

  notAParticipant: () =>
    new ForbiddenError('notAParticipant', {
      nb: 'Du er ikke med i denne saken ennå. Bli med i saken først, eller be eieren legge deg til.',
      nn: 'Du er ikkje med i denne saka enno. Bli med i saka først, eller be eigaren leggje deg til.',
      en: 'You are not part of this case yet. Join the case first, or ask its owner to add you.',
    }),

  roleRequired: (role: CaseRole, action: Localized) =>
    new ForbiddenError(
      'roleRequired',
      {
        nb: `Bare ${WHO_HOLDS[role].nb} kan ${action.nb}.`,
        nn: `Berre ${WHO_HOLDS[role].nn} kan ${action.nn}.`,
        en: `Only ${WHO_HOLDS[role].en} can ${action.en}.`,
      },
      { role },
    ),

  notADecider: (role: CaseRole, stageTitle: Localized) =>
    new ForbiddenError(
      'notADecider',
      {
        nb: `Bare en ${ROLE_NAMES[role].nb} kan avgjøre porten etter ${quoted(stageTitle).nb}.`,
        nn: `Berre ein ${ROLE_NAMES[role].nn} kan avgjere porten etter ${quoted(stageTitle).nn}.`,
        en: `Only a ${ROLE_NAMES[role].en} can decide the gate after ${quoted(stageTitle).en}.`,
      },
      { role },
    ),

  requesterCannotApprove: () =>
    new ForbiddenError('requesterCannotApprove', {
      nb: 'Du ba selv om denne vurderingen, så du kan ikke godkjenne den (fire øyne). En annen leder må godkjenne.',
      nn: 'Du bad sjølv om denne vurderinga, så du kan ikkje godkjenne ho (fire auge). Ein annan leiar må godkjenne.',
      en: 'You requested this review yourself, so you cannot approve it (four-eyes rule). Another manager must approve.',
    }),

  caseNotActive: (status: CaseStatus) =>
    new ConflictError(
      'caseNotActive',
      {
        nb: `Saken er ${STATUS_NAMES[status].nb}.${status === 'paused' ? ' En leder må gjenoppta den først.' : ''}`,
        nn: `Saka er ${STATUS_NAMES[status].nn}.${status === 'paused' ? ' Ein leiar må ta ho opp att først.' : ''}`,
        en: `The case is ${STATUS_NAMES[status].en}.${status === 'paused' ? ' A manager must resume it first.' : ''}`,
      },
      { status },
    ),

  stageNotCurrent: (stageTitle: Localized, currentTitle: Localized) =>
    new ConflictError('stageNotCurrent', {
      nb: `${quoted(stageTitle).nb} er ikke steget saken står i nå; den står i ${quoted(currentTitle).nb}. Hent et oppdatert kort.`,
      nn: `${quoted(stageTitle).nn} er ikkje steget saka står i no; ho står i ${quoted(currentTitle).nn}. Hent eit oppdatert kort.`,
      en: `${quoted(stageTitle).en} is not the stage the case is in; it is in ${quoted(currentTitle).en}. Fetch an updated card.`,
    }),

  unknownStage: (stageId: string) =>
    new NotFoundError(
      'unknownStage',
      { nb: `Ukjent steg «${stageId}».`, nn: `Ukjent steg «${stageId}».`, en: `Unknown stage “${stageId}”.` },
      { stageId },
    ),

  unknownPrompt: (promptId: string, stageTitle: Localized) =>
    new NotFoundError(
      'unknownPrompt',
      {
        nb: `Spørsmålet «${promptId}» hører ikke til ${quoted(stageTitle).nb}.`,
        nn: `Spørsmålet «${promptId}» høyrer ikkje til ${quoted(stageTitle).nn}.`,
        en: `Question “${promptId}” does not belong to ${quoted(stageTitle).en}.`,
      },
      { promptId },
    ),

  invalidAnswer: (promptLabel: Localized, problem: Localized, details: Record<string, unknown> = {}) =>
    new ValidationError(
      'invalidAnswer',
      {
        nb: `Svaret på ${quoted(promptLabel).nb} ble ikke lagret: ${problem.nb}`,
        nn: `Svaret på ${quoted(promptLabel).nn} vart ikkje lagra: ${problem.nn}`,
        en: `The answer to ${quoted(promptLabel).en} was not saved: ${problem.en}`,
      },
      details,
    ),

  textRequired: (field: Localized) =>
    new ValidationError(
      'textRequired',
      {
        nb: `${capitalise(field.nb)} må fylles ut.`,
        nn: `${capitalise(field.nn)} må fyllast ut.`,
        en: `${capitalise(field.en)} is required.`,
      },
      { field: field.en },
    ),

  textTooLong: (field: Localized, limit: number, actual: number) =>
    new ValidationError(
      'textTooLong',
      {
        nb: `${capitalise(field.nb)} har for mange tegn: ${actual}, grensen er ${limit}. Kort ned teksten, eller legg ved en lenke til dokumentet.`,
        nn: `${capitalise(field.nn)} har for mange teikn: ${actual}, grensa er ${limit}. Kort ned teksten, eller legg ved ei lenkje til dokumentet.`,
        en: `${capitalise(field.en)} is too long: ${actual} characters, the limit is ${limit}. Shorten it, or attach a link to the document.`,
      },
      { field: field.en, limit, actual },
    ),

  invalidValue: (field: Localized, problem: Localized) =>
    new ValidationError(
      'invalidValue',
      {
        nb: `${capitalise(field.nb)}: ${problem.nb}`,
        nn: `${capitalise(field.nn)}: ${problem.nn}`,
        en: `${capitalise(field.en)}: ${problem.en}`,
      },
      { field: field.en },
    ),

  gatePending: (stageTitle: Localized) =>
    new ConflictError('gatePending', {
      nb: `Porten etter ${quoted(stageTitle).nb} er til vurdering. Vent på avgjørelsen, eller trekk forespørselen for å endre dokumentasjonen.`,
      nn: `Porten etter ${quoted(stageTitle).nn} er til vurdering. Vent på avgjerda, eller trekk tilbake førespurnaden for å endre dokumentasjonen.`,
      en: `The gate after ${quoted(stageTitle).en} is under review. Wait for the decision, or withdraw the request to change the documentation.`,
    }),

  noGatePending: () =>
    new ConflictError('noGatePending', {
      nb: 'Ingen port venter på avgjørelse nå.',
      nn: 'Ingen port ventar på avgjerd no.',
      en: 'No gate is waiting for a decision right now.',
    }),

  gateRequestStale: () =>
    new ConflictError('gateRequestStale', {
      nb: 'Denne vurderingen gjelder en eldre forespørsel om vurdering, som allerede er avgjort eller trukket tilbake. Se saken slik den står nå.',
      nn: 'Denne vurderinga gjeld ein eldre førespurnad om vurdering, som allereie er avgjord eller trekt tilbake. Sjå saka slik ho står no.',
      en: 'This decision is for an earlier request for review, which has already been decided or withdrawn. See the case as it stands now.',
    }),

  missingAnswers: (stageTitle: Localized, missing: { promptId: string; label: Localized }[]) =>
    new ValidationError(
      'missingAnswers',
      {
        nb: `Porten etter ${quoted(stageTitle).nb} kan ikke vurderes ennå. Disse må besvares (eller merkes «ikke relevant, fordi …»): ${missing.map((m) => quoted(m.label).nb).join(', ')}.`,
        nn: `Porten etter ${quoted(stageTitle).nn} kan ikkje vurderast enno. Desse må svarast på (eller merkast «ikkje relevant, fordi …»): ${missing.map((m) => quoted(m.label).nn).join(', ')}.`,
        en: `The gate after ${quoted(stageTitle).en} cannot be reviewed yet. These need an answer (or “not applicable, because …”): ${missing.map((m) => quoted(m.label).en).join(', ')}.`,
      },
      { missing: missing.map((m) => m.promptId) },
    ),

  politicalDecisionMissing: (stageTitle: Localized) =>
    new ValidationError('politicalDecisionMissing', {
      nb: `Porten etter ${quoted(stageTitle).nb} krever et politisk vedtak. Registrer organ, møtedato, saksnummer og vedtak (tekst eller lenke) først: skriv «neste» for å få spørsmålet om det, eller bruk skjemaet («skjema»).`,
      nn: `Porten etter ${quoted(stageTitle).nn} krev eit politisk vedtak. Registrer organ, møtedato, saksnummer og vedtak (tekst eller lenkje) først: skriv «neste» for å få spørsmålet om det, eller bruk skjemaet («skjema»).`,
      en: `The gate after ${quoted(stageTitle).en} needs a political decision. Record the body, meeting date, case number and decision (text or link) first: type “next” to be asked for it, or use the form (“form”).`,
    }),

  politicalDecisionFromEarlierRound: (stageTitle: Localized, round: number) =>
    new ValidationError(
      'politicalDecisionFromEarlierRound',
      {
        nb: `Det politiske vedtaket for porten etter ${quoted(stageTitle).nb} er fra runde ${round}. En ny runde trenger et nytt vedtak, eller en begrunnelse for at det samme vedtaket fortsatt gjelder: skriv «neste» for å få spørsmålet om det, eller bruk skjemaet («skjema»).`,
        nn: `Det politiske vedtaket for porten etter ${quoted(stageTitle).nn} er frå runde ${round}. Ein ny runde treng eit nytt vedtak, eller ei grunngjeving for at det same vedtaket framleis gjeld: skriv «neste» for å få spørsmålet om det, eller bruk skjemaet («skjema»).`,
        en: `The political decision for the gate after ${quoted(stageTitle).en} is from round ${round}. A new round needs a new decision, or a reason why the same decision still stands: type “next” to be asked for it, or use the form (“form”).`,
      },
      { round },
    ),

  unchangedSinceSendBack: (stageTitle: Localized, reason: string) =>
    new ValidationError('unchangedSinceSendBack', {
      nb: `Ingenting er endret siden saken ble sendt tilbake til ${quoted(stageTitle).nb}, med begrunnelsen «${reason}». Endre svarene som begrunnelsen gjelder (skriv «skjema»), og be om vurdering igjen.`,
      nn: `Ingenting er endra sidan saka vart sendt tilbake til ${quoted(stageTitle).nn}, med grunngjevinga «${reason}». Endre svara som grunngjevinga gjeld (skriv «skjema»), og be om vurdering igjen.`,
      en: `Nothing has changed since the case was sent back to ${quoted(stageTitle).en}, with the reason “${reason}”. Change the answers the reason is about (type “form”), then request a review again.`,
    }),

  politicalDecisionNotNeeded: (stageTitle: Localized) =>
    new ValidationError('politicalDecisionNotNeeded', {
      nb: `Porten etter ${quoted(stageTitle).nb} krever ikke politisk vedtak.`,
      nn: `Porten etter ${quoted(stageTitle).nn} krev ikkje politisk vedtak.`,
      en: `The gate after ${quoted(stageTitle).en} does not need a political decision.`,
    }),

  notEnoughDeciders: (role: CaseRole, needed: number, available: number) => {
    const approvals = plurals(needed, {
      nb: { one: `${needed} godkjenning`, other: `${needed} godkjenninger` },
      nn: { one: `${needed} godkjenning`, other: `${needed} godkjenningar` },
      en: { one: `${needed} approval`, other: `${needed} approvals` },
    });
    return new ConflictError(
      'notEnoughDeciders',
      {
        nb: `Porten trenger ${approvals.nb} fra en ${ROLE_NAMES[role].nb}, men bare ${available} kan avgjøre (den som ber om vurdering kan ikke godkjenne selv). Legg til en ${ROLE_NAMES[role].nb} i saken.`,
        nn: `Porten treng ${approvals.nn} frå ein ${ROLE_NAMES[role].nn}, men berre ${available} kan avgjere (den som ber om vurdering, kan ikkje godkjenne sjølv). Legg til ein ${ROLE_NAMES[role].nn} i saka.`,
        en: `The gate needs ${approvals.en} from a ${ROLE_NAMES[role].en}, but only ${available} can decide (whoever requests the review cannot approve it). Add a ${ROLE_NAMES[role].en} to the case.`,
      },
      { needed, available },
    );
  },

  alreadyApproved: () =>
    new ConflictError('alreadyApproved', {
      nb: 'Du har allerede godkjent denne porten. Den venter på flere godkjenninger.',
      nn: 'Du har allereie godkjent denne porten. Han ventar på fleire godkjenningar.',
      en: 'You have already approved this gate. It is waiting for more approvals.',
    }),

  sendBackTarget: (stageId: string) =>
    new ValidationError(
      'sendBackTarget',
      {
        nb: 'En sak kan bare sendes tilbake til dette eller et tidligere steg.',
        nn: 'Ei sak kan berre sendast tilbake til dette eller eit tidlegare steg.',
        en: 'A case can only be sent back to this or an earlier stage.',
      },
      { stageId },
    ),

  notRequester: () =>
    new ForbiddenError('notRequester', {
      nb: 'Bare den som ba om vurderingen, eller saken sin eier, kan trekke den.',
      nn: 'Berre den som bad om vurderinga, eller eigaren av saka, kan trekkje ho tilbake.',
      en: 'Only whoever requested the review, or the case owner, can withdraw it.',
    }),

  lastOwner: () =>
    new ConflictError('lastOwner', {
      nb: 'Saken må ha minst én eier. Gi noen andre eierrollen først.',
      nn: 'Saka må ha minst éin eigar. Gje nokon andre eigarrolla først.',
      en: 'The case needs at least one owner. Give someone else the owner role first.',
    }),

  caseNotCompleted: () =>
    new ConflictError('caseNotCompleted', {
      nb: 'Bare en fullført sak kan spres til andre enheter eller kommuner.',
      nn: 'Berre ei fullført sak kan spreiast til andre einingar eller kommunar.',
      en: 'Only a completed case can be spread to other units or municipalities.',
    }),

  notPaused: () =>
    new ConflictError('notPaused', {
      nb: 'Saken er ikke satt på pause.',
      nn: 'Saka er ikkje sett på pause.',
      en: 'The case is not paused.',
    }),

  reminderTooSoon: (lastReminderAt: string) =>
    new ConflictError(
      'reminderTooSoon',
      {
        nb: 'Saken har allerede fått en påminnelse det siste døgnet.',
        nn: 'Saka har allereie fått ei påminning det siste døgnet.',
        en: 'The case already had a reminder in the last 24 hours.',
      },
      { lastReminderAt },
    ),

  reminderNotDue: () =>
    new ConflictError('reminderNotDue', {
      nb: 'Ingen påminnelse er forfalt for saken.',
      nn: 'Inga påminning er forfallen for saka.',
      en: 'No reminder is due for the case.',
    }),

  unknownCategory: (categoryId: string) =>
    new ValidationError(
      'unknownCategory',
      {
        nb: `Ukjent kategori «${categoryId}».`,
        nn: `Ukjend kategori «${categoryId}».`,
        en: `Unknown category “${categoryId}”.`,
      },
      { categoryId },
    ),

  unknownEvent: (seq: number) =>
    new NotFoundError(
      'unknownEvent',
      {
        nb: `Hendelse ${seq} finnes ikke i saken.`,
        nn: `Hending ${seq} finst ikkje i saka.`,
        en: `Event ${seq} does not exist in this case.`,
      },
      { seq },
    ),

  invalidCommand: (problem: Localized) => new ValidationError('invalidCommand', problem),
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Field names used in refusals. */
export const FIELDS = {
  title: { nb: 'tittelen', nn: 'tittelen', en: 'the title' },
  unit: { nb: 'enheten', nn: 'eininga', en: 'the unit' },
  municipality: { nb: 'kommunen', nn: 'kommunen', en: 'the municipality' },
  reason: { nb: 'begrunnelsen', nn: 'grunngjevinga', en: 'the reason' },
  conditions: { nb: 'vilkårene', nn: 'vilkåra', en: 'the conditions' },
  comment: { nb: 'kommentaren', nn: 'kommentaren', en: 'the comment' },
  idea: { nb: 'ideen', nn: 'idéen', en: 'the idea' },
  barrier: { nb: 'barrieren', nn: 'barrieren', en: 'the barrier' },
  memo: { nb: 'notatet', nn: 'notatet', en: 'the memo' },
  body: { nb: 'organet', nn: 'organet', en: 'the body' },
  meetingDate: { nb: 'møtedatoen', nn: 'møtedatoen', en: 'the meeting date' },
  caseNumber: { nb: 'saksnummeret', nn: 'saksnummeret', en: 'the case number' },
  decisionText: { nb: 'vedtaksteksten', nn: 'vedtaksteksten', en: 'the decision text' },
  link: { nb: 'lenken', nn: 'lenkja', en: 'the link' },
  decision: {
    nb: 'vedtaket (tekst eller lenke)',
    nn: 'vedtaket (tekst eller lenkje)',
    en: 'the decision (text or link)',
  },
  id: { nb: 'id-en', nn: 'id-en', en: 'the id' },
  managers: { nb: 'lederlisten', nn: 'leiarlista', en: 'the list of managers' },
  conversation: { nb: 'samtalen', nn: 'samtalen', en: 'the conversation' },
  answer: { nb: 'svaret', nn: 'svaret', en: 'the answer' },
  linkText: { nb: 'lenketeksten', nn: 'lenkjeteksten', en: 'the link text' },
  otherText: { nb: '«annet»', nn: '«anna»', en: '“other”' },
  person: { nb: 'personen', nn: 'personen', en: 'the person' },
  origin: { nb: 'meldingen det kom fra', nn: 'meldinga det kom frå', en: 'the message it came from' },
} satisfies Record<string, Localized>;

/** What only a holder of a role may do, for `roleRequired` ("Only the case's owner can …"). */
export const ACTIONS = {
  assignRoles: { nb: 'gi roller', nn: 'gje roller', en: 'assign roles' },
  removeRoles: { nb: 'fjerne roller', nn: 'fjerne roller', en: 'remove roles' },
  pauseCase: { nb: 'sette saken på pause', nn: 'setje saka på pause', en: 'pause the case' },
  resumeCase: { nb: 'gjenoppta saken', nn: 'ta saka opp att', en: 'resume the case' },
  stopCase: { nb: 'stoppe saken', nn: 'stoppe saka', en: 'stop the case' },
  spreadCase: { nb: 'spre saken videre', nn: 'spreie saka vidare', en: 'spread the case' },
  writeMemos: { nb: 'skrive forskningsnotater', nn: 'skrive forskingsnotat', en: 'write research memos' },
} satisfies Record<string, Localized>;

/** What is wrong with a command as a whole, for `invalidCommand`. */
export const COMMAND_PROBLEMS = {
  noAnswers: { nb: 'Ingen svar å lagre.', nn: 'Ingen svar å lagre.', en: 'No answers to save.' },
  answeredTwice: (promptId: string): Localized => ({
    nb: `Spørsmålet «${promptId}» er besvart to ganger.`,
    nn: `Spørsmålet «${promptId}» er svara på to gonger.`,
    en: `Question “${promptId}” is answered twice.`,
  }),
  language: {
    nb: 'Språket må være nb, nn eller en.',
    nn: 'Språket må vere nb, nn eller en.',
    en: 'The language must be nb, nn or en.',
  },
  consent: {
    nb: 'Samtykket må være «declined» eller «given».',
    nn: 'Samtykket må vere «declined» eller «given».',
    en: 'The consent must be "declined" or "given".',
  },
  templateMismatch: {
    nb: 'Saken må åpnes med prosessmalen den oppgir.',
    nn: 'Saka må opnast med prosessmalen ho oppgjev.',
    en: 'The case must be opened with the process template it names.',
  },
  unknownRole: (role: string): Localized => ({
    nb: `Ukjent rolle «${role}».`,
    nn: `Ukjend rolle «${role}».`,
    en: `Unknown role “${role}”.`,
  }),
};

/** What is wrong with one value, for `invalidValue` (after the field's name). */
export const VALUE_PROBLEMS = {
  meetingDate: {
    nb: 'skriv datoen som ÅÅÅÅ-MM-DD.',
    nn: 'skriv datoen slik: ÅÅÅÅ-MM-DD.',
    en: 'write the date as YYYY-MM-DD.',
  },
  webLink: {
    nb: 'lenken må begynne med https://',
    nn: 'lenkja må byrje med https://',
    en: 'the link must start with https://',
  },
  entityId: {
    nb: 'bruk 1–64 bokstaver, tall, - eller _.',
    nn: 'bruk 1–64 bokstavar, tal, - eller _.',
    en: 'use 1–64 letters, digits, - or _.',
  },
  personId: { nb: 'ugyldig person-id.', nn: 'ugyldig person-id.', en: 'invalid person id.' },
  messageOrigin: {
    nb: 'meldingens id, lenke, avsender eller tidspunkt er ugyldig.',
    nn: 'id-en, lenkja, avsendaren eller tidspunktet til meldinga er ugyldig.',
    en: "the message's id, link, sender or time is not valid.",
  },
} satisfies Record<string, Localized>;

/** What is wrong with an answer to a prompt, for `invalidAnswer` (after the prompt's label). */
export const ANSWER_PROBLEMS = {
  missing: { nb: 'svaret mangler.', nn: 'svaret manglar.', en: 'the answer is missing.' },
  text: { nb: 'det skal være tekst.', nn: 'det skal vere tekst.', en: 'it should be text.' },
  date: {
    nb: 'skriv en dato som ÅÅÅÅ-MM-DD.',
    nn: 'skriv ein dato slik: ÅÅÅÅ-MM-DD.',
    en: 'write a date as YYYY-MM-DD.',
  },
  number: { nb: 'det skal være et tall.', nn: 'det skal vere eit tal.', en: 'it should be a number.' },
  link: { nb: 'det skal være en lenke.', nn: 'det skal vere ei lenkje.', en: 'it should be a link.' },
  noPerson: { nb: 'velg minst én person.', nn: 'vel minst éin person.', en: 'choose at least one person.' },
  tooManyPeople: (limit: number): Localized => ({
    nb: `velg høyst ${limit} personer.`,
    nn: `vel høgst ${limit} personar.`,
    en: `choose at most ${limit} people.`,
  }),
  choice: { nb: 'velg fra listen.', nn: 'vel frå lista.', en: 'choose from the list.' },
  noOther: {
    nb: 'dette spørsmålet har ikke «annet».',
    nn: 'dette spørsmålet har ikkje «anna».',
    en: 'this question has no “other”.',
  },
  unknownChoice: (optionId: string): Localized => ({
    nb: `ukjent valg «${optionId}».`,
    nn: `ukjent val «${optionId}».`,
    en: `unknown choice “${optionId}”.`,
  }),
  noOption: {
    nb: 'velg minst ett alternativ.',
    nn: 'vel minst eitt alternativ.',
    en: 'choose at least one option.',
  },
  oneOption: {
    nb: 'velg bare ett alternativ.',
    nn: 'vel berre eitt alternativ.',
    en: 'choose only one option.',
  },
  tooManyChoices: { nb: 'for mange valg.', nn: 'for mange val.', en: 'too many choices.' },
};
