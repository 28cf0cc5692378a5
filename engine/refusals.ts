/**
 * Every refusal the engine can give, in one place, in Norwegian Bokmål and English. Each says what is
 * wrong and, where there is one, what to do next: a refusal is read by a person in a Teams chat.
 */
import type { CaseStatus } from './state';
import type { CaseRole } from './template';
import type { Localized } from './localized';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors';

const ROLE_NAMES: Record<CaseRole, Localized> = {
  owner: { nb: 'eier', en: 'owner' },
  member: { nb: 'deltaker', en: 'member' },
  manager: { nb: 'leder', en: 'manager' },
  researcher: { nb: 'forsker', en: 'researcher' },
};

/** Who holds a role, as the subject of "Bare … kan" / "Only … can". */
const WHO_HOLDS: Record<CaseRole, Localized> = {
  owner: { nb: 'eieren av saken', en: 'the owner of the case' },
  member: { nb: 'deltakerne i saken', en: 'the members of the case' },
  manager: { nb: 'en leder i saken', en: 'a manager of the case' },
  researcher: { nb: 'en forsker i saken', en: 'a researcher in the case' },
};

const STATUS_NAMES: Record<CaseStatus, Localized> = {
  active: { nb: 'aktiv', en: 'active' },
  paused: { nb: 'satt på pause', en: 'paused' },
  stopped: { nb: 'stoppet', en: 'stopped' },
  completed: { nb: 'fullført', en: 'completed' },
};

export function roleName(role: CaseRole): Localized {
  return ROLE_NAMES[role];
}

export function statusName(status: CaseStatus): Localized {
  return STATUS_NAMES[status];
}

function quoted(text: Localized): Localized {
  return { nb: `«${text.nb}»`, en: `“${text.en}”` };
}

export const refuse = {
  caseNotFound: (caseId: string) =>
    new NotFoundError(
      'caseNotFound',
      {
        nb: 'Fant ikke saken. Start en ny sak, eller velg en annen.',
        en: 'Case not found. Open a new case, or choose another one.',
      },
      { caseId },
    ),

  caseAlreadyExists: (caseId: string) =>
    new ConflictError(
      'caseAlreadyExists',
      { nb: 'Det finnes allerede en sak med denne id-en.', en: 'A case with this id already exists.' },
      { caseId },
    ),

  notAParticipant: () =>
    new ForbiddenError('notAParticipant', {
      nb: 'Du er ikke med i denne saken ennå. Bli med i saken først, eller be eieren legge deg til.',
      en: 'You are not part of this case yet. Join the case first, or ask its owner to add you.',
    }),

  roleRequired: (role: CaseRole, action: Localized) =>
    new ForbiddenError(
      'roleRequired',
      {
        nb: `Bare ${WHO_HOLDS[role].nb} kan ${action.nb}.`,
        en: `Only ${WHO_HOLDS[role].en} can ${action.en}.`,
      },
      { role },
    ),

  notADecider: (role: CaseRole, stageTitle: Localized) =>
    new ForbiddenError(
      'notADecider',
      {
        nb: `Bare en ${ROLE_NAMES[role].nb} kan avgjøre porten etter ${quoted(stageTitle).nb}.`,
        en: `Only a ${ROLE_NAMES[role].en} can decide the gate after ${quoted(stageTitle).en}.`,
      },
      { role },
    ),

  requesterCannotApprove: () =>
    new ForbiddenError('requesterCannotApprove', {
      nb: 'Du ba selv om denne vurderingen, så du kan ikke godkjenne den (fire øyne). En annen leder må godkjenne.',
      en: 'You requested this review yourself, so you cannot approve it (four-eyes rule). Another manager must approve.',
    }),

  caseNotActive: (status: CaseStatus) =>
    new ConflictError(
      'caseNotActive',
      {
        nb: `Saken er ${STATUS_NAMES[status].nb}.${status === 'paused' ? ' En leder må gjenoppta den først.' : ''}`,
        en: `The case is ${STATUS_NAMES[status].en}.${status === 'paused' ? ' A manager must resume it first.' : ''}`,
      },
      { status },
    ),

  stageNotCurrent: (stageTitle: Localized, currentTitle: Localized) =>
    new ConflictError('stageNotCurrent', {
      nb: `${quoted(stageTitle).nb} er ikke steget saken står i nå; den står i ${quoted(currentTitle).nb}. Hent et oppdatert kort.`,
      en: `${quoted(stageTitle).en} is not the stage the case is in; it is in ${quoted(currentTitle).en}. Fetch an updated card.`,
    }),

  unknownStage: (stageId: string) =>
    new NotFoundError(
      'unknownStage',
      { nb: `Ukjent steg «${stageId}».`, en: `Unknown stage “${stageId}”.` },
      { stageId },
    ),

  unknownPrompt: (promptId: string, stageTitle: Localized) =>
    new NotFoundError(
      'unknownPrompt',
      {
        nb: `Spørsmålet «${promptId}» hører ikke til ${quoted(stageTitle).nb}.`,
        en: `Question “${promptId}” does not belong to ${quoted(stageTitle).en}.`,
      },
      { promptId },
    ),

  invalidAnswer: (promptLabel: Localized, problem: Localized, details: Record<string, unknown> = {}) =>
    new ValidationError(
      'invalidAnswer',
      {
        nb: `Svaret på ${quoted(promptLabel).nb} ble ikke lagret: ${problem.nb}`,
        en: `The answer to ${quoted(promptLabel).en} was not saved: ${problem.en}`,
      },
      details,
    ),

  textRequired: (field: Localized) =>
    new ValidationError(
      'textRequired',
      { nb: `${capitalise(field.nb)} må fylles ut.`, en: `${capitalise(field.en)} is required.` },
      { field: field.en },
    ),

  textTooLong: (field: Localized, limit: number, actual: number) =>
    new ValidationError(
      'textTooLong',
      {
        nb: `${capitalise(field.nb)} er for lang: ${actual} tegn, grensen er ${limit}. Kort den ned, eller legg ved en lenke til dokumentet.`,
        en: `${capitalise(field.en)} is too long: ${actual} characters, the limit is ${limit}. Shorten it, or attach a link to the document.`,
      },
      { field: field.en, limit, actual },
    ),

  invalidValue: (field: Localized, problem: Localized) =>
    new ValidationError(
      'invalidValue',
      { nb: `${capitalise(field.nb)}: ${problem.nb}`, en: `${capitalise(field.en)}: ${problem.en}` },
      { field: field.en },
    ),

  gatePending: (stageTitle: Localized) =>
    new ConflictError('gatePending', {
      nb: `Porten etter ${quoted(stageTitle).nb} er til vurdering. Vent på avgjørelsen, eller trekk forespørselen for å endre dokumentasjonen.`,
      en: `The gate after ${quoted(stageTitle).en} is under review. Wait for the decision, or withdraw the request to change the documentation.`,
    }),

  noGatePending: () =>
    new ConflictError('noGatePending', {
      nb: 'Ingen port venter på avgjørelse nå.',
      en: 'No gate is waiting for a decision right now.',
    }),

  gateRequestStale: () =>
    new ConflictError('gateRequestStale', {
      nb: 'Denne vurderingen gjelder en eldre forespørsel om vurdering, som allerede er avgjort eller trukket tilbake. Se saken slik den står nå.',
      en: 'This decision is for an earlier request for review, which has already been decided or withdrawn. See the case as it stands now.',
    }),

  missingAnswers: (stageTitle: Localized, missing: { promptId: string; label: Localized }[]) =>
    new ValidationError(
      'missingAnswers',
      {
        nb: `Porten etter ${quoted(stageTitle).nb} kan ikke vurderes ennå. Disse må besvares (eller merkes «ikke relevant, fordi …»): ${missing.map((m) => quoted(m.label).nb).join(', ')}.`,
        en: `The gate after ${quoted(stageTitle).en} cannot be reviewed yet. These need an answer (or “not applicable, because …”): ${missing.map((m) => quoted(m.label).en).join(', ')}.`,
      },
      { missing: missing.map((m) => m.promptId) },
    ),

  politicalDecisionMissing: (stageTitle: Localized) =>
    new ValidationError('politicalDecisionMissing', {
      nb: `Porten etter ${quoted(stageTitle).nb} krever et politisk vedtak. Registrer organ, møtedato, saksnummer og vedtak (tekst eller lenke) først: skriv «neste» for å få spørsmålet om det, eller bruk skjemaet («skjema»).`,
      en: `The gate after ${quoted(stageTitle).en} needs a political decision. Record the body, meeting date, case number and decision (text or link) first: type “next” to be asked for it, or use the form (“form”).`,
    }),

  politicalDecisionFromEarlierRound: (stageTitle: Localized, round: number) =>
    new ValidationError(
      'politicalDecisionFromEarlierRound',
      {
        nb: `Det politiske vedtaket for porten etter ${quoted(stageTitle).nb} er fra runde ${round}. En ny runde trenger et nytt vedtak, eller en begrunnelse for at det samme vedtaket fortsatt gjelder: skriv «neste» for å få spørsmålet om det, eller bruk skjemaet («skjema»).`,
        en: `The political decision for the gate after ${quoted(stageTitle).en} is from round ${round}. A new round needs a new decision, or a reason why the same decision still stands: type “next” to be asked for it, or use the form (“form”).`,
      },
      { round },
    ),

  unchangedSinceSendBack: (stageTitle: Localized, reason: string) =>
    new ValidationError('unchangedSinceSendBack', {
      nb: `Ingenting er endret siden saken ble sendt tilbake til ${quoted(stageTitle).nb}, med begrunnelsen «${reason}». Endre svarene som begrunnelsen gjelder (skriv «skjema»), og be om vurdering igjen.`,
      en: `Nothing has changed since the case was sent back to ${quoted(stageTitle).en}, with the reason “${reason}”. Change the answers the reason is about (type “form”), then request a review again.`,
    }),

  politicalDecisionNotNeeded: (stageTitle: Localized) =>
    new ValidationError('politicalDecisionNotNeeded', {
      nb: `Porten etter ${quoted(stageTitle).nb} krever ikke politisk vedtak.`,
      en: `The gate after ${quoted(stageTitle).en} does not need a political decision.`,
    }),

  notEnoughDeciders: (role: CaseRole, needed: number, available: number) =>
    new ConflictError(
      'notEnoughDeciders',
      {
        nb: `Porten trenger ${needed} godkjenning${needed === 1 ? '' : 'er'} fra en ${ROLE_NAMES[role].nb}, men bare ${available} kan avgjøre (den som ber om vurdering kan ikke godkjenne selv). Legg til en ${ROLE_NAMES[role].nb} i saken.`,
        en: `The gate needs ${needed} approval${needed === 1 ? '' : 's'} from a ${ROLE_NAMES[role].en}, but only ${available} can decide (whoever requests the review cannot approve it). Add a ${ROLE_NAMES[role].en} to the case.`,
      },
      { needed, available },
    ),

  alreadyApproved: () =>
    new ConflictError('alreadyApproved', {
      nb: 'Du har allerede godkjent denne porten. Den venter på flere godkjenninger.',
      en: 'You have already approved this gate. It is waiting for more approvals.',
    }),

  sendBackTarget: (stageId: string) =>
    new ValidationError(
      'sendBackTarget',
      {
        nb: 'En sak kan bare sendes tilbake til dette eller et tidligere steg.',
        en: 'A case can only be sent back to this or an earlier stage.',
      },
      { stageId },
    ),

  notRequester: () =>
    new ForbiddenError('notRequester', {
      nb: 'Bare den som ba om vurderingen, eller saken sin eier, kan trekke den.',
      en: 'Only whoever requested the review, or the case owner, can withdraw it.',
    }),

  lastOwner: () =>
    new ConflictError('lastOwner', {
      nb: 'Saken må ha minst én eier. Gi noen andre eierrollen først.',
      en: 'The case needs at least one owner. Give someone else the owner role first.',
    }),

  caseNotCompleted: () =>
    new ConflictError('caseNotCompleted', {
      nb: 'Bare en fullført sak kan spres til andre enheter eller kommuner.',
      en: 'Only a completed case can be spread to other units or municipalities.',
    }),

  notPaused: () =>
    new ConflictError('notPaused', { nb: 'Saken er ikke satt på pause.', en: 'The case is not paused.' }),

  reminderTooSoon: (lastReminderAt: string) =>
    new ConflictError(
      'reminderTooSoon',
      {
        nb: 'Saken har allerede fått en påminnelse det siste døgnet.',
        en: 'The case already had a reminder in the last 24 hours.',
      },
      { lastReminderAt },
    ),

  reminderNotDue: () =>
    new ConflictError('reminderNotDue', {
      nb: 'Ingen påminnelse er forfalt for saken.',
      en: 'No reminder is due for the case.',
    }),

  unknownCategory: (categoryId: string) =>
    new ValidationError(
      'unknownCategory',
      { nb: `Ukjent kategori «${categoryId}».`, en: `Unknown category “${categoryId}”.` },
      { categoryId },
    ),

  unknownEvent: (seq: number) =>
    new NotFoundError(
      'unknownEvent',
      { nb: `Hendelse ${seq} finnes ikke i saken.`, en: `Event ${seq} does not exist in this case.` },
      { seq },
    ),

  invalidCommand: (problem: Localized) => new ValidationError('invalidCommand', problem),
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Field names used in refusals. */
export const FIELDS = {
  title: { nb: 'tittelen', en: 'the title' },
  unit: { nb: 'enheten', en: 'the unit' },
  municipality: { nb: 'kommunen', en: 'the municipality' },
  reason: { nb: 'begrunnelsen', en: 'the reason' },
  conditions: { nb: 'vilkårene', en: 'the conditions' },
  comment: { nb: 'kommentaren', en: 'the comment' },
  idea: { nb: 'ideen', en: 'the idea' },
  barrier: { nb: 'barrieren', en: 'the barrier' },
  memo: { nb: 'notatet', en: 'the memo' },
  body: { nb: 'organet', en: 'the body' },
  meetingDate: { nb: 'møtedatoen', en: 'the meeting date' },
  caseNumber: { nb: 'saksnummeret', en: 'the case number' },
  decisionText: { nb: 'vedtaksteksten', en: 'the decision text' },
  link: { nb: 'lenken', en: 'the link' },
  decision: { nb: 'vedtaket (tekst eller lenke)', en: 'the decision (text or link)' },
  id: { nb: 'id-en', en: 'the id' },
  managers: { nb: 'lederlisten', en: 'the list of managers' },
  conversation: { nb: 'samtalen', en: 'the conversation' },
  answer: { nb: 'svaret', en: 'the answer' },
  linkText: { nb: 'lenketeksten', en: 'the link text' },
  otherText: { nb: '«annet»', en: '“other”' },
  person: { nb: 'personen', en: 'the person' },
} satisfies Record<string, Localized>;

/** What only a holder of a role may do, for `roleRequired` ("Only the case's owner can …"). */
export const ACTIONS = {
  assignRoles: { nb: 'gi roller', en: 'assign roles' },
  removeRoles: { nb: 'fjerne roller', en: 'remove roles' },
  pauseCase: { nb: 'sette saken på pause', en: 'pause the case' },
  resumeCase: { nb: 'gjenoppta saken', en: 'resume the case' },
  stopCase: { nb: 'stoppe saken', en: 'stop the case' },
  spreadCase: { nb: 'spre saken videre', en: 'spread the case' },
  writeMemos: { nb: 'skrive forskningsnotater', en: 'write research memos' },
} satisfies Record<string, Localized>;

/** What is wrong with a command as a whole, for `invalidCommand`. */
export const COMMAND_PROBLEMS = {
  noAnswers: { nb: 'Ingen svar å lagre.', en: 'No answers to save.' },
  answeredTwice: (promptId: string): Localized => ({
    nb: `Spørsmålet «${promptId}» er besvart to ganger.`,
    en: `Question “${promptId}” is answered twice.`,
  }),
  language: { nb: 'Språket må være nb eller en.', en: 'The language must be nb or en.' },
  consent: {
    nb: 'Samtykket må være «declined» eller «given».',
    en: 'The consent must be "declined" or "given".',
  },
  templateMismatch: {
    nb: 'Saken må åpnes med prosessmalen den oppgir.',
    en: 'The case must be opened with the process template it names.',
  },
  unknownRole: (role: string): Localized => ({
    nb: `Ukjent rolle «${role}».`,
    en: `Unknown role “${role}”.`,
  }),
};

/** What is wrong with one value, for `invalidValue` (after the field's name). */
export const VALUE_PROBLEMS = {
  meetingDate: { nb: 'skriv datoen som ÅÅÅÅ-MM-DD.', en: 'write the date as YYYY-MM-DD.' },
  webLink: { nb: 'lenken må begynne med https://', en: 'the link must start with https://' },
  entityId: { nb: 'bruk 1–64 bokstaver, tall, - eller _.', en: 'use 1–64 letters, digits, - or _.' },
  personId: { nb: 'ugyldig person-id.', en: 'invalid person id.' },
} satisfies Record<string, Localized>;

/** What is wrong with an answer to a prompt, for `invalidAnswer` (after the prompt's label). */
export const ANSWER_PROBLEMS = {
  missing: { nb: 'svaret mangler.', en: 'the answer is missing.' },
  text: { nb: 'det skal være tekst.', en: 'it should be text.' },
  date: { nb: 'skriv en dato som ÅÅÅÅ-MM-DD.', en: 'write a date as YYYY-MM-DD.' },
  number: { nb: 'det skal være et tall.', en: 'it should be a number.' },
  link: { nb: 'det skal være en lenke.', en: 'it should be a link.' },
  noPerson: { nb: 'velg minst én person.', en: 'choose at least one person.' },
  tooManyPeople: (limit: number): Localized => ({
    nb: `velg høyst ${limit} personer.`,
    en: `choose at most ${limit} people.`,
  }),
  choice: { nb: 'velg fra listen.', en: 'choose from the list.' },
  noOther: { nb: 'dette spørsmålet har ikke «annet».', en: 'this question has no “other”.' },
  unknownChoice: (optionId: string): Localized => ({
    nb: `ukjent valg «${optionId}».`,
    en: `unknown choice “${optionId}”.`,
  }),
  noOption: { nb: 'velg minst ett alternativ.', en: 'choose at least one option.' },
  oneOption: { nb: 'velg bare ett alternativ.', en: 'choose only one option.' },
  tooManyChoices: { nb: 'for mange valg.', en: 'too many choices.' },
};
