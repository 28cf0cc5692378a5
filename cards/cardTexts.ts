/**
 * Every fixed text on the cards, in Norwegian Bokmål, Norwegian Nynorsk and English. Parameters that carry user text
 * arrive already escaped (see text.ts); parameters that carry template texts (stage titles, prompt
 * labels) are trusted process data. Kept apart from the builders so a translator reads one file.
 *
 * Why this file is longer than 400 lines: it is a text table (every fixed card text in every language),
 * kept whole for translators.
 */
import { plurals, type Localized } from '../engine';

type L = Localized;

export const cardTexts = {
  common: {
    unknownPerson: { nb: 'ukjent person', nn: 'ukjend person', en: 'unknown person' },
    round: (round: number): L => ({ nb: `runde ${round}`, nn: `runde ${round}`, en: `round ${round}` }),
    required: { nb: 'påkrevd', nn: 'obligatorisk', en: 'required' },
    optional: { nb: 'valgfritt', nn: 'valfritt', en: 'optional' },
    and: { nb: 'og', nn: 'og', en: 'and' },
    shortenedFootnote: {
      nb: 'Lange tekster er forkortet her (…). Hele teksten ligger i prosessloggen.',
      nn: 'Lange tekstar er korta ned her (…). Heile teksten ligg i prosessloggen.',
      en: 'Long texts are shortened here (…). The full text is kept in the process log.',
    },
    showStatus: { nb: 'Vis status', nn: 'Vis status', en: 'Show status' },
    refresh: { nb: 'Oppdater', nn: 'Oppdater', en: 'Refresh' },
    openCase: { nb: 'Start en sak', nn: 'Start ei sak', en: 'Open a case' },
    yes: { nb: 'Ja', nn: 'Ja', en: 'Yes' },
  },

  welcome: {
    title: {
      nb: 'Hei! Jeg holder orden på innovasjonsprosessen deres',
      nn: 'Hei! Eg held orden på innovasjonsprosessen dykkar',
      en: 'Hi! I keep track of your innovation process',
    },
    what: {
      nb: 'Jeg leder prosjektgruppen gjennom seks steg med porter: definere utfordringsbildet, politisk forankring, medarbeiderinvolvering, ny politisk forankring, innføring og evaluering. For hvert steg spør jeg om det som bør dokumenteres, og ved hver port ber jeg lederne om å godkjenne, sende tilbake, sette på pause eller stoppe – med begrunnelse.',
      nn: 'Eg leier prosjektgruppa gjennom seks steg med portar: definere utfordringsbiletet, politisk forankring, medarbeidarinvolvering, ny politisk forankring, innføring og evaluering. For kvart steg spør eg om det som bør dokumenterast, og ved kvar port ber eg leiarane om å godkjenne, sende tilbake, setje på pause eller stoppe – med grunngjeving.',
      en: 'I walk the project group through six gated stages: define the challenge, political anchoring, staff involvement, re-anchoring, rollout and evaluation. In each stage I ask for what should be documented, and at each gate I ask the managers to approve, send back, pause or stop – with a reason.',
    },
    log: {
      nb: 'Alt gruppen dokumenterer blir en prosesslogg for prosjektet – så dere kan se tilbake og lære, også når folk har byttet jobb – og for følgeforskning. Forskerne får loggen pseudonymisert: navn byttes ut med koder. Vil du ikke at det du skriver, brukes i forskning, skriver du «reserver meg»; «forskning ok» trekker det tilbake.',
      nn: 'Alt gruppa dokumenterer blir ein prosesslogg for prosjektet – så de kan sjå tilbake og lære, òg når folk har bytt jobb – og for følgjeforsking. Forskarane får loggen pseudonymisert: namn blir bytte ut med kodar. Vil du ikkje at det du skriv, blir brukt i forsking, skriv du «reserver meg»; «forsking ok» trekkjer det tilbake.',
      en: 'Everything the group documents becomes a process log for the project – so you can look back and learn, even after people have moved on – and for trailing research (følgeforskning). Researchers get the log pseudonymised: names are replaced by codes. If you do not want what you write to be used for research, type “no research”; “research ok” takes that back.',
    },
    start: {
      nb: 'Kom i gang: trykk **Start en sak** under, eller skriv «ny sak» og en tittel. Skriv «hjelp» for å se alt du kan skrive.',
      nn: 'Kom i gang: trykk **Start ei sak** under, eller skriv «ny sak» og ein tittel. Skriv «hjelp» for å sjå alt du kan skrive.',
      en: 'Get started: press **Open a case** below, or type “new case” and a title. Type “help” to see everything you can type.',
    },
  },

  help: {
    title: {
      nb: 'Dette kan du skrive til meg',
      nn: 'Dette kan du skrive til meg',
      en: 'What you can type to me',
    },
    intro: {
      nb: 'Nevn meg med @ i kanaler og gruppechatter. Ordene virker på norsk og engelsk.',
      nn: 'Nemn meg med @ i kanalar og gruppechattar. Orda verkar på norsk og engelsk.',
      en: 'Mention me with @ in channels and group chats. The words work in English and Norwegian.',
    },
    keepMessage: {
      nb: 'En idé eller barriere i en vanlig melding? Velg «…» på meldingen og **Ta vare på som idé/barriere**.',
      nn: 'Ein idé eller barriere i ei vanleg melding? Vel «…» på meldinga og **Ta vare på som idé/barriere**.',
      en: 'An idea or a barrier in an ordinary message? Choose “…” on the message and **Keep as idea or barrier**.',
    },
    log: {
      nb: 'Alt som lagres blir en del av prosessloggen for prosjektet og følgeforskningen.',
      nn: 'Alt som blir lagra blir ein del av prosessloggen for prosjektet og følgjeforskinga.',
      en: 'Everything saved becomes part of the process log for the project and for trailing research.',
    },
  },

  notice: {
    info: { nb: 'Til informasjon', nn: 'Til informasjon', en: 'For your information' },
    warning: { nb: 'Merk', nn: 'Merk', en: 'Note' },
    error: { nb: 'Det gikk ikke', nn: 'Det gjekk ikkje', en: 'That did not work' },
  },

  openCase: {
    title: { nb: 'Start en ny sak', nn: 'Start ei ny sak', en: 'Open a new case' },
    intro: {
      nb: 'En sak følger ett innovasjonsarbeid gjennom stegene. Alt som dokumenteres lagres i prosessloggen.',
      nn: 'Ei sak følgjer eitt innovasjonsarbeid gjennom stega. Alt som blir dokumentert blir lagra i prosessloggen.',
      en: 'A case follows one piece of innovation work through the stages. Everything documented is kept in the process log.',
    },
    caseTitle: { nb: 'Tittel', nn: 'Tittel', en: 'Title' },
    caseTitlePlaceholder: {
      nb: 'For eksempel «Hverdagsrehabilitering i hjemmetjenesten»',
      nn: 'Til dømes «Kvardagsrehabilitering i heimetenesta»',
      en: 'For example “Everyday rehabilitation in home care”',
    },
    caseTitleError: {
      nb: 'Saken trenger en tittel.',
      nn: 'Saka treng ein tittel.',
      en: 'The case needs a title.',
    },
    unit: { nb: 'Enhet (valgfritt)', nn: 'Eining (valfritt)', en: 'Unit (optional)' },
    municipality: { nb: 'Kommune (valgfritt)', nn: 'Kommune (valfritt)', en: 'Municipality (optional)' },
    template: { nb: 'Prosessmal', nn: 'Prosessmal', en: 'Process template' },
    templateError: { nb: 'Velg en prosessmal.', nn: 'Vel ein prosessmal.', en: 'Choose a process template.' },
    managers: {
      nb: 'Ledere som avgjør portene',
      nn: 'Leiarar som avgjer portane',
      en: 'Managers who decide the gates',
    },
    managersHelp: {
      nb: 'Den som ber om en vurdering kan ikke godkjenne den selv, så velg minst én annen leder. Flere kan legges til senere.',
      nn: 'Den som ber om ei vurdering kan ikkje godkjenne ho sjølv, så vel minst éin annan leiar. Fleire kan leggjast til seinare.',
      en: 'Whoever requests a review cannot approve it, so choose at least one other manager. More can be added later.',
    },
    noMembers: {
      nb: 'Jeg fant ikke deltakerne i samtalen. Ledere kan legges til senere med «leder @navn».',
      nn: 'Eg fann ikkje deltakarane i samtalen. Leiarar kan leggjast til seinare med «leiar @namn».',
      en: 'I could not list the people in this conversation. Managers can be added later with “manager @name”.',
    },
    language: { nb: 'Språk for saken', nn: 'Språk for saka', en: 'Language of the case' },
    norwegian: { nb: 'Norsk bokmål', nn: 'Norsk bokmål', en: 'Norwegian Bokmål' },
    nynorsk: { nb: 'Norsk nynorsk', nn: 'Norsk nynorsk', en: 'Norwegian Nynorsk' },
    english: { nb: 'Engelsk', nn: 'Engelsk', en: 'English' },
    submit: { nb: 'Start saken', nn: 'Start saka', en: 'Open the case' },
  },

  status: {
    stages: { nb: 'Stegene', nn: 'Stega', en: 'The stages' },
    current: { nb: 'her er dere nå', nn: 'her er de no', en: 'you are here' },
    passed: { nb: 'godkjent', nn: 'godkjent', en: 'passed' },
    ahead: { nb: 'senere', nn: 'seinare', en: 'ahead' },
    passedEarlierComesAgain: (round: number): L => ({
      nb: `godkjent i runde ${round}, vurderes på nytt`,
      nn: `godkjent i runde ${round}, blir vurdert på nytt`,
      en: `passed in round ${round}, to be reviewed again`,
    }),
    visitedBefore: (round: number): L => ({
      nb: `senere (var i runde ${round})`,
      nn: `seinare (var i runde ${round})`,
      en: `ahead (was in round ${round})`,
    }),
    stoppedHere: { nb: 'stoppet her', nn: 'stoppa her', en: 'stopped here' },
    pausedHere: { nb: 'på pause her', nn: 'på pause her', en: 'paused here' },
    documentation: (stage: string): L => ({
      nb: `Dokumentasjon i «${stage}»`,
      nn: `Dokumentasjon i «${stage}»`,
      en: `Documentation in “${stage}”`,
    }),
    answered: { nb: 'besvart', nn: 'svara', en: 'answered' },
    notApplicable: { nb: 'ikke relevant', nn: 'ikkje relevant', en: 'not applicable' },
    open: { nb: 'åpen', nn: 'open', en: 'open' },
    answeredInRound: (round: number): L => ({
      nb: `fra runde ${round}`,
      nn: `frå runde ${round}`,
      en: `from round ${round}`,
    }),
    missingRequired: (count: number): L =>
      plurals(count, {
        nb: {
          one: `${count} påkrevd spørsmål mangler svar før porten kan vurderes.`,
          other: `${count} påkrevde spørsmål mangler svar før porten kan vurderes.`,
        },
        nn: {
          one: `${count} obligatorisk spørsmål manglar svar før porten kan vurderast.`,
          other: `${count} obligatoriske spørsmål manglar svar før porten kan vurderast.`,
        },
        en: {
          one: `${count} required question still needs an answer before the gate can be reviewed.`,
          other: `${count} required questions still need an answer before the gate can be reviewed.`,
        },
      }),
    politicalMissing: {
      nb: 'Porten krever et registrert politisk vedtak (organ, møtedato, saksnummer, vedtak).',
      nn: 'Porten krev eit registrert politisk vedtak (organ, møtedato, saksnummer, vedtak).',
      en: 'The gate needs a recorded political decision (body, meeting date, case number, decision).',
    },
    readyForReview: {
      nb: 'Alt påkrevd er besvart. Dere kan be om vurdering.',
      nn: 'Alt obligatorisk er svara på. De kan be om vurdering.',
      en: 'Everything required is answered. You can request a review.',
    },
    gatePending: {
      nb: 'Porten er til vurdering',
      nn: 'Porten er til vurdering',
      en: 'The gate is under review',
    },
    requestedBy: (name: string, when: string): L => ({
      nb: `Bedt om av ${name}, ${when}.`,
      nn: `Bede om av ${name}, ${when}.`,
      en: `Requested by ${name}, ${when}.`,
    }),
    deciders: (names: string): L => ({
      nb: `Avgjøres av: ${names}.`,
      nn: `Blir avgjord av: ${names}.`,
      en: `Decided by: ${names}.`,
    }),
    approvals: (count: number, needed: number): L => ({
      nb: `Godkjenninger: ${count} av ${needed}.`,
      nn: `Godkjenningar: ${count} av ${needed}.`,
      en: `Approvals: ${count} of ${needed}.`,
    }),
    recentDecisions: { nb: 'Siste avgjørelser', nn: 'Siste avgjerder', en: 'Recent decisions' },
    noDecisions: { nb: 'Ingen avgjørelser ennå.', nn: 'Ingen avgjerder enno.', en: 'No decisions yet.' },
    counts: (ideas: number, barriers: number): L => ({
      nb: `Ideer registrert: ${ideas} · Barrierer registrert: ${barriers}`,
      nn: `Idéar registrerte: ${ideas} · Barrierar registrerte: ${barriers}`,
      en: `Ideas recorded: ${ideas} · Barriers recorded: ${barriers}`,
    }),
    pausedBanner: (by: string, when: string): L => ({
      nb: `⏸️ **Saken er satt på pause** av ${by}, ${when}. En leder kan gjenoppta den med «gjenoppta».`,
      nn: `⏸️ **Saka er sett på pause** av ${by}, ${when}. Ein leiar kan ta ho opp att med «ta opp att».`,
      en: `⏸️ **The case is paused** by ${by}, ${when}. A manager can resume it with “resume”.`,
    }),
    stoppedBanner: (by: string, when: string): L => ({
      nb: `⏹️ **Saken er stoppet** av ${by}, ${when}. Loggen er bevart.`,
      nn: `⏹️ **Saka er stoppa** av ${by}, ${when}. Loggen er bevart.`,
      en: `⏹️ **The case is stopped** by ${by}, ${when}. The log is kept.`,
    }),
    completedBanner: (when: string): L => ({
      nb: `🎉 **Saken er fullført** ${when}. Hele prosessen er dokumentert i loggen.`,
      nn: `🎉 **Saka er fullført** ${when}. Heile prosessen er dokumentert i loggen.`,
      en: `🎉 **The case is complete** (${when}). The whole process is documented in the log.`,
    }),
    reason: (reason: string): L => ({
      nb: `Begrunnelse: ${reason}`,
      nn: `Grunngjeving: ${reason}`,
      en: `Reason: ${reason}`,
    }),
    documentStage: { nb: 'Dokumenter steget', nn: 'Dokumenter steget', en: 'Document this stage' },
    requestReview: { nb: 'Be om vurdering', nn: 'Be om vurdering', en: 'Request review' },
    template: (title: string, version: number): L => ({
      nb: `${title}, versjon ${version}`,
      nn: `${title}, versjon ${version}`,
      en: `${title}, version ${version}`,
    }),
  },

  outcome: {
    approved: { nb: '✅ Godkjent', nn: '✅ Godkjent', en: '✅ Approved' },
    approvedWithConditions: {
      nb: '✅ Godkjent med vilkår',
      nn: '✅ Godkjent med vilkår',
      en: '✅ Approved with conditions',
    },
    sentBack: { nb: '↩️ Sendt tilbake', nn: '↩️ Sendt tilbake', en: '↩️ Sent back' },
    paused: { nb: '⏸️ Satt på pause', nn: '⏸️ Sett på pause', en: '⏸️ Paused' },
    resumed: { nb: '▶️ Gjenopptatt', nn: '▶️ Teken opp att', en: '▶️ Resumed' },
    stopped: { nb: '⏹️ Stoppet', nn: '⏹️ Stoppa', en: '⏹️ Stopped' },
    withdrawn: {
      nb: '↪️ Forespørsel trukket',
      nn: '↪️ Førespurnad trekt tilbake',
      en: '↪️ Request withdrawn',
    },
    sentBackTo: (stage: string): L => ({
      nb: `Sendt tilbake til «${stage}».`,
      nn: `Sendt tilbake til «${stage}».`,
      en: `Sent back to “${stage}”.`,
    }),
    conditions: { nb: 'Vilkår', nn: 'Vilkår', en: 'Conditions' },
    byWhen: (names: string, when: string): L => ({
      nb: `${names}, ${when}`,
      nn: `${names}, ${when}`,
      en: `${names}, ${when}`,
    }),
  },

  stageForm: {
    title: (stage: string): L => ({
      nb: `Dokumenter: ${stage}`,
      nn: `Dokumenter: ${stage}`,
      en: `Document: ${stage}`,
    }),
    howItWorks: {
      nb: 'Fyll ut det dere vet nå; dere kan komme tilbake senere. Et tomt felt lagrer ingenting og sletter ikke et tidligere svar – bruk «Ikke relevant?» hvis et spørsmål ikke gjelder. Alt som lagres blir en del av prosessloggen.',
      nn: 'Fyll ut det de veit no; de kan kome tilbake seinare. Eit tomt felt lagrar ingenting og slettar ikkje eit tidlegare svar – bruk «Ikkje relevant?» viss eit spørsmål ikkje gjeld. Alt som blir lagra blir ein del av prosessloggen.',
      en: 'Fill in what you know now; you can come back later. An empty field saves nothing and does not delete an earlier answer – use “Not applicable?” if a question does not apply. Everything saved becomes part of the process log.',
    },
    lastAnswered: (when: string, by: string, round: number): L => ({
      nb: `Sist besvart ${when} av ${by} (runde ${round}).`,
      nn: `Sist svara ${when} av ${by} (runde ${round}).`,
      en: `Last answered ${when} by ${by} (round ${round}).`,
    }),
    notApplicableToggle: { nb: 'Ikke relevant?', nn: 'Ikkje relevant?', en: 'Not applicable?' },
    notApplicableLabel: {
      nb: 'Ikke relevant, fordi …',
      nn: 'Ikkje relevant, fordi …',
      en: 'Not applicable, because …',
    },
    notApplicablePlaceholder: {
      nb: 'Skriv hvorfor spørsmålet ikke gjelder dere',
      nn: 'Skriv kvifor spørsmålet ikkje gjeld dykk',
      en: 'Say why the question does not apply',
    },
    otherSingle: {
      nb: 'Annet (velg «Annet» i listen og skriv her)',
      nn: 'Anna (vel «Anna» i lista og skriv her)',
      en: 'Other (choose “Other” in the list and write here)',
    },
    otherMulti: { nb: 'Annet, med egne ord', nn: 'Anna, med eigne ord', en: 'Other, in your own words' },
    otherChoice: { nb: 'Annet', nn: 'Anna', en: 'Other' },
    linkLabel: { nb: 'Lenketekst (valgfritt)', nn: 'Lenkjetekst (valfritt)', en: 'Link text (optional)' },
    linkPlaceholder: { nb: 'https://…', nn: 'https://…', en: 'https://…' },
    numberPlaceholder: { nb: 'For eksempel 1 500 000', nn: 'Til dømes 1 500 000', en: 'For example 1500000' },
    noPeople: {
      nb: 'Jeg kjenner ingen i samtalen ennå, så personer kan ikke velges her. Svar i chatten ved å nevne dem med @.',
      nn: 'Eg kjenner ingen i samtalen enno, så personar kan ikkje veljast her. Svar i chatten ved å nemne dei med @.',
      en: 'I do not know anyone in this conversation yet, so people cannot be chosen here. Answer in the chat by mentioning them with @.',
    },
    tooLongToShow: (chars: number): L => ({
      nb: `Svaret er for langt til å vises i skjemaet (${chars} tegn). Det er lagret i prosessloggen; skriv her bare hvis du vil erstatte det.`,
      nn: `Svaret er for langt til å visast i skjemaet (${chars} teikn). Det er lagra i prosessloggen; skriv her berre viss du vil erstatte det.`,
      en: `The answer is too long to show in the form (${chars} characters). It is kept in the process log; write here only if you want to replace it.`,
    }),
    political: { nb: 'Politisk vedtak', nn: 'Politisk vedtak', en: 'Political decision' },
    politicalTooLong: (chars: number): L => ({
      nb: `Vedtaksteksten er for lang til å vises i skjemaet (${chars} tegn). Vedtaket er lagret i prosessloggen; fyll ut feltene under bare hvis du vil erstatte det.`,
      nn: `Vedtaksteksten er for lang til å visast i skjemaet (${chars} teikn). Vedtaket er lagra i prosessloggen; fyll ut felta under berre viss du vil erstatte det.`,
      en: `The decision text is too long to show in the form (${chars} characters). The decision is kept in the process log; fill in the fields below only to replace it.`,
    }),
    politicalHelp: {
      nb: 'Porten krever et registrert politisk vedtak. Fyll ut organ, møtedato, saksnummer og vedtaket som tekst eller lenke.',
      nn: 'Porten krev eit registrert politisk vedtak. Fyll ut organ, møtedato, saksnummer og vedtaket som tekst eller lenkje.',
      en: 'The gate needs a recorded political decision. Fill in the body, meeting date, case number and the decision as text or a link.',
    },
    politicalFromRound: (round: number): L => ({
      nb: `Vedtaket under ble registrert i runde ${round}. En ny runde trenger et nytt vedtak: rett feltene, eller skriv nederst hvorfor det samme vedtaket fortsatt gjelder.`,
      nn: `Vedtaket under vart registrert i runde ${round}. Ein ny runde treng eit nytt vedtak: rett felta, eller skriv nedst kvifor det same vedtaket framleis gjeld.`,
      en: `The decision below was recorded in round ${round}. A new round needs a new decision: correct the fields, or say at the bottom why the same decision still stands.`,
    }),
    politicalStillStandsLabel: {
      nb: 'Gjelder det samme vedtaket fortsatt? Skriv i så fall hvorfor',
      nn: 'Gjeld det same vedtaket framleis? Skriv i så fall kvifor',
      en: 'Does the same decision still stand? If so, say why',
    },
    politicalStillStandsPlaceholder: {
      nb: 'La stå tomt hvis dere registrerer et nytt vedtak over',
      nn: 'La stå tomt viss de registrerer eit nytt vedtak over',
      en: 'Leave empty if you record a new decision above',
    },
    politicalStillStands: (because: string): L => ({
      nb: `Det samme vedtaket gjelder fortsatt: ${because}`,
      nn: `Det same vedtaket gjeld framleis: ${because}`,
      en: `The same decision still stands: ${because}`,
    }),
    body: { nb: 'Politisk organ', nn: 'Politisk organ', en: 'Political body' },
    bodyPlaceholder: {
      nb: 'For eksempel «Kommunestyret»',
      nn: 'Til dømes «Kommunestyret»',
      en: 'For example “Municipal council”',
    },
    meetingDate: { nb: 'Møtedato', nn: 'Møtedato', en: 'Meeting date' },
    caseNumber: { nb: 'Saksnummer', nn: 'Saksnummer', en: 'Case number' },
    decisionText: { nb: 'Vedtaket (tekst)', nn: 'Vedtaket (tekst)', en: 'The decision (text)' },
    decisionLink: { nb: 'Lenke til vedtaket', nn: 'Lenkje til vedtaket', en: 'Link to the decision' },
    save: { nb: 'Lagre', nn: 'Lagre', en: 'Save' },
    locked: {
      gatePending: {
        nb: 'Porten er til vurdering, så dokumentasjonen kan ikke endres nå. Vent på avgjørelsen, eller trekk forespørselen («trekk vurdering») for å endre den.',
        nn: 'Porten er til vurdering, så dokumentasjonen kan ikkje endrast no. Vent på avgjerda, eller trekk tilbake førespurnaden («trekk vurdering») for å endre han.',
        en: 'The gate is under review, so the documentation cannot be changed now. Wait for the decision, or withdraw the request (“withdraw review”) to change it.',
      },
      paused: {
        nb: 'Saken er satt på pause. En leder må gjenoppta den før dere kan dokumentere mer.',
        nn: 'Saka er sett på pause. Ein leiar må ta ho opp att før de kan dokumentere meir.',
        en: 'The case is paused. A manager must resume it before you can document more.',
      },
      stopped: {
        nb: 'Saken er stoppet. Dokumentasjonen under er bevart.',
        nn: 'Saka er stoppa. Dokumentasjonen under er bevart.',
        en: 'The case is stopped. The documentation below is kept.',
      },
      completed: {
        nb: 'Saken er fullført. Dokumentasjonen under er bevart.',
        nn: 'Saka er fullført. Dokumentasjonen under er bevart.',
        en: 'The case is complete. The documentation below is kept.',
      },
    },
    recorded: (labels: string): L => ({
      nb: `Lagret: ${labels}.`,
      nn: `Lagra: ${labels}.`,
      en: `Saved: ${labels}.`,
    }),
    nothingRecorded: {
      nb: 'Ingenting nytt ble lagret.',
      nn: 'Ingenting nytt vart lagra.',
      en: 'Nothing new was saved.',
    },
    stillOpen: (labels: string): L => ({
      nb: `Mangler fortsatt svar (påkrevd): ${labels}.`,
      nn: `Manglar framleis svar (obligatorisk): ${labels}.`,
      en: `Still without an answer (required): ${labels}.`,
    }),
    politicalRecorded: {
      nb: 'det politiske vedtaket',
      nn: 'det politiske vedtaket',
      en: 'the political decision',
    },
  },

  recorded: {
    title: (stage: string): L => ({
      nb: `Lagret i «${stage}»`,
      nn: `Lagra i «${stage}»`,
      en: `Saved in “${stage}”`,
    }),
    openForm: { nb: 'Åpne skjemaet igjen', nn: 'Opne skjemaet igjen', en: 'Open the form again' },
  },

  approval: {
    title: (stage: string): L => ({
      nb: `Vurdering av porten etter «${stage}»`,
      nn: `Vurdering av porten etter «${stage}»`,
      en: `Gate review after “${stage}”`,
    }),
    caseLine: (title: string): L => ({ nb: `Sak: ${title}`, nn: `Sak: ${title}`, en: `Case: ${title}` }),
    waitingFor: (mentions: string): L => ({
      nb: `Venter på avgjørelse fra ${mentions}.`,
      nn: `Ventar på avgjerd frå ${mentions}.`,
      en: `Waiting for a decision from ${mentions}.`,
    }),
    basis: {
      nb: 'Dokumentasjonen porten avgjøres på',
      nn: 'Dokumentasjonen porten blir avgjord på',
      en: 'The documentation the gate is decided on',
    },
    notAnswered: { nb: '— ikke besvart', nn: '— ikkje svara', en: '— not answered' },
    politicalReference: { nb: 'Politisk vedtak', nn: 'Politisk vedtak', en: 'Political decision' },
    noPoliticalReference: { nb: 'Ikke registrert.', nn: 'Ikkje registrert.', en: 'Not recorded.' },
    approvedBy: (name: string, when: string): L => ({
      nb: `✓ ${name}, ${when}`,
      nn: `✓ ${name}, ${when}`,
      en: `✓ ${name}, ${when}`,
    }),
    observer: {
      nb: 'Bare de som er nevnt over kan avgjøre porten. Utfallet blir skrevet i chatten når porten er avgjort.',
      nn: 'Berre dei som er nemnde over kan avgjere porten. Utfallet blir skrive i chatten når porten er avgjord.',
      en: 'Only the people mentioned above can decide the gate. The outcome is posted in the chat when the gate is decided.',
    },
    sharedDecide: {
      nb: 'Er du en av dem som er nevnt over, avgjør du porten her. Alle avgjørelser og begrunnelser lagres i loggen; andre som trykker, får beskjed om hvem som kan avgjøre.',
      nn: 'Er du ein av dei som er nemnde over, avgjer du porten her. Alle avgjerder og grunngjevingar blir lagra i loggen; andre som trykkjer, får beskjed om kven som kan avgjere.',
      en: 'If you are one of the people mentioned above, decide the gate here. Every decision and reason is recorded in the log; anyone else who clicks is told who can decide.',
    },
    correctPolitical: {
      nb: 'Registrer eller rett politisk vedtak',
      nn: 'Registrer eller rett politisk vedtak',
      en: 'Enter or correct the political decision',
    },
    correctPoliticalHelp: {
      nb: 'Endringer her lagres i loggen sammen med avgjørelsen din.',
      nn: 'Endringar her blir lagra i loggen saman med avgjerda di.',
      en: 'Changes here are recorded in the log together with your decision.',
    },
    approve: { nb: 'Godkjenn', nn: 'Godkjenn', en: 'Approve' },
    approveConfirm: { nb: 'Bekreft godkjenning', nn: 'Stadfest godkjenning', en: 'Confirm approval' },
    comment: { nb: 'Kommentar (valgfritt)', nn: 'Kommentar (valfritt)', en: 'Comment (optional)' },
    approveWithConditions: {
      nb: 'Godkjenn med vilkår',
      nn: 'Godkjenn med vilkår',
      en: 'Approve with conditions',
    },
    conditions: { nb: 'Vilkår', nn: 'Vilkår', en: 'Conditions' },
    conditionsError: {
      nb: 'Skriv vilkårene for godkjenningen.',
      nn: 'Skriv vilkåra for godkjenninga.',
      en: 'Write the conditions of the approval.',
    },
    sendBack: { nb: 'Send tilbake', nn: 'Send tilbake', en: 'Send back' },
    sendBackTo: {
      nb: 'Send tilbake til steget',
      nn: 'Send tilbake til steget',
      en: 'Send back to the stage',
    },
    sendBackHelp: {
      nb: 'Tidligere svar beholdes; en ny runde legger til nye versjoner.',
      nn: 'Tidlegare svar blir behaldne; ein ny runde legg til nye versjonar.',
      en: 'Earlier answers are kept; a new round adds new versions.',
    },
    pause: { nb: 'Sett på pause', nn: 'Set på pause', en: 'Pause' },
    stop: { nb: 'Stopp saken', nn: 'Stopp saka', en: 'Stop the case' },
    stopWarning: {
      nb: 'Å stoppe er endelig: saken kan ikke tas opp igjen, men loggen bevares.',
      nn: 'Å stoppe er endeleg: saka kan ikkje takast opp att, men loggen blir bevart.',
      en: 'Stopping is final: the case cannot be taken up again, but the log is kept.',
    },
    reason: { nb: 'Begrunnelse', nn: 'Grunngjeving', en: 'Reason' },
    reasonError: {
      nb: 'Skriv en begrunnelse; den blir en del av loggen.',
      nn: 'Skriv ei grunngjeving; ho blir ein del av loggen.',
      en: 'Write a reason; it becomes part of the log.',
    },
    confirm: (action: string): L => ({
      nb: `Bekreft: ${action}`,
      nn: `Stadfest: ${action}`,
      en: `Confirm: ${action}`,
    }),
    decidedFooter: {
      nb: 'Denne vurderingen er avsluttet. Dokumentasjonen den bygde på ligger i prosessloggen.',
      nn: 'Denne vurderinga er avslutta. Dokumentasjonen ho bygde på ligg i prosessloggen.',
      en: 'This review is closed. The documentation it was based on is kept in the process log.',
    },
    noReview: {
      nb: 'Ingen port venter på vurdering.',
      nn: 'Ingen port ventar på vurdering.',
      en: 'No gate is waiting for review.',
    },
    carriedConditions: {
      nb: 'Vilkår fra forrige port',
      nn: 'Vilkår frå førre port',
      en: 'Conditions from the last gate',
    },
    carriedConditionsBy: (stage: string, who: string, when: string): L => ({
      nb: `Satt ved porten etter «${stage}» av ${who}, ${when}. Er de oppfylt? Ta det med i avgjørelsen.`,
      nn: `Sett ved porten etter «${stage}» av ${who}, ${when}. Er dei oppfylte? Ta det med i avgjerda.`,
      en: `Set at the gate after “${stage}” by ${who}, ${when}. Are they met? Take it into the decision.`,
    }),
    youDecide: {
      nb: 'Du kan avgjøre porten. Velg en avgjørelse under; alle avgjørelser og begrunnelser lagres i loggen.',
      nn: 'Du kan avgjere porten. Vel ei avgjerd under; alle avgjerder og grunngjevingar blir lagra i loggen.',
      en: 'You can decide the gate. Choose a decision below; every decision and reason is recorded in the log.',
    },
  },

  /** Why a card submission was not accepted; each says what to do next. */
  submission: {
    keepKind: {
      nb: 'Velg om meldingen er en idé eller en barriere.',
      nn: 'Vel om meldinga er ein idé eller ein barriere.',
      en: 'Choose whether the message is an idea or a barrier.',
    },
    keepCase: {
      nb: 'Velg hvilken sak meldingen skal tas vare på i.',
      nn: 'Vel kva for ei sak meldinga skal takast vare på i.',
      en: 'Choose the case to keep the message in.',
    },
    malformed: {
      nb: 'Kortet sendte noe jeg ikke forstår, så ingenting ble lagret. Hent et nytt kort (skriv «status») og prøv igjen.',
      nn: 'Kortet sende noko eg ikkje forstår, så ingenting vart lagra. Hent eit nytt kort (skriv «status») og prøv igjen.',
      en: 'The card sent something I do not understand, so nothing was saved. Get a fresh card (type “status”) and try again.',
    },
    unknownVerb: {
      nb: 'Den knappen kjenner jeg ikke igjen; kortet kan være fra en eldre versjon av appen. Skriv «status» for å få et nytt kort.',
      nn: 'Den knappen kjenner eg ikkje att; kortet kan vere frå ein eldre versjon av appen. Skriv «status» for å få eit nytt kort.',
      en: 'I do not recognise that button; the card may be from an older version of the app. Type “status” to get a fresh card.',
    },
    staleForm: {
      nb: 'Skjemaet gjelder et annet steg enn det saken står i nå, så ingenting ble lagret. Hent et oppdatert skjema.',
      nn: 'Skjemaet gjeld eit anna steg enn det saka står i no, så ingenting vart lagra. Hent eit oppdatert skjema.',
      en: 'The form belongs to another stage than the one the case is in now, so nothing was saved. Get an updated form.',
    },
    notANumber: (label: string): L => ({
      nb: `Svaret på «${label}» er ikke et tall jeg kan lese. Skriv for eksempel 1 500 000 eller 1,5.`,
      nn: `Svaret på «${label}» er ikkje eit tal eg kan lese. Skriv til dømes 1 500 000 eller 1,5.`,
      en: `The answer to “${label}” is not a number I can read. Write for example 1500000 or 1.5.`,
    }),
    ambiguousNumber: (label: string, raw: string): L => ({
      nb: `«${raw}» i «${label}» kan bety både et desimaltall og et helt tall. Skriv tusener med mellomrom (1 500) og desimaler med komma (1,5).`,
      nn: `«${raw}» i «${label}» kan tyde både eit desimaltal og eit heilt tal. Skriv tusen med mellomrom (1 500) og desimalar med komma (1,5).`,
      en: `“${raw}” in “${label}” could be a decimal or a whole number. Write thousands with a space (1 500) and decimals with a point (1.5).`,
    }),
    notADate: (label: string): L => ({
      nb: `«${label}» trenger en dato, for eksempel 01.09.2026 eller 2026-09-01.`,
      nn: `«${label}» treng ein dato, til dømes 01.09.2026 eller 2026-09-01.`,
      en: `“${label}” needs a date, for example 2026-09-01 or 01.09.2026.`,
    }),
    notALink: (label: string): L => ({
      nb: `«${label}» trenger en lenke som begynner med https://`,
      nn: `«${label}» treng ei lenkje som byrjar med https://`,
      en: `“${label}” needs a link starting with https://`,
    }),
    bothAnswerAndNotApplicable: (label: string): L => ({
      nb: `Du har både svart på «${label}» og skrevet at det ikke er relevant. Tøm ett av de to feltene og lagre igjen.`,
      nn: `Du har både svara på «${label}» og skrive at det ikkje er relevant. Tøm eitt av dei to felta og lagre igjen.`,
      en: `You both answered “${label}” and wrote that it does not apply. Empty one of the two fields and save again.`,
    }),
    otherWithoutText: (label: string): L => ({
      nb: `Du valgte «Annet» i «${label}» uten å skrive hva. Skriv det i feltet under listen, eller velg noe annet.`,
      nn: `Du valde «Anna» i «${label}» utan å skrive kva. Skriv det i feltet under lista, eller vel noko anna.`,
      en: `You chose “Other” in “${label}” without saying what. Write it in the field below the list, or choose something else.`,
    }),
    oneChoiceOnly: (label: string): L => ({
      nb: `«${label}» skal ha ett svar. Velg «Annet» i listen for å bruke din egen tekst, eller tøm tekstfeltet.`,
      nn: `«${label}» skal ha eitt svar. Vel «Anna» i lista for å bruke din eigen tekst, eller tøm tekstfeltet.`,
      en: `“${label}” takes one answer. Choose “Other” in the list to use your own text, or empty the text field.`,
    }),
    unknownChoice: (label: string): L => ({
      nb: `Et valg i «${label}» finnes ikke i skjemaet lenger. Hent et oppdatert skjema.`,
      nn: `Eit val i «${label}» finst ikkje i skjemaet lenger. Hent eit oppdatert skjema.`,
      en: `A choice in “${label}” is no longer in the form. Get an updated form.`,
    }),
    tooManyPeople: (label: string, limit: number): L => ({
      nb: `Velg høyst ${limit} personer i «${label}».`,
      nn: `Vel høgst ${limit} personar i «${label}».`,
      en: `Choose at most ${limit} people in “${label}”.`,
    }),
    invalidPerson: {
      nb: 'En av personene i skjemaet kan ikke leses. Hent et oppdatert skjema.',
      nn: 'Ein av personane i skjemaet kan ikkje lesast. Hent eit oppdatert skjema.',
      en: 'One of the people in the form cannot be read. Get an updated form.',
    },
    sendBackTarget: {
      nb: 'Velg hvilket steg saken skal sendes tilbake til.',
      nn: 'Vel kva steg saka skal sendast tilbake til.',
      en: 'Choose the stage to send the case back to.',
    },
    tooManyManagers: (limit: number): L => ({
      nb: `Velg høyst ${limit} ledere.`,
      nn: `Vel høgst ${limit} leiarar.`,
      en: `Choose at most ${limit} managers.`,
    }),
    unknownTemplate: {
      nb: 'Prosessmalen i skjemaet kan ikke leses. Hent et nytt skjema med «ny sak».',
      nn: 'Prosessmalen i skjemaet kan ikkje lesast. Hent eit nytt skjema med «ny sak».',
      en: 'The process template in the form cannot be read. Get a new form with “new case”.',
    },
    unknownLanguage: {
      nb: 'Velg norsk bokmål, norsk nynorsk eller engelsk som språk for saken.',
      nn: 'Vel norsk bokmål, norsk nynorsk eller engelsk som språk for saka.',
      en: 'Choose Norwegian Bokmål, Norwegian Nynorsk or English as the language of the case.',
    },
  },
  keepMessage: {
    dialogTitle: {
      nb: 'Ta vare på som idé eller barriere',
      nn: 'Ta vare på som idé eller barriere',
      en: 'Keep as idea or barrier',
    },
    intro: {
      nb: 'Meldingen blir tatt vare på i sakens prosesslogg, med en lenke tilbake og hvem som skrev den.',
      nn: 'Meldinga blir teken vare på i prosessloggen til saka, med ei lenkje tilbake og kven som skreiv ho.',
      en: "The message is kept in the case's process log, with a link back to it and who wrote it.",
    },
    from: (name: string, when: string): L => ({
      nb: `Fra ${name}, skrevet ${when}`,
      nn: `Frå ${name}, skriven ${when}`,
      en: `From ${name}, written ${when}`,
    }),
    fromUnknown: {
      nb: 'Avsenderen er ukjent (meldingen kom fra en app eller en bot).',
      nn: 'Avsendaren er ukjend (meldinga kom frå ein app eller ein bot).',
      en: 'The sender is unknown (the message came from an app or a bot).',
    },
    kind: { nb: 'Hva er dette?', nn: 'Kva er dette?', en: 'What is this?' },
    idea: { nb: 'En idé', nn: 'Ein idé', en: 'An idea' },
    barrier: (category: string): L => ({
      nb: `En barriere: ${category}`,
      nn: `Ein barriere: ${category}`,
      en: `A barrier: ${category}`,
    }),
    case: { nb: 'Hvilken sak?', nn: 'Kva for ei sak?', en: 'Which case?' },
    activeCase: (title: string): L => ({
      nb: `${title} (aktiv sak)`,
      nn: `${title} (aktiv sak)`,
      en: `${title} (active case)`,
    }),
    text: { nb: 'Teksten som tas vare på', nn: 'Teksten som blir teken vare på', en: 'The text to keep' },
    textRequired: { nb: 'Skriv en tekst.', nn: 'Skriv ein tekst.', en: 'Write a text.' },
    shortened: (limit: string): L => ({
      nb: `Meldingen er lengre enn ${limit} tegn; de første ${limit} er fylt inn.`,
      nn: `Meldinga er lengre enn ${limit} teikn; dei første ${limit} er fylte inn.`,
      en: `The message is longer than ${limit} characters; the first ${limit} are filled in.`,
    }),
    keep: { nb: 'Ta vare på', nn: 'Ta vare på', en: 'Keep' },
  },
} as const;
