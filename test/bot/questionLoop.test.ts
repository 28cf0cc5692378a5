/**
 * The chat's question loop through the real HTTP endpoint (/api/messages → CloudAdapter → InnovationBot)
 * on Azurite, with a recording stub of the Bot Connector: every prompt of a stage asked in order, optional
 * ones included, skipping and coming back, "not applicable", choices with a comment, amounts in millions,
 * and the barriers and ideas a case has recorded offered where a prompt asks for them. Every test has a
 * chat and a case of its own.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CARD_VERBS, INPUT_IDS } from '../../cards';
import type { BotHarness } from '../support/botHarness';
import { startBotHarness } from '../support/botHarness';
import { requiredAnswers } from '../support/stageForms';
import { tableServices } from '../support/tableServices';
import { groupChatDriver, type Group } from '../support/groupChat';
import type { TeamsUser } from '../support/teamsActivities';
import { asConnectorMember, groupChat, messageActivity, teamsUser } from '../support/teamsActivities';

const olga = teamsUser('Olga Owner');
const mads = teamsUser('Mads Member');
const mia = teamsUser('Mia Manager');
const mats = teamsUser('Mats Manager');

let harness: BotHarness;
let clockMs = Date.parse('2026-04-06T08:00:00.000Z');

beforeAll(async () => {
  const services = tableServices(inject('tablesConnectionString'), () => new Date(clockMs));
  harness = await startBotHarness({ services });
});
afterAll(async () => {
  await harness.close();
});

function tick(): void {
  clockMs += 60_000;
}

const chat = groupChatDriver(() => harness, tick);
const { click, activeCase } = chat;

/** What the bot wrote in the chat in answer to one message (a card as its JSON). */
/**
 * What the bot answers, paragraph by paragraph: "saved" and the next question come as one message (see
 * "says 'saved' and asks the next question in one message"), and most tests here read them apart.
 */
async function say(g: Group, from: TeamsUser, text: string, mentions: TeamsUser[] = []): Promise<string[]> {
  return (await messages(g, from, text, mentions)).flatMap((message) => message.split('\n\n'));
}

/** What the bot answers, one string per message. */
async function messages(
  g: Group,
  from: TeamsUser,
  text: string,
  mentions: TeamsUser[] = [],
): Promise<string[]> {
  return (await chat.say(g, from, text, { mentions })).map((posted) =>
    posted.text !== '' ? posted.text : JSON.stringify(posted.card ?? []),
  );
}

/** A new chat whose case, opened by chat command with Mia and Mats as managers, is in stage 1. */
async function newCase(): Promise<{ g: Group; firstQuestion: string[] }> {
  const conversation = groupChat(undefined, 'Hverdagsrehabilitering');
  harness.connector.setMembers(conversation.id, [olga, mads, mia, mats].map(asConnectorMember));
  const g: Group = { conversation, caseId: '' };
  tick();
  const before = harness.connector.sentActivities(conversation.id).length;
  const response = await harness.send(
    messageActivity({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: olga,
      text: 'ny sak Hverdagsrehabilitering @Mia Manager @Mats Manager',
      mentions: [mia, mats],
    }),
  );
  expect(response.status).toBe(200);
  g.caseId = (await harness.services.conversations.get(conversation.id))?.activeCaseId ?? '';
  expect(g.caseId).not.toBe('');
  const firstQuestion = harness.connector
    .sentActivities(conversation.id)
    .slice(before)
    .map((sent) => sent.activity.text ?? '');
  return { g, firstQuestion };
}

/** Answers these prompts of the current stage (all its open required ones by default) by card. */
async function answerByCard(g: Group, only?: readonly string[]): Promise<void> {
  const state = await activeCase(g);
  const template = harness.services.templates.get(state.template);
  const stage = template.stages.find((s) => s.id === state.currentStageId);
  if (!stage) throw new Error('no stage');
  const all = requiredAnswers(
    {
      ...stage,
      prompts: stage.prompts.map((p) => ({ ...p, required: only ? only.includes(p.id) : p.required })),
    },
    state,
    { personId: mads.aadObjectId, author: olga.name },
  );
  const political = stage.gate.requiresPoliticalDecision
    ? {
        [INPUT_IDS.political.body]: 'Kommunestyret',
        [INPUT_IDS.political.meetingDate]: '2026-03-12',
        [INPUT_IDS.political.caseNumber]: '2026/417',
        [INPUT_IDS.political.decisionText]: 'Vedtatt.',
      }
    : {};
  await click(g, olga, CARD_VERBS.recordDocumentation, {
    caseId: state.caseId,
    stageId: stage.id,
    round: state.stages[stage.id]?.round,
    ...all,
    ...(only === undefined && political),
  });
}

/** Documents the current stage by card and passes its gate. */
async function passCurrentStage(g: Group): Promise<void> {
  const stageId = (await activeCase(g)).currentStageId;
  await answerByCard(g);
  await say(g, olga, 'be om vurdering');
  const gate = (await activeCase(g)).gate;
  if (!gate) throw new Error(`no gate in ${stageId}`);
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

/** A new case that has passed every stage before `stageId`. */
async function caseAt(stageId: string): Promise<Group> {
  const { g } = await newCase();
  for (let guard = 0; (await activeCase(g)).currentStageId !== stageId; guard += 1) {
    if (guard > 10) throw new Error(`never reached ${stageId}`);
    await passCurrentStage(g);
  }
  return g;
}

describe('the question loop leads through every prompt of a stage', () => {
  it('says "saved" and asks the next question in one message', async () => {
    const { g } = await newCase();
    await answerByCard(g, ['challenge', 'trigger', 'idea-source']);
    await say(g, mads, 'neste');

    const answered = await messages(g, mads, 'Hjemmesykepleie og praktisk bistand.');

    expect(answered).toHaveLength(1);
    const [saved, question] = (answered[0] ?? '').split('\n\n');
    expect(saved).toBe('Lagret svaret på «Hvilke tjenester og brukergrupper berøres?».');
    expect(question).toContain('**Spørsmål 5 av 8 i «Definere utfordringsbildet» (valgfritt):**');
    const skipped = await messages(g, mads, 'hopp over');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain('Spørsmål 6 av 8');
  });

  it('asks optional questions where they stand, numbered the same every time, and skipping says how to come back', async () => {
    const { g, firstQuestion } = await newCase();
    expect(firstQuestion.join()).toContain('Spørsmål 1 av 8');
    await answerByCard(g, ['challenge', 'trigger', 'idea-source']);
    let replies = await say(g, mads, 'neste');
    expect(replies.join()).toContain('Spørsmål 4 av 8');
    replies = await say(g, mads, 'Hjemmesykepleie og praktisk bistand.');
    // Question 5 is optional: it is asked next, marked as such, not passed over.
    expect(replies[1]).toContain('**Spørsmål 5 av 8 i «Definere utfordringsbildet» (valgfritt):**');
    expect(replies[1]).toContain('Hvilken kunnskap er hentet inn?');
    replies = await say(g, mads, 'hopp over');
    expect(replies[0]).toBe(
      'Hopper over spørsmål 5, «Hvilken kunnskap er hentet inn?», for nå. Når resten av spørsmålene er stilt, kan dere skrive «neste» for å ta det.',
    );
    expect(replies[1]).toContain('Spørsmål 6 av 8');
    await say(g, mads, 'To sykepleiere og en ergoterapeut.');
    await say(g, mads, 'Olga, Mads og en tillitsvalgt.');
    replies = await say(g, mads, '1');
    expect(replies[1]).toBe(
      'Alle påkrevde spørsmål i «Definere utfordringsbildet» er besvart. 1 spørsmål er hoppet over; skriv «neste» for å ta det. Skriv «be om vurdering» når dere vil at lederne skal vurdere porten.',
    );
    // "neste" comes back to the skipped question, under the same number.
    replies = await say(g, mads, 'neste');
    expect(replies.join()).toContain('**Spørsmål 5 av 8 i «Definere utfordringsbildet» (valgfritt):**');
    replies = await say(g, mads, 'Tall fra KOSTRA og et studiebesøk i Bærum.');
    expect(replies[1]).toBe(
      'Alle påkrevde spørsmål i «Definere utfordringsbildet» er besvart. Skriv «be om vurdering» når dere vil at lederne skal vurdere porten.',
    );
    const state = await activeCase(g);
    expect(state.answers['knowledge-gathered']?.answer).toEqual({
      type: 'text',
      text: 'Tall fra KOSTRA og et studiebesøk i Bærum.',
    });
  });

  it('goes through the skipped questions one after another, and counts those still left in the plural', async () => {
    const { g } = await newCase();
    await answerByCard(g, ['challenge', 'trigger', 'idea-source', 'affected-services', 'knowledge-gathered']);
    let replies = await say(g, mads, 'neste');
    expect(replies.join()).toContain('Spørsmål 6 av 8');
    await say(g, mads, 'hopp over');
    await say(g, mads, 'hopp over');
    replies = await say(g, mads, 'hopp over');
    // Nothing else follows: the last skip says only what was skipped; the end of the stage says the rest.
    expect(replies[0]).toBe(
      'Hopper over spørsmål 8, «Har brukere eller pårørende vært med så langt?», for nå.',
    );
    expect(replies[1]).toBe(
      'Alle spørsmålene i «Definere utfordringsbildet» er stilt. 3 spørsmål er hoppet over; skriv «neste» for å ta dem.',
    );
    // "neste" takes them in order; an answer leads on to the next one.
    replies = await say(g, mads, 'neste');
    expect(replies.join()).toContain('Spørsmål 6 av 8');
    replies = await say(g, mads, 'To sykepleiere og en ergoterapeut.');
    expect(replies[1]).toContain('Spørsmål 7 av 8');
    replies = await say(g, mads, 'hopp over');
    expect(replies[1]).toContain('Spørsmål 8 av 8');
    replies = await say(g, mads, '2');
    expect(replies[1]).toBe(
      'Alle spørsmålene i «Definere utfordringsbildet» er stilt. 1 spørsmål er hoppet over; skriv «neste» for å ta det.',
    );
    replies = await say(g, mads, 'neste');
    expect(replies.join()).toContain('Spørsmål 7 av 8');
  });
});

describe('"not applicable" is confirmed as such', () => {
  it('quotes the reason as given, in Norwegian and in English', async () => {
    const { g } = await newCase();
    await answerByCard(g, ['challenge', 'trigger', 'idea-source', 'affected-services']);
    await say(g, mads, 'neste');
    let replies = await say(g, mads, 'ikke relevant, fordi vi ikke har gjort noen kartlegging');
    expect(replies[0]).toBe(
      '«Hvilken kunnskap er hentet inn?» er registrert som ikke relevant, med begrunnelsen «vi ikke har gjort noen kartlegging».',
    );
    expect(replies[1]).toContain('Spørsmål 6 av 8');
    expect((await activeCase(g)).answers['knowledge-gathered']?.answer).toEqual({
      type: 'notApplicable',
      reason: 'vi ikke har gjort noen kartlegging',
    });
    await say(g, olga, 'språk en');
    await say(g, mads, 'next');
    replies = await say(g, mads, 'not applicable because the budget is *not* settled');
    expect(replies[0]).toBe(
      '“What resources do you have?” is recorded as not applicable, with the reason “the budget is \\*not\\* settled”.',
    );
  });
});

describe('a choice can carry a comment, and amounts can be written in millions', () => {
  it('reads "1,2 mill" as 1 200 000 and "Ja – Per Andersen var med" as the choice "Ja" with a comment', async () => {
    const g = await caseAt('political-anchoring');
    await answerByCard(g, ['presentation', 'mandate']);
    let replies = await say(g, mads, 'neste');
    expect(replies.join()).toContain(
      '**Spørsmål 3 av 4 i «Politisk forankring» (valgfritt):** Bevilget budsjett',
    );
    replies = await say(g, mads, '1,2 mill.');
    expect(replies[0]).toBe('Lagret svaret på «Bevilget budsjett (kroner)»: 1\u00a0200\u00a0000.');
    expect((await activeCase(g)).answers.budget?.answer).toEqual({ type: 'number', number: 1_200_000 });
    await passCurrentStage(g);
    await answerByCard(g, ['participants']);
    replies = await say(g, mads, 'neste');
    expect(replies.join()).toContain('Var tillitsvalgte med?');
    replies = await say(g, mads, 'Ja – Per Andersen var med');
    expect(replies[0]).toBe(
      'Lagret svaret på «Var tillitsvalgte med?»: «Ja», med kommentaren «Per Andersen var med».',
    );
    expect((await activeCase(g)).answers['union-representatives']?.answer).toEqual({
      type: 'choice',
      optionIds: ['yes'],
      comment: 'Per Andersen var med',
    });
    // Saving the stage form again does not drop the comment: the form has no field for it.
    const state = await activeCase(g);
    await click(g, olga, CARD_VERBS.recordDocumentation, {
      caseId: g.caseId,
      stageId: 'staff-involvement',
      round: state.stages['staff-involvement']?.round,
      [INPUT_IDS.answer('union-representatives')]: 'yes',
      [INPUT_IDS.answer('participants')]:
        state.answers.participants?.answer.type === 'text' ? state.answers.participants.answer.text : '',
    });
    expect((await activeCase(g)).version).toBe(state.version);
    expect((await activeCase(g)).answers['union-representatives']?.revision).toBe(1);
  });
});

describe('barriers and ideas recorded by command are offered where a prompt asks for them', () => {
  it('lists the barriers under "Hvilke barrierer har dere møtt?" and answers with those chosen', async () => {
    const g = await caseAt('rollout');
    await say(g, mads, 'barriere turnus: vanskelig å samle alle til opplæring');
    await say(g, olga, 'barriere: *ingen* vikarer i sommer');
    await answerByCard(g, ['plan', 'units', 'start-date', 'training', 'roles-and-champions', 'champions']);
    let replies = await say(g, mads, 'neste');
    const question = replies.join('\n');
    expect(question).toContain('**Spørsmål 7 av 8 i «Operasjonalisering og innføring» (valgfritt):**');
    expect(question).toContain(
      'Dere har registrert disse barrierene:  \n1. Turnus og skiftarbeid: vanskelig å samle alle til opplæring  \n2. \\*ingen\\* vikarer i sommer  \nSvar med numrene (for eksempel «1, 2») eller «alle» for å ta dem med i svaret',
    );
    replies = await say(g, mads, 'alle: og lite tid til veiledning');
    expect(replies[0]).toBe('Lagret svaret på «Hvilke barrierer har dere møtt?».');
    expect((await activeCase(g)).answers['barriers-met']?.answer).toEqual({
      type: 'text',
      text: '• Turnus og skiftarbeid: vanskelig å samle alle til opplæring\n• *ingen* vikarer i sommer\nog lite tid til veiledning',
    });
  });

  it('lists the one idea under the prompt for employees’ ideas, in English too', async () => {
    const g = await caseAt('staff-involvement');
    await say(g, olga, 'språk en');
    await say(g, mads, 'idea employees: night staff call users who sleep badly');
    await answerByCard(g, [
      'participants',
      'union-representatives',
      'users-next-of-kin',
      'methods',
      'alternatives',
      'reactions',
    ]);
    let replies = await say(g, mads, 'next');
    expect(replies.join('\n')).toContain(
      "You have recorded this idea:  \n1. night staff call users who sleep badly (Employees' everyday practice)  \nAnswer “1” to include it in the answer",
    );
    replies = await say(g, mads, '1');
    expect((await activeCase(g)).answers['employee-ideas']?.answer).toEqual({
      type: 'text',
      text: "• night staff call users who sleep badly (Employees' everyday practice)",
    });
    expect(replies[0]).toBe("Saved the answer to “Which employees' ideas were taken in?”.");
  });
});

describe('the texts of the question loop read as a native writer would write them', () => {
  it('counts people in the singular and the plural, and never ends a sentence twice', async () => {
    const { g, firstQuestion } = await newCase();
    expect(firstQuestion.join()).toContain(
      'Svar ved å nevne meg. Skriv «hopp over» for å vente med spørsmålet, eller «ikke relevant, fordi …» hvis det ikke gjelder.',
    );
    await say(g, mads, 'bli med');
    let replies = await say(g, olga, 'forsker @Mads Member', [mads]);
    expect(replies).toEqual(['Rollen er gitt til 1 person.']);
    replies = await say(g, olga, 'deltaker @Mads Member @Mia Manager', [mads, mia]);
    expect(replies).toEqual(['Rollen er gitt til 2 personer.']);
    await say(g, olga, 'Ventelistene vokser.');
    replies = await say(g, olga, '1, 3 og en ny lov.');
    expect(replies[1]).toContain('Svar med ett tall, gjerne med en kommentar etter en tankestrek («1 – …»):');
    expect(replies[0]).toBe(
      'Lagret svaret på «Hva utløste arbeidet?»: «Demografi», «Rekruttering», «en ny lov.»',
    );
    await say(g, olga, 'språk en');
    replies = await say(g, olga, 'remove researcher @Mads Member', [mads]);
    expect(replies).toEqual(['The role was removed from 1 person.']);
    replies = await say(g, olga, 'member @Mads Member @Mia Manager', [mads, mia]);
    expect(replies).toEqual(['The role was given to 2 people.']);
  });
});
