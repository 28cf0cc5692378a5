/**
 * Every chat text the bot writes, in Norwegian Bokmål and English. Texts that repeat what people wrote
 * take it already escaped (see `escapeMarkdown` in cards/text.ts), so a title like "**x**" stays literal.
 */
import type { Localized } from '../engine';

type Text = Localized;

/** Two texts as one message, a line apart. */
export function joined(first: Text, second: Text): Text {
  return { nb: `${first.nb}  \n${second.nb}`, en: `${first.en}  \n${second.en}` };
}

/** A full stop after a sentence, unless what it quotes already ends one («… vokser.» takes none). */
function endSentence(text: string): string {
  return /[.!?…][»”]?$/.test(text) ? text : `${text}.`;
}

/** "1 spørsmål er hoppet over; …" or "3 spørsmål er hoppet over; …": the skipped questions still open. */
function skippedLeft(count: number): Text {
  return count === 1
    ? {
        nb: '1 spørsmål er hoppet over; skriv «neste» for å ta det.',
        en: '1 question was skipped; type “next” to take it.',
      }
    : {
        nb: `${count} spørsmål er hoppet over; skriv «neste» for å ta dem.`,
        en: `${count} questions were skipped; type “next” to take them.`,
      };
}

export const texts = {
  unknownTeamsUser: {
    nb: 'Teams fortalte ikke hvem du er (meldingen mangler Entra-ID-en din), så ingenting ble registrert. Prøv igjen om litt; hvis det fortsetter, si fra til Teams-administratoren.',
    en: 'Teams did not tell us who you are (the message lacks your Entra ID), so nothing was recorded. Try again shortly; if it keeps happening, tell your Teams administrator.',
  },
  teamsUserBoundElsewhere: {
    nb: 'Teams-kontoen din er allerede knyttet til en annen person her, så ingenting ble registrert. Si fra til Teams-administratoren.',
    en: 'Your Teams account is already linked to another person here, so nothing was recorded. Please tell your Teams administrator.',
  },
  unknownMention: (names: string): Text => ({
    nb: `Jeg fant ikke ut hvem ${names} er i Teams, så ingenting ble registrert. Nevn personen på nytt med @ og velg navnet fra listen.`,
    en: `I could not tell who ${names} is in Teams, so nothing was recorded. Mention the person again with @ and pick the name from the list.`,
  }),
  noActiveCase: {
    nb: 'Det finnes ingen sak i denne samtalen ennå. Skriv «ny sak» og en tittel, eller «hjelp».',
    en: 'There is no case in this conversation yet. Type “new case” and a title, or “help”.',
  },
  didNotUnderstand: {
    nb: 'Jeg forsto ikke det. Skriv «neste» for å svare på spørsmålene i steget, «status» for å se hvor saken står, eller «hjelp».',
    en: 'I did not understand that. Type “next” to answer the stage’s questions, “status” to see where the case stands, or “help”.',
  },
  caseOpened: (title: string): Text => ({
    nb: `Saken **${title}** er startet. Dere er i steget «Definere utfordringsbildet». Alt dere dokumenterer blir en del av prosessloggen.`,
    en: `The case **${title}** is open. You are in the stage “Define the challenge”. Everything you document becomes part of the process log.`,
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
    en: `**Question ${index} of ${total} in “${stageTitle.en}”${required ? '' : ' (optional)'}:** ${label.en}  \n_${help.en}_`,
  }),
  howToAnswer: {
    nb: 'Svar ved å nevne meg. Skriv «hopp over» for å vente med spørsmålet, eller «ikke relevant, fordi …» hvis det ikke gjelder.',
    en: 'Answer by mentioning me. Type “skip” to leave the question for later, or “not applicable, because …” if it does not apply.',
  },
  recorded: (label: Localized): Text => ({
    nb: `Lagret svaret på «${label.nb}».`,
    en: `Saved the answer to “${label.en}”.`,
  }),
  unchanged: (label: Localized): Text => ({
    nb: `Svaret på «${label.nb}» var det samme som før, så ingenting nytt ble lagret.`,
    en: `The answer to “${label.en}” was the same as before, so nothing new was saved.`,
  }),
  stageReady: (stageTitle: Localized, skipped: number): Text => ({
    nb: `Alle påkrevde spørsmål i «${stageTitle.nb}» er besvart.${skipped === 0 ? '' : ` ${skippedLeft(skipped).nb}`} Skriv «be om vurdering» når dere vil at lederne skal vurdere porten.`,
    en: `All required questions in “${stageTitle.en}” are answered.${skipped === 0 ? '' : ` ${skippedLeft(skipped).en}`} Type “request review” when you want the managers to review the gate.`,
  }),
  stageOpen: (stageTitle: Localized, skipped: number): Text => ({
    nb: `Alle spørsmålene i «${stageTitle.nb}» er stilt.${skipped === 0 ? '' : ` ${skippedLeft(skipped).nb}`}`,
    en: `All the questions in “${stageTitle.en}” have been asked.${skipped === 0 ? '' : ` ${skippedLeft(skipped).en}`}`,
  }),
  noPendingQuestion: {
    nb: 'Ingen spørsmål venter på svar. Skriv «neste», så stiller jeg det neste.',
    en: 'No question is waiting for an answer. Type “next” and I will ask the next one.',
  },
  /** After "hopp over": which question was skipped, and how to come back to it when others follow. */
  skipped: (index: number, label: Localized, othersFollow: boolean): Text => ({
    nb: `Hopper over spørsmål ${index}, «${label.nb}», for nå.${othersFollow ? ' Når resten av spørsmålene er stilt, kan dere skrive «neste» for å ta det.' : ''}`,
    en: `Skipping question ${index}, “${label.en}”, for now.${othersFollow ? ' Once the other questions have been asked, type “next” to take it.' : ''}`,
  }),
  needReason: {
    nb: 'Skriv begrunnelsen etter kommandoen, for eksempel «ikke relevant, fordi vi ikke har budsjett».',
    en: 'Write the reason after the command, for example “not applicable, because we have no budget”.',
  },
  needText: {
    nb: 'Skriv teksten etter kommandoen, for eksempel «idé: bruk nattevakten til oppfølging».',
    en: 'Write the text after the command, for example “idea: use the night shift for follow-up”.',
  },
  needMention: {
    nb: 'Nevn personen med @ etter kommandoen, for eksempel «leder @Kari».',
    en: 'Mention the person with @ after the command, for example “manager @Kari”.',
  },
  ideaRecorded: {
    nb: 'Takk! Ideen er tatt vare på i prosessloggen.',
    en: 'Thank you! The idea is kept in the process log.',
  },
  ideaRecordedWithSource: (source: Localized): Text => ({
    nb: `Takk! Ideen er tatt vare på i prosessloggen, med kilde «${source.nb}».`,
    en: `Thank you! The idea is kept in the process log, with the source “${source.en}”.`,
  }),
  researchDeclined: {
    nb: 'Notert: det du skriver i denne saken, holdes tilbake fra forskerne. Hendelsene (hva som skjedde og når) er fortsatt med, under et pseudonym. Skriv «forskning ok» hvis du ombestemmer deg.',
    en: 'Noted: what you write in this case is withheld from researchers. The events (what happened and when) still count, under a pseudonym. Type “research ok” if you change your mind.',
  },
  researchAllowed: {
    nb: 'Notert: det du skriver i denne saken, kan igjen brukes i følgeforskningen, pseudonymisert.',
    en: 'Noted: what you write in this case may again be used in the trailing research, pseudonymised.',
  },
  barrierRecorded: (category: Localized): Text => ({
    nb: `Barrieren er registrert i kategorien «${category.nb}».`,
    en: `The barrier is recorded in the category “${category.en}”.`,
  }),
  reviewRequested: (stageTitle: Localized): Text => ({
    nb: `Porten etter «${stageTitle.nb}» er sendt til vurdering.`,
    en: `The gate after “${stageTitle.en}” has been sent for review.`,
  }),
  reviewWithdrawn: {
    nb: 'Forespørselen om vurdering er trukket. Dere kan endre dokumentasjonen og be om vurdering igjen.',
    en: 'The review request has been withdrawn. You can change the documentation and request a review again.',
  },
  approvalProgress: (approvals: number, needed: number): Text => ({
    nb: `Godkjent av ${approvals} av ${needed}. Porten venter på flere godkjenninger.`,
    en: `Approved by ${approvals} of ${needed}. The gate is waiting for more approvals.`,
  }),
  outcome: {
    approved: (stage: Localized, next?: Localized): Text => ({
      nb: `✅ Porten etter «${stage.nb}» er godkjent.${next ? ` Dere går videre til «${next.nb}».` : ''}`,
      en: `✅ The gate after “${stage.en}” is approved.${next ? ` You move on to “${next.en}”.` : ''}`,
    }),
    approvedWithConditions: (stage: Localized, next?: Localized): Text => ({
      nb: `✅ Porten etter «${stage.nb}» er godkjent med vilkår.${next ? ` Dere går videre til «${next.nb}».` : ''}`,
      en: `✅ The gate after “${stage.en}” is approved with conditions.${next ? ` You move on to “${next.en}”.` : ''}`,
    }),
    sentBack: (stage: Localized, next?: Localized): Text => ({
      nb: `↩️ Porten etter «${stage.nb}» er sendt tilbake${next ? ` til «${next.nb}»` : ''}. Tidligere svar er beholdt; en ny runde legger til revisjoner.`,
      en: `↩️ The gate after “${stage.en}” was sent back${next ? ` to “${next.en}”` : ''}. Earlier answers are kept; the new round adds revisions.`,
    }),
    paused: (stage: Localized): Text => ({
      nb: `⏸️ Saken er satt på pause i «${stage.nb}».`,
      en: `⏸️ The case is paused in “${stage.en}”.`,
    }),
    stopped: (stage: Localized): Text => ({
      nb: `⏹️ Saken er stoppet i «${stage.nb}».`,
      en: `⏹️ The case is stopped in “${stage.en}”.`,
    }),
    withdrawn: (stage: Localized): Text => ({
      nb: `Forespørselen om vurdering av «${stage.nb}» er trukket.`,
      en: `The review request for “${stage.en}” was withdrawn.`,
    }),
  },
  reasonLine: (reason: string): Text => ({ nb: `Begrunnelse: ${reason}`, en: `Reason: ${reason}` }),
  resumed: {
    nb: '▶️ Saken er gjenopptatt.',
    en: '▶️ The case is resumed.',
  },
  caseCompleted: {
    nb: '🎉 Saken er fullført. Hele prosessen er dokumentert i loggen, klar for evaluering og følgeforskning.',
    en: '🎉 The case is complete. The whole process is documented in the log, ready for evaluation and trailing research.',
  },
  casesList: (lines: string[]): Text => ({
    nb: `**Saker i denne samtalen** (skriv «bytt» og nummeret):  \n${lines.join('  \n')}`,
    en: `**Cases in this conversation** (type “switch” and the number):  \n${lines.join('  \n')}`,
  }),
  noCases: {
    nb: 'Det finnes ingen saker i denne samtalen ennå.',
    en: 'There are no cases in this conversation yet.',
  },
  switched: (title: string): Text => ({
    nb: `Nå jobber vi med **${title}**.`,
    en: `Now working on **${title}**.`,
  }),
  caseNotFoundHere: {
    nb: 'Fant ingen sak med det nummeret eller navnet her. Skriv «saker» for å se listen.',
    en: 'No case with that number or name here. Type “cases” to see the list.',
  },
  languageChanged: { nb: 'Saken bruker nå norsk bokmål.', en: 'The case now uses English.' },
  languageHelp: {
    nb: 'Skriv «språk nb» for norsk bokmål eller «språk en» for engelsk.',
    en: 'Type “language nb” for Norwegian Bokmål or “language en” for English.',
  },
  joined: { nb: 'Du er med i saken.', en: 'You are part of the case.' },
  roleChanged: (count: number, revoke: boolean): Text => {
    const people =
      count === 1 ? { nb: '1 person', en: '1 person' } : { nb: `${count} personer`, en: `${count} people` };
    return {
      nb: revoke ? `Rollen er fjernet for ${people.nb}.` : `Rollen er gitt til ${people.nb}.`,
      en: revoke ? `The role was removed from ${people.en}.` : `The role was given to ${people.en}.`,
    };
  },
  otherConversation: {
    nb: 'Dette kortet hører til en sak i en annen samtale, så ingenting ble lagret her.',
    en: 'This card belongs to a case in another conversation, so nothing was saved here.',
  },
  staleCard: {
    nb: 'Kortet var utdatert, så ingenting ble lagret. Her er det oppdaterte kortet.',
    en: 'The card was out of date, so nothing was saved. Here is the updated card.',
  },
  formRecorded: (count: number): Text => ({
    nb:
      count === 0 ? 'Ingen endringer å lagre.' : `Lagret ${count} ${count === 1 ? 'endring' : 'endringer'}.`,
    en: count === 0 ? 'No changes to save.' : `Saved ${count} ${count === 1 ? 'change' : 'changes'}.`,
  }),
  storageDown: {
    nb: 'Ikke lagret: lagringstjenesten svarer ikke akkurat nå. Prøv igjen om litt; ingenting ble lagret halvveis.',
    en: 'Not saved: storage is not answering right now. Please try again in a moment; nothing was half-saved.',
  },
  savedButFollowUpFailed: {
    nb: 'Det du ba om er lagret, men jeg klarte ikke å fullføre svaret mitt. Skriv «status» for å se hvor saken står; ikke send det samme på nytt.',
    en: 'What you asked for is saved, but I could not finish my reply. Type “status” to see where the case stands; no need to send it again.',
  },
  unexpected: {
    nb: 'Noe feilet hos oss, og ingenting ble lagret. Prøv igjen; hvis det fortsetter, si fra til Teams-administratoren.',
    en: 'Something failed on our side and nothing was saved. Please try again; if it keeps failing, tell your Teams administrator.',
  },
  unknownCardAction: {
    nb: 'Kortet ba om noe jeg ikke kjenner igjen, så ingenting ble lagret. Skriv «status» for et nytt kort.',
    en: 'The card asked for something I do not recognise, so nothing was saved. Type “status” for a new card.',
  },
  reminderIdle: (stage: Localized, prompt?: Localized): Text => ({
    nb: `⏰ Det har vært stille i «${stage.nb}» en stund.${prompt ? ` Neste åpne spørsmål: «${prompt.nb}».` : ''} Skriv «neste» for å fortsette.`,
    en: `⏰ It has been quiet in “${stage.en}” for a while.${prompt ? ` Next open question: “${prompt.en}”.` : ''} Type “next” to continue.`,
  }),
  reminderPendingGate: (stage: Localized, since: Localized, addressees: Localized): Text => ({
    nb:
      `⏰ Porten etter «${stage.nb}» har ventet på vurdering siden ${since.nb}.` +
      (addressees.nb === ''
        ? ''
        : ` ${addressees.nb}: dere kan godkjenne, sende tilbake, sette saken på pause eller stoppe den.`),
    en:
      `⏰ The gate after “${stage.en}” has been waiting for a decision since ${since.en}.` +
      (addressees.en === '' ? '' : ` ${addressees.en}: you can approve, send back, pause or stop the case.`),
  }),
  /** A chat answer that could not be read as what the prompt asks for: how to write it. */
  answerProblem: {
    text: { nb: 'Skriv svaret etter navnet mitt.', en: 'Write the answer after my name.' },
    date: {
      nb: 'Skriv datoen som 01.09.2026 eller 2026-09-01.',
      en: 'Write the date as 2026-09-01 or 01.09.2026.',
    },
    number: {
      nb: 'Skriv et tall, for eksempel 1 500 000 eller 1,5 mill.',
      en: 'Write a number, for example 1,500,000 or 1.5 million.',
    },
    link: { nb: 'Lim inn en lenke som begynner med https://', en: 'Paste a link starting with https://' },
    people: {
      nb: 'Nevn personene med @, for eksempel @Kari.',
      en: 'Mention the people with @, for example @Kari.',
    },
    chooseByNumber: (options: readonly Localized[]): Text => ({
      nb: `Velg med tall: ${options.map((o, i) => `${i + 1}. ${o.nb}`).join(', ')}. En kommentar kan stå etter en tankestrek: «1 – …».`,
      en: `Choose by number: ${options.map((o, i) => `${i + 1}. ${o.en}`).join(', ')}. A comment can follow a dash: “1 – …”.`,
    }),
    onlyOne: { nb: 'Velg bare ett alternativ.', en: 'Choose only one option.' },
    /** A number that was not among the barriers or ideas offered. */
    offeredNumbers: (count: number): Text =>
      count === 1
        ? {
            nb: 'Det er bare nummer 1 å velge. Skriv «1», eller skriv svaret med egne ord.',
            en: 'There is only number 1 to choose. Type “1”, or write the answer in your own words.',
          }
        : {
            nb: `Velg numre fra 1 til ${count}, eller skriv svaret med egne ord.`,
            en: `Choose numbers from 1 to ${count}, or write the answer in your own words.`,
          },
  },
  /** How to answer a prompt in chat, shown under the question; a choice lists its numbered options. */
  answerHint: {
    shortText: { nb: 'Svar med en kort tekst.', en: 'Answer with a short text.' },
    longText: { nb: 'Svar med så mye tekst du vil.', en: 'Answer with as much text as you like.' },
    date: {
      nb: 'Svar med en dato, for eksempel 01.09.2026.',
      en: 'Answer with a date, for example 2026-09-01.',
    },
    number: {
      nb: 'Svar med et tall, for eksempel 1 500 000 eller 1,5 mill.',
      en: 'Answer with a number, for example 1,500,000 or 1.5 million.',
    },
    link: { nb: 'Svar med en lenke (https://…).', en: 'Answer with a link (https://…).' },
    person: { nb: 'Svar ved å nevne personene med @.', en: 'Answer by mentioning the people with @.' },
    singleChoice: (list: string): Text => ({
      nb: `Svar med ett tall, gjerne med en kommentar etter en tankestrek («1 – …»):  \n${list}`,
      en: `Answer with one number, with a comment after a dash if you like (“1 – …”):  \n${list}`,
    }),
    multipleChoice: (list: string): Text => ({
      nb: `Svar med ett eller flere tall, skilt med komma, gjerne med en kommentar etter en tankestrek («1, 3 – …»):  \n${list}`,
      en: `Answer with one or more numbers, separated by commas, with a comment after a dash if you like (“1, 3 – …”):  \n${list}`,
    }),
    orOther: {
      nb: '  \nEller skriv noe annet med egne ord.',
      en: '  \nOr write something else in your own words.',
    },
  },
  /** Above the approval card when a review is asked for, before the deciders' mentions. */
  gateWaitingFor: { nb: 'Porten venter på vurdering fra', en: 'The gate is waiting for a decision from' },
  /** Stands in a reminder for deciders whose names are not known (erased or never seen). */
  someManagers: (count: number): Text =>
    count === 1 ? { nb: 'en leder', en: 'a manager' } : { nb: `${count} ledere`, en: `${count} managers` },
  actAsStarted: (name: string): Text => ({
    nb: `Du opptrer nå som **${name}** i denne chatten: det du skriver og trykker på, blir registrert som ${name}. Skriv «opptre som meg» for å bli deg selv igjen. (Bare for lokal utvikling.)`,
    en: `You are now acting as **${name}** in this chat: what you type and click is recorded as ${name}. Type “act as me” to be yourself again. (Local development only.)`,
  }),
  actAsEnded: (name: string): Text => ({
    nb: `Du er deg selv igjen${name === '' ? '' : ` (${name})`}.`,
    en: `You are yourself again${name === '' ? '' : ` (${name})`}.`,
  }),
  actAsUnknown: (wanted: string, names: readonly string[]): Text => ({
    nb:
      names.length === 0
        ? `Fant ingen «${wanted}» i chatten: medlemslisten kunne ikke leses.`
        : `Fant ingen entydig «${wanted}» i chatten. Velg en av: ${names.join(', ')}.`,
    en:
      names.length === 0
        ? `No “${wanted}” in this chat: its member list could not be read.`
        : `No single “${wanted}” in this chat. Choose one of: ${names.join(', ')}.`,
  }),
  approvalGiven: (who: string, stage: Localized, approvals: number, needed: number): Text => ({
    nb: `✔️ ${who} har godkjent porten etter «${stage.nb}» (${approvals} av ${needed} godkjenninger).`,
    en: `✔️ ${who} approved the gate after “${stage.en}” (${approvals} of ${needed} approvals).`,
  }),
  stillWaitingFor: (who: string): Text => ({
    nb: `Porten venter fortsatt på ${who}.`,
    en: `The gate is still waiting for ${who}.`,
  }),
  stillWaitingForMore: {
    nb: 'Porten venter fortsatt på flere godkjenninger.',
    en: 'The gate is still waiting for more approvals.',
  },
  conditionsLine: (conditions: readonly string[]): Text => ({
    nb: `Vilkår: ${conditions.length === 1 ? conditions[0] : conditions.map((c) => `  \n• ${c}`).join('')}`,
    en: `Conditions: ${conditions.length === 1 ? conditions[0] : conditions.map((c) => `  \n• ${c}`).join('')}`,
  }),
  commentLine: (comment: string): Text => ({ nb: `Kommentar: ${comment}`, en: `Comment: ${comment}` }),
  commentBy: (who: string, comment: string): Text => ({
    nb: `Kommentar fra ${who}: ${comment}`,
    en: `Comment from ${who}: ${comment}`,
  }),
  gatePassed: (stage: Localized, who: string, withConditions: boolean): Text => ({
    nb: `✅ Porten etter «${stage.nb}» er godkjent${withConditions ? ' med vilkår' : ''} av ${who}.`,
    en: `✅ The gate after “${stage.en}” is approved${withConditions ? ' with conditions' : ''} by ${who}.`,
  }),
  gateSentBack: (stage: Localized, who: string, to: Localized): Text =>
    to.nb === stage.nb
      ? {
          nb: `↩️ ${who} har sendt saken tilbake til en ny runde i «${stage.nb}».`,
          en: `↩️ ${who} sent the case back for a new round of “${stage.en}”.`,
        }
      : {
          nb: `↩️ ${who} har sendt porten etter «${stage.nb}» tilbake til «${to.nb}».`,
          en: `↩️ ${who} sent the gate after “${stage.en}” back to “${to.en}”.`,
        },
  casePausedBy: (stage: Localized, who: string): Text => ({
    nb: `⏸️ ${who} har satt saken på pause i «${stage.nb}».`,
    en: `⏸️ ${who} paused the case in “${stage.en}”.`,
  }),
  caseStoppedBy: (stage: Localized, who: string): Text => ({
    nb: `⏹️ ${who} har stoppet saken i «${stage.nb}».`,
    en: `⏹️ ${who} stopped the case in “${stage.en}”.`,
  }),
  reviewWithdrawnBy: (stage: Localized, who: string): Text => ({
    nb: `${who} har trukket forespørselen om vurdering av porten etter «${stage.nb}».`,
    en: `${who} withdrew the review request for the gate after “${stage.en}”.`,
  }),
  nextStage: (next: Localized): Text => ({
    nb: `Dere går videre til «${next.nb}».`,
    en: `You move on to “${next.en}”.`,
  }),
  nextStageWithConditions: (next: Localized): Text => ({
    nb: `Dere går videre til «${next.nb}». Vilkårene følges opp når porten etter «${next.nb}» skal vurderes.`,
    en: `You move on to “${next.en}”. The conditions are followed up when the gate after “${next.en}” is reviewed.`,
  }),
  reviseAfterSendBack: (to: Localized): Text => ({
    nb: `Tidligere svar er beholdt. Gå gjennom svarene i «${to.nb}» med begrunnelsen i tankene, og endre det den gjelder (skriv «skjema»). Be om vurdering igjen når det er gjort; uten endringer blir forespørselen avvist.`,
    en: `Earlier answers are kept. Go through the answers in “${to.en}” with the reason in mind and change what it is about (type “form”). Request a review again when that is done; without changes the request is refused.`,
  }),
  resumeHow: {
    nb: 'Dokumentasjonen er låst så lenge saken står på pause. En leder gjenopptar den med «gjenoppta».',
    en: 'The documentation is locked while the case is paused. A manager resumes it with “resume”.',
  },
  stoppedForGood: {
    nb: 'Saken kan ikke tas opp igjen, men hele loggen er bevart.',
    en: 'The case cannot be taken up again, but the whole log is kept.',
  },
  afterWithdrawal: {
    nb: 'Dere kan endre dokumentasjonen og be om vurdering igjen.',
    en: 'You can change the documentation and request a review again.',
  },
  cardNotReplaced: {
    nb: 'Vurderingskortet over kunne ikke oppdateres; det som står her, gjelder.',
    en: 'The review card above could not be updated; what is written here is what holds.',
  },
  conditionsToFollowUp: (stage: Localized, conditions: readonly string[]): Text => ({
    nb: `Vilkår fra porten etter «${stage.nb}»; lederne vurderer nå om de er oppfylt:${conditions.map((c) => `  \n• ${c}`).join('')}`,
    en: `Conditions from the gate after “${stage.en}”; the managers now judge whether they are met:${conditions.map((c) => `  \n• ${c}`).join('')}`,
  }),
  politicalProblem: {
    date: {
      nb: 'Jeg fant ingen møtedato. Skriv organ, møtedato, saksnummer og vedtaket, for eksempel: «Kommunestyret, 12.03.2026, sak 2026/417: Kommunestyret slutter seg til …».',
      en: 'I found no meeting date. Write the body, meeting date, case number and the decision, for example: “Municipal council, 12.03.2026, case 2026/417: The council agrees …”.',
    },
    body: {
      nb: 'Skriv hvilket organ som fattet vedtaket først, for eksempel «Kommunestyret, 12.03.2026, sak 2026/417: …».',
      en: 'Write the body that made the decision first, for example “Municipal council, 12.03.2026, case 2026/417: …”.',
    },
    caseNumber: {
      nb: 'Jeg fant ikke saksnummeret. Skriv det etter datoen, for eksempel «…, 12.03.2026, sak 2026/417: …».',
      en: 'I found no case number. Write it after the date, for example “…, 12.03.2026, case 2026/417: …”.',
    },
    decision: {
      nb: 'Skriv hva som ble vedtatt, eller en lenke til vedtaket, etter saksnummeret: «…, sak 2026/417: Kommunestyret slutter seg til …».',
      en: 'Write what was decided, or a link to the decision, after the case number: “…, case 2026/417: The council agrees …”.',
    },
    because: {
      nb: 'Skriv hvorfor det samme vedtaket fortsatt gjelder, for eksempel «gjelder fortsatt fordi endringene ligger innenfor rammen».',
      en: 'Write why the same decision still stands, for example “still stands because the changes are within the budget”.',
    },
  },
  politicalQuestion: (stage: Localized): Text => ({
    nb: `**Politisk vedtak.** Porten etter «${stage.nb}» bygger på et politisk vedtak. Hvilket organ vedtok, når var møtet, hva er saksnummeret, og hva ble vedtatt?  \nSkriv for eksempel: «Kommunestyret, 12.03.2026, sak 2026/417: Kommunestyret slutter seg til …», med en lenke til vedtaket i stedet for teksten om du vil.`,
    en: `**Political decision.** The gate after “${stage.en}” rests on a political decision. Which body decided, when did it meet, what is the case number, and what was decided?  \nWrite for example: “Municipal council, 12.03.2026, case 2026/417: The council agrees …”, with a link to the decision instead of the text if you like.`,
  }),
  politicalQuestionNewRound: (stage: Localized, round: number, earlier: string): Text => ({
    nb: `**Politisk vedtak, runde ${round}.** Porten etter «${stage.nb}» er i en ny runde og trenger et nytt vedtak. Det som er registrert, er fra en tidligere runde: ${earlier}.  \nSkriv det nye vedtaket på samme måte («Organ, dd.mm.åååå, sak …: vedtaket»), eller «gjelder fortsatt fordi …» hvis det samme vedtaket fortsatt står.`,
    en: `**Political decision, round ${round}.** The gate after “${stage.en}” is in a new round and needs a new decision. The one recorded is from an earlier round: ${earlier}.  \nWrite the new decision the same way (“Body, dd.mm.yyyy, case …: the decision”), or “still stands because …” if the same decision still holds.`,
  }),
  politicalRecorded: (stage: Localized): Text => ({
    nb: `Det politiske vedtaket for porten etter «${stage.nb}» er registrert.`,
    en: `The political decision for the gate after “${stage.en}” is recorded.`,
  }),
  politicalStillStands: (stage: Localized): Text => ({
    nb: `Registrert at det samme vedtaket fortsatt gjelder for porten etter «${stage.nb}», med begrunnelsen.`,
    en: `Recorded that the same decision still stands for the gate after “${stage.en}”, with the reason.`,
  }),
  noEarlierPoliticalDecision: {
    nb: 'Det er ikke registrert noe tidligere vedtak som kan gjelde fortsatt. Skriv vedtaket: «Organ, dd.mm.åååå, sak …: vedtaket».',
    en: 'No earlier decision is recorded that could still stand. Write the decision: “Body, dd.mm.yyyy, case …: the decision”.',
  },
  politicalUnchanged: (stage: Localized): Text => ({
    nb: `Det vedtaket er allerede registrert for porten etter «${stage.nb}»; ingenting ble endret.`,
    en: `That decision is already recorded for the gate after “${stage.en}”; nothing was changed.`,
  }),
  politicalPending: {
    nb: 'Spørsmålet jeg stilte, gjelder det politiske vedtaket porten bygger på. Det kan ikke hoppes over eller være «ikke relevant»: porten kan ikke vurderes uten det. Skriv vedtaket når dere har det («Organ, dd.mm.åååå, sak …: vedtaket»), eller bruk skjemaet («skjema»).',
    en: 'The question I asked is about the political decision the gate rests on. It cannot be skipped or be “not applicable”: the gate cannot be reviewed without it. Write the decision when you have it (“Body, dd.mm.yyyy, case …: the decision”), or use the form (“form”).',
  },
  /** "ikke relevant, fordi …" recorded: the reason quoted as the person gave it. */
  recordedNotApplicable: (label: Localized, reason: string): Text => ({
    nb: `«${label.nb}» er registrert som ikke relevant, med begrunnelsen «${reason}».`,
    en: `“${label.en}” is recorded as not applicable, with the reason “${reason}”.`,
  }),
  /** A saved choice or amount, with what it was read as ("1,2 mill" → 1 200 000; "Ja – …" → «Ja» and a comment). */
  recordedAs: (label: Localized, value: Localized): Text => ({
    nb: `Lagret svaret på «${label.nb}»: ${endSentence(value.nb)}`,
    en: `Saved the answer to “${label.en}”: ${endSentence(value.en)}`,
  }),
  /** The options chosen, and the comment when one was given. */
  chosen: (options: readonly Localized[], comment?: string): Text => ({
    nb:
      options.map((o) => `«${o.nb}»`).join(', ') +
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
        ? { nb: 'denne barrieren', en: 'this barrier' }
        : { nb: 'disse barrierene', en: 'these barriers' },
      ideas: one ? { nb: 'denne ideen', en: 'this idea' } : { nb: 'disse ideene', en: 'these ideas' },
    }[kind];
    return {
      nb:
        `Dere har registrert ${what.nb}:  \n${list}  \n` +
        (one
          ? 'Svar «1» for å ta den med i svaret, gjerne med egne ord etter et kolon («1: …»), eller skriv svaret med egne ord.'
          : 'Svar med numrene (for eksempel «1, 2») eller «alle» for å ta dem med i svaret, gjerne med egne ord etter et kolon («alle: …»), eller skriv svaret med egne ord.'),
      en:
        `You have recorded ${what.en}:  \n${list}  \n` +
        (one
          ? 'Answer “1” to include it in the answer, with your own words after a colon if you like (“1: …”), or write the answer in your own words.'
          : 'Answer with their numbers (for example “1, 2”) or “all” to include them in the answer, with your own words after a colon if you like (“all: …”), or write the answer in your own words.'),
    };
  },
} as const;
