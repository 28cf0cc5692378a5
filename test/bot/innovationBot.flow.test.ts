/**
 * A whole case through the real HTTP endpoint (/api/messages → CloudAdapter → InnovationBot) on Azurite,
 * with a recording stub of the Bot Connector: install, open a case from the form, document stage 1 by card
 * and in conversation, gates with one and two approvers, a send-back from re-anchoring to staff
 * involvement, and completion. The assertions read the cards people see and the events in the log.
 * Every test has a chat and a case of its own, driven through the endpoint to the stage it needs
 * (`caseAt`), so each passes alone and in any order.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseEvent, CaseState } from '../../engine';
import { CARD_VERBS, INPUT_IDS } from '../../cards';
import type { BotHarness } from '../support/botHarness';
import { startBotHarness } from '../support/botHarness';
import { requiredAnswers } from '../support/stageForms';
import { tableServices } from '../support/tableServices';
import type { TeamsConversation, TeamsUser } from '../support/teamsActivities';
import {
  asConnectorMember,
  botAddedUpdate,
  cardActionInvoke,
  groupChat,
  installationUpdateAdd,
  messageActivity,
  teamsUser,
} from '../support/teamsActivities';

const olga = teamsUser('Olga Owner');
const mads = teamsUser('Mads Member');
const mia = teamsUser('Mia Manager');
const mats = teamsUser('Mats Manager');

let harness: BotHarness;
let clockMs = Date.parse('2026-02-02T08:00:00.000Z');

beforeAll(async () => {
  const services = tableServices(inject('tablesConnectionString'), () => new Date(clockMs));
  harness = await startBotHarness({ services });
});
afterAll(async () => {
  await harness.close();
});

/**
 * One project group's chat, new for every test: each test drives the real endpoint from here to the
 * state it needs (see `caseAt`), so none depends on another or on their order.
 */
interface Group {
  conversation: TeamsConversation;
  caseId: string;
  /** The gate review requested in each stage, the last one: what an old approval card carries. */
  requestSeqs: Record<string, number>;
}

function newGroup(name = 'Hverdagsrehabilitering'): Group {
  const conversation = groupChat(undefined, name);
  harness.connector.setMembers(conversation.id, [olga, mads, mia, mats].map(asConnectorMember));
  return { conversation, caseId: '', requestSeqs: {} };
}

function tick(minutes = 1): void {
  clockMs += minutes * 60_000;
}

/** What the bot answers, paragraph by paragraph ("saved" and the next question come as one message). */
async function paragraphs(g: Group, from: TeamsUser, text: string): Promise<string[]> {
  return (await say(g, from, text)).flatMap((message) => message.split('\n\n'));
}

async function say(g: Group, from: TeamsUser, text: string, mentions: TeamsUser[] = []): Promise<string[]> {
  tick();
  const before = harness.connector.sentActivities(g.conversation.id).length;
  const response = await harness.send(
    messageActivity({ serviceUrl: harness.serviceUrl, conversation: g.conversation, from, text, mentions }),
  );
  expect(response.status).toBe(200);
  return harness.connector
    .sentActivities(g.conversation.id)
    .slice(before)
    .map((sent) => sent.activity.text ?? JSON.stringify(sent.activity.attachments ?? []));
}

async function click(
  g: Group,
  from: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ type: string; value: unknown }> {
  tick();
  const response = await harness.send(
    cardActionInvoke({ serviceUrl: harness.serviceUrl, conversation: g.conversation, from, verb, data }),
  );
  expect(response.status).toBe(200);
  return response.body as { type: string; value: unknown };
}

async function activeCase(g: Group): Promise<CaseState> {
  const record = await harness.services.conversations.get(g.conversation.id);
  const state = record?.activeCaseId ? await harness.services.cases.getCase(record.activeCaseId) : undefined;
  if (!state) throw new Error('no active case');
  return state;
}

async function events(caseId: string): Promise<CaseEvent[]> {
  const all: CaseEvent[] = [];
  for await (const stored of harness.services.log.readEvents(caseId)) all.push(stored.event);
  return all;
}

function cardText(value: unknown): string {
  return JSON.stringify(value) ?? '';
}

async function requestReviewAndApprove(g: Group, approvers: TeamsUser[]): Promise<void> {
  const replies = await say(g, olga, 'be om vurdering');
  expect(replies.join('\n')).toContain('sendt til vurdering');
  const state = await activeCase(g);
  const gate = state.gate;
  if (!gate) throw new Error('no gate');
  g.requestSeqs[gate.stageId] = gate.requestSeq;
  for (const approver of approvers) {
    const response = await click(g, approver, CARD_VERBS.decideGate, {
      caseId: state.caseId,
      stageId: gate.stageId,
      requestSeq: gate.requestSeq,
      outcome: 'approve',
    });
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
  }
}

async function fillStageByCard(
  g: Group,
  who: TeamsUser,
  extra: Record<string, unknown> = {},
): Promise<unknown> {
  const state = await activeCase(g);
  const template = harness.services.templates.get(state.template);
  const stage = template.stages.find((s) => s.id === state.currentStageId);
  if (!stage) throw new Error('no stage');
  const inputs = requiredAnswers(stage, state, { personId: mads.aadObjectId, author: who.name });
  const response = await click(g, who, CARD_VERBS.recordDocumentation, {
    caseId: state.caseId,
    stageId: stage.id,
    round: state.stages[stage.id]?.round,
    ...inputs,
    ...extra,
  });
  return response.value;
}

const political = {
  [INPUT_IDS.political.body]: 'Kommunestyret',
  [INPUT_IDS.political.meetingDate]: '2026-03-12',
  [INPUT_IDS.political.caseNumber]: '2026/417',
  [INPUT_IDS.political.decisionText]: 'Vedtatt mot én stemme.',
};

/** The stages whose gate needs a recorded political decision on the form. */
const POLITICAL_STAGES = new Set(['political-anchoring', 're-anchoring']);

/** Opens the group's case from the form, Mia and Mats its managers. */
async function openCaseFromForm(g: Group): Promise<{ type: string; value: unknown }> {
  await click(g, olga, CARD_VERBS.showOpenCaseForm, {});
  const opened = await click(g, olga, CARD_VERBS.openCase, {
    [INPUT_IDS.openCase.title]: 'Hverdagsrehabilitering i sone nord',
    [INPUT_IDS.openCase.unit]: 'Hjemmetjenesten sone nord',
    [INPUT_IDS.openCase.managers]: `${mia.aadObjectId},${mats.aadObjectId}`,
  });
  g.caseId = (await activeCase(g)).caseId;
  return opened;
}

/** Documents the current stage by card and passes its gate with as many managers as it needs. */
async function passCurrentStage(g: Group): Promise<void> {
  const stageId = (await activeCase(g)).currentStageId;
  await fillStageByCard(g, olga, POLITICAL_STAGES.has(stageId) ? political : {});
  await say(g, olga, 'be om vurdering');
  const gate = (await activeCase(g)).gate;
  if (!gate) throw new Error(`no gate in ${stageId}`);
  g.requestSeqs[gate.stageId] = gate.requestSeq;
  for (const approver of [mia, mats].slice(0, gate.approvalsNeeded)) {
    await click(g, approver, CARD_VERBS.decideGate, {
      caseId: g.caseId,
      stageId: gate.stageId,
      requestSeq: gate.requestSeq,
      outcome: 'approve',
    });
  }
  expect((await activeCase(g)).currentStageId, `the gate of ${stageId} passed`).not.toBe(stageId);
}

/** A new group whose case, opened from the form, has passed every stage before `stageId`. */
async function caseAt(stageId: string): Promise<Group> {
  const g = newGroup();
  await openCaseFromForm(g);
  for (let guard = 0; (await activeCase(g)).currentStageId !== stageId; guard += 1) {
    if (guard > 10) throw new Error(`never reached ${stageId}`);
    await passCurrentStage(g);
  }
  return g;
}

/** Stage 1's first three answers, from the stage form card. */
async function recordStageOneByCard(g: Group): Promise<unknown> {
  return click(g, mads, CARD_VERBS.recordDocumentation, {
    caseId: g.caseId,
    stageId: 'define-challenge',
    round: 1,
    [INPUT_IDS.answer('challenge')]:
      'Ventelistene for hjemmetjenester vokser, og brukerne mister funksjon mens de venter.',
    [INPUT_IDS.answer('trigger')]: 'demography,recruitment',
    [INPUT_IDS.answer('idea-source')]: 'employees-practice',
  }).then((response) => response.value);
}

/** Re-anchoring sent back to staff involvement (round 2), with a reason; returns the sending back. */
async function sendReAnchoringBack(g: Group): Promise<{ type: string; value: unknown }> {
  const gate = (await activeCase(g)).gate;
  return click(g, mia, CARD_VERBS.decideGate, {
    caseId: g.caseId,
    stageId: 're-anchoring',
    requestSeq: gate?.requestSeq,
    outcome: 'sendBack',
    [INPUT_IDS.decision.sendBackTo]: 'staff-involvement',
    [INPUT_IDS.decision.sendBackReason]: 'Brukerne er ikke hørt ennå.',
  });
}

/** After the send-back to staff involvement: the group revises what the reason was about. */
async function reviseStaffInvolvement(g: Group): Promise<void> {
  await click(g, mads, CARD_VERBS.recordDocumentation, {
    caseId: g.caseId,
    stageId: 'staff-involvement',
    round: 2,
    [INPUT_IDS.answer('users-next-of-kin')]: 'planned',
  });
}

/** Re-anchoring's second round needs a decision of its own: the council decided again. */
async function recordNewPoliticalDecision(g: Group): Promise<void> {
  await click(g, olga, CARD_VERBS.recordDocumentation, {
    caseId: g.caseId,
    stageId: 're-anchoring',
    round: 2,
    ...political,
    [INPUT_IDS.political.meetingDate]: '2026-09-17',
    [INPUT_IDS.political.caseNumber]: '2026/981',
  });
}

describe('a project group walks a case through all six stages in a Teams group chat', () => {
  it('welcomes the group once when the app is installed, and keeps the conversation reference', async () => {
    const g = newGroup();
    const { conversation } = g;
    await harness.send(installationUpdateAdd({ serviceUrl: harness.serviceUrl, conversation, from: olga }));
    await harness.send(botAddedUpdate({ serviceUrl: harness.serviceUrl, conversation, from: olga }));
    const welcomes = harness.connector.sentActivities(conversation.id);
    expect(welcomes).toHaveLength(1);
    expect(cardText(welcomes[0]?.activity.attachments)).toContain('prosesslogg');
    const record = await harness.services.conversations.get(conversation.id);
    expect(record?.reference.serviceUrl).toBe(harness.serviceUrl);
  });

  it('opens a case from the form, with managers chosen from the conversation members', async () => {
    const g = newGroup();
    const form = await click(g, olga, CARD_VERBS.showOpenCaseForm, {});
    expect(cardText(form.value)).toContain('Mia Manager');
    const opened = await openCaseFromForm(g);
    expect(opened.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(opened.value)).toContain('Hverdagsrehabilitering i sone nord');
    const state = await activeCase(g);
    expect(state.roles[olga.aadObjectId]).toEqual(['owner']);
    expect(state.roles[mia.aadObjectId]).toEqual(['manager']);
    // The bot asks the first question of stage 1 right away.
    const asked = harness.connector.sentActivities(g.conversation.id).at(-1)?.activity.text ?? '';
    expect(asked).toContain('Hva er utfordringen og behovet?');
  });

  it('records stage 1 answers from the card, and the card updates in place to say what was saved', async () => {
    const g = await caseAt('define-challenge');
    const state = await activeCase(g);
    const value = await recordStageOneByCard(g);
    expect(cardText(value)).toContain('Lagret 3 endringer');
    const after = await activeCase(g);
    expect(after.answers.challenge?.revision).toBe(1);
    expect(after.answers.trigger?.answer).toEqual({
      type: 'choice',
      optionIds: ['demography', 'recruitment'],
    });
    // Mads was not in the case: his first action made him a member, in the log.
    expect(after.roles[mads.aadObjectId]).toEqual(['member']);
    expect(after.version).toBeGreaterThan(state.version);
  });

  it('records the rest of stage 1 in conversation: next, answers, skip and "not applicable, because …"', async () => {
    const g = await caseAt('define-challenge');
    await recordStageOneByCard(g);
    let replies = await paragraphs(g, mads, 'neste');
    expect(replies.join()).toContain('Hvilke tjenester og brukergrupper berøres?');
    replies = await paragraphs(g, mads, 'Hjemmesykepleie og praktisk bistand, mest eldre over 80.');
    expect(replies[0]).toContain('Lagret svaret på «Hvilke tjenester og brukergrupper berøres?»');
    // The optional question comes where it stands in the stage.
    expect(replies[1]).toContain('Hvilken kunnskap er hentet inn?');
    replies = await paragraphs(g, mads, 'Tall fra KOSTRA.');
    expect(replies[1]).toContain('Hvilke ressurser har dere?');
    replies = await paragraphs(g, mads, 'hopp over');
    expect(replies.join()).toContain('Hopper over');
    expect(replies.join()).toContain('Hvem har vært involvert så langt?');
    replies = await paragraphs(g, mads, 'To sykepleiere, en ergoterapeut og tillitsvalgt.');
    expect(replies[1]).toContain('Har brukere eller pårørende vært med så langt?');
    replies = await paragraphs(g, mads, '2');
    expect(replies[0]).toContain('Lagret');
    // The skipped question comes back when nothing else required is open.
    replies = await paragraphs(g, mads, 'neste');
    expect(replies.join()).toContain('Hvilke ressurser har dere?');
    replies = await paragraphs(g, mads, 'ikke relevant, fordi ressursene avklares i politisk sak');
    expect(replies[0]).toContain('er registrert som ikke relevant');
    const state = await activeCase(g);
    expect(state.answers.resources?.answer).toEqual({
      type: 'notApplicable',
      reason: 'ressursene avklares i politisk sak',
    });
    expect(state.answers['users-involved']?.answer).toEqual({ type: 'choice', optionIds: ['planned'] });
  });

  it('records an idea and a barrier at any time', async () => {
    const g = await caseAt('define-challenge');
    const idea = await say(g, mads, 'idé: nattevakten kan ringe til brukere som sover dårlig');
    expect(idea[0]).toContain('Ideen er tatt vare på');
    const barrier = await say(g, mads, 'barriere turnus: vanskelig å samle alle til workshop');
    expect(barrier[0]).toContain('Turnus og skiftarbeid');
    const state = await activeCase(g);
    expect(state.counts).toMatchObject({ ideas: 1, barriers: 1 });
  });

  it('posts an approval card that @mentions the managers, and a single approval passes gate 1', async () => {
    const g = await caseAt('define-challenge');
    await fillStageByCard(g, olga);
    await say(g, olga, 'be om vurdering');
    const posted = harness.connector
      .sentActivities(g.conversation.id)
      .find((s) => cardText(s.activity.attachments).includes(CARD_VERBS.refreshApproval));
    expect(posted?.activity.text).toContain('<at>Mia Manager</at>');
    expect(JSON.stringify(posted?.activity.entities)).toContain(mia.id);
    const state = await activeCase(g);
    const gate = state.gate;
    expect(gate?.deciderIds.sort()).toEqual([mia.aadObjectId, mats.aadObjectId].sort());

    // A member is not a manager: refused, nothing recorded.
    const refused = await click(g, mads, CARD_VERBS.decideGate, {
      caseId: g.caseId,
      stageId: 'define-challenge',
      requestSeq: gate?.requestSeq,
      outcome: 'approve',
    });
    expect(refused.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(refused.value)).toContain('Bare en leder kan avgjøre porten');
    expect((await activeCase(g)).version).toBe(state.version);

    const approved = await click(g, mia, CARD_VERBS.decideGate, {
      caseId: g.caseId,
      stageId: 'define-challenge',
      requestSeq: gate?.requestSeq,
      outcome: 'approve',
    });
    expect(cardText(approved.value)).toContain('Godkjent');
    // The posted card is replaced for everyone (channels do not refresh cards by themselves).
    const updates = harness.connector.updatedActivities(g.conversation.id);
    expect(updates.at(-1)?.activityId).toBe(posted?.id);
    const after = await activeCase(g);
    expect(after.currentStageId).toBe('political-anchoring');
    const announcement = harness.connector
      .sentActivities(g.conversation.id)
      .map((s) => s.activity.text ?? '')
      .join('\n');
    expect(announcement).toContain('Porten etter «Definere utfordringsbildet» er godkjent');
    expect(announcement).toContain('Hvordan ble saken lagt fram');
  });

  it('refuses a stale approval card and records nothing', async () => {
    const g = await caseAt('political-anchoring');
    const before = await activeCase(g);
    const stale = await click(g, mats, CARD_VERBS.decideGate, {
      caseId: g.caseId,
      stageId: 'define-challenge',
      requestSeq: g.requestSeqs['define-challenge'],
      outcome: 'approve',
    });
    expect(stale.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(stale.value)).toContain('utdatert');
    expect((await activeCase(g)).version).toBe(before.version);
  });

  it('documents political anchoring with the decision reference on the same form, and passes the gate', async () => {
    const g = await caseAt('political-anchoring');
    const value = await fillStageByCard(g, olga, political);
    expect(cardText(value)).toContain('Lagret');
    expect((await activeCase(g)).politicalDecisions['political-anchoring']?.reference.caseNumber).toBe(
      '2026/417',
    );
    await requestReviewAndApprove(g, [mats]);
    expect((await activeCase(g)).currentStageId).toBe('staff-involvement');
  });

  it('needs both managers on the two-approver staff involvement gate', async () => {
    const g = await caseAt('staff-involvement');
    await fillStageByCard(g, mads);
    await say(g, olga, 'be om vurdering');
    const gate = (await activeCase(g)).gate;
    expect(gate?.approvalsNeeded).toBe(2);
    await click(g, mia, CARD_VERBS.decideGate, {
      caseId: g.caseId,
      stageId: 'staff-involvement',
      requestSeq: gate?.requestSeq,
      outcome: 'approve',
    });
    const progress = harness.connector.sentActivities(g.conversation.id).at(-1)?.activity.text ?? '';
    expect(progress).toContain(
      'Mia Manager har godkjent porten etter «Medarbeiderinvolvering» (1 av 2 godkjenninger).',
    );
    expect(progress).toContain('Porten venter fortsatt på Mats Manager.');
    expect((await activeCase(g)).currentStageId).toBe('staff-involvement');
    await click(g, mats, CARD_VERBS.decideGate, {
      caseId: g.caseId,
      stageId: 'staff-involvement',
      requestSeq: gate?.requestSeq,
      outcome: 'approveWithConditions',
      [INPUT_IDS.decision.conditions]: 'Brukerrådet skal høres før innføring.',
    });
    const after = await activeCase(g);
    expect(after.currentStageId).toBe('re-anchoring');
    expect(after.recentDecisions[0]).toMatchObject({
      outcome: 'approvedWithConditions',
      conditions: ['Brukerrådet skal høres før innføring.'],
    });
  });

  it('sends re-anchoring back to staff involvement with a reason, keeping the earlier answers', async () => {
    const g = await caseAt('re-anchoring');
    await fillStageByCard(g, olga, political);
    await say(g, olga, 'be om vurdering');
    const gate = (await activeCase(g)).gate;
    const missingReason = await click(g, mia, CARD_VERBS.decideGate, {
      caseId: g.caseId,
      stageId: 're-anchoring',
      requestSeq: gate?.requestSeq,
      outcome: 'sendBack',
      [INPUT_IDS.decision.sendBackTo]: 'staff-involvement',
    });
    expect(String(missingReason.value)).toContain('Begrunnelsen må fylles ut');
    const participants = (await activeCase(g)).answers.participants;
    await sendReAnchoringBack(g);
    const after = await activeCase(g);
    expect(after.currentStageId).toBe('staff-involvement');
    expect(after.stages['staff-involvement']?.round).toBe(2);
    expect(after.answers.participants).toEqual(participants);
    const texts = harness.connector
      .sentActivities(g.conversation.id)
      .map((s) => s.activity.text ?? '')
      .join('\n');
    expect(texts).toContain('Begrunnelse: Brukerne er ikke hørt ennå.');

    // Round 2: revise one answer, pass staff involvement and re-anchoring again (with a new decision).
    await reviseStaffInvolvement(g);
    await requestReviewAndApprove(g, [mia, mats]);
    expect((await activeCase(g)).stages['re-anchoring']?.round).toBe(2);
    await recordNewPoliticalDecision(g);
    await requestReviewAndApprove(g, [mats]);
    expect((await activeCase(g)).currentStageId).toBe('rollout');
  });

  it('completes the case after rollout and evaluation, with the whole process in the log', async () => {
    // To rollout, with re-anchoring sent back once and both stages passed again in round 2.
    const g = await caseAt('re-anchoring');
    await fillStageByCard(g, olga, political);
    await say(g, olga, 'be om vurdering');
    await sendReAnchoringBack(g);
    await reviseStaffInvolvement(g);
    await requestReviewAndApprove(g, [mia, mats]);
    await recordNewPoliticalDecision(g);
    await requestReviewAndApprove(g, [mats]);
    expect((await activeCase(g)).currentStageId).toBe('rollout');

    await fillStageByCard(g, olga);
    await requestReviewAndApprove(g, [mia]);
    await fillStageByCard(g, olga);
    await requestReviewAndApprove(g, [mia]);
    const state = await activeCase(g);
    expect(state.status).toBe('completed');
    const texts = harness.connector
      .sentActivities(g.conversation.id)
      .map((s) => s.activity.text ?? '')
      .join('\n');
    expect(texts).toContain('Saken er fullført');

    const log = await events(g.caseId);
    const rounds = log
      .filter((e) => e.type === 'StageEntered')
      .map((e) => (e.type === 'StageEntered' ? `${e.stageId}#${e.round}` : ''));
    expect(rounds).toEqual([
      'define-challenge#1',
      'political-anchoring#1',
      'staff-involvement#1',
      're-anchoring#1',
      'staff-involvement#2',
      're-anchoring#2',
      'rollout#1',
      'evaluation#1',
    ]);
    expect(log.filter((e) => e.type === 'GatePassed')).toHaveLength(7);
    expect(log.filter((e) => e.type === 'GateSentBack')).toHaveLength(1);
    expect(log.at(-1)?.type).toBe('CaseCompleted');
    expect(JSON.stringify(log)).not.toContain('Mia Manager');
    expect((await harness.services.log.verify(g.caseId)).ok).toBe(true);

    // The first gate's card refreshed after all of this shows that gate's decision (older than the
    // state's recent ones, read from the log), never the newest one.
    const titles = harness.services.templates.get(state.template).stages.map((s) => s.title.nb);
    const firstCard = await click(g, mia, CARD_VERBS.refreshApproval, {
      caseId: g.caseId,
      stageId: 'define-challenge',
      requestSeq: g.requestSeqs['define-challenge'],
    });
    const shown = cardText(firstCard.value);
    expect(shown).toContain(titles[0]);
    expect(shown).toContain('runde 1');
    expect(shown).not.toContain(titles.at(-1));
  });
});

describe('the bot refuses what it must, clearly, and records nothing', () => {
  /** A new chat of Olga and Mia with a case opened from a chat command, Mia its manager. */
  async function caseFromChatCommand(): Promise<{ other: TeamsConversation; otherCaseId: string }> {
    const other = groupChat();
    harness.connector.setMembers(other.id, [olga, mia].map(asConnectorMember));
    tick();
    await harness.send(
      messageActivity({
        serviceUrl: harness.serviceUrl,
        conversation: other,
        from: olga,
        text: 'ny sak Trygghetsalarm @Mia Manager',
        mentions: [mia],
      }),
    );
    const record = await harness.services.conversations.get(other.id);
    const otherCaseId = record?.activeCaseId ?? '';
    expect(otherCaseId).not.toBe('');
    return { other, otherCaseId };
  }

  it('opens a case from a chat command with the @mentioned manager under their Entra id', async () => {
    const { otherCaseId } = await caseFromChatCommand();
    const state = await harness.services.cases.getCase(otherCaseId);
    expect(state?.title).toBe('Trygghetsalarm');
    expect(state?.roles[mia.aadObjectId]).toEqual(['manager']);
  });

  it('refuses a card action naming another conversation’s case', async () => {
    const { otherCaseId } = await caseFromChatCommand();
    const { conversation } = await caseAt('define-challenge');
    const before = await harness.services.cases.getCase(otherCaseId);
    const response = await harness.send(
      cardActionInvoke({
        serviceUrl: harness.serviceUrl,
        conversation,
        from: olga,
        verb: CARD_VERBS.recordDocumentation,
        data: {
          caseId: otherCaseId,
          stageId: 'define-challenge',
          round: 1,
          [INPUT_IDS.answer('challenge')]: 'Kapret',
        },
      }),
    );
    expect((response.body as { value: string }).value).toContain('en annen samtale');
    expect((await harness.services.cases.getCase(otherCaseId))?.version).toBe(before?.version);
  });

  it('records a redelivered message once', async () => {
    const { other, otherCaseId } = await caseFromChatCommand();
    const activity = messageActivity({
      serviceUrl: harness.serviceUrl,
      conversation: other,
      from: olga,
      text: 'idé: gjenbruk alarmene',
    });
    await harness.send(activity);
    await harness.send(activity);
    expect((await harness.services.cases.getCase(otherCaseId))?.counts.ideas).toBe(1);
  });

  it('refuses a 100,000-character answer with the limit, and keeps nothing of it', async () => {
    const { other, otherCaseId } = await caseFromChatCommand();
    tick();
    await harness.send(
      messageActivity({ serviceUrl: harness.serviceUrl, conversation: other, from: olga, text: 'neste' }),
    );
    const before = await harness.services.cases.getCase(otherCaseId);
    await harness.send(
      messageActivity({
        serviceUrl: harness.serviceUrl,
        conversation: other,
        from: olga,
        text: 'x'.repeat(100_000),
      }),
    );
    const reply = harness.connector.sentActivities(other.id).at(-1)?.activity.text ?? '';
    expect(reply).toContain('for mange tegn: 100000, grensen er 20000');
    expect((await harness.services.cases.getCase(otherCaseId))?.version).toBe(before?.version);
  });

  it('speaks English to an English Teams client outside a case, and the case language inside it', async () => {
    const english = groupChat();
    await harness.send(
      messageActivity({
        serviceUrl: harness.serviceUrl,
        conversation: english,
        from: olga,
        text: 'status',
        locale: 'en-US',
      }),
    );
    expect(harness.connector.sentActivities(english.id).at(-1)?.activity.text).toContain(
      'There is no case in this conversation yet',
    );
    await harness.send(
      messageActivity({
        serviceUrl: harness.serviceUrl,
        conversation: english,
        from: olga,
        text: 'new case Safety alarms',
        locale: 'en-US',
      }),
    );
    const texts = harness.connector
      .sentActivities(english.id)
      .map((s) => s.activity.text ?? '')
      .join('\n');
    expect(texts).toContain('The case **Safety alarms** is open');
    expect(texts).toContain('What is the challenge and the need?');
    await harness.send(
      messageActivity({
        serviceUrl: harness.serviceUrl,
        conversation: english,
        from: olga,
        text: 'language nb',
        locale: 'en-US',
      }),
    );
    // One message: the switch said, then the question again.
    const afterSwitch = (harness.connector.sentActivities(english.id).at(-1)?.activity.text ?? '').split(
      '\n\n',
    );
    // The question the bot was waiting on is asked again, in the new language.
    expect(afterSwitch[0]).toBe('Saken bruker nå norsk bokmål.');
    expect(afterSwitch[1]).toContain('Hva er utfordringen og behovet?');
  });

  it('does not make a newcomer a member when their first action is refused', async () => {
    const { other, otherCaseId } = await caseFromChatCommand();
    const before = await harness.services.cases.getCase(otherCaseId);
    expect(before?.roles[mads.aadObjectId]).toBeUndefined();
    await harness.send(
      messageActivity({
        serviceUrl: harness.serviceUrl,
        conversation: other,
        from: mads,
        text: 'be om vurdering',
      }),
    );
    expect(harness.connector.sentActivities(other.id).at(-1)?.activity.text).toContain(
      'kan ikke vurderes ennå',
    );
    const after = await harness.services.cases.getCase(otherCaseId);
    expect(after?.roles[mads.aadObjectId]).toBeUndefined();
    expect(after?.version).toBe(before?.version);
  });

  it('answers a member who tries to pause with who may do it', async () => {
    const { other } = await caseFromChatCommand();
    await harness.send(
      messageActivity({
        serviceUrl: harness.serviceUrl,
        conversation: other,
        from: olga,
        text: 'pause fordi sommerferie',
      }),
    );
    expect(harness.connector.sentActivities(other.id).at(-1)?.activity.text).toBe(
      'Bare en leder i saken kan sette saken på pause.',
    );
  });
});
