/**
 * Every text the dashboard page shows itself, in Norwegian Bokmål and English. What comes from the API
 * (stage titles, outcomes, statuses, categories) is already in the page's language.
 */
import type { ViewLanguage } from '../dashboard/viewModel';

const TEXTS = {
  pageTitle: { nb: 'Oversikt over sakene', en: 'Overview of the cases' },
  loading: { nb: 'Henter sakene …', en: 'Loading the cases …' },
  loadingCase: { nb: 'Henter tidslinje og dokumentasjon …', en: 'Loading timeline and documentation …' },
  scopeConversation: {
    nb: 'Sakene i denne kanalen eller chatten som du er med i.',
    en: 'The cases of this channel or chat that you take part in.',
  },
  scopeMine: { nb: 'Alle sakene du er med i.', en: 'All the cases you take part in.' },
  truncated: {
    nb: 'Listen er kortet ned: ikke alle sakene vises.',
    en: 'The list is cut short: not every case is shown.',
  },
  noCases: {
    nb: 'Du er ikke med i noen saker her ennå. Start en sak i chatten med «ny sak», eller skriv i en sak for å bli med.',
    en: 'You are not part of any case here yet. Start one in the chat with "new case", or write in a case to join it.',
  },
  waitingHeading: { nb: 'Venter på din vurdering', en: 'Waiting for your decision' },
  waitingNone: { nb: 'Ingen porter venter på deg.', en: 'No gates are waiting for you.' },
  waitingHow: {
    nb: 'Vurder porten her i oversikten eller på kortet i samtalen: godkjenn, send tilbake, sett på pause eller stopp.',
    en: 'Decide here on the dashboard or on the card in the conversation: approve, send back, pause or stop.',
  },
  requestedBy: { nb: 'Bedt om av', en: 'Requested by' },
  requestedAt: { nb: 'den', en: 'on' },
  approvalsSoFar: { nb: 'Godkjenninger', en: 'Approvals' },
  deciders: { nb: 'Kan vurdere', en: 'May decide' },
  decideLegend: {
    nb: 'Din vurdering av porten etter «{stage}»',
    en: 'Your decision on the gate after “{stage}”',
  },
  decideApprove: { nb: 'Godkjenn', en: 'Approve' },
  decideApproveWithConditions: { nb: 'Godkjenn med vilkår', en: 'Approve with conditions' },
  decideSendBack: { nb: 'Send tilbake', en: 'Send back' },
  decidePause: { nb: 'Sett saken på pause', en: 'Pause the case' },
  decideStop: { nb: 'Stopp saken', en: 'Stop the case' },
  decideConditions: { nb: 'Vilkår', en: 'Conditions' },
  decideSendBackTo: { nb: 'Send tilbake til steget', en: 'Send back to the stage' },
  decideReason: { nb: 'Begrunnelse', en: 'Reason' },
  decideComment: { nb: 'Kommentar (valgfritt)', en: 'Comment (optional)' },
  decideSubmit: { nb: 'Send vurderingen', en: 'Send the decision' },
  decideSending: { nb: 'Sender vurderingen …', en: 'Sending the decision …' },
  decideMissing: { nb: '«{field}» må fylles ut.', en: '“{field}” is required.' },
  decideRecorded: {
    nb: 'Vurderingen er lagret, og chatten har fått beskjed.',
    en: 'The decision is saved, and the chat has been told.',
  },
  decideRecordedNotAnnounced: {
    nb: 'Vurderingen er lagret, men chatten kunne ikke varsles nå. Saken viser den likevel.',
    en: 'The decision is saved, but the chat could not be told just now. The case shows it all the same.',
  },
  decideAlready: {
    nb: 'Denne vurderingen var allerede lagret.',
    en: 'This decision had already been saved.',
  },
  pausedHeading: { nb: 'Saken er satt på pause', en: 'The case is paused' },
  pausedBy: { nb: '{name} satte den på pause {date}.', en: '{name} paused it on {date}.' },
  resumeButton: { nb: 'Gjenoppta saken', en: 'Resume the case' },
  resumeSending: { nb: 'Gjenopptar saken …', en: 'Resuming the case …' },
  resumeAlsoInChat: {
    nb: 'Du kan også gjenoppta den ved å skrive «gjenoppta» i chatten.',
    en: 'You can also resume it by typing "resume" in the chat.',
  },
  resumeByManager: {
    nb: 'En leder av saken kan gjenoppta den her i oversikten eller ved å skrive «gjenoppta» i chatten.',
    en: 'A manager of the case can resume it here on the dashboard or by typing "resume" in the chat.',
  },
  resumeRecorded: {
    nb: 'Saken er gjenopptatt, og chatten har fått beskjed.',
    en: 'The case is resumed, and the chat has been told.',
  },
  resumeRecordedNotAnnounced: {
    nb: 'Saken er gjenopptatt, men chatten kunne ikke varsles nå. Den får beskjed så snart den kan nås.',
    en: 'The case is resumed, but the chat could not be told just now. It will be told as soon as it can be reached.',
  },
  resumeAlready: { nb: 'Saken var allerede gjenopptatt.', en: 'The case had already been resumed.' },
  casesHeading: { nb: 'Saker', en: 'Cases' },
  status: { nb: 'Status', en: 'Status' },
  currentStage: { nb: 'Nå i steget', en: 'Current stage' },
  yourRoles: { nb: 'Dine roller', en: 'Your roles' },
  unit: { nb: 'Enhet', en: 'Unit' },
  opened: { nb: 'Åpnet', en: 'Opened' },
  updated: { nb: 'Sist endret', en: 'Last changed' },
  gatePending: { nb: 'Porten er til vurdering', en: 'The gate is under review' },
  timelineHeading: { nb: 'Tidslinje', en: 'Timeline' },
  timelineSummary: {
    nb: 'Tidslinje for {title}: {stays} opphold i {stages} steg, {decisions} beslutninger, {ideas} ideer og {barriers} barrierer.',
    en: 'Timeline of {title}: {stays} stays in {stages} stages, {decisions} decisions, {ideas} ideas and {barriers} barriers.',
  },
  timelineStages: { nb: 'Stegene i prosessen: {stages}.', en: 'The stages of the process: {stages}.' },
  timelineAsList: { nb: 'Tidslinjen som liste', en: 'The timeline as a list' },
  legendStage: { nb: 'Opphold i et steg', en: 'Stay in a stage' },
  legendLoop: { nb: 'Sendt tilbake (ny runde)', en: 'Sent back (another round)' },
  legendPause: { nb: 'Pause', en: 'Pause' },
  legendApproved: { nb: 'Port godkjent', en: 'Gate approved' },
  legendSentBack: { nb: 'Sendt tilbake', en: 'Sent back' },
  legendStopped: { nb: 'Stoppet', en: 'Stopped' },
  legendIdea: { nb: 'Idé', en: 'Idea' },
  legendBarrier: { nb: 'Barriere', en: 'Barrier' },
  legendReview: { nb: 'Vurdering bedt om', en: 'Review requested' },
  now: { nb: 'nå', en: 'now' },
  gapDays: { nb: '{count} dager', en: '{count} days' },
  gapMonths: { nb: '{count} mnd.', en: '{count} months' },
  gapTitle: {
    nb: 'Tegnet kortere enn den var: {length} uten noe nytt i saken',
    en: 'Drawn shorter than it was: {length} with nothing new in the case',
  },
  round: { nb: 'runde', en: 'round' },
  enteredAtStart: { nb: 'startet', en: 'started' },
  enteredAfterApproval: { nb: 'etter godkjent port', en: 'after an approved gate' },
  enteredAfterSendBack: { nb: 'sendt tilbake hit', en: 'sent back here' },
  stillHere: { nb: 'pågår', en: 'ongoing' },
  idea: { nb: 'Idé', en: 'Idea' },
  barrier: { nb: 'Barriere', en: 'Barrier' },
  reviewRequested: { nb: 'Vurdering bedt om', en: 'Review requested' },
  completed: { nb: 'Saken er fullført', en: 'The case is completed' },
  pause: { nb: 'Pause', en: 'Pause' },
  by: { nb: 'av', en: 'by' },
  to: { nb: 'til', en: 'to' },
  reason: { nb: 'Begrunnelse', en: 'Reason' },
  conditions: { nb: 'Vilkår', en: 'Conditions' },
  documentationHeading: { nb: 'Dokumentasjon per steg', en: 'Documentation per stage' },
  researchDeclined: {
    nb: 'Har reservert seg mot at bidragene deres brukes i forskning (det de skriver, holdes tilbake fra forskerne):',
    en: 'Have declined that their contributions are used for research (what they write is withheld from researchers):',
  },
  stageAhead: { nb: 'ikke startet', en: 'not started' },
  stageCurrent: { nb: 'pågår', en: 'in progress' },
  stagePassed: { nb: 'passert', en: 'passed' },
  rounds: { nb: 'runder', en: 'rounds' },
  answered: { nb: 'besvart', en: 'answered' },
  unanswered: { nb: 'Ikke besvart ennå', en: 'Not answered yet' },
  required: { nb: 'påkrevd', en: 'required' },
  revision: { nb: 'revisjon', en: 'revision' },
  politicalDecision: { nb: 'Politisk vedtak', en: 'Political decision' },
  exportHeading: { nb: 'Eksport for forskere', en: 'Export for researchers' },
  exportHelp: {
    nb: 'Pseudonymisert som standard. Hver nedlasting blir loggført.',
    en: 'Pseudonymised by default. Every download is logged.',
  },
  exportStarted: { nb: 'Lastet ned: {file}', en: 'Downloaded: {file}' },
  exportWorking: { nb: 'Laster ned {format} …', en: 'Downloading {format} …' },
  signInHeading: { nb: 'Logg inn', en: 'Sign in' },
  signInOutsideTeams: {
    nb: 'Oversikten er åpnet utenfor Teams. Lim inn et utviklingstoken (lag et med «npm run dev-token -- --oid <din id>»).',
    en: 'The dashboard is open outside Teams. Paste a development token (make one with "npm run dev-token -- --oid <your id>").',
  },
  tokenLabel: { nb: 'Utviklingstoken', en: 'Development token' },
  conversationLabel: {
    nb: 'Kanal- eller chat-id (tom: alle sakene dine)',
    en: 'Channel or chat id (empty: all your cases)',
  },
  signInButton: { nb: 'Vis oversikten', en: 'Show the dashboard' },
  signOut: { nb: 'Glem tokenet', en: 'Forget the token' },
  switchLanguage: { nb: 'English', en: 'Norsk' },
  switchLanguageLabel: { nb: 'Switch to English', en: 'Bytt til norsk' },
  ssoFailed: {
    nb: 'Teams ga ikke noe innloggingstoken ({reason}). Prøv å laste fanen på nytt; første gang må du kanskje godta tilgangen.',
    en: 'Teams gave no sign-in token ({reason}). Try reloading the tab; the first time you may need to consent.',
  },
  errorPrefix: { nb: 'Kunne ikke hente oversikten', en: 'Could not load the dashboard' },
  networkError: {
    nb: 'Fikk ikke kontakt med tjenesten. Sjekk nettverket og prøv igjen.',
    en: 'Could not reach the service. Check the network and try again.',
  },
  retry: { nb: 'Prøv igjen', en: 'Try again' },
  refresh: { nb: 'Oppdater', en: 'Refresh' },
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

/** Dates as people read them in Norway or in English, in the viewer's time zone. */
export function formatDate(language: ViewLanguage, iso: string, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime && { hour: '2-digit', minute: '2-digit' }),
  }).format(date);
}
