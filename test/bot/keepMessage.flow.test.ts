/**
 * The message action «Ta vare på som idé/barriere» through the real HTTP endpoint on Azurite, with the
 * invokes Teams sends: `composeExtension/fetchTask` when someone chooses it on a message's "…" menu, and
 * `composeExtension/submitAction` when the dialog is submitted. The dialog validates against Adaptive
 * Card 1.5; a submit records one idea or barrier with the message it came from, tells the group and the
 * writer; and every refusal says why and records nothing.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AdaptiveCard } from '../../cards';
import { INPUT_IDS } from '../../cards';
import type { CaseEvent } from '../../engine';
import { FIELDS, LIMITS, refuse } from '../../engine';
import { texts } from '../../conversation/botTexts';
import type { BotHarness } from '../support/botHarness';
import { startBotHarness } from '../support/botHarness';
import { tableServices } from '../support/tableServices';
import { groupChatDriver, type Group } from '../support/groupChat';
import type { TeamsUser } from '../support/teamsActivities';
import {
  messageActionFetch,
  messageActionSubmit,
  messagePayload,
  teamsUser,
} from '../support/teamsActivities';
import { expectValidCard, inputValues } from '../cards/cardValidation';

const olga = teamsUser('Olga Owner');
const mads = teamsUser('Mads Member');
const mia = teamsUser('Mia Manager');
const kari = teamsUser('Kari Nattevakt');

let harness: BotHarness;
let clockMs = Date.parse('2026-03-02T08:00:00.000Z');

beforeAll(async () => {
  harness = await startBotHarness({
    services: tableServices(inject('tablesConnectionString'), () => new Date(clockMs)),
  });
});
afterAll(async () => {
  await harness.close();
});

function tick(minutes = 1): void {
  clockMs += minutes * 60_000;
}

const chat = groupChatDriver(
  () => harness,
  () => tick(),
);

interface Dialog {
  title: string;
  card: AdaptiveCard;
  /** The data of its one Action.Submit. */
  data: Record<string, unknown>;
}

type Answer = { dialog: Dialog } | { message: string };

async function invoke(activity: object): Promise<Answer> {
  tick();
  const response = await harness.send(activity);
  expect(response.status).toBe(200);
  const task = (response.body as { task: { type: string; value: unknown } }).task;
  if (task.type === 'message') return { message: task.value as string };
  expect(task.type).toBe('continue');
  const value = task.value as { title: string; card: { contentType: string; content: AdaptiveCard } };
  expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = value.card.content;
  const actions = (card as unknown as { actions: { type: string; data: Record<string, unknown> }[] }).actions;
  expect(actions).toHaveLength(1);
  expect(actions[0]!.type).toBe('Action.Submit');
  return { dialog: { title: value.title, card, data: actions[0]!.data } };
}

function dialogOf(answer: Answer): Dialog {
  if (!('dialog' in answer)) throw new Error(`expected a dialog, got the message «${answer.message}»`);
  return answer.dialog;
}

function messageOf(answer: Answer): string {
  if (!('message' in answer)) throw new Error('expected a message, got a dialog');
  return answer.message;
}

function payloadIn(g: Group, from: TeamsUser | 'bot', html: string, id?: string): Record<string, unknown> {
  return messagePayload({
    html,
    from,
    conversationId: g.conversation.id,
    createdDateTime: new Date(clockMs - 3_600_000).toISOString(),
    ...(id !== undefined && { id }),
  });
}

function openDialog(g: Group, from: TeamsUser, payload: Record<string, unknown>): Promise<Answer> {
  return invoke(
    messageActionFetch({ serviceUrl: harness.serviceUrl, conversation: g.conversation, from, payload }),
  );
}

function submit(
  g: Group,
  from: TeamsUser,
  payload: Record<string, unknown> | undefined,
  data: Record<string, unknown>,
): Promise<Answer> {
  return invoke(
    messageActionSubmit({
      serviceUrl: harness.serviceUrl,
      conversation: g.conversation,
      from,
      ...(payload !== undefined && { payload }),
      data,
    }),
  );
}

function filled(
  dialog: Dialog,
  inputs: { kind?: string; caseId?: string; text?: string },
): Record<string, unknown> {
  const values = inputValues(dialog.card);
  return {
    ...dialog.data,
    [INPUT_IDS.keepMessage.kind]: inputs.kind ?? values.get(INPUT_IDS.keepMessage.kind),
    [INPUT_IDS.keepMessage.caseId]: inputs.caseId ?? values.get(INPUT_IDS.keepMessage.caseId),
    [INPUT_IDS.keepMessage.text]: inputs.text ?? values.get(INPUT_IDS.keepMessage.text),
  };
}

async function groupWithCase(title: string): Promise<Group> {
  const g = chat.newGroup([olga, mads, mia, kari]);
  await chat.say(g, olga, `ny sak ${title}`);
  g.caseId = (await chat.activeCase(g)).caseId;
  return g;
}

async function eventsOf(caseId: string): Promise<CaseEvent[]> {
  const events: CaseEvent[] = [];
  for await (const stored of harness.services.log.readEvents(caseId)) events.push(stored.event);
  return events;
}

async function kept(caseId: string): Promise<CaseEvent[]> {
  return (await eventsOf(caseId)).filter((e) => e.type === 'IdeaRecorded' || e.type === 'BarrierRecorded');
}

describe('keeping a Teams message as an idea or a barrier', { timeout: 60_000 }, () => {
  it('opens a valid dialog with the message as text, idea or barrier, and the active case first', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    await chat.say(g, olga, 'ny sak Trygghetsalarm');
    const second = (await harness.services.conversations.get(g.conversation.id))?.activeCaseId;
    expect(second).not.toBe(g.caseId);
    await chat.say(g, olga, 'bytt sak 1');
    const payload = payloadIn(
      g,
      kari,
      '<p>Hei <at id="0">Mia</at>, kanskje <b>nattevakten</b> kan ringe dagen etter?<br>Se <a href="https://intranett.example/notat">notatet</a>.</p>',
    );
    const dialog = dialogOf(await openDialog(g, mads, payload));
    expect(dialog.title).toBe('Ta vare på som idé eller barriere');
    expectValidCard(dialog.card, 'keep-message dialog');
    const values = inputValues(dialog.card);
    expect(values.get(INPUT_IDS.keepMessage.text)).toBe(
      'Hei Mia, kanskje nattevakten kan ringe dagen etter?\nSe notatet.',
    );
    expect(values.get(INPUT_IDS.keepMessage.kind)).toBe('idea');
    expect(values.get(INPUT_IDS.keepMessage.caseId)).toBe(g.caseId);
    const body = JSON.stringify(dialog.card);
    expect(body).toContain('Hverdagsrehabilitering (aktiv sak)');
    expect(body).toContain('Trygghetsalarm');
    expect(body).toContain('En barriere: Turnus');
    expect(body).toContain('Fra Kari Nattevakt');
    const caseChoices = (
      dialog.card.body.find((e) => 'id' in e && e.id === INPUT_IDS.keepMessage.caseId) as {
        choices: { value: string }[];
      }
    ).choices.map((c) => c.value);
    expect(caseChoices).toEqual([g.caseId, second]);
    expect(dialog.data).toMatchObject({ action: 'keepMessage', messageId: payload['id'] });
  });

  it('records one idea with the message it came from, tells the group and the writer, and only once', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    const payload = payloadIn(g, kari, '<p>Kanskje nattevakten kan ringe dagen etter?</p>');
    const dialog = dialogOf(await openDialog(g, mads, payload));
    const before = chat.sentCount(g);
    const answer = messageOf(
      await submit(g, mads, payload, filled(dialog, { text: 'Nattevakten ringer dagen etter' })),
    );
    expect(answer).toBe('Meldingen er tatt vare på som idé i «Hverdagsrehabilitering».');

    const [idea, ...more] = await kept(g.caseId);
    expect(more).toEqual([]);
    expect(idea).toMatchObject({
      type: 'IdeaRecorded',
      actorId: mads.aadObjectId,
      text: 'Nattevakten ringer dagen etter',
      origin: {
        kind: 'message',
        messageId: payload['id'],
        link: payload['linkToMessage'],
        authorId: kari.aadObjectId,
        writtenAt: payload['createdDateTime'],
      },
    });

    const sent = harness.connector.sentActivities(g.conversation.id).slice(before);
    expect(sent).toHaveLength(1);
    const line = sent[0]!.activity;
    expect(line.text).toBe(
      'Mads Member tok vare på en melding fra <at>Kari Nattevakt</at> som idé i «Hverdagsrehabilitering». <at>Kari Nattevakt</at>: meldingen din står nå i sakens prosesslogg.',
    );
    expect(line.entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'mention',
          mentioned: expect.objectContaining({ name: 'Kari Nattevakt' }),
        }),
      ]),
    );

    // The same submit again (a double click, a retry), and someone else keeping the same message.
    const again = messageOf(await submit(g, mads, payload, filled(dialog, {})));
    expect(again).toBe(texts.keepAlreadyKept('Hverdagsrehabilitering').nb);
    const olgasDialog = dialogOf(await openDialog(g, olga, payload));
    const byOlga = messageOf(await submit(g, olga, payload, filled(olgasDialog, { kind: 'barrier:other' })));
    expect(byOlga).toBe(texts.keepAlreadyKept('Hverdagsrehabilitering').nb);
    expect(await kept(g.caseId)).toHaveLength(1);
    expect(chat.sentCount(g)).toBe(before + 1);
  });

  it('records a barrier in the chosen category; a bot’s message has no writer', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    const payload = payloadIn(g, 'bot', '<p>Påminnelse: møtet flyttes igjen på grunn av turnus.</p>');
    const dialog = dialogOf(await openDialog(g, mads, payload));
    expect(JSON.stringify(dialog.card)).toContain('Avsenderen er ukjent');
    const before = chat.sentCount(g);
    expect(messageOf(await submit(g, mads, payload, filled(dialog, { kind: 'barrier:shift-work' })))).toBe(
      'Meldingen er tatt vare på som barriere («Turnus og skiftarbeid») i «Hverdagsrehabilitering».',
    );
    const [barrier] = await kept(g.caseId);
    expect(barrier).toMatchObject({ type: 'BarrierRecorded', category: 'shift-work' });
    expect((barrier as { origin: object }).origin).toEqual({
      kind: 'message',
      messageId: payload['id'],
      link: payload['linkToMessage'],
      writtenAt: payload['createdDateTime'],
    });
    expect(textsSince(g, before)).toEqual([
      'Mads Member tok vare på en melding som barriere («Turnus og skiftarbeid») i «Hverdagsrehabilitering».',
    ]);
  });

  it('tells a writer in a case researchers follow how to decline, and one who declined that researchers do not get it', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    await chat.say(g, olga, 'forsker @Mia Manager', { mentions: [mia] });
    const first = payloadIn(g, kari, '<p>Vi kunne brukt nettbrett på kjøkkenet.</p>');
    let before = chat.sentCount(g);
    messageOf(await submit(g, mads, first, filled(dialogOf(await openDialog(g, mads, first)), {})));
    expect(textsSince(g, before).join('\n')).toContain(texts.keptResearchNote.nb);

    await chat.say(g, kari, 'reserver meg');
    const second = payloadIn(g, kari, '<p>Og kanskje en felles kalender.</p>');
    before = chat.sentCount(g);
    messageOf(await submit(g, mads, second, filled(dialogOf(await openDialog(g, mads, second)), {})));
    const said = textsSince(g, before).join('\n');
    expect(said).toContain(texts.keptAuthorDeclined.nb);
    expect(said).not.toContain(texts.keptResearchNote.nb);
  });

  it('says a writer keeping their own message kept their own, and speaks the case’s language', async () => {
    const g = chat.newGroup([olga, mads, kari]);
    await chat.say(g, olga, 'opne sak Kvardagsrehabilitering');
    g.caseId = (await chat.activeCase(g)).caseId;
    const payload = payloadIn(g, kari, '<p>Eg har ein idé om nattevakta.</p>');
    const dialog = dialogOf(await openDialog(g, kari, payload));
    expect(JSON.stringify(dialog.card)).toContain('Kva for ei sak?');
    const before = chat.sentCount(g);
    expect(messageOf(await submit(g, kari, payload, filled(dialog, {})))).toBe(
      'Meldinga er teken vare på som idé i «Kvardagsrehabilitering».',
    );
    expect(textsSince(g, before)).toEqual([
      'Kari Nattevakt tok vare på si eiga melding som idé i «Kvardagsrehabilitering».',
    ]);
  });
});

describe('the writer under one id', { timeout: 60_000 }, () => {
  it('ties a writer named by their Teams user id (as the Agents Playground sends) to their Entra id', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    await chat.say(g, kari, 'bli med');
    const asPlayground = (from: TeamsUser, html: string) => {
      const payload = payloadIn(g, from, html);
      (payload['from'] as { user: { id: string } }).user.id = from.id;
      return payload;
    };
    const karis = asPlayground(kari, '<p>Nattevakten kan ringe.</p>');
    messageOf(await submit(g, mads, karis, filled(dialogOf(await openDialog(g, mads, karis)), {})));
    const own = asPlayground(mads, '<p>Min egen idé.</p>');
    const before = chat.sentCount(g);
    messageOf(await submit(g, mads, own, filled(dialogOf(await openDialog(g, mads, own)), {})));
    expect(textsSince(g, before)).toEqual([
      'Mads Member tok vare på sin egen melding som idé i «Hverdagsrehabilitering».',
    ]);
    const origins = (await kept(g.caseId)).map(
      (e) => (e as { origin?: { authorId?: string } }).origin?.authorId,
    );
    expect(origins).toEqual([kari.aadObjectId, mads.aadObjectId]);
  });
});

describe('a keep that cannot be recorded says why and records nothing', { timeout: 60_000 }, () => {
  it('in a conversation without a case, says how to open one', async () => {
    const g = chat.newGroup([olga, mads]);
    const answer = messageOf(await openDialog(g, mads, payloadIn(g, olga, '<p>Idé!</p>')));
    expect(answer).toBe(texts.keepNoCase.nb);
  });

  it('refuses a dialog submitted in another conversation than it was opened in', async () => {
    const a = await groupWithCase('Sak A');
    const b = await groupWithCase('Sak B');
    const payload = payloadIn(a, kari, '<p>Idé fra A</p>');
    const dialog = dialogOf(await openDialog(a, mads, payload));
    const answer = messageOf(await submit(b, mads, payload, filled(dialog, { caseId: b.caseId })));
    expect(answer).toBe(texts.keepOtherConversation.nb);
    expect(await kept(a.caseId)).toEqual([]);
    expect(await kept(b.caseId)).toEqual([]);
  });

  it('refuses a case of another conversation, even for a member of that case', async () => {
    const a = await groupWithCase('Sak A');
    const b = await groupWithCase('Sak B');
    await chat.say(b, mads, 'bli med');
    const payload = payloadIn(a, kari, '<p>Idé fra A</p>');
    const dialog = dialogOf(await openDialog(a, mads, payload));
    const answer = messageOf(await submit(a, mads, payload, filled(dialog, { caseId: b.caseId })));
    expect(answer).toBe(texts.keepCaseNotHere.nb);
    expect(await kept(b.caseId)).toEqual([]);
  });

  it('refuses a dialog opened more than 12 hours ago', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    const payload = payloadIn(g, kari, '<p>Gammel idé</p>');
    const dialog = dialogOf(await openDialog(g, mads, payload));
    tick(12 * 60 + 1);
    expect(messageOf(await submit(g, mads, payload, filled(dialog, {})))).toBe(texts.keepDialogStale.nb);
    expect(await kept(g.caseId)).toEqual([]);
  });

  it('refuses a dialog for another message than the one Teams sends with it', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    const payload = payloadIn(g, kari, '<p>Den ene</p>');
    const dialog = dialogOf(await openDialog(g, mads, payload));
    const other = payloadIn(g, olga, '<p>Den andre</p>');
    expect(messageOf(await submit(g, mads, other, filled(dialog, {})))).toBe(texts.keepOtherMessage.nb);
    expect(messageOf(await submit(g, mads, undefined, filled(dialog, {})))).toBe(texts.keepNoMessage.nb);
    expect(await kept(g.caseId)).toEqual([]);
  });

  it('refuses 100,000 characters with the limit named', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    const payload = payloadIn(g, kari, '<p>Kort</p>');
    const dialog = dialogOf(await openDialog(g, mads, payload));
    const answer = messageOf(await submit(g, mads, payload, filled(dialog, { text: 'x'.repeat(100_000) })));
    expect(answer).toBe(refuse.textTooLong(FIELDS.idea, LIMITS.ideaOrBarrier, 100_000).text.nb);
    expect(await kept(g.caseId)).toEqual([]);
  });

  it('gives the dialog back without invisible control characters, to check before anything is kept', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    const payload = payloadIn(g, kari, '<p>Kort</p>');
    const dialog = dialogOf(await openDialog(g, mads, payload));
    const hostile = 'Idé\u0007 med \u202eskjult\u202c tekst';
    const back = dialogOf(
      await submit(g, mads, payload, filled(dialog, { text: hostile, kind: 'barrier:other' })),
    );
    expectValidCard(back.card, 'dialog given back');
    expect(JSON.stringify(back.card)).toContain('usynlige kontrolltegn');
    expect(inputValues(back.card).get(INPUT_IDS.keepMessage.text)).toBe('Idé med skjult tekst');
    expect(inputValues(back.card).get(INPUT_IDS.keepMessage.kind)).toBe('barrier:other');
    expect(await kept(g.caseId)).toEqual([]);
    expect(messageOf(await submit(g, mads, payload, filled(back, {})))).toContain(
      'tatt vare på som barriere',
    );
    expect(await kept(g.caseId)).toMatchObject([{ type: 'BarrierRecorded', text: 'Idé med skjult tekst' }]);
  });

  it('refuses a forged submit without the dialog’s data, and a command it does not know', async () => {
    const g = await groupWithCase('Hverdagsrehabilitering');
    const payload = payloadIn(g, kari, '<p>Idé</p>');
    const forged = {
      [INPUT_IDS.keepMessage.kind]: 'idea',
      [INPUT_IDS.keepMessage.caseId]: g.caseId,
      [INPUT_IDS.keepMessage.text]: 'Smuglet inn',
    };
    expect(messageOf(await submit(g, mads, payload, forged))).toContain('ingenting ble lagret');
    const unknown = messageOf(
      await invoke(
        messageActionFetch({
          serviceUrl: harness.serviceUrl,
          conversation: g.conversation,
          from: mads,
          commandId: 'deleteEverything',
          payload,
        }),
      ),
    );
    expect(unknown).toBe(texts.unknownMessageAction.nb);
    expect(await kept(g.caseId)).toEqual([]);
  });
});

function textsSince(g: Group, before: number): string[] {
  return chat
    .sentSince(g, before)
    .map((p) => p.text)
    .filter((t) => t !== '');
}
