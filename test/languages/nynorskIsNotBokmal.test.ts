/**
 * Nynorsk is its own written form, not Bokmål: for every text where the two should differ, they do. The
 * keys where they are rightly equal (a word both forms share, a symbol, a text that is only what it
 * quotes) are listed here, each with why; a new text that is the same in both fails until it is
 * translated or listed.
 */
import { describe, expect, it } from 'vitest';
import { builtInTemplates } from '../../engine/templateCatalog';
import { everyText, textsIn, type FoundText } from './textTables';

/**
 * Texts both written forms write alike, by path (see textTables.ts for how paths are made; `()` is a text
 * made with sample arguments, `Qzx`), each with its Bokmål text: words and phrases the two forms share
 * («Godkjenn», «Vilkår», «Politisk vedtak», definite forms such as «tittelen»), names of languages, and
 * texts that are only what they quote.
 */
const RIGHTLY_EQUAL: ReadonlySet<string> = new Set<string>([
  'botTexts.question()', // **Spørsmål Qzx av Qzx i «Qzx»:** Qzx _Qzx_
  'botTexts.barrierRecorded()', // Barrieren er registrert i kategorien «Qzx».
  'botTexts.keepWhatIdea', // idé
  'botTexts.keepWhatBarrier()', // barriere («Qzx»)
  'cardTexts.keepMessage.dialogTitle', // Ta vare på som idé eller barriere
  'cardTexts.keepMessage.activeCase()', // Qzx (aktiv sak)
  'cardTexts.keepMessage.keep', // Ta vare på
  'botTexts.reviewRequested()', // Porten etter «Qzx» er sendt til vurdering.
  'botTexts.conditionsLine()', // Vilkår: Qzx
  'botTexts.commentLine()', // Kommentar: Qzx
  'botTexts.gatePassed()', // ✅ Porten etter «Qzx» er godkjent med vilkår av Qzx.
  'botTexts.politicalRecorded()', // Det politiske vedtaket for porten etter «Qzx» er registrert.
  'botTexts.chosen()', // «Qzx», med kommentaren «[object Object]»
  'cardTexts.common.round()', // runde Qzx
  'cardTexts.common.and', // og
  'cardTexts.common.showStatus', // Vis status
  'cardTexts.common.refresh', // Oppdater
  'cardTexts.common.yes', // Ja
  'cardTexts.help.title', // Dette kan du skrive til meg
  'cardTexts.notice.info', // Til informasjon
  'cardTexts.notice.warning', // Merk
  'cardTexts.openCase.caseTitle', // Tittel
  'cardTexts.openCase.template', // Prosessmal
  'cardTexts.openCase.norwegian', // Norsk bokmål
  'cardTexts.openCase.nynorsk', // Norsk nynorsk
  'cardTexts.openCase.english', // Engelsk
  'cardTexts.status.passed', // godkjent
  'cardTexts.status.pausedHere', // på pause her
  'cardTexts.status.documentation()', // Dokumentasjon i «Qzx»
  'cardTexts.status.gatePending', // Porten er til vurdering
  'cardTexts.status.documentStage', // Dokumenter steget
  'cardTexts.status.requestReview', // Be om vurdering
  'cardTexts.status.template()', // Qzx, versjon Qzx
  'cardTexts.outcome.approved', // ✅ Godkjent
  'cardTexts.outcome.approvedWithConditions', // ✅ Godkjent med vilkår
  'cardTexts.outcome.sentBack', // ↩️ Sendt tilbake
  'cardTexts.outcome.sentBackTo()', // Sendt tilbake til «Qzx».
  'cardTexts.outcome.conditions', // Vilkår
  'cardTexts.outcome.byWhen()', // Qzx, Qzx
  'cardTexts.stageForm.title()', // Dokumenter: Qzx
  'cardTexts.stageForm.linkPlaceholder', // https://…
  'cardTexts.stageForm.political', // Politisk vedtak
  'cardTexts.stageForm.body', // Politisk organ
  'cardTexts.stageForm.meetingDate', // Møtedato
  'cardTexts.stageForm.caseNumber', // Saksnummer
  'cardTexts.stageForm.decisionText', // Vedtaket (tekst)
  'cardTexts.stageForm.save', // Lagre
  'cardTexts.stageForm.politicalRecorded', // det politiske vedtaket
  'cardTexts.approval.title()', // Vurdering av porten etter «Qzx»
  'cardTexts.approval.caseLine()', // Sak: Qzx
  'cardTexts.approval.politicalReference', // Politisk vedtak
  'cardTexts.approval.approvedBy()', // ✓ Qzx, Qzx
  'cardTexts.approval.correctPolitical', // Registrer eller rett politisk vedtak
  'cardTexts.approval.approve', // Godkjenn
  'cardTexts.approval.approveWithConditions', // Godkjenn med vilkår
  'cardTexts.approval.conditions', // Vilkår
  'cardTexts.approval.sendBack', // Send tilbake
  'cardTexts.approval.sendBackTo', // Send tilbake til steget
  'refuse.invalidValue().text', // Qzx: Qzx
  'refuse.invalidCommand().text', // Qzx
  'refuse.unknownStage().text', // Ukjent steg «Qzx» (steg is neuter: ukjent)
  'FIELDS.title', // tittelen
  'FIELDS.municipality', // kommunen
  'FIELDS.comment', // kommentaren
  'FIELDS.barrier', // barrieren
  'FIELDS.memo', // notatet
  'FIELDS.body', // organet
  'FIELDS.meetingDate', // møtedatoen
  'FIELDS.caseNumber', // saksnummeret
  'FIELDS.decisionText', // vedtaksteksten
  'FIELDS.id', // id-en
  'FIELDS.conversation', // samtalen
  'FIELDS.answer', // svaret
  'FIELDS.person', // personen
  'ACTIONS.removeRoles', // fjerne roller
  'COMMAND_PROBLEMS.noAnswers', // Ingen svar å lagre.
  'VALUE_PROBLEMS.personId', // ugyldig person-id.
  'researchRefusals.invalidDateRange().text', // Ugyldig datoperiode: Qzx
  'OUTCOME_NAMES.approved', // godkjent
  'OUTCOME_NAMES.approvedWithConditions', // godkjent med vilkår
  'OUTCOME_NAMES.sentBack', // sendt tilbake
  'STATUS_NAMES.active', // aktiv
  'STATUS_NAMES.completed', // fullført
  'WORDS.politicalDecision', // Politisk vedtak
  'WORDS.caseNumber', // saksnr.
  'WORDS.idea', // Idé
  'WORDS.barrier', // Barriere
  'WORDS.stage', // Steg
  'WORDS.round', // runde
  'WORDS.revision', // revisjon
  'WORDS.gate', // Port
  'WORDS.gateOutcome', // Portutfall
  'WORDS.prompt', // Spørsmål
  'WORDS.barrierCategory', // Barrierekategori
  'WORDS.documentation', // Dokumentasjon
  'DECISION_KIND_NAMES.gatePassed', // Porten passert
  'DECISION_KIND_NAMES.gatePassedWithConditions', // Porten passert med vilkår
  'DECISION_KIND_NAMES.sentBack', // Sendt tilbake
  'COMPARISON_ASPECTS.body.label', // Politisk organ
  'COMPARISON_ASPECTS.meetingDate.label', // Møtedato
  'COMPARISON_ASPECTS.caseNumber.label', // Saksnummer
  'COMPARISON_ASPECTS.decision.label', // Vedtak
  'COMPARISON_ASPECTS.mandate.label', // Mandat
  'COMPARISON_ASPECTS.budget.label', // Budsjett (kr)
  'tab.pageTitle', // Oversikt over sakene
  'tab.scopeConversation', // Sakene i denne kanalen eller chatten som du er med i.
  'tab.scopeMine', // Alle sakene du er med i.
  'tab.requestedAt', // den
  'tab.deciders', // Kan vurdere
  'tab.decideApprove', // Godkjenn
  'tab.decideApproveWithConditions', // Godkjenn med vilkår
  'tab.decideSendBack', // Send tilbake
  'tab.decideConditions', // Vilkår
  'tab.decideSendBackTo', // Send tilbake til steget
  'tab.casesHeading', // Saker
  'tab.status', // Status
  'tab.gatePending', // Porten er til vurdering
  'tab.legendLoop', // Sendt tilbake (ny runde)
  'tab.legendPause', // Pause
  'tab.legendSentBack', // Sendt tilbake
  'tab.legendIdea', // Idé
  'tab.legendBarrier', // Barriere
  'tab.gapMonths', // {count} mnd.
  'tab.round', // runde
  'tab.enteredAfterSendBack', // sendt tilbake hit
  'tab.idea', // Idé
  'tab.barrier', // Barriere
  'tab.pause', // Pause
  'tab.by', // av
  'tab.to', // til
  'tab.conditions', // Vilkår
  'tab.documentationHeading', // Dokumentasjon per steg
  'tab.stagePassed', // passert
  'tab.revision', // revisjon
  'tab.politicalDecision', // Politisk vedtak
  'tab.signInHeading', // Logg inn
  'tab.tokenLabel', // Utviklingstoken
  'tab.conversationLabel', // Kanal- eller chat-id (tom: alle sakene dine)
  'tab.retry', // Prøv igjen
  'tab.refresh', // Oppdater
]);

/** Template texts both forms write alike, by path: shared words («Ja», «Planlagt», «Evaluering»). */
const RIGHTLY_EQUAL_IN_TEMPLATES: ReadonlySet<string> = new Set<string>([
  'municipal-service-innovation.v1.stages[0].prompts[1].options[0].label', // Demografi
  'municipal-service-innovation.v1.stages[0].prompts[1].options[1].label', // Økonomi
  'municipal-service-innovation.v1.stages[0].prompts[1].options[2].label', // Rekruttering
  'municipal-service-innovation.v1.stages[0].prompts[1].options[3].label', // Nasjonal reform
  'municipal-service-innovation.v1.stages[0].prompts[2].options[0].label', // Politisk forslag
  'municipal-service-innovation.v1.stages[0].prompts[2].options[2].label', // Formell idéprosess
  'municipal-service-innovation.v1.stages[0].prompts[7].options[0].label', // Ja
  'municipal-service-innovation.v1.stages[0].prompts[7].options[1].label', // Planlagt
  'municipal-service-innovation.v1.stages[0].prompts[7].options[2].label', // Nei
  'municipal-service-innovation.v1.stages[1].title', // Politisk forankring
  'municipal-service-innovation.v1.stages[1].prompts[3].label', // Merknader til budsjett og finansiering
  'municipal-service-innovation.v1.stages[2].prompts[1].options[0].label', // Ja
  'municipal-service-innovation.v1.stages[2].prompts[1].options[1].label', // Planlagt
  'municipal-service-innovation.v1.stages[2].prompts[1].options[2].label', // Nei
  'municipal-service-innovation.v1.stages[2].prompts[2].options[0].label', // Ja
  'municipal-service-innovation.v1.stages[2].prompts[2].options[1].label', // Planlagt
  'municipal-service-innovation.v1.stages[2].prompts[2].options[2].label', // Nei
  'municipal-service-innovation.v1.stages[2].prompts[3].options[2].label', // Utprøving (pilot)
  'municipal-service-innovation.v1.stages[2].prompts[3].options[3].label', // Fokusgrupper
  'municipal-service-innovation.v1.stages[3].title', // Ny politisk forankring
  'municipal-service-innovation.v1.stages[4].title', // Operasjonalisering og innføring
  'municipal-service-innovation.v1.stages[4].prompts[2].label', // Startdato
  'municipal-service-innovation.v1.stages[5].title', // Evaluering
  'municipal-service-innovation.v1.stages[5].prompts[0].options[0].label', // Intern evaluering
  'municipal-service-innovation.v1.stages[5].prompts[0].options[1].label', // Ekstern evaluering
  'municipal-service-innovation.v1.stages[5].prompts[5].options[1].label', // Justere
  'municipal-service-innovation.v1.stages[5].prompts[5].options[3].label', // Avslutte
  'municipal-service-innovation.v1.barrierCategories[0].label', // Økonomi og budsjettkutt
  'municipal-service-innovation.v1.barrierCategories[1].label', // Bemanning og rekruttering
  'municipal-service-innovation.v1.barrierCategories[3].label', // Tidspress
  'municipal-service-innovation.v1.barrierCategories[4].label', // Turnus og skiftarbeid
  'municipal-service-innovation.v1.barrierCategories[8].label', // Turnover
  'municipal-service-innovation.v1.barrierCategories[9].label', // Etablerte normer og motstand
  'municipal-service-innovation.v1.ideaSources[0].label', // Politisk forslag
  'municipal-service-innovation.v1.ideaSources[2].label', // Formell idéprosess
]);

function alike(found: FoundText[], allowed: ReadonlySet<string>): string[] {
  return found
    .filter(({ path, text }) => text.nb === text.nn && !allowed.has(path))
    .map(({ path, text }) => `${path}: ${String(text.nb)}`);
}

describe('Nynorsk texts are not Bokmål texts', () => {
  it('differ from Bokmål in every text table, except the keys rightly equal', () => {
    expect(alike(everyText(), RIGHTLY_EQUAL)).toEqual([]);
  });

  it('differ from Bokmål in the built-in templates, except the texts rightly equal', () => {
    const found = builtInTemplates()
      .all()
      .flatMap((template) => textsIn(template, `${template.id}.v${template.version}`));
    expect(alike(found, RIGHTLY_EQUAL_IN_TEMPLATES)).toEqual([]);
  });

  it('lists only keys that exist and are still equal', () => {
    const equal = new Set(
      everyText()
        .filter(({ text }) => text.nb === text.nn)
        .map(({ path }) => path),
    );
    expect([...RIGHTLY_EQUAL].filter((path) => !equal.has(path))).toEqual([]);
    const equalInTemplates = new Set(
      builtInTemplates()
        .all()
        .flatMap((template) => textsIn(template, `${template.id}.v${template.version}`))
        .filter(({ text }) => text.nb === text.nn)
        .map(({ path }) => path),
    );
    expect([...RIGHTLY_EQUAL_IN_TEMPLATES].filter((path) => !equalInTemplates.has(path))).toEqual([]);
  });
});
