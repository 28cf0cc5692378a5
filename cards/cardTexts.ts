/**
 * Every fixed text on the cards, in Norwegian Bokmål and English. Parameters that carry user text
 * arrive already escaped (see text.ts); parameters that carry template texts (stage titles, prompt
 * labels) are trusted process data. Kept apart from the builders so a translator reads one file.
 *
 * Why this file is longer than 400 lines: it is a text table (every fixed card text in both languages),
 * kept whole for translators.
 */
import type { Localized } from '../engine';

type L = Localized;

export const cardTexts = {
  common: {
    unknownPerson: { nb: 'ukjent person', en: 'unknown person' },
    round: (round: number): L => ({ nb: `runde ${round}`, en: `round ${round}` }),
    required: { nb: 'påkrevd', en: 'required' },
    optional: { nb: 'valgfritt', en: 'optional' },
    and: { nb: 'og', en: 'and' },
    shortenedFootnote: {
      nb: 'Lange tekster er forkortet her (…). Hele teksten ligger i prosessloggen.',
      en: 'Long texts are shortened here (…). The full text is kept in the process log.',
    },
    showStatus: { nb: 'Vis status', en: 'Show status' },
    refresh: { nb: 'Oppdater', en: 'Refresh' },
    openCase: { nb: 'Start en sak', en: 'Open a case' },
    yes: { nb: 'Ja', en: 'Yes' },
  },

  welcome: {
    title: {
      nb: 'Hei! Jeg holder orden på innovasjonsprosessen deres',
      en: 'Hi! I keep track of your innovation process',
    },
    what: {
      nb: 'Jeg leder prosjektgruppen gjennom seks steg med porter: definere utfordringsbildet, politisk forankring, medarbeiderinvolvering, ny politisk forankring, innføring og evaluering. For hvert steg spør jeg om det som bør dokumenteres, og ved hver port ber jeg lederne om å godkjenne, sende tilbake, sette på pause eller stoppe – med begrunnelse.',
      en: 'I walk the project group through six gated stages: define the challenge, political anchoring, staff involvement, re-anchoring, rollout and evaluation. In each stage I ask for what should be documented, and at each gate I ask the managers to approve, send back, pause or stop – with a reason.',
    },
    log: {
      nb: 'Alt gruppen dokumenterer blir en prosesslogg for prosjektet – så dere kan se tilbake og lære, også når folk har byttet jobb – og for følgeforskning. Forskerne får loggen pseudonymisert: navn byttes ut med koder. Vil du ikke at det du skriver, brukes i forskning, skriver du «reserver meg»; «forskning ok» trekker det tilbake.',
      en: 'Everything the group documents becomes a process log for the project – so you can look back and learn, even after people have moved on – and for trailing research (følgeforskning). Researchers get the log pseudonymised: names are replaced by codes. If you do not want what you write to be used for research, type “no research”; “research ok” takes that back.',
    },
    start: {
      nb: 'Kom i gang: trykk **Start en sak** under, eller skriv «ny sak» og en tittel. Skriv «hjelp» for å se alt du kan skrive.',
      en: 'Get started: press **Open a case** below, or type “new case” and a title. Type “help” to see everything you can type.',
    },
  },

  help: {
    title: { nb: 'Dette kan du skrive til meg', en: 'What you can type to me' },
    intro: {
      nb: 'Nevn meg med @ i kanaler og gruppechatter. Ordene virker på norsk og engelsk.',
      en: 'Mention me with @ in channels and group chats. The words work in English and Norwegian.',
    },
    log: {
      nb: 'Alt som lagres blir en del av prosessloggen for prosjektet og følgeforskningen.',
      en: 'Everything saved becomes part of the process log for the project and for trailing research.',
    },
  },

  notice: {
    info: { nb: 'Til informasjon', en: 'For your information' },
    warning: { nb: 'Merk', en: 'Note' },
    error: { nb: 'Det gikk ikke', en: 'That did not work' },
  },

  openCase: {
    title: { nb: 'Start en ny sak', en: 'Open a new case' },
    intro: {
      nb: 'En sak følger ett innovasjonsarbeid gjennom stegene. Alt som dokumenteres lagres i prosessloggen.',
      en: 'A case follows one piece of innovation work through the stages. Everything documented is kept in the process log.',
    },
    caseTitle: { nb: 'Tittel', en: 'Title' },
    caseTitlePlaceholder: {
      nb: 'For eksempel «Hverdagsrehabilitering i hjemmetjenesten»',
      en: 'For example “Everyday rehabilitation in home care”',
    },
    caseTitleError: { nb: 'Saken trenger en tittel.', en: 'The case needs a title.' },
    unit: { nb: 'Enhet (valgfritt)', en: 'Unit (optional)' },
    municipality: { nb: 'Kommune (valgfritt)', en: 'Municipality (optional)' },
    template: { nb: 'Prosessmal', en: 'Process template' },
    templateError: { nb: 'Velg en prosessmal.', en: 'Choose a process template.' },
    managers: { nb: 'Ledere som avgjør portene', en: 'Managers who decide the gates' },
    managersHelp: {
      nb: 'Den som ber om en vurdering kan ikke godkjenne den selv, så velg minst én annen leder. Flere kan legges til senere.',
      en: 'Whoever requests a review cannot approve it, so choose at least one other manager. More can be added later.',
    },
    noMembers: {
      nb: 'Jeg fant ikke deltakerne i samtalen. Ledere kan legges til senere med «leder @navn».',
      en: 'I could not list the people in this conversation. Managers can be added later with “manager @name”.',
    },
    language: { nb: 'Språk for saken', en: 'Language of the case' },
    norwegian: { nb: 'Norsk bokmål', en: 'Norwegian Bokmål' },
    english: { nb: 'Engelsk', en: 'English' },
    submit: { nb: 'Start saken', en: 'Open the case' },
  },

  status: {
    stages: { nb: 'Stegene', en: 'The stages' },
    current: { nb: 'her er dere nå', en: 'you are here' },
    passed: { nb: 'godkjent', en: 'passed' },
    ahead: { nb: 'senere', en: 'ahead' },
    passedEarlierComesAgain: (round: number): L => ({
      nb: `godkjent i runde ${round}, vurderes på nytt`,
      en: `passed in round ${round}, to be reviewed again`,
    }),
    visitedBefore: (round: number): L => ({
      nb: `senere (var i runde ${round})`,
      en: `ahead (was in round ${round})`,
    }),
    stoppedHere: { nb: 'stoppet her', en: 'stopped here' },
    pausedHere: { nb: 'på pause her', en: 'paused here' },
    documentation: (stage: string): L => ({
      nb: `Dokumentasjon i «${stage}»`,
      en: `Documentation in “${stage}”`,
    }),
    answered: { nb: 'besvart', en: 'answered' },
    notApplicable: { nb: 'ikke relevant', en: 'not applicable' },
    open: { nb: 'åpen', en: 'open' },
    answeredInRound: (round: number): L => ({ nb: `fra runde ${round}`, en: `from round ${round}` }),
    missingRequired: (count: number): L => ({
      nb: `${count} påkrevd${count === 1 ? '' : 'e'} spørsmål mangler svar før porten kan vurderes.`,
      en: `${count} required question${count === 1 ? '' : 's'} still need${count === 1 ? 's' : ''} an answer before the gate can be reviewed.`,
    }),
    politicalMissing: {
      nb: 'Porten krever et registrert politisk vedtak (organ, møtedato, saksnummer, vedtak).',
      en: 'The gate needs a recorded political decision (body, meeting date, case number, decision).',
    },
    readyForReview: {
      nb: 'Alt påkrevd er besvart. Dere kan be om vurdering.',
      en: 'Everything required is answered. You can request a review.',
    },
    gatePending: { nb: 'Porten er til vurdering', en: 'The gate is under review' },
    requestedBy: (name: string, when: string): L => ({
      nb: `Bedt om av ${name}, ${when}.`,
      en: `Requested by ${name}, ${when}.`,
    }),
    deciders: (names: string): L => ({ nb: `Avgjøres av: ${names}.`, en: `Decided by: ${names}.` }),
    approvals: (count: number, needed: number): L => ({
      nb: `Godkjenninger: ${count} av ${needed}.`,
      en: `Approvals: ${count} of ${needed}.`,
    }),
    recentDecisions: { nb: 'Siste avgjørelser', en: 'Recent decisions' },
    noDecisions: { nb: 'Ingen avgjørelser ennå.', en: 'No decisions yet.' },
    counts: (ideas: number, barriers: number): L => ({
      nb: `Ideer registrert: ${ideas} · Barrierer registrert: ${barriers}`,
      en: `Ideas recorded: ${ideas} · Barriers recorded: ${barriers}`,
    }),
    pausedBanner: (by: string, when: string): L => ({
      nb: `⏸️ **Saken er satt på pause** av ${by}, ${when}. En leder kan gjenoppta den med «gjenoppta».`,
      en: `⏸️ **The case is paused** by ${by}, ${when}. A manager can resume it with “resume”.`,
    }),
    stoppedBanner: (by: string, when: string): L => ({
      nb: `⏹️ **Saken er stoppet** av ${by}, ${when}. Loggen er bevart.`,
      en: `⏹️ **The case is stopped** by ${by}, ${when}. The log is kept.`,
    }),
    completedBanner: (when: string): L => ({
      nb: `🎉 **Saken er fullført** ${when}. Hele prosessen er dokumentert i loggen.`,
      en: `🎉 **The case is complete** (${when}). The whole process is documented in the log.`,
    }),
    reason: (reason: string): L => ({ nb: `Begrunnelse: ${reason}`, en: `Reason: ${reason}` }),
    documentStage: { nb: 'Dokumenter steget', en: 'Document this stage' },
    requestReview: { nb: 'Be om vurdering', en: 'Request review' },
    template: (title: string, version: number): L => ({
      nb: `${title}, versjon ${version}`,
      en: `${title}, version ${version}`,
    }),
  },

  outcome: {
    approved: { nb: '✅ Godkjent', en: '✅ Approved' },
    approvedWithConditions: { nb: '✅ Godkjent med vilkår', en: '✅ Approved with conditions' },
    sentBack: { nb: '↩️ Sendt tilbake', en: '↩️ Sent back' },
    paused: { nb: '⏸️ Satt på pause', en: '⏸️ Paused' },
    resumed: { nb: '▶️ Gjenopptatt', en: '▶️ Resumed' },
    stopped: { nb: '⏹️ Stoppet', en: '⏹️ Stopped' },
    withdrawn: { nb: '↪️ Forespørsel trukket', en: '↪️ Request withdrawn' },
    sentBackTo: (stage: string): L => ({
      nb: `Sendt tilbake til «${stage}».`,
      en: `Sent back to “${stage}”.`,
    }),
    conditions: { nb: 'Vilkår', en: 'Conditions' },
    byWhen: (names: string, when: string): L => ({ nb: `${names}, ${when}`, en: `${names}, ${when}` }),
  },

  stageForm: {
    title: (stage: string): L => ({ nb: `Dokumenter: ${stage}`, en: `Document: ${stage}` }),
    howItWorks: {
      nb: 'Fyll ut det dere vet nå; dere kan komme tilbake senere. Et tomt felt lagrer ingenting og sletter ikke et tidligere svar – bruk «Ikke relevant?» hvis et spørsmål ikke gjelder. Alt som lagres blir en del av prosessloggen.',
      en: 'Fill in what you know now; you can come back later. An empty field saves nothing and does not delete an earlier answer – use “Not applicable?” if a question does not apply. Everything saved becomes part of the process log.',
    },
    lastAnswered: (when: string, by: string, round: number): L => ({
      nb: `Sist besvart ${when} av ${by} (runde ${round}).`,
      en: `Last answered ${when} by ${by} (round ${round}).`,
    }),
    notApplicableToggle: { nb: 'Ikke relevant?', en: 'Not applicable?' },
    notApplicableLabel: { nb: 'Ikke relevant, fordi …', en: 'Not applicable, because …' },
    notApplicablePlaceholder: {
      nb: 'Skriv hvorfor spørsmålet ikke gjelder dere',
      en: 'Say why the question does not apply',
    },
    otherSingle: {
      nb: 'Annet (velg «Annet» i listen og skriv her)',
      en: 'Other (choose “Other” in the list and write here)',
    },
    otherMulti: { nb: 'Annet, med egne ord', en: 'Other, in your own words' },
    otherChoice: { nb: 'Annet', en: 'Other' },
    linkLabel: { nb: 'Lenketekst (valgfritt)', en: 'Link text (optional)' },
    linkPlaceholder: { nb: 'https://…', en: 'https://…' },
    numberPlaceholder: { nb: 'For eksempel 1 500 000', en: 'For example 1500000' },
    noPeople: {
      nb: 'Jeg kjenner ingen i samtalen ennå, så personer kan ikke velges her. Svar i chatten ved å nevne dem med @.',
      en: 'I do not know anyone in this conversation yet, so people cannot be chosen here. Answer in the chat by mentioning them with @.',
    },
    tooLongToShow: (chars: number): L => ({
      nb: `Svaret er for langt til å vises i skjemaet (${chars} tegn). Det er lagret i prosessloggen; skriv her bare hvis du vil erstatte det.`,
      en: `The answer is too long to show in the form (${chars} characters). It is kept in the process log; write here only if you want to replace it.`,
    }),
    political: { nb: 'Politisk vedtak', en: 'Political decision' },
    politicalTooLong: (chars: number): L => ({
      nb: `Vedtaksteksten er for lang til å vises i skjemaet (${chars} tegn). Vedtaket er lagret i prosessloggen; fyll ut feltene under bare hvis du vil erstatte det.`,
      en: `The decision text is too long to show in the form (${chars} characters). The decision is kept in the process log; fill in the fields below only to replace it.`,
    }),
    politicalHelp: {
      nb: 'Porten krever et registrert politisk vedtak. Fyll ut organ, møtedato, saksnummer og vedtaket som tekst eller lenke.',
      en: 'The gate needs a recorded political decision. Fill in the body, meeting date, case number and the decision as text or a link.',
    },
    politicalFromRound: (round: number): L => ({
      nb: `Vedtaket under ble registrert i runde ${round}. En ny runde trenger et nytt vedtak: rett feltene, eller skriv nederst hvorfor det samme vedtaket fortsatt gjelder.`,
      en: `The decision below was recorded in round ${round}. A new round needs a new decision: correct the fields, or say at the bottom why the same decision still stands.`,
    }),
    politicalStillStandsLabel: {
      nb: 'Gjelder det samme vedtaket fortsatt? Skriv i så fall hvorfor',
      en: 'Does the same decision still stand? If so, say why',
    },
    politicalStillStandsPlaceholder: {
      nb: 'La stå tomt hvis dere registrerer et nytt vedtak over',
      en: 'Leave empty if you record a new decision above',
    },
    politicalStillStands: (because: string): L => ({
      nb: `Det samme vedtaket gjelder fortsatt: ${because}`,
      en: `The same decision still stands: ${because}`,
    }),
    body: { nb: 'Politisk organ', en: 'Political body' },
    bodyPlaceholder: { nb: 'For eksempel «Kommunestyret»', en: 'For example “Municipal council”' },
    meetingDate: { nb: 'Møtedato', en: 'Meeting date' },
    caseNumber: { nb: 'Saksnummer', en: 'Case number' },
    decisionText: { nb: 'Vedtaket (tekst)', en: 'The decision (text)' },
    decisionLink: { nb: 'Lenke til vedtaket', en: 'Link to the decision' },
    save: { nb: 'Lagre', en: 'Save' },
    locked: {
      gatePending: {
        nb: 'Porten er til vurdering, så dokumentasjonen kan ikke endres nå. Vent på avgjørelsen, eller trekk forespørselen («trekk vurdering») for å endre den.',
        en: 'The gate is under review, so the documentation cannot be changed now. Wait for the decision, or withdraw the request (“withdraw review”) to change it.',
      },
      paused: {
        nb: 'Saken er satt på pause. En leder må gjenoppta den før dere kan dokumentere mer.',
        en: 'The case is paused. A manager must resume it before you can document more.',
      },
      stopped: {
        nb: 'Saken er stoppet. Dokumentasjonen under er bevart.',
        en: 'The case is stopped. The documentation below is kept.',
      },
      completed: {
        nb: 'Saken er fullført. Dokumentasjonen under er bevart.',
        en: 'The case is complete. The documentation below is kept.',
      },
    },
    recorded: (labels: string): L => ({ nb: `Lagret: ${labels}.`, en: `Saved: ${labels}.` }),
    nothingRecorded: { nb: 'Ingenting nytt ble lagret.', en: 'Nothing new was saved.' },
    stillOpen: (labels: string): L => ({
      nb: `Mangler fortsatt svar (påkrevd): ${labels}.`,
      en: `Still without an answer (required): ${labels}.`,
    }),
    politicalRecorded: { nb: 'det politiske vedtaket', en: 'the political decision' },
  },

  recorded: {
    title: (stage: string): L => ({ nb: `Lagret i «${stage}»`, en: `Saved in “${stage}”` }),
    openForm: { nb: 'Åpne skjemaet igjen', en: 'Open the form again' },
  },

  approval: {
    title: (stage: string): L => ({
      nb: `Vurdering av porten etter «${stage}»`,
      en: `Gate review after “${stage}”`,
    }),
    caseLine: (title: string): L => ({ nb: `Sak: ${title}`, en: `Case: ${title}` }),
    waitingFor: (mentions: string): L => ({
      nb: `Venter på avgjørelse fra ${mentions}.`,
      en: `Waiting for a decision from ${mentions}.`,
    }),
    basis: { nb: 'Dokumentasjonen porten avgjøres på', en: 'The documentation the gate is decided on' },
    notAnswered: { nb: '— ikke besvart', en: '— not answered' },
    politicalReference: { nb: 'Politisk vedtak', en: 'Political decision' },
    noPoliticalReference: { nb: 'Ikke registrert.', en: 'Not recorded.' },
    approvedBy: (name: string, when: string): L => ({ nb: `✓ ${name}, ${when}`, en: `✓ ${name}, ${when}` }),
    observer: {
      nb: 'Bare de som er nevnt over kan avgjøre porten. Utfallet blir skrevet i chatten når porten er avgjort.',
      en: 'Only the people mentioned above can decide the gate. The outcome is posted in the chat when the gate is decided.',
    },
    sharedDecide: {
      nb: 'Er du en av dem som er nevnt over, avgjør du porten her. Alle avgjørelser og begrunnelser lagres i loggen; andre som trykker, får beskjed om hvem som kan avgjøre.',
      en: 'If you are one of the people mentioned above, decide the gate here. Every decision and reason is recorded in the log; anyone else who clicks is told who can decide.',
    },
    correctPolitical: {
      nb: 'Registrer eller rett politisk vedtak',
      en: 'Enter or correct the political decision',
    },
    correctPoliticalHelp: {
      nb: 'Endringer her lagres i loggen sammen med avgjørelsen din.',
      en: 'Changes here are recorded in the log together with your decision.',
    },
    approve: { nb: 'Godkjenn', en: 'Approve' },
    approveConfirm: { nb: 'Bekreft godkjenning', en: 'Confirm approval' },
    comment: { nb: 'Kommentar (valgfritt)', en: 'Comment (optional)' },
    approveWithConditions: { nb: 'Godkjenn med vilkår', en: 'Approve with conditions' },
    conditions: { nb: 'Vilkår', en: 'Conditions' },
    conditionsError: {
      nb: 'Skriv vilkårene for godkjenningen.',
      en: 'Write the conditions of the approval.',
    },
    sendBack: { nb: 'Send tilbake', en: 'Send back' },
    sendBackTo: { nb: 'Send tilbake til steget', en: 'Send back to the stage' },
    sendBackHelp: {
      nb: 'Tidligere svar beholdes; en ny runde legger til nye versjoner.',
      en: 'Earlier answers are kept; a new round adds new versions.',
    },
    pause: { nb: 'Sett på pause', en: 'Pause' },
    stop: { nb: 'Stopp saken', en: 'Stop the case' },
    stopWarning: {
      nb: 'Å stoppe er endelig: saken kan ikke tas opp igjen, men loggen bevares.',
      en: 'Stopping is final: the case cannot be taken up again, but the log is kept.',
    },
    reason: { nb: 'Begrunnelse', en: 'Reason' },
    reasonError: {
      nb: 'Skriv en begrunnelse; den blir en del av loggen.',
      en: 'Write a reason; it becomes part of the log.',
    },
    confirm: (action: string): L => ({ nb: `Bekreft: ${action}`, en: `Confirm: ${action}` }),
    decidedFooter: {
      nb: 'Denne vurderingen er avsluttet. Dokumentasjonen den bygde på ligger i prosessloggen.',
      en: 'This review is closed. The documentation it was based on is kept in the process log.',
    },
    noReview: { nb: 'Ingen port venter på vurdering.', en: 'No gate is waiting for review.' },
    carriedConditions: { nb: 'Vilkår fra forrige port', en: 'Conditions from the last gate' },
    carriedConditionsBy: (stage: string, who: string, when: string): L => ({
      nb: `Satt ved porten etter «${stage}» av ${who}, ${when}. Er de oppfylt? Ta det med i avgjørelsen.`,
      en: `Set at the gate after “${stage}” by ${who}, ${when}. Are they met? Take it into the decision.`,
    }),
    youDecide: {
      nb: 'Du kan avgjøre porten. Velg en avgjørelse under; alle avgjørelser og begrunnelser lagres i loggen.',
      en: 'You can decide the gate. Choose a decision below; every decision and reason is recorded in the log.',
    },
  },

  /** Why a card submission was not accepted; each says what to do next. */
  submission: {
    malformed: {
      nb: 'Kortet sendte noe jeg ikke forstår, så ingenting ble lagret. Hent et nytt kort (skriv «status») og prøv igjen.',
      en: 'The card sent something I do not understand, so nothing was saved. Get a fresh card (type “status”) and try again.',
    },
    unknownVerb: {
      nb: 'Den knappen kjenner jeg ikke igjen; kortet kan være fra en eldre versjon av appen. Skriv «status» for å få et nytt kort.',
      en: 'I do not recognise that button; the card may be from an older version of the app. Type “status” to get a fresh card.',
    },
    staleForm: {
      nb: 'Skjemaet gjelder et annet steg enn det saken står i nå, så ingenting ble lagret. Hent et oppdatert skjema.',
      en: 'The form belongs to another stage than the one the case is in now, so nothing was saved. Get an updated form.',
    },
    notANumber: (label: string): L => ({
      nb: `Svaret på «${label}» er ikke et tall jeg kan lese. Skriv for eksempel 1 500 000 eller 1,5.`,
      en: `The answer to “${label}” is not a number I can read. Write for example 1500000 or 1.5.`,
    }),
    ambiguousNumber: (label: string, raw: string): L => ({
      nb: `«${raw}» i «${label}» kan bety både et desimaltall og et helt tall. Skriv tusener med mellomrom (1 500) og desimaler med komma (1,5).`,
      en: `“${raw}” in “${label}” could be a decimal or a whole number. Write thousands with a space (1 500) and decimals with a point (1.5).`,
    }),
    notADate: (label: string): L => ({
      nb: `«${label}» trenger en dato, for eksempel 01.09.2026 eller 2026-09-01.`,
      en: `“${label}” needs a date, for example 2026-09-01 or 01.09.2026.`,
    }),
    notALink: (label: string): L => ({
      nb: `«${label}» trenger en lenke som begynner med https://`,
      en: `“${label}” needs a link starting with https://`,
    }),
    bothAnswerAndNotApplicable: (label: string): L => ({
      nb: `Du har både svart på «${label}» og skrevet at det ikke er relevant. Tøm ett av de to feltene og lagre igjen.`,
      en: `You both answered “${label}” and wrote that it does not apply. Empty one of the two fields and save again.`,
    }),
    otherWithoutText: (label: string): L => ({
      nb: `Du valgte «Annet» i «${label}» uten å skrive hva. Skriv det i feltet under listen, eller velg noe annet.`,
      en: `You chose “Other” in “${label}” without saying what. Write it in the field below the list, or choose something else.`,
    }),
    oneChoiceOnly: (label: string): L => ({
      nb: `«${label}» skal ha ett svar. Velg «Annet» i listen for å bruke din egen tekst, eller tøm tekstfeltet.`,
      en: `“${label}” takes one answer. Choose “Other” in the list to use your own text, or empty the text field.`,
    }),
    unknownChoice: (label: string): L => ({
      nb: `Et valg i «${label}» finnes ikke i skjemaet lenger. Hent et oppdatert skjema.`,
      en: `A choice in “${label}” is no longer in the form. Get an updated form.`,
    }),
    tooManyPeople: (label: string, limit: number): L => ({
      nb: `Velg høyst ${limit} personer i «${label}».`,
      en: `Choose at most ${limit} people in “${label}”.`,
    }),
    invalidPerson: {
      nb: 'En av personene i skjemaet kan ikke leses. Hent et oppdatert skjema.',
      en: 'One of the people in the form cannot be read. Get an updated form.',
    },
    sendBackTarget: {
      nb: 'Velg hvilket steg saken skal sendes tilbake til.',
      en: 'Choose the stage to send the case back to.',
    },
    tooManyManagers: (limit: number): L => ({
      nb: `Velg høyst ${limit} ledere.`,
      en: `Choose at most ${limit} managers.`,
    }),
    unknownTemplate: {
      nb: 'Prosessmalen i skjemaet kan ikke leses. Hent et nytt skjema med «ny sak».',
      en: 'The process template in the form cannot be read. Get a new form with “new case”.',
    },
    unknownLanguage: {
      nb: 'Velg norsk bokmål eller engelsk som språk for saken.',
      en: 'Choose Norwegian Bokmål or English as the language of the case.',
    },
  },
} as const;
