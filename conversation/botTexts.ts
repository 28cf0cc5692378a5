/**
 * Every chat text the bot writes, in Norwegian Bokmål, Norwegian Nynorsk and English. Texts that repeat
 * what people wrote take it already escaped (see `escapeMarkdown` in cards/text.ts), so a title like
 * "**x**" stays literal.
 */
import { byLanguage, plurals, type Language, type Localized } from '../engine';

type Text = Localized;

/** Each language's name, in each language. */
const LANGUAGE_NAMES: { readonly [L in Language]: Text } = {
  nb: { nb: 'bokmål', nn: 'bokmål', en: 'Norwegian Bokmål' },
  nn: { nb: 'nynorsk', nn: 'nynorsk', en: 'Norwegian Nynorsk' },
  en: { nb: 'engelsk', nn: 'engelsk', en: 'English' },
};

/** Two texts as one message, a line apart. */
export function joined(first: Text, second: Text): Text {
  return byLanguage((language) => `${first[language]}  \n${second[language]}`);
}

/** A full stop after a sentence, unless what it quotes already ends one («… vokser.» takes none). */
function endSentence(text: string): string {
  return /[.!?…][»”]?$/.test(text) ? text : `${text}.`;
}

/** "1 spørsmål er hoppet over; …" or "3 spørsmål er hoppet over; …": the skipped questions still open. */
function skippedLeft(count: number): Text {
  return plurals(count, {
    nb: {
      one: `${count} spørsmål er hoppet over; skriv «neste» for å ta det.`,
      other: `${count} spørsmål er hoppet over; skriv «neste» for å ta dem.`,
    },
    nn: {
      one: `${count} spørsmål er hoppa over; skriv «neste» for å ta det.`,
      other: `${count} spørsmål er hoppa over; skriv «neste» for å ta dei.`,
    },
    en: {
      one: `${count} question was skipped; type “next” to take it.`,
      other: `${count} questions were skipped; type “next” to take them.`,
    },
  });
}

export const texts = {
  unknownTeamsUser: {
    nb: 'Teams fortalte ikke hvem du er (meldingen mangler Entra-ID-en din), så ingenting ble registrert. Prøv igjen om litt; hvis det fortsetter, si fra til Teams-administratoren.',
    nn: 'Teams fortalde ikkje kven du er (meldinga manglar Entra-ID-en din), så ingenting vart registrert. Prøv igjen om litt; viss det held fram, sei frå til Teams-administratoren.',
    en: 'Teams did not tell us who you are (the message lacks your Entra ID), so nothing was recorded. Try again shortly; if it keeps happening, tell your Teams administrator.',
  },
  teamsUserBoundElsewhere: {
    nb: 'Teams-kontoen din er allerede knyttet til en annen person her, så ingenting ble registrert. Si fra til Teams-administratoren.',
    nn: 'Teams-kontoen din er allereie knytt til ein annan person her, så ingenting vart registrert. Sei frå til Teams-administratoren.',
    en: 'Your Teams account is already linked to another person here, so nothing was recorded. Please tell your Teams administrator.',
  },
  unknownMention: (names: string): Text => ({
    nb: `Jeg fant ikke ut hvem ${names} er i Teams, så ingenting ble registrert. Nevn personen på nytt med @ og velg navnet fra listen.`,
    nn: `Eg fann ikkje ut kven ${names} er i Teams, så ingenting vart registrert. Nemn personen på nytt med @ og vel namnet frå lista.`,
    en: `I could not tell who ${names} is in Teams, so nothing was recorded. Mention the person again with @ and pick the name from the list.`,
  }),
  noActiveCase: {
    nb: 'Det finnes ingen sak i denne samtalen ennå. Skriv «ny sak» og en tittel, eller «hjelp».',
    nn: 'Det finst inga sak i denne samtalen enno. Skriv «ny sak» og ein tittel, eller «hjelp».',
    en: 'There is no case in this conversation yet. Type “new case” and a title, or “help”.',
  },
  didNotUnderstand: {
    nb: 'Jeg forsto ikke det. Skriv «neste» for å svare på spørsmålene i steget, «status» for å se hvor saken står, eller «hjelp».',
    nn: 'Eg forstod ikkje det. Skriv «neste» for å svare på spørsmåla i steget, «status» for å sjå kvar saka står, eller «hjelp».',
    en: 'I did not understand that. Type “next” to answer the stage’s questions, “status” to see where the case stands, or “help”.',
  },
  caseOpened: (title: string, stageTitle: Localized): Text => ({
    nb: `Saken **${title}** er startet. Dere er i steget «${stageTitle.nb}». Alt dere dokumenterer blir en del av prosessloggen.`,
    nn: `Saka **${title}** er starta. De er i steget «${stageTitle.nn}». Alt de dokumenterer, blir ein del av prosessloggen.`,
    en: `The case **${title}** is open. You are in the stage “${stageTitle.en}”. Everything you document becomes part of the process log.`,
  }),
  question: (
    index: number,
    total: number,
    stageTitle: Localized,
    label: Localized,
    help: Localized,
    required: boolean,
  ): Text => ({
    nb: `**Spørsmål ${index} av ${total} i «${stageTitle.nb}»${required ? '' : ' (valgfritt)'}:** ${label.nb}  \n_${help.nb}_`,
    nn: `**Spørsmål ${index} av ${total} i «${stageTitle.nn}»${required ? '' : ' (valfritt)'}:** ${label.nn}  \n_${help.nn}_`,
    en: `**Question ${index} of ${total} in “${stageTitle.en}”${required ? '' : ' (optional)'}:** ${label.en}  \n_${help.en}_`,
  }),
  howToAnswer: {
    nb: 'Svar ved å nevne meg. Skriv «hopp over» for å vente med spørsmålet, eller «ikke relevant, fordi …» hvis det ikke gjelder.',
    nn: 'Svar ved å nemne meg. Skriv «hopp over» for å vente med spørsmålet, eller «ikkje relevant, fordi …» viss det ikkje gjeld.',
    en: 'Answer by mentioning me. Type “skip” to leave the question for later, or “not applicable, because …” if it does not apply.',
  },
  recorded: (label: Localized): Text => ({
    nb: `Lagret svaret på «${label.nb}».`,
    nn: `Lagra svaret på «${label.nn}».`,
    en: `Saved the answer to “${label.en}”.`,
  }),
  unchanged: (label: Localized): Text => ({
    nb: `Svaret på «${label.nb}» var det samme som før, så ingenting nytt ble lagret.`,
    nn: `Svaret på «${label.nn}» var det same som før, så ingenting nytt vart lagra.`,
    en: `The answer to “${label.en}” was the same as before, so nothing new was saved.`,
  }),
  stageReady: (stageTitle: Localized, skipped: number): Text => ({
    nb: `Alle påkrevde spørsmål i «${stageTitle.nb}» er besvart.${skipped === 0 ? '' : ` ${skippedLeft(skipped).nb}`} Skriv «be om vurdering» når dere vil at lederne skal vurdere porten.`,
    nn: `Alle obligatoriske spørsmål i «${stageTitle.nn}» er svara på.${skipped === 0 ? '' : ` ${skippedLeft(skipped).nn}`} Skriv «be om vurdering» når de vil at leiarane skal vurdere porten.`,
    en: `All required questions in “${stageTitle.en}” are answered.${skipped === 0 ? '' : ` ${skippedLeft(skipped).en}`} Type “request review” when you want the managers to review the gate.`,
  }),
  stageOpen: (stageTitle: Localized, skipped: number): Text => ({
    nb: `Alle spørsmålene i «${stageTitle.nb}» er stilt.${skipped === 0 ? '' : ` ${skippedLeft(skipped).nb}`}`,
    nn: `Alle spørsmåla i «${stageTitle.nn}» er stilte.${skipped === 0 ? '' : ` ${skippedLeft(skipped).nn}`}`,
    en: `All the questions in “${stageTitle.en}” have been asked.${skipped === 0 ? '' : ` ${skippedLeft(skipped).en}`}`,
  }),
  noPendingQuestion: {
    nb: 'Ingen spørsmål venter på svar. Skriv «neste», så stiller jeg det neste.',
    nn: 'Ingen spørsmål ventar på svar. Skriv «neste», så stiller eg det neste.',
    en: 'No question is waiting for an answer. Type “next” and I will ask the next one.',
  },
  /** After "hopp over": which question was skipped, and how to come back to it when others follow. */
  skipped: (index: number, label: Localized, othersFollow: boolean): Text => ({
    nb: `Hopper over spørsmål ${index}, «${label.nb}», for nå.${othersFollow ? ' Når resten av spørsmålene er stilt, kan dere skrive «neste» for å ta det.' : ''}`,
    nn: `Hoppar over spørsmål ${index}, «${label.nn}», for no.${othersFollow ? ' Når resten av spørsmåla er stilte, kan de skrive «neste» for å ta det.' : ''}`,
    en: `Skipping question ${index}, “${label.en}”, for now.${othersFollow ? ' Once the other questions have been asked, type “next” to take it.' : ''}`,
  }),
  needReason: {
    nb: 'Skriv begrunnelsen etter kommandoen, for eksempel «ikke relevant, fordi vi ikke har budsjett».',
    nn: 'Skriv grunngjevinga etter kommandoen, for eksempel «ikkje relevant, fordi vi ikkje har budsjett».',
    en: 'Write the reason after the command, for example “not applicable, because we have no budget”.',
  },
  needText: {
    nb: 'Skriv teksten etter kommandoen, for eksempel «idé: bruk nattevakten til oppfølging».',
    nn: 'Skriv teksten etter kommandoen, for eksempel «idé: bruk nattevakta til oppfølging».',
    en: 'Write the text after the command, for example “idea: use the night shift for follow-up”.',
  },
  needMention: {
    nb: 'Nevn personen med @ etter kommandoen, for eksempel «leder @Kari».',
    nn: 'Nemn personen med @ etter kommandoen, for eksempel «leiar @Kari».',
    en: 'Mention the person with @ after the command, for example “manager @Kari”.',
  },
  ideaRecorded: {
    nb: 'Takk! Ideen er tatt vare på i prosessloggen.',
    nn: 'Takk! Idéen er teken vare på i prosessloggen.',
    en: 'Thank you! The idea is kept in the process log.',
  },
  ideaRecordedWithSource: (source: Localized): Text => ({
    nb: `Takk! Ideen er tatt vare på i prosessloggen, med kilde «${source.nb}».`,
    nn: `Takk! Idéen er teken vare på i prosessloggen, med kjelda «${source.nn}».`,
    en: `Thank you! The idea is kept in the process log, with the source “${source.en}”.`,
  }),
  researchDeclined: {
    nb: 'Notert: det du skriver i denne saken, holdes tilbake fra forskerne. Hendelsene (hva som skjedde og når) er fortsatt med, under et pseudonym. Skriv «forskning ok» hvis du ombestemmer deg.',
    nn: 'Notert: det du skriv i denne saka, blir halde tilbake frå forskarane. Hendingane (kva som skjedde og når) er framleis med, under eit pseudonym. Skriv «forsking ok» viss du kjem på andre tankar.',
    en: 'Noted: what you write in this case is withheld from researchers. The events (what happened and when) still count, under a pseudonym. Type “research ok” if you change your mind.',
  },
  researchAllowed: {
    nb: 'Notert: det du skriver i denne saken, kan igjen brukes i følgeforskningen, pseudonymisert.',
    nn: 'Notert: det du skriv i denne saka, kan igjen brukast i følgjeforskinga, pseudonymisert.',
    en: 'Noted: what you write in this case may again be used in the trailing research, pseudonymised.',
  },
  barrierRecorded: (category: Localized): Text => ({
    nb: `Barrieren er registrert i kategorien «${category.nb}».`,
    nn: `Barrieren er registrert i kategorien «${category.nn}».`,
    en: `The barrier is recorded in the category “${category.en}”.`,
  }),
  reviewRequested: (stageTitle: Localized): Text => ({
    nb: `Porten etter «${stageTitle.nb}» er sendt til vurdering.`,
    nn: `Porten etter «${stageTitle.nn}» er sendt til vurdering.`,
    en: `The gate after “${stageTitle.en}” has been sent for review.`,
  }),
  reviewWithdrawn: {
    nb: 'Forespørselen om vurdering er trukket. Dere kan endre dokumentasjonen og be om vurdering igjen.',
    nn: 'Førespurnaden om vurdering er trekt tilbake. De kan endre dokumentasjonen og be om vurdering igjen.',
    en: 'The review request has been withdrawn. You can change the documentation and request a review again.',
  },
  approvalProgress: (approvals: number, needed: number): Text => ({
    nb: `Godkjent av ${approvals} av ${needed}. Porten venter på flere godkjenninger.`,
    nn: `Godkjent av ${approvals} av ${needed}. Porten ventar på fleire godkjenningar.`,
    en: `Approved by ${approvals} of ${needed}. The gate is waiting for more approvals.`,
  }),
  outcome: {
    approved: (stage: Localized, next?: Localized): Text => ({
      nb: `✅ Porten etter «${stage.nb}» er godkjent.${next ? ` Dere går videre til «${next.nb}».` : ''}`,
      nn: `✅ Porten etter «${stage.nn}» er godkjent.${next ? ` De går vidare til «${next.nn}».` : ''}`,
      en: `✅ The gate after “${stage.en}” is approved.${next ? ` You move on to “${next.en}”.` : ''}`,
    }),
    approvedWithConditions: (stage: Localized, next?: Localized): Text => ({
      nb: `✅ Porten etter «${stage.nb}» er godkjent med vilkår.${next ? ` Dere går videre til «${next.nb}».` : ''}`,
      nn: `✅ Porten etter «${stage.nn}» er godkjent med vilkår.${next ? ` De går vidare til «${next.nn}».` : ''}`,
      en: `✅ The gate after “${stage.en}” is approved with conditions.${next ? ` You move on to “${next.en}”.` : ''}`,
    }),
    sentBack: (stage: Localized, next?: Localized): Text => ({
      nb: `↩️ Porten etter «${stage.nb}» er sendt tilbake${next ? ` til «${next.nb}»` : ''}. Tidligere svar er beholdt; en ny runde legger til revisjoner.`,
      nn: `↩️ Porten etter «${stage.nn}» er sendt tilbake${next ? ` til «${next.nn}»` : ''}. Tidlegare svar er behaldne; ein ny runde legg til revisjonar.`,
      en: `↩️ The gate after “${stage.en}” was sent back${next ? ` to “${next.en}”` : ''}. Earlier answers are kept; the new round adds revisions.`,
    }),
    paused: (stage: Localized): Text => ({
      nb: `⏸️ Saken er satt på pause i «${stage.nb}».`,
      nn: `⏸️ Saka er sett på pause i «${stage.nn}».`,
      en: `⏸️ The case is paused in “${stage.en}”.`,
    }),
    stopped: (stage: Localized): Text => ({
      nb: `⏹️ Saken er stoppet i «${stage.nb}».`,
      nn: `⏹️ Saka er stoppa i «${stage.nn}».`,
      en: `⏹️ The case is stopped in “${stage.en}”.`,
    }),
    withdrawn: (stage: Localized): Text => ({
      nb: `Forespørselen om vurdering av «${stage.nb}» er trukket.`,
      nn: `Førespurnaden om vurdering av «${stage.nn}» er trekt tilbake.`,
      en: `The review request for “${stage.en}” was withdrawn.`,
    }),
  },
  reasonLine: (reason: string): Text => ({
    nb: `Begrunnelse: ${reason}`,
    nn: `Grunngjeving: ${reason}`,
    en: `Reason: ${reason}`,
  }),
  resumed: {
    nb: '▶️ Saken er gjenopptatt.',
    nn: '▶️ Saka er teken opp att.',
    en: '▶️ The case is resumed.',
  },
  caseCompleted: {
    nb: '🎉 Saken er fullført. Hele prosessen er dokumentert i loggen, klar for evaluering og følgeforskning.',
    nn: '🎉 Saka er fullført. Heile prosessen er dokumentert i loggen, klar for evaluering og følgjeforsking.',
    en: '🎉 The case is complete. The whole process is documented in the log, ready for evaluation and trailing research.',
  },
  casesList: (lines: string[]): Text => ({
    nb: `**Saker i denne samtalen** (skriv «bytt» og nummeret):  \n${lines.join('  \n')}`,
    nn: `**Saker i denne samtalen** (skriv «byt» og nummeret):  \n${lines.join('  \n')}`,
    en: `**Cases in this conversation** (type “switch” and the number):  \n${lines.join('  \n')}`,
  }),
  noCases: {
    nb: 'Det finnes ingen saker i denne samtalen ennå.',
    nn: 'Det finst ingen saker i denne samtalen enno.',
    en: 'There are no cases in this conversation yet.',
  },
  switched: (title: string): Text => ({
    nb: `Nå jobber vi med **${title}**.`,
    nn: `No arbeider vi med **${title}**.`,
    en: `Now working on **${title}**.`,
  }),
  caseNotFoundHere: {
    nb: 'Fant ingen sak med det nummeret eller navnet her. Skriv «saker» for å se listen.',
    nn: 'Fann inga sak med det nummeret eller namnet her. Skriv «saker» for å sjå lista.',
    en: 'No case with that number or name here. Type “cases” to see the list.',
  },
  languageChanged: {
    nb: 'Saken bruker nå norsk bokmål.',
    nn: 'Saka brukar no nynorsk.',
    en: 'The case now uses English.',
  },
  languageHelp: {
    nb: 'Skriv «språk nb» for bokmål, «språk nn» for nynorsk eller «språk en» for engelsk.',
    nn: 'Skriv «språk nn» for nynorsk, «språk nb» for bokmål eller «språk en» for engelsk.',
    en: 'Type “language en” for English, “language nb” for Norwegian Bokmål or “language nn” for Norwegian Nynorsk.',
  },
  ownLanguageSet: {
    nb: 'Kortene bare du ser, kommer nå på bokmål. Det alle i samtalen leser, følger sakens språk («språk nb» endrer det for alle).',
    nn: 'Korta berre du ser, kjem no på nynorsk. Det alle i samtalen les, følgjer språket til saka («språk nn» endrar det for alle).',
    en: 'The cards only you see now come in English. What everyone in the conversation reads follows the case’s language (“language en” changes it for everyone).',
  },
  ownLanguageCleared: {
    nb: 'Kortene bare du ser, følger nå sakens språk igjen.',
    nn: 'Korta berre du ser, følgjer no språket til saka att.',
    en: 'The cards only you see follow the case’s language again.',
  },
  ownLanguageNone: {
    nb: 'Du har ikke valgt et eget språk, så kortene bare du ser, følger sakens språk. Skriv «mitt språk nn», «mitt språk nb» eller «mitt språk en» for å velge.',
    nn: 'Du har ikkje valt eit eige språk, så korta berre du ser, følgjer språket til saka. Skriv «mitt språk nn», «mitt språk nb» eller «mitt språk en» for å velje.',
    en: 'You have not chosen a language of your own, so the cards only you see follow the case’s language. Type “my language en”, “my language nb” or “my language nn” to choose.',
  },
  ownLanguageUnknown: {
    nb: 'Det kjenner jeg ikke igjen som et språk. Skriv «mitt språk nb» (bokmål), «mitt språk nn» (nynorsk), «mitt språk en» (engelsk) eller «mitt språk sak» for sakens språk.',
    nn: 'Det kjenner eg ikkje att som eit språk. Skriv «mitt språk nn» (nynorsk), «mitt språk nb» (bokmål), «mitt språk en» (engelsk) eller «mitt språk sak» for språket til saka.',
    en: 'I do not know that as a language. Type “my language en” (English), “my language nb” (Bokmål), “my language nn” (Nynorsk) or “my language case” for the case’s language.',
  },
  ownLanguageIs: (language: Language): Text => ({
    nb: `Kortene bare du ser, kommer på ${LANGUAGE_NAMES[language].nb}. «mitt språk sak» lar dem følge sakens språk igjen.`,
    nn: `Korta berre du ser, kjem på ${LANGUAGE_NAMES[language].nn}. «mitt språk sak» lèt dei følgje språket til saka att.`,
    en: `The cards only you see come in ${LANGUAGE_NAMES[language].en}. “my language case” makes them follow the case’s language again.`,
  }),
  joined: { nb: 'Du er med i saken.', nn: 'Du er med i saka.', en: 'You are part of the case.' },
  roleChanged: (count: number, revoke: boolean): Text => {
    const people = plurals(count, {
      nb: { one: `${count} person`, other: `${count} personer` },
      nn: { one: `${count} person`, other: `${count} personar` },
      en: { one: `${count} person`, other: `${count} people` },
    });
    return {
      nb: revoke ? `Rollen er fjernet for ${people.nb}.` : `Rollen er gitt til ${people.nb}.`,
      nn: revoke ? `Rolla er fjerna for ${people.nn}.` : `Rolla er gjeven til ${people.nn}.`,
      en: revoke ? `The role was removed from ${people.en}.` : `The role was given to ${people.en}.`,
    };
  },
  otherConversation: {
    nb: 'Dette kortet hører til en sak i en annen samtale, så ingenting ble lagret her.',
    nn: 'Dette kortet høyrer til ei sak i ein annan samtale, så ingenting vart lagra her.',
    en: 'This card belongs to a case in another conversation, so nothing was saved here.',
  },
  staleCard: {
    nb: 'Kortet var utdatert, så ingenting ble lagret. Her er det oppdaterte kortet.',
    nn: 'Kortet var utdatert, så ingenting vart lagra. Her er det oppdaterte kortet.',
    en: 'The card was out of date, so nothing was saved. Here is the updated card.',
  },
  formRecorded: (count: number): Text =>
    count === 0
      ? { nb: 'Ingen endringer å lagre.', nn: 'Ingen endringar å lagre.', en: 'No changes to save.' }
      : plurals(count, {
          nb: { one: `Lagret ${count} endring.`, other: `Lagret ${count} endringer.` },
          nn: { one: `Lagra ${count} endring.`, other: `Lagra ${count} endringar.` },
          en: { one: `Saved ${count} change.`, other: `Saved ${count} changes.` },
        }),
  storageDown: {
    nb: 'Ikke lagret: lagringstjenesten svarer ikke akkurat nå. Prøv igjen om litt; ingenting ble lagret halvveis.',
    nn: 'Ikkje lagra: lagringstenesta svarar ikkje akkurat no. Prøv igjen om litt; ingenting vart lagra halvvegs.',
    en: 'Not saved: storage is not answering right now. Please try again in a moment; nothing was half-saved.',
  },
  savedButFollowUpFailed: {
    nb: 'Det du ba om er lagret, men jeg klarte ikke å fullføre svaret mitt. Skriv «status» for å se hvor saken står; ikke send det samme på nytt.',
    nn: 'Det du bad om, er lagra, men eg klarte ikkje å fullføre svaret mitt. Skriv «status» for å sjå kvar saka står; ikkje send det same på nytt.',
    en: 'What you asked for is saved, but I could not finish my reply. Type “status” to see where the case stands; no need to send it again.',
  },
  unexpected: {
    nb: 'Noe feilet hos oss, og ingenting ble lagret. Prøv igjen; hvis det fortsetter, si fra til Teams-administratoren.',
    nn: 'Noko gjekk gale hos oss, og ingenting vart lagra. Prøv igjen; viss det held fram, sei frå til Teams-administratoren.',
    en: 'Something failed on our side and nothing was saved. Please try again; if it keeps failing, tell your Teams administrator.',
  },
  unknownCardAction: {
    nb: 'Kortet ba om noe jeg ikke kjenner igjen, så ingenting ble lagret. Skriv «status» for et nytt kort.',
    nn: 'Kortet bad om noko eg ikkje kjenner att, så ingenting vart lagra. Skriv «status» for eit nytt kort.',
    en: 'The card asked for something I do not recognise, so nothing was saved. Type “status” for a new card.',
  },
  reminderIdle: (stage: Localized, prompt?: Localized): Text => ({
    nb: `⏰ Det har vært stille i «${stage.nb}» en stund.${prompt ? ` Neste åpne spørsmål: «${prompt.nb}».` : ''} Skriv «neste» for å fortsette.`,
    nn: `⏰ Det har vore stille i «${stage.nn}» ei stund.${prompt ? ` Neste opne spørsmål: «${prompt.nn}».` : ''} Skriv «neste» for å halde fram.`,
    en: `⏰ It has been quiet in “${stage.en}” for a while.${prompt ? ` Next open question: “${prompt.en}”.` : ''} Type “next” to continue.`,
  }),
  reminderPendingGate: (stage: Localized, since: Localized, addressees: Localized): Text => ({
    nb:
      `⏰ Porten etter «${stage.nb}» har ventet på vurdering siden ${since.nb}.` +
      (addressees.nb === ''
        ? ''
        : ` ${addressees.nb}: dere kan godkjenne, sende tilbake, sette saken på pause eller stoppe den.`),
    nn:
      `⏰ Porten etter «${stage.nn}» har venta på vurdering sidan ${since.nn}.` +
      (addressees.nn === ''
        ? ''
        : ` ${addressees.nn}: de kan godkjenne, sende tilbake, setje saka på pause eller stoppe ho.`),
    en:
      `⏰ The gate after “${stage.en}” has been waiting for a decision since ${since.en}.` +
      (addressees.en === '' ? '' : ` ${addressees.en}: you can approve, send back, pause or stop the case.`),
  }),
  /** A chat answer that could not be read as what the prompt asks for: how to write it. */
  answerProblem: {
    text: {
      nb: 'Skriv svaret etter navnet mitt.',
      nn: 'Skriv svaret etter namnet mitt.',
      en: 'Write the answer after my name.',
    },
    date: {
      nb: 'Skriv datoen som 01.09.2026 eller 2026-09-01.',
      nn: 'Skriv datoen slik: 01.09.2026 eller 2026-09-01.',
      en: 'Write the date as 2026-09-01 or 01.09.2026.',
    },
    number: {
      nb: 'Skriv et tall, for eksempel 1 500 000 eller 1,5 mill.',
      nn: 'Skriv eit tal, for eksempel 1 500 000 eller 1,5 mill.',
      en: 'Write a number, for example 1,500,000 or 1.5 million.',
    },
    link: {
      nb: 'Lim inn en lenke som begynner med https://',
      nn: 'Lim inn ei lenkje som byrjar med https://',
      en: 'Paste a link starting with https://',
    },
    people: {
      nb: 'Nevn personene med @, for eksempel @Kari.',
      nn: 'Nemn personane med @, for eksempel @Kari.',
      en: 'Mention the people with @, for example @Kari.',
    },
    chooseByNumber: (options: readonly Localized[]): Text => ({
      nb: `Velg med tall: ${options.map((o, i) => `${i + 1}. ${o.nb}`).join(', ')}. En kommentar kan stå etter en tankestrek: «1 – …».`,
      nn: `Vel med tal: ${options.map((o, i) => `${i + 1}. ${o.nn}`).join(', ')}. Ein kommentar kan stå etter ein tankestrek: «1 – …».`,
      en: `Choose by number: ${options.map((o, i) => `${i + 1}. ${o.en}`).join(', ')}. A comment can follow a dash: “1 – …”.`,
    }),
    onlyOne: {
      nb: 'Velg bare ett alternativ.',
      nn: 'Vel berre eitt alternativ.',
      en: 'Choose only one option.',
    },
    /** A number that was not among the barriers or ideas offered. */
    offeredNumbers: (count: number): Text =>
      count === 1
        ? {
            nb: 'Det er bare nummer 1 å velge. Skriv «1», eller skriv svaret med egne ord.',
            nn: 'Det er berre nummer 1 å velje. Skriv «1», eller skriv svaret med eigne ord.',
            en: 'There is only number 1 to choose. Type “1”, or write the answer in your own words.',
          }
        : {
            nb: `Velg numre fra 1 til ${count}, eller skriv svaret med egne ord.`,
            nn: `Vel nummer frå 1 til ${count}, eller skriv svaret med eigne ord.`,
            en: `Choose numbers from 1 to ${count}, or write the answer in your own words.`,
          },
  },
  /** How to answer a prompt in chat, shown under the question; a choice lists its numbered options. */
  answerHint: {
    shortText: {
      nb: 'Svar med en kort tekst.',
      nn: 'Svar med ein kort tekst.',
      en: 'Answer with a short text.',
    },
    longText: {
      nb: 'Svar med så mye tekst du vil.',
      nn: 'Svar med så mykje tekst du vil.',
      en: 'Answer with as much text as you like.',
    },
    date: {
      nb: 'Svar med en dato, for eksempel 01.09.2026.',
      nn: 'Svar med ein dato, for eksempel 01.09.2026.',
      en: 'Answer with a date, for example 2026-09-01.',
    },
    number: {
      nb: 'Svar med et tall, for eksempel 1 500 000 eller 1,5 mill.',
      nn: 'Svar med eit tal, for eksempel 1 500 000 eller 1,5 mill.',
      en: 'Answer with a number, for example 1,500,000 or 1.5 million.',
    },
    link: {
      nb: 'Svar med en lenke (https://…).',
      nn: 'Svar med ei lenkje (https://…).',
      en: 'Answer with a link (https://…).',
    },
    person: {
      nb: 'Svar ved å nevne personene med @.',
      nn: 'Svar ved å nemne personane med @.',
      en: 'Answer by mentioning the people with @.',
    },
    singleChoice: (list: string): Text => ({
      nb: `Svar med ett tall, gjerne med en kommentar etter en tankestrek («1 – …»):  \n${list}`,
      nn: `Svar med eitt tal, gjerne med ein kommentar etter ein tankestrek («1 – …»):  \n${list}`,
      en: `Answer with one number, with a comment after a dash if you like (“1 – …”):  \n${list}`,
    }),
    multipleChoice: (list: string): Text => ({
      nb: `Svar med ett eller flere tall, skilt med komma, gjerne med en kommentar etter en tankestrek («1, 3 – …»):  \n${list}`,
      nn: `Svar med eitt eller fleire tal, skilde med komma, gjerne med ein kommentar etter ein tankestrek («1, 3 – …»):  \n${list}`,
      en: `Answer with one or more numbers, separated by commas, with a comment after a dash if you like (“1, 3 – …”):  \n${list}`,
    }),
    orOther: {
      nb: '  \nEller skriv noe annet med egne ord.',
      nn: '  \nEller skriv noko anna med eigne ord.',
      en: '  \nOr write something else in your own words.',
    },
  },
  /** Above the approval card when a review is asked for, before the deciders' mentions. */
  gateWaitingFor: {
    nb: 'Porten venter på vurdering fra',
    nn: 'Porten ventar på vurdering frå',
    en: 'The gate is waiting for a decision from',
  },
  /** Stands in a reminder for deciders whose names are not known (erased or never seen). */
  someManagers: (count: number): Text =>
    plurals(count, {
      nb: { one: 'en leder', other: `${count} ledere` },
      nn: { one: 'ein leiar', other: `${count} leiarar` },
      en: { one: 'a manager', other: `${count} managers` },
    }),
  actAsStarted: (name: string): Text => ({
    nb: `Du opptrer nå som **${name}** i denne chatten: det du skriver og trykker på, blir registrert som ${name}. Skriv «opptre som meg» for å bli deg selv igjen. (Bare for lokal utvikling.)`,
    nn: `Du opptrer no som **${name}** i denne chatten: det du skriv og trykkjer på, blir registrert som ${name}. Skriv «opptre som meg» for å bli deg sjølv igjen. (Berre for lokal utvikling.)`,
    en: `You are now acting as **${name}** in this chat: what you type and click is recorded as ${name}. Type “act as me” to be yourself again. (Local development only.)`,
  }),
  actAsEnded: (name: string): Text => ({
    nb: `Du er deg selv igjen${name === '' ? '' : ` (${name})`}.`,
    nn: `Du er deg sjølv igjen${name === '' ? '' : ` (${name})`}.`,
    en: `You are yourself again${name === '' ? '' : ` (${name})`}.`,
  }),
  actAsUnknown: (wanted: string, names: readonly string[]): Text => ({
    nb:
      names.length === 0
        ? `Fant ingen «${wanted}» i chatten: medlemslisten kunne ikke leses.`
        : `Fant ingen entydig «${wanted}» i chatten. Velg en av: ${names.join(', ')}.`,
    nn:
      names.length === 0
        ? `Fann ingen «${wanted}» i chatten: medlemslista kunne ikkje lesast.`
        : `Fann ingen eintydig «${wanted}» i chatten. Vel ein av: ${names.join(', ')}.`,
    en:
      names.length === 0
        ? `No “${wanted}” in this chat: its member list could not be read.`
        : `No single “${wanted}” in this chat. Choose one of: ${names.join(', ')}.`,
  }),
  approvalGiven: (who: string, stage: Localized, approvals: number, needed: number): Text => ({
    nb: `✔️ ${who} har godkjent porten etter «${stage.nb}» (${approvals} av ${needed} godkjenninger).`,
    nn: `✔️ ${who} har godkjent porten etter «${stage.nn}» (${approvals} av ${needed} godkjenningar).`,
    en: `✔️ ${who} approved the gate after “${stage.en}” (${approvals} of ${needed} approvals).`,
  }),
  stillWaitingFor: (who: string): Text => ({
    nb: `Porten venter fortsatt på ${who}.`,
    nn: `Porten ventar framleis på ${who}.`,
    en: `The gate is still waiting for ${who}.`,
  }),
  stillWaitingForMore: {
    nb: 'Porten venter fortsatt på flere godkjenninger.',
    nn: 'Porten ventar framleis på fleire godkjenningar.',
    en: 'The gate is still waiting for more approvals.',
  },
  conditionsLine: (conditions: readonly string[]): Text => ({
    nb: `Vilkår: ${conditions.length === 1 ? conditions[0] : conditions.map((c) => `  \n• ${c}`).join('')}`,
    nn: `Vilkår: ${conditions.length === 1 ? conditions[0] : conditions.map((c) => `  \n• ${c}`).join('')}`,
    en: `Conditions: ${conditions.length === 1 ? conditions[0] : conditions.map((c) => `  \n• ${c}`).join('')}`,
  }),
  commentLine: (comment: string): Text => ({
    nb: `Kommentar: ${comment}`,
    nn: `Kommentar: ${comment}`,
    en: `Comment: ${comment}`,
  }),
  commentBy: (who: string, comment: string): Text => ({
    nb: `Kommentar fra ${who}: ${comment}`,
    nn: `Kommentar frå ${who}: ${comment}`,
    en: `Comment from ${who}: ${comment}`,
  }),
  gatePassed: (stage: Localized, who: string, withConditions: boolean): Text => ({
    nb: `✅ Porten etter «${stage.nb}» er godkjent${withConditions ? ' med vilkår' : ''} av ${who}.`,
    nn: `✅ Porten etter «${stage.nn}» er godkjent${withConditions ? ' med vilkår' : ''} av ${who}.`,
    en: `✅ The gate after “${stage.en}” is approved${withConditions ? ' with conditions' : ''} by ${who}.`,
  }),
  gateSentBack: (stage: Localized, who: string, to: Localized): Text =>
    to.nb === stage.nb
      ? {
          nb: `↩️ ${who} har sendt saken tilbake til en ny runde i «${stage.nb}».`,
          nn: `↩️ ${who} har sendt saka tilbake til ein ny runde i «${stage.nn}».`,
          en: `↩️ ${who} sent the case back for a new round of “${stage.en}”.`,
        }
      : {
          nb: `↩️ ${who} har sendt porten etter «${stage.nb}» tilbake til «${to.nb}».`,
          nn: `↩️ ${who} har sendt porten etter «${stage.nn}» tilbake til «${to.nn}».`,
          en: `↩️ ${who} sent the gate after “${stage.en}” back to “${to.en}”.`,
        },
  casePausedBy: (stage: Localized, who: string): Text => ({
    nb: `⏸️ ${who} har satt saken på pause i «${stage.nb}».`,
    nn: `⏸️ ${who} har sett saka på pause i «${stage.nn}».`,
    en: `⏸️ ${who} paused the case in “${stage.en}”.`,
  }),
  caseStoppedBy: (stage: Localized, who: string): Text => ({
    nb: `⏹️ ${who} har stoppet saken i «${stage.nb}».`,
    nn: `⏹️ ${who} har stoppa saka i «${stage.nn}».`,
    en: `⏹️ ${who} stopped the case in “${stage.en}”.`,
  }),
  reviewWithdrawnBy: (stage: Localized, who: string): Text => ({
    nb: `${who} har trukket forespørselen om vurdering av porten etter «${stage.nb}».`,
    nn: `${who} har trekt tilbake førespurnaden om vurdering av porten etter «${stage.nn}».`,
    en: `${who} withdrew the review request for the gate after “${stage.en}”.`,
  }),
  nextStage: (next: Localized): Text => ({
    nb: `Dere går videre til «${next.nb}».`,
    nn: `De går vidare til «${next.nn}».`,
    en: `You move on to “${next.en}”.`,
  }),
  nextStageWithConditions: (next: Localized): Text => ({
    nb: `Dere går videre til «${next.nb}». Vilkårene følges opp når porten etter «${next.nb}» skal vurderes.`,
    nn: `De går vidare til «${next.nn}». Vilkåra blir følgde opp når porten etter «${next.nn}» skal vurderast.`,
    en: `You move on to “${next.en}”. The conditions are followed up when the gate after “${next.en}” is reviewed.`,
  }),
  reviseAfterSendBack: (to: Localized): Text => ({
    nb: `Tidligere svar er beholdt. Gå gjennom svarene i «${to.nb}» med begrunnelsen i tankene, og endre det den gjelder (skriv «skjema»). Be om vurdering igjen når det er gjort; uten endringer blir forespørselen avvist.`,
    nn: `Tidlegare svar er behaldne. Gå gjennom svara i «${to.nn}» med grunngjevinga i tankane, og endre det ho gjeld (skriv «skjema»). Be om vurdering igjen når det er gjort; utan endringar blir førespurnaden avvist.`,
    en: `Earlier answers are kept. Go through the answers in “${to.en}” with the reason in mind and change what it is about (type “form”). Request a review again when that is done; without changes the request is refused.`,
  }),
  resumeHow: {
    nb: 'Dokumentasjonen er låst så lenge saken står på pause. En leder gjenopptar den med «gjenoppta».',
    nn: 'Dokumentasjonen er låst så lenge saka står på pause. Ein leiar tek ho opp att med «ta opp att».',
    en: 'The documentation is locked while the case is paused. A manager resumes it with “resume”.',
  },
  stoppedForGood: {
    nb: 'Saken kan ikke tas opp igjen, men hele loggen er bevart.',
    nn: 'Saka kan ikkje takast opp att, men heile loggen er teken vare på.',
    en: 'The case cannot be taken up again, but the whole log is kept.',
  },
  afterWithdrawal: {
    nb: 'Dere kan endre dokumentasjonen og be om vurdering igjen.',
    nn: 'De kan endre dokumentasjonen og be om vurdering igjen.',
    en: 'You can change the documentation and request a review again.',
  },
  cardNotReplaced: {
    nb: 'Vurderingskortet over kunne ikke oppdateres; det som står her, gjelder.',
    nn: 'Vurderingskortet over kunne ikkje oppdaterast; det som står her, gjeld.',
    en: 'The review card above could not be updated; what is written here is what holds.',
  },
  conditionsToFollowUp: (stage: Localized, conditions: readonly string[]): Text => ({
    nb: `Vilkår fra porten etter «${stage.nb}»; lederne vurderer nå om de er oppfylt:${conditions.map((c) => `  \n• ${c}`).join('')}`,
    nn: `Vilkår frå porten etter «${stage.nn}»; leiarane vurderer no om dei er oppfylte:${conditions.map((c) => `  \n• ${c}`).join('')}`,
    en: `Conditions from the gate after “${stage.en}”; the managers now judge whether they are met:${conditions.map((c) => `  \n• ${c}`).join('')}`,
  }),
  politicalProblem: {
    date: {
      nb: 'Jeg fant ingen møtedato. Skriv organ, møtedato, saksnummer og vedtaket, for eksempel: «Kommunestyret, 12.03.2026, sak 2026/417: Kommunestyret slutter seg til …».',
      nn: 'Eg fann ingen møtedato. Skriv organ, møtedato, saksnummer og vedtaket, for eksempel: «Kommunestyret, 12.03.2026, sak 2026/417: Kommunestyret sluttar seg til …».',
      en: 'I found no meeting date. Write the body, meeting date, case number and the decision, for example: “Municipal council, 12.03.2026, case 2026/417: The council agrees …”.',
    },
    body: {
      nb: 'Skriv hvilket organ som fattet vedtaket først, for eksempel «Kommunestyret, 12.03.2026, sak 2026/417: …».',
      nn: 'Skriv kva organ som gjorde vedtaket først, for eksempel «Kommunestyret, 12.03.2026, sak 2026/417: …».',
      en: 'Write the body that made the decision first, for example “Municipal council, 12.03.2026, case 2026/417: …”.',
    },
    caseNumber: {
      nb: 'Jeg fant ikke saksnummeret. Skriv det etter datoen, for eksempel «…, 12.03.2026, sak 2026/417: …».',
      nn: 'Eg fann ikkje saksnummeret. Skriv det etter datoen, for eksempel «…, 12.03.2026, sak 2026/417: …».',
      en: 'I found no case number. Write it after the date, for example “…, 12.03.2026, case 2026/417: …”.',
    },
    decision: {
      nb: 'Skriv hva som ble vedtatt, eller en lenke til vedtaket, etter saksnummeret: «…, sak 2026/417: Kommunestyret slutter seg til …».',
      nn: 'Skriv kva som vart vedteke, eller ei lenkje til vedtaket, etter saksnummeret: «…, sak 2026/417: Kommunestyret sluttar seg til …».',
      en: 'Write what was decided, or a link to the decision, after the case number: “…, case 2026/417: The council agrees …”.',
    },
    because: {
      nb: 'Skriv hvorfor det samme vedtaket fortsatt gjelder, for eksempel «gjelder fortsatt fordi endringene ligger innenfor rammen».',
      nn: 'Skriv kvifor det same vedtaket framleis gjeld, for eksempel «gjeld framleis fordi endringane ligg innanfor ramma».',
      en: 'Write why the same decision still stands, for example “still stands because the changes are within the budget”.',
    },
  },
  politicalQuestion: (stage: Localized): Text => ({
    nb: `**Politisk vedtak.** Porten etter «${stage.nb}» bygger på et politisk vedtak. Hvilket organ vedtok, når var møtet, hva er saksnummeret, og hva ble vedtatt?  \nSkriv for eksempel: «Kommunestyret, 12.03.2026, sak 2026/417: Kommunestyret slutter seg til …», med en lenke til vedtaket i stedet for teksten om du vil.`,
    nn: `**Politisk vedtak.** Porten etter «${stage.nn}» byggjer på eit politisk vedtak. Kva organ gjorde vedtaket, når var møtet, kva er saksnummeret, og kva vart vedteke?  \nSkriv for eksempel: «Kommunestyret, 12.03.2026, sak 2026/417: Kommunestyret sluttar seg til …», med ei lenkje til vedtaket i staden for teksten om du vil.`,
    en: `**Political decision.** The gate after “${stage.en}” rests on a political decision. Which body decided, when did it meet, what is the case number, and what was decided?  \nWrite for example: “Municipal council, 12.03.2026, case 2026/417: The council agrees …”, with a link to the decision instead of the text if you like.`,
  }),
  politicalQuestionNewRound: (stage: Localized, round: number, earlier: string): Text => ({
    nb: `**Politisk vedtak, runde ${round}.** Porten etter «${stage.nb}» er i en ny runde og trenger et nytt vedtak. Det som er registrert, er fra en tidligere runde: ${earlier}.  \nSkriv det nye vedtaket på samme måte («Organ, dd.mm.åååå, sak …: vedtaket»), eller «gjelder fortsatt fordi …» hvis det samme vedtaket fortsatt står.`,
    nn: `**Politisk vedtak, runde ${round}.** Porten etter «${stage.nn}» er i ein ny runde og treng eit nytt vedtak. Det som er registrert, er frå ein tidlegare runde: ${earlier}.  \nSkriv det nye vedtaket på same måten («Organ, dd.mm.åååå, sak …: vedtaket»), eller «gjeld framleis fordi …» viss det same vedtaket framleis står.`,
    en: `**Political decision, round ${round}.** The gate after “${stage.en}” is in a new round and needs a new decision. The one recorded is from an earlier round: ${earlier}.  \nWrite the new decision the same way (“Body, dd.mm.yyyy, case …: the decision”), or “still stands because …” if the same decision still holds.`,
  }),
  politicalRecorded: (stage: Localized): Text => ({
    nb: `Det politiske vedtaket for porten etter «${stage.nb}» er registrert.`,
    nn: `Det politiske vedtaket for porten etter «${stage.nn}» er registrert.`,
    en: `The political decision for the gate after “${stage.en}” is recorded.`,
  }),
  politicalStillStands: (stage: Localized): Text => ({
    nb: `Registrert at det samme vedtaket fortsatt gjelder for porten etter «${stage.nb}», med begrunnelsen.`,
    nn: `Registrert at det same vedtaket framleis gjeld for porten etter «${stage.nn}», med grunngjevinga.`,
    en: `Recorded that the same decision still stands for the gate after “${stage.en}”, with the reason.`,
  }),
  noEarlierPoliticalDecision: {
    nb: 'Det er ikke registrert noe tidligere vedtak som kan gjelde fortsatt. Skriv vedtaket: «Organ, dd.mm.åååå, sak …: vedtaket».',
    nn: 'Det er ikkje registrert noko tidlegare vedtak som framleis kan gjelde. Skriv vedtaket: «Organ, dd.mm.åååå, sak …: vedtaket».',
    en: 'No earlier decision is recorded that could still stand. Write the decision: “Body, dd.mm.yyyy, case …: the decision”.',
  },
  politicalUnchanged: (stage: Localized): Text => ({
    nb: `Det vedtaket er allerede registrert for porten etter «${stage.nb}»; ingenting ble endret.`,
    nn: `Det vedtaket er allereie registrert for porten etter «${stage.nn}»; ingenting vart endra.`,
    en: `That decision is already recorded for the gate after “${stage.en}”; nothing was changed.`,
  }),
  politicalPending: {
    nb: 'Spørsmålet jeg stilte, gjelder det politiske vedtaket porten bygger på. Det kan ikke hoppes over eller være «ikke relevant»: porten kan ikke vurderes uten det. Skriv vedtaket når dere har det («Organ, dd.mm.åååå, sak …: vedtaket»), eller bruk skjemaet («skjema»).',
    nn: 'Spørsmålet eg stilte, gjeld det politiske vedtaket porten byggjer på. Det kan ikkje hoppast over eller vere «ikkje relevant»: porten kan ikkje vurderast utan det. Skriv vedtaket når de har det («Organ, dd.mm.åååå, sak …: vedtaket»), eller bruk skjemaet («skjema»).',
    en: 'The question I asked is about the political decision the gate rests on. It cannot be skipped or be “not applicable”: the gate cannot be reviewed without it. Write the decision when you have it (“Body, dd.mm.yyyy, case …: the decision”), or use the form (“form”).',
  },
  /** "ikke relevant, fordi …" recorded: the reason quoted as the person gave it. */
  recordedNotApplicable: (label: Localized, reason: string): Text => ({
    nb: `«${label.nb}» er registrert som ikke relevant, med begrunnelsen «${reason}».`,
    nn: `«${label.nn}» er registrert som ikkje relevant, med grunngjevinga «${reason}».`,
    en: `“${label.en}” is recorded as not applicable, with the reason “${reason}”.`,
  }),
  /** A saved choice or amount, with what it was read as ("1,2 mill" → 1 200 000; "Ja – …" → «Ja» and a comment). */
  recordedAs: (label: Localized, value: Localized): Text => ({
    nb: `Lagret svaret på «${label.nb}»: ${endSentence(value.nb)}`,
    nn: `Lagra svaret på «${label.nn}»: ${endSentence(value.nn)}`,
    en: `Saved the answer to “${label.en}”: ${endSentence(value.en)}`,
  }),
  /** The options chosen, and the comment when one was given. */
  chosen: (options: readonly Localized[], comment?: string): Text => ({
    nb:
      options.map((o) => `«${o.nb}»`).join(', ') +
      (comment === undefined ? '' : `, med kommentaren «${comment}»`),
    nn:
      options.map((o) => `«${o.nn}»`).join(', ') +
      (comment === undefined ? '' : `, med kommentaren «${comment}»`),
    en:
      options.map((o) => `“${o.en}”`).join(', ') +
      (comment === undefined ? '' : `, with the comment “${comment}”`),
  }),
  /**
   * Under a prompt that asks for barriers or ideas, when the case has recorded some by command: the
   * numbered list (already escaped) and how to answer with them.
   */
  offerRecorded: (kind: 'barriers' | 'ideas', list: string, count: number): Text => {
    const one = count === 1;
    const what = {
      barriers: one
        ? { nb: 'denne barrieren', nn: 'denne barrieren', en: 'this barrier' }
        : { nb: 'disse barrierene', nn: 'desse barrierane', en: 'these barriers' },
      ideas: one
        ? { nb: 'denne ideen', nn: 'denne idéen', en: 'this idea' }
        : { nb: 'disse ideene', nn: 'desse idéane', en: 'these ideas' },
    }[kind];
    return {
      nb:
        `Dere har registrert ${what.nb}:  \n${list}  \n` +
        (one
          ? 'Svar «1» for å ta den med i svaret, gjerne med egne ord etter et kolon («1: …»), eller skriv svaret med egne ord.'
          : 'Svar med numrene (for eksempel «1, 2») eller «alle» for å ta dem med i svaret, gjerne med egne ord etter et kolon («alle: …»), eller skriv svaret med egne ord.'),
      nn:
        `De har registrert ${what.nn}:  \n${list}  \n` +
        (one
          ? 'Svar «1» for å ta han med i svaret, gjerne med eigne ord etter eit kolon («1: …»), eller skriv svaret med eigne ord.'
          : 'Svar med numra (for eksempel «1, 2») eller «alle» for å ta dei med i svaret, gjerne med eigne ord etter eit kolon («alle: …»), eller skriv svaret med eigne ord.'),
      en:
        `You have recorded ${what.en}:  \n${list}  \n` +
        (one
          ? 'Answer “1” to include it in the answer, with your own words after a colon if you like (“1: …”), or write the answer in your own words.'
          : 'Answer with their numbers (for example “1, 2”) or “all” to include them in the answer, with your own words after a colon if you like (“all: …”), or write the answer in your own words.'),
    };
  },
  // ── The message action «Ta vare på som idé eller barriere» ──
  keepWhatIdea: { nb: 'idé', nn: 'idé', en: 'an idea' },
  keepWhatBarrier: (category: Localized): Text => ({
    nb: `barriere («${category.nb}»)`,
    nn: `barriere («${category.nn}»)`,
    en: `a barrier (“${category.en}”)`,
  }),
  keptBy: (actor: string, author: string, what: Localized, caseTitle: string): Text => ({
    nb: `${actor} tok vare på en melding fra ${author} som ${what.nb} i «${caseTitle}».`,
    nn: `${actor} tok vare på ei melding frå ${author} som ${what.nn} i «${caseTitle}».`,
    en: `${actor} kept a message by ${author} as ${what.en} in “${caseTitle}”.`,
  }),
  keptOwn: (actor: string, what: Localized, caseTitle: string): Text => ({
    nb: `${actor} tok vare på sin egen melding som ${what.nb} i «${caseTitle}».`,
    nn: `${actor} tok vare på si eiga melding som ${what.nn} i «${caseTitle}».`,
    en: `${actor} kept their own message as ${what.en} in “${caseTitle}”.`,
  }),
  keptWithoutAuthor: (actor: string, what: Localized, caseTitle: string): Text => ({
    nb: `${actor} tok vare på en melding som ${what.nb} i «${caseTitle}».`,
    nn: `${actor} tok vare på ei melding som ${what.nn} i «${caseTitle}».`,
    en: `${actor} kept a message as ${what.en} in “${caseTitle}”.`,
  }),
  keptToldAuthor: (author: string): Text => ({
    nb: `${author}: meldingen din står nå i sakens prosesslogg.`,
    nn: `${author}: meldinga di står no i prosessloggen til saka.`,
    en: `${author}: your message is now in the case's process log.`,
  }),
  keptResearchNote: {
    nb: 'Saken følges av forskere. Vil du ikke at ordene dine brukes i forskning, skriv «reserver meg».',
    nn: 'Saka blir følgd av forskarar. Vil du ikkje at orda dine skal brukast i forsking, skriv «reserver meg».',
    en: 'Researchers follow this case. If you would rather your words were not used in research, write “no research”.',
  },
  keptAuthorDeclined: {
    nb: 'Du har reservert deg mot forskning, så forskerne får ikke teksten.',
    nn: 'Du har reservert deg mot forsking, så forskarane får ikkje teksten.',
    en: 'You have opted out of research, so researchers do not get the text.',
  },
  keptAnswer: (what: Localized, caseTitle: string): Text => ({
    nb: `Meldingen er tatt vare på som ${what.nb} i «${caseTitle}».`,
    nn: `Meldinga er teken vare på som ${what.nn} i «${caseTitle}».`,
    en: `The message is kept as ${what.en} in “${caseTitle}”.`,
  }),
  keepAlreadyKept: (caseTitle: string): Text => ({
    nb: `Denne meldingen er allerede tatt vare på i «${caseTitle}», så den ble ikke lagret på nytt.`,
    nn: `Denne meldinga er alt teken vare på i «${caseTitle}», så ho vart ikkje lagra på nytt.`,
    en: `This message is already kept in “${caseTitle}”, so it was not saved again.`,
  }),
  keepNoCase: {
    nb: 'Det finnes ingen sak i denne samtalen ennå, så meldingen kan ikke tas vare på. Start en sak ved å skrive «ny sak» og en tittel til meg, og bruk så «Ta vare på som idé/barriere» på meldingen igjen.',
    nn: 'Det finst inga sak i denne samtalen enno, så meldinga kan ikkje takast vare på. Start ei sak ved å skrive «ny sak» og ein tittel til meg, og bruk så «Ta vare på som idé/barriere» på meldinga igjen.',
    en: 'There is no case in this conversation yet, so the message cannot be kept. Open one by writing “new case” and a title to me, then use “Keep as idea or barrier” on the message again.',
  },
  keepNoMessage: {
    nb: 'Teams sendte ikke med meldingen, så ingenting ble lagret. Prøv igjen fra «…»-menyen på meldingen.',
    nn: 'Teams sende ikkje med meldinga, så ingenting vart lagra. Prøv igjen frå «…»-menyen på meldinga.',
    en: 'Teams did not send the message along, so nothing was saved. Try again from the message’s “…” menu.',
  },
  keepDialogStale: {
    nb: 'Denne dialogen ble åpnet for lenge siden, så ingenting ble lagret. Åpne «Ta vare på som idé/barriere» fra meldingen på nytt.',
    nn: 'Denne dialogen vart opna for lenge sidan, så ingenting vart lagra. Opne «Ta vare på som idé/barriere» frå meldinga på nytt.',
    en: 'This dialog was opened too long ago, so nothing was saved. Open “Keep as idea or barrier” from the message again.',
  },
  keepOtherMessage: {
    nb: 'Dialogen hører til en annen melding enn den Teams sendte, så ingenting ble lagret. Åpne den på nytt fra meldingen.',
    nn: 'Dialogen høyrer til ei anna melding enn den Teams sende, så ingenting vart lagra. Opne han på nytt frå meldinga.',
    en: 'The dialog belongs to another message than the one Teams sent, so nothing was saved. Open it again from the message.',
  },
  keepOtherConversation: {
    nb: 'Dialogen ble åpnet i en annen samtale, så ingenting ble lagret her.',
    nn: 'Dialogen vart opna i ein annan samtale, så ingenting vart lagra her.',
    en: 'The dialog was opened in another conversation, so nothing was saved here.',
  },
  keepCaseNotHere: {
    nb: 'Den saken finnes ikke i denne samtalen, så meldingen ble ikke tatt vare på.',
    nn: 'Den saka finst ikkje i denne samtalen, så meldinga vart ikkje teken vare på.',
    en: 'That case is not in this conversation, so the message was not kept.',
  },
  keepHiddenCharacters: {
    nb: 'Teksten hadde usynlige kontrolltegn. De er fjernet: se over teksten og trykk «Ta vare på» igjen. Ingenting er lagret ennå.',
    nn: 'Teksten hadde usynlege kontrollteikn. Dei er fjerna: sjå over teksten og trykk «Ta vare på» igjen. Ingenting er lagra enno.',
    en: 'The text held invisible control characters. They are removed: check the text and press “Keep” again. Nothing is saved yet.',
  },
  unknownMessageAction: {
    nb: 'Jeg kjenner ikke den handlingen, så ingenting ble lagret.',
    nn: 'Eg kjenner ikkje den handlinga, så ingenting vart lagra.',
    en: 'I do not know that action, so nothing was saved.',
  },
} as const;
