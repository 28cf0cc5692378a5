/**
 * What every export says about itself before its data (the README of the file): what it holds, what was
 * pseudonymised and how, whose free text is withheld for lack of research consent, how figures and times
 * are computed, and, for CSV, how formula-looking cells were neutralised. Markdown opens with it, JSON
 * carries it as `notice`, the .qdpx as the project's description, and the CLI writes it beside CSV
 * files (a CSV table itself has no room for prose without breaking the tools that read it).
 */
import { listIn, plurals, type Language, type Localized } from '../engine/localized';
import type { ExportMeta } from './exportModel';
import { localDateTime } from './localTime';

export interface NoticeFacts {
  meta: ExportMeta;
  /** Labels of the participants whose free text is withheld. */
  withheld: readonly string[];
}

/** The notice as paragraphs of plain text, in the export's language. */
export function exportNotice({ meta, withheld }: NoticeFacts, language: Language = meta.language): string[] {
  const created = localDateTime(meta.createdAt, meta.timeZone);
  const cases = meta.scope.caseIds.length;
  const consenting = withheld.length === 0;
  const people = listIn(language, withheld);
  const caseCount = plurals(cases, {
    nb: { one: `${cases} sak`, other: `${cases} saker` },
    nn: { one: `${cases} sak`, other: `${cases} saker` },
    en: { one: `${cases} case`, other: `${cases} cases` },
  });
  const paragraphs: Localized[] = [
    {
      nb: `Forskningseksport ${meta.exportId}, laget ${created} av ${meta.generator}: ${caseCount.nb}, format ${meta.format}.`,
      nn: `Forskingseksport ${meta.exportId}, laga ${created} av ${meta.generator}: ${caseCount.nn}, format ${meta.format}.`,
      en: `Research export ${meta.exportId}, made ${created} by ${meta.generator}: ${caseCount.en}, format ${meta.format}.`,
    },
    meta.names === 'real'
      ? {
          nb: 'Navn: virkelige navn (bestilt med egen tilgang). Fritekst står som skrevet.',
          nn: 'Namn: verkelege namn (bestilt med eigen tilgang). Fritekst står som skriven.',
          en: 'Names: real names (asked for with the access that allows it). Free text is as written.',
        }
      : {
          nb: `Pseudonymisering: personer vises som «Deltaker N». Nummeret er det samme for en person i alle eksporter, i forsknings-API-et og i oversikten: det hentes fra en tabell der nøkkelen er en HMAC-SHA-256 av person-ID-en med en hemmelig nøkkel som bare finnes i lagringen, og tildeles én gang. Det kan ikke regnes tilbake til personen. I fritekst er navnene til kjente personer byttet ut, også i bøyde former (genitiv med -s, med og uten apostrof, også på etternavnet i et helt navn), forbokstaver ved navnet og skrivemåter uten æ, ø og å. Enkeltord av et navn byttes bare der de står som navn, ikke som vanlige ord. E-postadresser og brukernavn (UPN), person-ID-er, Entra-ID-er og Teams-ID-er er byttet ut der de står; ukjente e-postadresser blir «[e-post]». Leverings-ID-er er fjernet (de inneholder person-ID-er), og samtale-ID-er er byttet ut med en kode. Ideer og barrierer som er tatt vare på fra en melding i Teams, viser hvem som skrev meldingen, med pseudonym («Deltaker N»); meldingens ID er byttet ut med en kode, og lenken til meldingen er fjernet (den inneholder chattens ID). Navnet til en person som er slettet fra personkatalogen kan ikke lenger søkes etter; tekst skrevet før slettingen står som den ble skrevet.`,
          nn: `Pseudonymisering: personar blir viste som «Deltakar N». Nummeret er det same for ein person i alle eksportar, i forskings-API-et og i oversikta: det blir henta frå ein tabell der nøkkelen er ein HMAC-SHA-256 av person-ID-en med ein hemmeleg nøkkel som berre finst i lagringa, og blir tildelt éin gong. Det kan ikkje reknast tilbake til personen. I fritekst er namna til kjende personar bytte ut, òg i bøygde former (genitiv med -s, med og utan apostrof, òg på etternamnet i eit heilt namn), forbokstavar ved namnet og skrivemåtar utan æ, ø og å. Enkeltord av eit namn blir berre bytte der dei står som namn, ikkje som vanlege ord. E-postadresser og brukarnamn (UPN), person-ID-ar, Entra-ID-ar og Teams-ID-ar er bytte ut der dei står; ukjende e-postadresser blir «[e-post]». Leverings-ID-ar er fjerna (dei inneheld person-ID-ar), og samtale-ID-ar er bytte ut med ein kode. Idéar og barrierar som er tekne vare på frå ei melding i Teams, viser kven som skreiv meldinga, med pseudonym («Deltakar N»); ID-en til meldinga er bytt ut med ein kode, og lenkja til meldinga er fjerna (ho inneheld ID-en til chatten). Namnet til ein person som er sletta frå personkatalogen, kan ikkje lenger søkjast etter; tekst skriven før slettinga står som han vart skriven.`,
          en: 'Pseudonymisation: people appear as "Participant N". A person has the same number in every export, in the research API and on the dashboard: it comes from a table keyed by an HMAC-SHA-256 of the person id under a secret key kept only in storage, and is given once. It cannot be traced back to the person. In free text, known people\'s names are replaced, inflected forms too (the genitive with -s, with and without an apostrophe, also on the surname of a whole name), initials next to a name and spellings without æ, ø and å. Single words of a name are replaced only where they stand as a name, not as ordinary words. E-mail addresses and user names (UPN), person ids, Entra ids and Teams ids are replaced wherever they stand; unknown e-mail addresses become "[e-mail]". Delivery ids are removed (they contain person ids), and conversation ids are replaced by a code. Ideas and barriers kept from a Teams message show who wrote the message by pseudonym ("Participant N"); the message id is replaced by a code, and the link to the message is removed (it holds the chat\'s id). The name of a person erased from the people directory can no longer be searched for; text written before the erasure stays as written.',
        },
    consenting
      ? {
          nb: 'Samtykke: ingen deltakere har reservert seg mot forskningsbruk.',
          nn: 'Samtykke: ingen deltakarar har reservert seg mot forskingsbruk.',
          en: 'Consent: no participant has declined research use.',
        }
      : {
          nb: `Samtykke: ${people} har reservert seg mot forskningsbruk. Fritekst de har skrevet er holdt tilbake og står som «[holdt tilbake: ikke samtykke til forskning]»; hendelsene, tidene og strukturen står.`,
          nn: `Samtykke: ${people} har reservert seg mot forskingsbruk. Fritekst dei har skrive, er halden tilbake og står som «[halden tilbake: ikkje samtykke til forsking]»; hendingane, tidene og strukturen står.`,
          en: `Consent: ${people} declined research use. Free text they wrote is withheld and reads "[withheld: no research consent]"; the events, their times and the structure remain.`,
        },
    {
      nb: `Tall: varighet, dager åpen og siste aktivitet regnes bare av prosesshendelser; forskernotater, påminnelser, samtykke og forskertilgang flytter dem ikke. Tid på pause telles for seg. Tider for lesing står i ${meta.timeZone} med forskyvning fra UTC; maskinlesbare felt er i UTC (ISO 8601).`,
      nn: `Tal: varigheit, dagar open og siste aktivitet blir berre rekna ut frå prosesshendingar; forskarnotat, påminningar, samtykke og forskartilgang flyttar dei ikkje. Tid på pause blir talt for seg. Tider for lesing står i ${meta.timeZone} med forskyving frå UTC; maskinlesbare felt er i UTC (ISO 8601).`,
      en: `Figures: durations, days open and last activity are computed from process events only; research memos, reminders, consent and research access never move them. Paused time is counted apart. Times for reading are in ${meta.timeZone} with their offset from UTC; machine-readable fields are in UTC (ISO 8601).`,
    },
    {
      nb: 'Hash-kjeden er kontrollert for hver sak mens eksporten ble laget; et brudd er merket ved hendelsen der det oppstår.',
      nn: 'Hash-kjeda er kontrollert for kvar sak medan eksporten vart laga; eit brot er merkt ved hendinga der det oppstår.',
      en: 'The hash chain was checked for every case while the export was made; a break is marked at the event where it occurs.',
    },
    {
      nb: "CSV: felt med linjeskift, komma eller anførselstegn står i anførselstegn (RFC 4180). Celler som begynner med =, +, -, @, tabulator eller vognretur har fått en apostrof (') foran, slik regnearksikre eksportverktøy gjør, så de ikke leses som formler.",
      nn: "CSV: felt med linjeskift, komma eller hermeteikn står i hermeteikn (RFC 4180). Celler som byrjar med =, +, -, @, tabulator eller vognretur, har fått ein apostrof (') framfor, slik reknearksikre eksportverktøy gjer, så dei ikkje blir lesne som formlar.",
      en: "CSV: fields with a line break, a comma or a quote are quoted (RFC 4180). Cells starting with =, +, -, @, a tab or a carriage return get an apostrophe (') in front, as spreadsheet-safe exporters do, so they are not read as formulas.",
    },
  ];
  return paragraphs.map((paragraph) => paragraph[language]);
}
