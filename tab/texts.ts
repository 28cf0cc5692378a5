/**
 * Every text the dashboard page shows itself, in Norwegian Bokmål, Norwegian Nynorsk and English. What comes from the API
 * (stage titles, outcomes, statuses, categories) is already in the page's language.
 */
import type { TimelineMarkView, ViewLanguage } from '../dashboard/viewModel';
import { INTL_LOCALES } from '../engine/localized';

export const TEXTS = {
  pageTitle: { nb: 'Oversikt over sakene', nn: 'Oversikt over sakene', en: 'Overview of the cases' },
  loading: { nb: 'Henter sakene …', nn: 'Hentar sakene …', en: 'Loading the cases …' },
  loadingCase: {
    nb: 'Henter tidslinje og dokumentasjon …',
    nn: 'Hentar tidsline og dokumentasjon …',
    en: 'Loading timeline and documentation …',
  },
  scopeConversation: {
    nb: 'Sakene i denne kanalen eller chatten som du er med i.',
    nn: 'Sakene i denne kanalen eller chatten som du er med i.',
    en: 'The cases of this channel or chat that you take part in.',
  },
  scopeMine: {
    nb: 'Alle sakene du er med i.',
    nn: 'Alle sakene du er med i.',
    en: 'All the cases you take part in.',
  },
  truncated: {
    nb: 'Listen er kortet ned: ikke alle sakene vises.',
    nn: 'Lista er korta ned: ikkje alle sakene blir viste.',
    en: 'The list is cut short: not every case is shown.',
  },
  noCases: {
    nb: 'Du er ikke med i noen saker her ennå. Start en sak i chatten med «ny sak», eller skriv i en sak for å bli med.',
    nn: 'Du er ikkje med i nokon saker her enno. Start ei sak i chatten med «ny sak», eller skriv i ei sak for å bli med.',
    en: 'You are not part of any case here yet. Start one in the chat with "new case", or write in a case to join it.',
  },
  waitingHeading: {
    nb: 'Venter på din vurdering',
    nn: 'Ventar på vurderinga di',
    en: 'Waiting for your decision',
  },
  waitingNone: {
    nb: 'Ingen porter venter på deg.',
    nn: 'Ingen portar ventar på deg.',
    en: 'No gates are waiting for you.',
  },
  waitingHow: {
    nb: 'Vurder porten her i oversikten eller på kortet i samtalen: godkjenn, send tilbake, sett på pause eller stopp.',
    nn: 'Vurder porten her i oversikta eller på kortet i samtalen: godkjenn, send tilbake, set på pause eller stopp.',
    en: 'Decide here on the dashboard or on the card in the conversation: approve, send back, pause or stop.',
  },
  requestedBy: { nb: 'Bedt om av', nn: 'Bede om av', en: 'Requested by' },
  requestedAt: { nb: 'den', nn: 'den', en: 'on' },
  approvalsSoFar: { nb: 'Godkjenninger', nn: 'Godkjenningar', en: 'Approvals' },
  deciders: { nb: 'Kan vurdere', nn: 'Kan vurdere', en: 'May decide' },
  decideLegend: {
    nb: 'Din vurdering av porten etter «{stage}»',
    nn: 'Vurderinga di av porten etter «{stage}»',
    en: 'Your decision on the gate after “{stage}”',
  },
  decideApprove: { nb: 'Godkjenn', nn: 'Godkjenn', en: 'Approve' },
  decideApproveWithConditions: {
    nb: 'Godkjenn med vilkår',
    nn: 'Godkjenn med vilkår',
    en: 'Approve with conditions',
  },
  decideSendBack: { nb: 'Send tilbake', nn: 'Send tilbake', en: 'Send back' },
  decidePause: { nb: 'Sett saken på pause', nn: 'Set saka på pause', en: 'Pause the case' },
  decideStop: { nb: 'Stopp saken', nn: 'Stopp saka', en: 'Stop the case' },
  decideConditions: { nb: 'Vilkår', nn: 'Vilkår', en: 'Conditions' },
  decideSendBackTo: {
    nb: 'Send tilbake til steget',
    nn: 'Send tilbake til steget',
    en: 'Send back to the stage',
  },
  decideReason: { nb: 'Begrunnelse', nn: 'Grunngjeving', en: 'Reason' },
  decideComment: { nb: 'Kommentar (valgfritt)', nn: 'Kommentar (valfritt)', en: 'Comment (optional)' },
  decideSubmit: { nb: 'Send vurderingen', nn: 'Send vurderinga', en: 'Send the decision' },
  decideSending: { nb: 'Sender vurderingen …', nn: 'Sender vurderinga …', en: 'Sending the decision …' },
  decideMissing: {
    nb: '«{field}» må fylles ut.',
    nn: '«{field}» må fyllast ut.',
    en: '“{field}” is required.',
  },
  decideRecorded: {
    nb: 'Vurderingen er lagret, og chatten har fått beskjed.',
    nn: 'Vurderinga er lagra, og chatten har fått beskjed.',
    en: 'The decision is saved, and the chat has been told.',
  },
  decideRecordedNotAnnounced: {
    nb: 'Vurderingen er lagret, men chatten kunne ikke varsles nå. Saken viser den likevel.',
    nn: 'Vurderinga er lagra, men chatten kunne ikkje varslast no. Saka viser ho likevel.',
    en: 'The decision is saved, but the chat could not be told just now. The case shows it all the same.',
  },
  decideAlready: {
    nb: 'Denne vurderingen var allerede lagret.',
    nn: 'Denne vurderinga var allereie lagra.',
    en: 'This decision had already been saved.',
  },
  pausedHeading: { nb: 'Saken er satt på pause', nn: 'Saka er sett på pause', en: 'The case is paused' },
  pausedBy: {
    nb: '{name} satte den på pause {date}.',
    nn: '{name} sette ho på pause {date}.',
    en: '{name} paused it on {date}.',
  },
  resumeButton: { nb: 'Gjenoppta saken', nn: 'Ta opp att saka', en: 'Resume the case' },
  resumeSending: { nb: 'Gjenopptar saken …', nn: 'Tek opp att saka …', en: 'Resuming the case …' },
  resumeAlsoInChat: {
    nb: 'Du kan også gjenoppta den ved å skrive «gjenoppta» i chatten.',
    nn: 'Du kan òg ta ho opp att ved å skrive «ta opp att» i chatten.',
    en: 'You can also resume it by typing "resume" in the chat.',
  },
  resumeByManager: {
    nb: 'En leder av saken kan gjenoppta den her i oversikten eller ved å skrive «gjenoppta» i chatten.',
    nn: 'Ein leiar av saka kan ta ho opp att her i oversikta eller ved å skrive «ta opp att» i chatten.',
    en: 'A manager of the case can resume it here on the dashboard or by typing "resume" in the chat.',
  },
  resumeRecorded: {
    nb: 'Saken er gjenopptatt, og chatten har fått beskjed.',
    nn: 'Saka er teken opp att, og chatten har fått beskjed.',
    en: 'The case is resumed, and the chat has been told.',
  },
  resumeRecordedNotAnnounced: {
    nb: 'Saken er gjenopptatt, men chatten kunne ikke varsles nå. Den får beskjed så snart den kan nås.',
    nn: 'Saka er teken opp att, men chatten kunne ikkje varslast no. Han får beskjed så snart han kan nåast.',
    en: 'The case is resumed, but the chat could not be told just now. It will be told as soon as it can be reached.',
  },
  resumeAlready: {
    nb: 'Saken var allerede gjenopptatt.',
    nn: 'Saka var allereie teken opp att.',
    en: 'The case had already been resumed.',
  },
  casesHeading: { nb: 'Saker', nn: 'Saker', en: 'Cases' },
  status: { nb: 'Status', nn: 'Status', en: 'Status' },
  currentStage: { nb: 'Nå i steget', nn: 'No i steget', en: 'Current stage' },
  yourRoles: { nb: 'Dine roller', nn: 'Rollene dine', en: 'Your roles' },
  unit: { nb: 'Enhet', nn: 'Eining', en: 'Unit' },
  opened: { nb: 'Åpnet', nn: 'Opna', en: 'Opened' },
  updated: { nb: 'Sist endret', nn: 'Sist endra', en: 'Last changed' },
  gatePending: {
    nb: 'Porten er til vurdering',
    nn: 'Porten er til vurdering',
    en: 'The gate is under review',
  },
  timelineHeading: { nb: 'Tidslinje', nn: 'Tidsline', en: 'Timeline' },
  timelineSummary: {
    nb: 'Tidslinje for {title}: {stays} opphold i {stages} steg, {decisions} beslutninger, {ideas} ideer og {barriers} barrierer.',
    nn: 'Tidsline for {title}: {stays} opphald i {stages} steg, {decisions} avgjerder, {ideas} idéar og {barriers} barrierar.',
    en: 'Timeline of {title}: {stays} stays in {stages} stages, {decisions} decisions, {ideas} ideas and {barriers} barriers.',
  },
  timelineStages: {
    nb: 'Stegene i prosessen: {stages}.',
    nn: 'Stega i prosessen: {stages}.',
    en: 'The stages of the process: {stages}.',
  },
  timelineAsList: { nb: 'Tidslinjen som liste', nn: 'Tidslina som liste', en: 'The timeline as a list' },
  legendStage: { nb: 'Opphold i et steg', nn: 'Opphald i eit steg', en: 'Stay in a stage' },
  legendLoop: {
    nb: 'Sendt tilbake (ny runde)',
    nn: 'Sendt tilbake (ny runde)',
    en: 'Sent back (another round)',
  },
  legendPause: { nb: 'Pause', nn: 'Pause', en: 'Pause' },
  legendApproved: { nb: 'Port godkjent', nn: 'Port godkjend', en: 'Gate approved' },
  legendSentBack: { nb: 'Sendt tilbake', nn: 'Sendt tilbake', en: 'Sent back' },
  legendStopped: { nb: 'Stoppet', nn: 'Stoppa', en: 'Stopped' },
  legendIdea: { nb: 'Idé', nn: 'Idé', en: 'Idea' },
  legendBarrier: { nb: 'Barriere', nn: 'Barriere', en: 'Barrier' },
  legendReview: { nb: 'Vurdering bedt om', nn: 'Bede om vurdering', en: 'Review requested' },
  now: { nb: 'nå', nn: 'no', en: 'now' },
  gapDays: { nb: '{count} dager', nn: '{count} dagar', en: '{count} days' },
  gapMonths: { nb: '{count} mnd.', nn: '{count} mnd.', en: '{count} months' },
  gapTitle: {
    nb: 'Tegnet kortere enn den var: {length} uten noe nytt i saken',
    nn: 'Teikna kortare enn det var: {length} utan noko nytt i saka',
    en: 'Drawn shorter than it was: {length} with nothing new in the case',
  },
  round: { nb: 'runde', nn: 'runde', en: 'round' },
  enteredAtStart: { nb: 'startet', nn: 'starta', en: 'started' },
  enteredAfterApproval: {
    nb: 'etter godkjent port',
    nn: 'etter godkjend port',
    en: 'after an approved gate',
  },
  enteredAfterSendBack: { nb: 'sendt tilbake hit', nn: 'sendt tilbake hit', en: 'sent back here' },
  stillHere: { nb: 'pågår', nn: 'i gang', en: 'ongoing' },
  idea: { nb: 'Idé', nn: 'Idé', en: 'Idea' },
  barrier: { nb: 'Barriere', nn: 'Barriere', en: 'Barrier' },
  reviewRequested: { nb: 'Vurdering bedt om', nn: 'Bede om vurdering', en: 'Review requested' },
  completed: { nb: 'Saken er fullført', nn: 'Saka er fullført', en: 'The case is completed' },
  pause: { nb: 'Pause', nn: 'Pause', en: 'Pause' },
  by: { nb: 'av', nn: 'av', en: 'by' },
  fromMessageBy: {
    nb: 'Fra en melding av {name}',
    nn: 'Frå ei melding av {name}',
    en: 'From a message by {name}',
  },
  fromMessage: { nb: 'Fra en melding', nn: 'Frå ei melding', en: 'From a message' },
  messageWrittenAt: { nb: 'skrevet {date}', nn: 'skriven {date}', en: 'written {date}' },
  typedToBot: { nb: 'Skrevet til boten', nn: 'Skriven til boten', en: 'Typed to the bot' },
  openMessage: { nb: 'Åpne meldingen', nn: 'Opne meldinga', en: 'Open the message' },
  to: { nb: 'til', nn: 'til', en: 'to' },
  reason: { nb: 'Begrunnelse', nn: 'Grunngjeving', en: 'Reason' },
  conditions: { nb: 'Vilkår', nn: 'Vilkår', en: 'Conditions' },
  documentationHeading: {
    nb: 'Dokumentasjon per steg',
    nn: 'Dokumentasjon per steg',
    en: 'Documentation per stage',
  },
  researchDeclined: {
    nb: 'Har reservert seg mot at bidragene deres brukes i forskning (det de skriver, holdes tilbake fra forskerne):',
    nn: 'Har reservert seg mot at bidraga deira blir brukte i forsking (det dei skriv, blir halde tilbake frå forskarane):',
    en: 'Have declined that their contributions are used for research (what they write is withheld from researchers):',
  },
  stageAhead: { nb: 'ikke startet', nn: 'ikkje starta', en: 'not started' },
  stageCurrent: { nb: 'pågår', nn: 'i gang', en: 'in progress' },
  stagePassed: { nb: 'passert', nn: 'passert', en: 'passed' },
  rounds: { nb: 'runder', nn: 'rundar', en: 'rounds' },
  answered: { nb: 'besvart', nn: 'svara', en: 'answered' },
  unanswered: { nb: 'Ikke besvart ennå', nn: 'Ikkje svara enno', en: 'Not answered yet' },
  required: { nb: 'påkrevd', nn: 'obligatorisk', en: 'required' },
  revision: { nb: 'revisjon', nn: 'revisjon', en: 'revision' },
  politicalDecision: { nb: 'Politisk vedtak', nn: 'Politisk vedtak', en: 'Political decision' },
  exportHeading: { nb: 'Eksport for forskere', nn: 'Eksport for forskarar', en: 'Export for researchers' },
  exportHelp: {
    nb: 'Pseudonymisert som standard. Hver nedlasting blir loggført.',
    nn: 'Pseudonymisert som standard. Kvar nedlasting blir loggført.',
    en: 'Pseudonymised by default. Every download is logged.',
  },
  exportStarted: { nb: 'Lastet ned: {file}', nn: 'Lasta ned: {file}', en: 'Downloaded: {file}' },
  exportWorking: { nb: 'Laster ned {format} …', nn: 'Lastar ned {format} …', en: 'Downloading {format} …' },
  signInHeading: { nb: 'Logg inn', nn: 'Logg inn', en: 'Sign in' },
  signInOutsideTeams: {
    nb: 'Oversikten er åpnet utenfor Teams. Lim inn et utviklingstoken (lag et med «npm run dev-token -- --oid <din id>»).',
    nn: 'Oversikta er opna utanfor Teams. Lim inn eit utviklingstoken (lag eitt med «npm run dev-token -- --oid <id-en din>»).',
    en: 'The dashboard is open outside Teams. Paste a development token (make one with "npm run dev-token -- --oid <your id>").',
  },
  tokenLabel: { nb: 'Utviklingstoken', nn: 'Utviklingstoken', en: 'Development token' },
  conversationLabel: {
    nb: 'Kanal- eller chat-id (tom: alle sakene dine)',
    nn: 'Kanal- eller chat-id (tom: alle sakene dine)',
    en: 'Channel or chat id (empty: all your cases)',
  },
  signInButton: { nb: 'Vis oversikten', nn: 'Vis oversikta', en: 'Show the dashboard' },
  signOut: { nb: 'Glem tokenet', nn: 'Gløym tokenet', en: 'Forget the token' },
  // The language picker: each language's name for itself and the label of the button that switches
  // to it, both shown in the language they name (`t(target, …)`), whatever the page's language is.
  languageName: { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' },
  switchToLanguage: { nb: 'Bytt til norsk bokmål', nn: 'Byt til norsk nynorsk', en: 'Switch to English' },
  ssoFailed: {
    nb: 'Teams ga ikke noe innloggingstoken ({reason}). Prøv å laste fanen på nytt; første gang må du kanskje godta tilgangen.',
    nn: 'Teams gav ikkje noko innloggingstoken ({reason}). Prøv å laste fana på nytt; første gong må du kanskje godta tilgangen.',
    en: 'Teams gave no sign-in token ({reason}). Try reloading the tab; the first time you may need to consent.',
  },
  errorPrefix: {
    nb: 'Kunne ikke hente oversikten',
    nn: 'Kunne ikkje hente oversikta',
    en: 'Could not load the dashboard',
  },
  networkError: {
    nb: 'Fikk ikke kontakt med tjenesten. Sjekk nettverket og prøv igjen.',
    nn: 'Fekk ikkje kontakt med tenesta. Sjekk nettverket og prøv igjen.',
    en: 'Could not reach the service. Check the network and try again.',
  },
  retry: { nb: 'Prøv igjen', nn: 'Prøv igjen', en: 'Try again' },
  refresh: { nb: 'Oppdater', nn: 'Oppdater', en: 'Refresh' },
} as const;

export type TextKey = keyof typeof TEXTS;

/** The text in `language`, with `{name}` placeholders filled in. */
export function t(
  language: ViewLanguage,
  key: TextKey,
  values: Record<string, string | number> = {},
): string {
  return TEXTS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** Dates as people read them in each language (`INTL_LOCALES`), in the viewer's time zone. */
export function formatDate(language: ViewLanguage, iso: string, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL_LOCALES[language], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime && { hour: '2-digit', minute: '2-digit' }),
  }).format(date);
}

/**
 * Where an idea or a barrier came from, as one sentence: "Fra en melding av Kari Olsen, skrevet 1. des.
 * 2026" or "Skrevet til boten"; undefined for other marks.
 */
export function recordedViaText(mark: TimelineMarkView, language: ViewLanguage): string | undefined {
  if (mark.recordedVia === undefined) return undefined;
  if (mark.recordedVia === 'chat') return t(language, 'typedToBot');
  const message = mark.message ?? {};
  const from =
    message.by === undefined
      ? t(language, 'fromMessage')
      : t(language, 'fromMessageBy', { name: message.by });
  return message.writtenAt === undefined
    ? from
    : `${from}, ${t(language, 'messageWrittenAt', { date: formatDate(language, message.writtenAt, true) })}`;
}
