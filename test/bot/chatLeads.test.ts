/**
 * A case a real group finishes without help, through the real endpoint on Azurite: managers decide on
 * the card everyone sees, the chat says who decided what and what comes next, a send-back must be
 * answered by a change, the political decision is asked for in the chat (and again in a new round), a
 * refused form keeps what was typed, conditions are followed up at the next gate, and in local
 * development one person can act as each member of the chat.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS, INPUT_IDS } from '../../cards';
import { InnovationBot } from '../../bot/innovationBot';
import { readCard, verbsOf } from '../cards/cardReading';
import { press } from '../cards/teamsClient';
import type { BotHarness } from '../support/botHarness';
import { startBotHarness } from '../support/botHarness';
import { requiredAnswers } from '../support/stageForms';
import { tableServices } from '../support/tableServices';
import { groupChatDriver, textOf, type Group } from '../support/groupChat';
import type { TeamsUser } from '../support/teamsActivities';
import { asConnectorMember, groupChat, messageActivity, teamsUser } from '../support/teamsActivities';

const olga = teamsUser('Olga Owner');
const mads = teamsUser('Mads Member');
const mia = teamsUser('Mia Manager');
const mats = teamsUser('Mats Manager');

let harness: BotHarness;
let clockMs = Date.parse('2026-03-02T08:00:00.000Z');

beforeAll(async () => {
  const services = tableServices(inject('tablesConnectionString'), () => new Date(clockMs));
  harness = await startBotHarness({ services });
});
afterAll(async () => {
  await harness.close();
});

const chat = groupChatDriver(
  () => harness,
  () => {
    clockMs += 60_000;
  },
);
const { sentSince, click, activeCase } = chat;

function newGroup(): Group {
  return chat.newGroup([olga, mads, mia, mats]);
}

async function say(g: Group, from: TeamsUser, text: string, locale?: string): Promise<string> {
  return textOf(await chat.say(g, from, text, locale === undefined ? {} : { locale }));
}

/** A press of a button on a card, as Teams sends it (the card's inputs merged into the action's data). */
async function pressOn(
  g: Group,
  from: TeamsUser,
  card: AdaptiveCard,
  outcome: string,
  edits: Record<string, string> = {},
): Promise<{ type: string; value: unknown }> {
  const pressed = press(card, (a) => a.verb === CARD_VERBS.decideGate && a.data.outcome === outcome, edits);
  return click(g, from, pressed.value.action.verb, pressed.value.action.data);
}

async function openCase(g: Group): Promise<void> {
  await click(g, olga, CARD_VERBS.showOpenCaseForm, {});
  await click(g, olga, CARD_VERBS.openCase, {
    [INPUT_IDS.openCase.title]: 'Hverdagsrehabilitering i sone nord',
    [INPUT_IDS.openCase.managers]: `${mia.aadObjectId},${mats.aadObjectId}`,
  });
  const record = await harness.services.conversations.get(g.conversation.id);
  g.caseId = record?.activeCaseId ?? '';
}

const political = {
  [INPUT_IDS.political.body]: 'Kommunestyret',
  [INPUT_IDS.political.meetingDate]: '2026-03-12',
  [INPUT_IDS.political.caseNumber]: '2026/417',
  [INPUT_IDS.political.decisionText]: 'Vedtatt mot én stemme.',
};

async function fillByForm(g: Group, withPolitical = false): Promise<void> {
  const state = await activeCase(g);
  const stage = harness.services.templates
    .get(state.template)
    .stages.find((s) => s.id === state.currentStageId);
  if (!stage) throw new Error('no stage');
  await click(g, mads, CARD_VERBS.recordDocumentation, {
    caseId: state.caseId,
    stageId: stage.id,
    round: state.stages[stage.id]?.round,
    ...requiredAnswers(stage, state, { personId: mads.aadObjectId, author: 'Mads' }),
    ...(withPolitical ? political : {}),
  });
}

/**
 * "neste", then "hopp over" past the stage's open optional prompts, until the bot asks for the political
 * decision; returns what it said last.
 */
async function untilPoliticalQuestion(g: Group): Promise<string> {
  let said = await say(g, olga, 'neste');
  for (let guard = 0; !said.includes('**Politisk vedtak') && guard < 6; guard += 1) {
    said = await say(g, olga, 'hopp over');
  }
  return said;
}

/** Requests the review and returns the approval card the bot posted for everyone. */
async function requestReview(g: Group): Promise<{ reply: string; card: AdaptiveCard }> {
  const before = chat.sentCount(g);
  await say(g, olga, 'be om vurdering');
  const sent = sentSince(g, before);
  const card = sent.find((s) => s.card !== undefined && JSON.stringify(s.card).includes('decideGate'))?.card;
  if (!card) throw new Error(`no approval card posted: ${sent.map((s) => s.text).join(' | ')}`);
  return { reply: sent.map((s) => s.text).join('\n'), card };
}

/** A new group whose case has passed every stage before `stageId` (political ones by form). */
async function caseAt(stageId: string): Promise<Group> {
  const g = newGroup();
  await openCase(g);
  for (let guard = 0; (await activeCase(g)).currentStageId !== stageId; guard += 1) {
    if (guard > 10) throw new Error(`never reached ${stageId}`);
    const current = (await activeCase(g)).currentStageId;
    await fillByForm(g, current === 'political-anchoring' || current === 're-anchoring');
    const { card } = await requestReview(g);
    const needed = (await activeCase(g)).gate?.approvalsNeeded ?? 1;
    for (const manager of [mia, mats].slice(0, needed)) await pressOn(g, manager, card, 'approve');
  }
  return g;
}

describe('managers decide wherever they are', () => {
  it('the card posted for everyone carries the decisions; a manager decides on it, anyone else is told who may', async () => {
    const g = await caseAt('define-challenge');
    await fillByForm(g);
    const { card } = await requestReview(g);
    // Not only a user-specific view: the card in the chat has the five decisions.
    expect(verbsOf(card).filter((verb) => verb === CARD_VERBS.decideGate)).toHaveLength(5);
    expect(readCard(card)).toContain('Er du en av dem som er nevnt over, avgjør du porten her.');

    const refused = await pressOn(g, mads, card, 'approve');
    expect(refused.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(refused.value)).toContain(
      'Bare en leder kan avgjøre porten etter «Definere utfordringsbildet»',
    );
    expect((await activeCase(g)).gate).toBeDefined();

    const before = chat.sentCount(g);
    const decided = await pressOn(g, mia, card, 'approve', {
      [INPUT_IDS.decision.comment]: 'Godt grunnlag.',
    });
    expect(decided.type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await activeCase(g)).currentStageId).toBe('political-anchoring');
    const told = textOf(sentSince(g, before));
    expect(told).toContain('✅ Porten etter «Definere utfordringsbildet» er godkjent av Mia Manager.');
    expect(told).toContain('Kommentar fra Mia Manager: Godt grunnlag.');
    expect(told).toContain('Dere går videre til «Politisk forankring».');
    // The card in the chat was replaced by its decided view, so the announcement claims nothing more.
    expect(told).not.toContain('kunne ikke oppdateres');
  });

  it('tells the outcome and asks the next stage’s first question in one message', async () => {
    const g = await caseAt('define-challenge');
    await fillByForm(g);
    const { card } = await requestReview(g);
    const before = chat.sentCount(g);

    await pressOn(g, mia, card, 'approve');

    const posted = sentSince(g, before);
    expect(posted).toHaveLength(1);
    const [outcome, question] = textOf(posted).split('\n\n');
    expect(outcome).toContain('er godkjent av Mia Manager');
    expect(question).toContain('Spørsmål 1 av');
    expect(question).toContain('«Politisk forankring»');
  });

  it('says so when the card in the chat could not be replaced, instead of claiming it was', async () => {
    const g = await caseAt('define-challenge');
    await fillByForm(g);
    const { card } = await requestReview(g);
    harness.connector.failNext({ route: 'updateActivity', status: 404 });
    const before = chat.sentCount(g);
    await pressOn(g, mia, card, 'approve');
    const told = textOf(sentSince(g, before));
    expect(told).toContain('er godkjent av Mia Manager');
    expect(told).toContain('Vurderingskortet over kunne ikke oppdateres; det som står her, gjelder.');
  });

  it('tells one of two approvals by name, and who the gate still waits for', async () => {
    const g = await caseAt('staff-involvement');
    await fillByForm(g);
    const { card } = await requestReview(g);
    const before = chat.sentCount(g);
    await pressOn(g, mats, card, 'approveWithConditions', {
      [INPUT_IDS.decision.conditions]: 'Brukerrådet skal høres før innføring.',
    });
    const told = textOf(sentSince(g, before));
    expect(told).toContain(
      'Mats Manager har godkjent porten etter «Medarbeiderinvolvering» (1 av 2 godkjenninger).',
    );
    expect(told).toContain('Vilkår: Brukerrådet skal høres før innføring.');
    expect(told).toContain('Porten venter fortsatt på Mia Manager.');
    expect(told).not.toContain('(s)');
  });
});

describe('conditions set at a gate', () => {
  it('are announced, and followed up at the next gate: in the chat and on its approval card', async () => {
    const g = await caseAt('define-challenge');
    await fillByForm(g);
    const first = await requestReview(g);
    const before = chat.sentCount(g);
    await pressOn(g, mia, first.card, 'approveWithConditions', {
      [INPUT_IDS.decision.conditions]: 'Budsjettet avklares med økonomi.',
    });
    const told = textOf(sentSince(g, before));
    expect(told).toContain('er godkjent med vilkår av Mia Manager');
    expect(told).toContain('Vilkår: Budsjettet avklares med økonomi.');
    expect(told).toContain('Vilkårene følges opp når porten etter «Politisk forankring» skal vurderes.');

    await fillByForm(g, true);
    const next = await requestReview(g);
    expect(next.reply).toContain(
      'Vilkår fra porten etter «Definere utfordringsbildet»; lederne vurderer nå om de er oppfylt:',
    );
    expect(next.reply).toContain('• Budsjettet avklares med økonomi.');
    const cardText = readCard(next.card);
    expect(cardText).toContain('Vilkår fra forrige port');
    expect(cardText).toContain('• Budsjettet avklares med økonomi.');
    expect(cardText).toContain('Er de oppfylt?');
  });
});

describe('after a send-back', () => {
  it('the chat states the reason and asks for revisions; an unchanged resubmission is refused with the reason', async () => {
    const g = await caseAt('define-challenge');
    await fillByForm(g);
    const { card } = await requestReview(g);
    const before = chat.sentCount(g);
    await pressOn(g, mia, card, 'sendBack', {
      [INPUT_IDS.decision.sendBackReason]: 'Beskriv hvem som venter, og hvor lenge.',
    });
    const told = textOf(sentSince(g, before));
    expect(told).toContain(
      '↩️ Mia Manager har sendt saken tilbake til en ny runde i «Definere utfordringsbildet».',
    );
    expect(told).toContain('Begrunnelse: Beskriv hvem som venter, og hvor lenge.');
    expect(told).toContain('Gå gjennom svarene i «Definere utfordringsbildet» med begrunnelsen i tankene');

    const refused = await say(g, olga, 'be om vurdering');
    expect(refused).toContain(
      'Ingenting er endret siden saken ble sendt tilbake til «Definere utfordringsbildet»',
    );
    expect(refused).toContain('«Beskriv hvem som venter, og hvor lenge.»');
    expect((await activeCase(g)).gate).toBeUndefined();

    const state = await activeCase(g);
    await click(g, mads, CARD_VERBS.recordDocumentation, {
      caseId: g.caseId,
      stageId: 'define-challenge',
      round: state.stages['define-challenge']?.round,
      [INPUT_IDS.answer('challenge')]: '140 brukere venter i snitt 11 uker på hjemmetjenester.',
    });
    const again = await requestReview(g);
    expect(again.reply).toContain('er sendt til vurdering');
  });
});

describe('the political decision', () => {
  it('is asked for in the chat once the prompts are answered, and read from one line', async () => {
    const g = await caseAt('political-anchoring');
    await fillByForm(g);
    // The form saved the prompts; the chat asks for what the gate still needs.
    const asked = await untilPoliticalQuestion(g);
    expect(asked).toContain(
      '**Politisk vedtak.** Porten etter «Politisk forankring» bygger på et politisk vedtak.',
    );
    const recorded = await say(
      g,
      olga,
      'Kommunestyret, 12.03.2026, sak 2026/417: Kommunestyret slutter seg til at hjemmetjenesten prøver ut hverdagsrehabilitering.',
    );
    expect(recorded).toContain(
      'Det politiske vedtaket for porten etter «Politisk forankring» er registrert.',
    );
    expect((await activeCase(g)).politicalDecisions['political-anchoring']?.reference).toEqual({
      body: 'Kommunestyret',
      meetingDate: '2026-03-12',
      caseNumber: '2026/417',
      decisionText: 'Kommunestyret slutter seg til at hjemmetjenesten prøver ut hverdagsrehabilitering.',
    });
    const { reply } = await requestReview(g);
    expect(reply).toContain('er sendt til vurdering');
  });

  it('says what is missing when a line cannot be read, and records nothing', async () => {
    const g = await caseAt('political-anchoring');
    await fillByForm(g);
    await untilPoliticalQuestion(g);
    const refused = await say(g, olga, 'Kommunestyret vedtok det i mars');
    expect(refused).toContain('Jeg fant ingen møtedato.');
    expect((await activeCase(g)).politicalDecisions['political-anchoring']).toBeUndefined();
  });

  it('must be decided anew in a new round, or said to still stand, and why', async () => {
    const g = await caseAt('re-anchoring');
    await fillByForm(g, true);
    const { card } = await requestReview(g);
    await pressOn(g, mats, card, 'sendBack', {
      [INPUT_IDS.decision.sendBackTo]: 're-anchoring',
      [INPUT_IDS.decision.sendBackReason]: 'Resultatene fra piloten mangler.',
    });
    const state = await activeCase(g);
    await click(g, mads, CARD_VERBS.recordDocumentation, {
      caseId: g.caseId,
      stageId: 're-anchoring',
      round: state.stages['re-anchoring']?.round,
      [INPUT_IDS.answer('results-presented')]: 'Piloten ga 30 % færre vedtakstimer.',
    });
    // The form sent the round-one reference unchanged: that is not a decision for round two.
    const refused = await say(g, olga, 'be om vurdering');
    expect(refused).toContain('er fra runde 1. En ny runde trenger et nytt vedtak');
    const asked = await untilPoliticalQuestion(g);
    expect(asked).toContain('**Politisk vedtak, runde 2.**');
    expect(asked).toContain('Kommunestyret, 12.03.2026, 2026/417');
    const stands = await say(g, olga, 'gjelder fortsatt fordi endringene ligger innenfor rammen fra mars');
    expect(stands).toContain('Registrert at det samme vedtaket fortsatt gjelder');
    expect((await activeCase(g)).politicalDecisions['re-anchoring']).toMatchObject({
      round: 2,
      stillStandsBecause: 'endringene ligger innenfor rammen fra mars',
    });
    const again = await requestReview(g);
    expect(readCard(again.card)).toContain(
      'Det samme vedtaket gjelder fortsatt: endringene ligger innenfor rammen fra mars',
    );
  });
});

describe('the political decision on the stage form in a new round', () => {
  it('offers to say why the same decision still stands, and records it with the reason', async () => {
    const g = await caseAt('re-anchoring');
    await fillByForm(g, true);
    const { card } = await requestReview(g);
    await pressOn(g, mats, card, 'sendBack', {
      [INPUT_IDS.decision.sendBackTo]: 're-anchoring',
      [INPUT_IDS.decision.sendBackReason]: 'Budsjettet må forklares.',
    });
    const form = await click(g, olga, CARD_VERBS.showStageForm, { caseId: g.caseId });
    const formCard = form.value as AdaptiveCard;
    expect(readCard(formCard)).toContain('En ny runde trenger et nytt vedtak');
    const state = await activeCase(g);
    await click(g, olga, CARD_VERBS.recordDocumentation, {
      caseId: g.caseId,
      stageId: 're-anchoring',
      round: state.stages['re-anchoring']?.round,
      [INPUT_IDS.answer('changes-since-anchoring')]: 'Budsjettet er fordelt på to år.',
      ...political,
      [INPUT_IDS.political.stillStandsBecause]: 'Fordelingen endrer ikke rammen som ble vedtatt.',
    });
    expect((await activeCase(g)).politicalDecisions['re-anchoring']).toMatchObject({
      round: 2,
      stillStandsBecause: 'Fordelingen endrer ikke rammen som ble vedtatt.',
    });
    expect((await requestReview(g)).reply).toContain('er sendt til vurdering');
  });
});

describe('a stage form that refuses', () => {
  it('keeps every field the person typed, with the reason above them', async () => {
    const g = await caseAt('political-anchoring');
    const state = await activeCase(g);
    const response = await click(g, mads, CARD_VERBS.recordDocumentation, {
      caseId: g.caseId,
      stageId: 'political-anchoring',
      round: state.stages['political-anchoring']?.round,
      [INPUT_IDS.answer('presentation')]: 'Lagt fram for helse- og omsorgsutvalget 3. mars.',
      [INPUT_IDS.political.body]: 'Kommunestyret',
      [INPUT_IDS.political.meetingDate]: '',
      [INPUT_IDS.political.caseNumber]: '2026/417',
      [INPUT_IDS.political.decisionText]: 'Vedtatt mot én stemme.',
    });
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    const form = response.value as AdaptiveCard;
    const text = JSON.stringify(form);
    expect(readCard(form)).toContain('Møtedatoen må fylles ut.');
    expect(text).toContain('"value":"Kommunestyret"');
    expect(text).toContain('"value":"2026/417"');
    expect(text).toContain('"value":"Vedtatt mot én stemme."');
    expect(text).toContain('"value":"Lagt fram for helse- og omsorgsutvalget 3. mars."');
    // Nothing was recorded.
    expect((await activeCase(g)).answers.presentation).toBeUndefined();
  });
});

describe('the language of the chat', () => {
  it('"ny sak" in an English Teams client opens a Norwegian case', async () => {
    const g = newGroup();
    const said = await say(g, olga, 'ny sak Trygghetsalarm', 'en-US');
    expect(said).toContain('Saken **Trygghetsalarm** er startet');
    const record = await harness.services.conversations.get(g.conversation.id);
    const state = await harness.services.cases.getCase(record?.activeCaseId ?? '');
    expect(state?.language).toBe('nb');
  });
});

describe('acting as another member, in local development only', () => {
  it('lets the one playground user act as a manager, and back', async () => {
    const g = await caseAt('define-challenge');
    await fillByForm(g);
    const { card } = await requestReview(g);
    const started = await say(g, olga, 'opptre som Mia Manager');
    expect(started).toContain('Du opptrer nå som **Mia Manager**');
    await pressOn(g, olga, card, 'approve');
    const state = await activeCase(g);
    expect(state.currentStageId).toBe('political-anchoring');
    expect(state.recentDecisions[0]?.deciderIds).toEqual([mia.aadObjectId]);
    expect(await say(g, olga, 'opptre som meg')).toContain('Du er deg selv igjen');
    expect(await say(g, olga, 'opptre som Nils Nobody')).toContain('Fant ingen entydig «Nils Nobody»');
  });

  it("answers in the municipality's written form", async () => {
    const nynorsk = await startBotHarness({
      services: { ...tableServices(inject('tablesConnectionString')), writtenForm: 'nn' },
    });
    try {
      const conversation = groupChat(undefined, 'Nynorsk');
      nynorsk.connector.setMembers(conversation.id, [olga, mia].map(asConnectorMember));
      await nynorsk.send(
        messageActivity({
          serviceUrl: nynorsk.serviceUrl,
          conversation,
          from: olga,
          text: 'opptre som Mia Manager',
        }),
      );
      const reply = nynorsk.connector.sentActivities(conversation.id).at(-1)?.activity.text ?? '';
      expect(reply).toContain('Du opptrer no som **Mia Manager**');
    } finally {
      await nynorsk.close();
    }
  });

  it('is an ordinary message where the bot needs Entra ids (anywhere but local development)', async () => {
    const strict = await startBotHarness({
      services: tableServices(inject('tablesConnectionString')),
      createBot: (services) => new InnovationBot(services, undefined, { requireEntraId: true }),
    });
    try {
      const conversation = groupChat(undefined, 'Streng');
      strict.connector.setMembers(conversation.id, [olga, mia].map(asConnectorMember));
      await strict.send(
        messageActivity({
          serviceUrl: strict.serviceUrl,
          conversation,
          from: olga,
          text: 'opptre som Mia Manager',
        }),
      );
      const reply = strict.connector.sentActivities(conversation.id).at(-1)?.activity.text ?? '';
      expect(reply).not.toContain('Du opptrer nå som');
    } finally {
      await strict.close();
    }
  });
});
