/**
 * A case in a Nynorsk municipality (MUNICIPALITY_WRITTEN_FORM=nn) through the real HTTP endpoint on
 * Azurite, with Teams clients whose locale says `nb-NO` (Teams has no Nynorsk interface): the welcome,
 * the help, opening, a stage form, a chat answer, a gate sent back and then approved, and a reminder.
 * Everything the bot writes and every card it shows is read for Bokmål; the cards validate against the
 * Adaptive Card 1.5 schema. Then a person's own language for the cards only they see.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS, INPUT_IDS } from '../../cards';
import type { CaseState } from '../../engine';
import { runReminders } from '../../conversation/reminders';
import type { BotHarness } from '../support/botHarness';
import { startBotHarness } from '../support/botHarness';
import { requiredAnswers } from '../support/stageForms';
import { tableServices } from '../support/tableServices';
import { groupChatDriver, type Group as ChatGroup } from '../support/groupChat';
import type { TeamsUser } from '../support/teamsActivities';
import { installationUpdateAdd, teamsUser } from '../support/teamsActivities';
import { displayStrings, expectValidCard } from '../cards/cardValidation';

const olga = teamsUser('Olga Owner');
const mads = teamsUser('Mads Member');
const mia = teamsUser('Mia Manager');

/**
 * Words only Bokmål writes (their Nynorsk forms differ: ikkje, eg, kva, saka, de, frå, berre, leiar, …).
 * A text the bot writes in a Nynorsk case holds none of them.
 */
const BOKMAL_ONLY = [
  'ikke',
  'jeg',
  'hva',
  'hvem',
  'hvor',
  'hvordan',
  'hvorfor',
  'hvis',
  'hver',
  'hvert',
  'noe',
  'noen',
  'fra',
  'bare',
  'mye',
  'ennå',
  'allerede',
  'uten',
  'selv',
  'sammen',
  'dere',
  'deres',
  'saken',
  'leder',
  'lederen',
  'lederne',
  'eier',
  'eieren',
  'deltaker',
  'deltakere',
  'deltakerne',
  'forsker',
  'ble',
  'være',
  'mer',
  'flere',
  'gjøre',
  'gjør',
  'kommer',
  'finnes',
  'spørsmålene',
  'stegene',
  'svarene',
  'ideen',
  'ideer',
  'meldingen',
  'løsning',
  'tjeneste',
  'tjenester',
  'påminnelse',
  'begrunnelse',
  'beslutning',
  'avgjørelse',
  'lagret',
  'startet',
  'åpne',
  'vurderingen',
  'utfordringsbildet',
  'medarbeiderinvolvering',
];
const BOKMAL_WORD = new RegExp(`(?<![\\p{L}\\p{N}])(${BOKMAL_ONLY.join('|')})(?![\\p{L}\\p{N}])`, 'iu');

/** The Bokmål words in `text`, each with a little of what stands around it. */
function bokmalIn(text: string): string[] {
  const found: string[] = [];
  const global = new RegExp(BOKMAL_WORD.source, 'giu');
  for (const match of text.matchAll(global)) {
    const at = match.index;
    found.push(`«${match[0]}» in …${text.slice(Math.max(0, at - 30), at + 30)}…`);
  }
  return found;
}

let harness: BotHarness;
let clockMs = Date.parse('2026-03-02T08:00:00.000Z');

beforeAll(async () => {
  const services = {
    ...tableServices(inject('tablesConnectionString'), () => new Date(clockMs)),
    writtenForm: 'nn' as const,
  };
  harness = await startBotHarness({ services });
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

/** A group's chat, and everything it saw: messages, cards posted, and what each click answered. */
interface Group {
  chat: ChatGroup;
  conversation: ChatGroup['conversation'];
  seen: string[];
  cards: AdaptiveCard[];
}

function newGroup(): Group {
  const group = chat.newGroup([olga, mads, mia], 'Prosjektgruppe heimerehabilitering');
  return { chat: group, conversation: group.conversation, seen: [], cards: [] };
}

function keepCard(g: Group, card: unknown): void {
  const adaptive = card as AdaptiveCard;
  g.cards.push(adaptive);
  g.seen.push(...displayStrings(adaptive).map((s) => s.text));
}

/** What the bot posted to the chat since `before`, kept in `g`; the texts. */
function posted(g: Group, before: number): string[] {
  const sent = chat.sentSince(g.chat, before);
  for (const { card } of sent) if (card !== undefined) keepCard(g, card);
  const texts = sent.map((p) => p.text).filter((text) => text !== '');
  g.seen.push(...texts);
  return texts;
}

async function say(g: Group, from: TeamsUser, text: string, mentions: TeamsUser[] = []): Promise<string[]> {
  const before = chat.sentCount(g.chat);
  await chat.say(g.chat, from, text, { mentions });
  return posted(g, before);
}

/** A click; the card or message it answers is kept in `g`. */
async function click(
  g: Group,
  from: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ type: string; value: unknown }> {
  const before = chat.sentCount(g.chat);
  const body = await chat.click(g.chat, from, verb, data);
  if (body.type === 'application/vnd.microsoft.card.adaptive') keepCard(g, body.value);
  else g.seen.push(String(body.value));
  posted(g, before);
  return body;
}

function activeCase(g: Group): Promise<CaseState> {
  return chat.activeCase(g.chat);
}

async function fillStageByCard(
  g: Group,
  who: TeamsUser,
  extra: Record<string, unknown> = {},
): Promise<unknown> {
  const state = await activeCase(g);
  const stage = harness.services.templates
    .get(state.template)
    .stages.find((s) => s.id === state.currentStageId);
  if (!stage) throw new Error('no stage');
  return click(g, who, CARD_VERBS.recordDocumentation, {
    caseId: state.caseId,
    stageId: stage.id,
    round: state.stages[stage.id]?.round,
    ...requiredAnswers(stage, state, { personId: mads.aadObjectId, author: who.name, language: 'nn' }),
    ...extra,
  });
}

describe('a case in a Nynorsk municipality', { timeout: 60_000 }, () => {
  it('runs from the welcome to the second stage without a word of Bokmål, every card valid', async () => {
    const g = newGroup();
    tick();
    await harness.send(
      installationUpdateAdd({ serviceUrl: harness.serviceUrl, conversation: g.conversation, from: olga }),
    );
    posted(g, 0);
    expect(g.cards).toHaveLength(1);
    expect(g.seen.join('\n')).toContain('prosesslogg');

    const before = g.cards.length;
    await say(g, olga, 'hjelp');
    expect(g.cards.length).toBe(before + 1);
    expect(g.seen.join('\n')).toContain('ny sak');

    const opened = await say(g, olga, 'ny sak Heimerehabilitering i sone nord', [mia]);
    expect(opened.join('\n')).toContain('Saka **Heimerehabilitering i sone nord** er starta');
    const state = await activeCase(g);
    expect(state.language).toBe('nn');

    const form = await click(g, mads, CARD_VERBS.showStageForm, { caseId: state.caseId });
    expect(form.type).toBe('application/vnd.microsoft.card.adaptive');

    await fillStageByCard(g, olga);
    const asked = await say(g, mads, 'neste');
    expect(asked.join('\n')).toMatch(/Spørsmål \d+ av \d+/);
    const saved = await say(g, mads, 'Heimesjukepleie og praktisk bistand, mest eldre over 80.');
    expect(saved.join('\n')).toContain('Lagra');

    await say(g, olga, 'be om vurdering');
    const gate = (await activeCase(g)).gate;
    expect(gate?.stageId).toBe('define-challenge');
    const sentBack = await click(g, mia, CARD_VERBS.decideGate, {
      caseId: state.caseId,
      stageId: 'define-challenge',
      requestSeq: gate?.requestSeq,
      outcome: 'sendBack',
      [INPUT_IDS.decision.sendBackTo]: 'define-challenge',
      [INPUT_IDS.decision.sendBackReason]: 'Brukarane er ikkje høyrde enno.',
    });
    expect(sentBack.type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await activeCase(g)).stages['define-challenge']?.round).toBe(2);

    // The group revises what the reason was about, and asks again.
    await fillStageByCard(g, olga, {
      [INPUT_IDS.answer('challenge')]:
        'Ventelistene veks, og brukarane seier at dei mistar funksjon medan dei ventar.',
    });
    await say(g, olga, 'be om vurdering');
    // A gate left waiting: the reminder a week later is in Nynorsk too.
    tick(8 * 24 * 60);
    const beforeReminder = harness.connector.sentActivities(g.conversation.id).length;
    const report = await runReminders(
      {
        log: {
          listCases: async function* (filter) {
            for await (const c of harness.services.log.listCases(filter))
              if (c.caseId === state.caseId) yield c;
          },
        },
        cases: harness.services.cases,
        templates: harness.services.templates,
        effects: harness.runtime.effects,
        chats: harness.runtime.proactive,
      },
      new Date(clockMs),
    );
    expect(report.sent).toEqual([{ caseId: state.caseId, kind: expect.any(String) as string }]);
    const reminder = posted(g, beforeReminder);
    expect(reminder.join('\n')).toContain('har venta på vurdering');

    const second = (await activeCase(g)).gate;
    const approved = await click(g, mia, CARD_VERBS.decideGate, {
      caseId: state.caseId,
      stageId: 'define-challenge',
      requestSeq: second?.requestSeq,
      outcome: 'approve',
    });
    expect(approved.type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await activeCase(g)).currentStageId).toBe('political-anchoring');
    expect(g.seen.join('\n')).toContain('Politisk forankring');

    for (const [i, card] of g.cards.entries()) expectValidCard(card, `card ${i}`);
    expect(g.cards.length).toBeGreaterThan(6);
    expect(g.seen.length).toBeGreaterThan(100);
    expect(g.seen.flatMap(bokmalIn)).toEqual([]);
  });

  it('finds the Bokmål words it looks for', () => {
    expect(bokmalIn('Saken er ikke lagret, og vi vet ikke hvem som er leder.')).toHaveLength(6);
    expect(bokmalIn('Saka er ikkje lagra, og vi veit ikkje kven som er leiar.')).toEqual([]);
  });

  it("opens «ny sak» in Nynorsk from an English client, «opne sak» too, and «språk norsk» is the municipality's form", async () => {
    const g = newGroup();
    const before = chat.sentCount(g.chat);
    await chat.say(g.chat, olga, 'ny sak Tryggleiksalarmar', { mentions: [mia], locale: 'en-US' });
    expect(posted(g, before).join('\n')).toContain('Saka **Tryggleiksalarmar** er starta');
    expect((await activeCase(g)).language).toBe('nn');
    const english = await say(g, olga, 'language en');
    expect(english.join('\n')).toContain('The case now uses English.');
    const norwegian = await say(g, olga, 'språk norsk');
    expect(norwegian.join('\n')).toContain('Saka brukar no nynorsk.');
    expect((await activeCase(g)).language).toBe('nn');
    // Bokmål when asked for by name.
    const bokmal = await say(g, olga, 'språk bokmål');
    expect(bokmal.join('\n')).toContain('Saken bruker nå norsk bokmål.');
    const other = newGroup();
    await say(other, olga, 'opne sak Kvardagsmeistring', [mia]);
    expect((await activeCase(other)).language).toBe('nn');
  });

  it("shows a person's own language on the cards only they see, and the case's on what everyone reads", async () => {
    const g = newGroup();
    await say(g, olga, 'ny sak Tryggleiksalarmar', [mia]);
    const state = await activeCase(g);
    const unknown = await say(g, mads, 'mitt språk fransk');
    expect(unknown.join('\n')).toContain('Det kjenner eg ikkje att som eit språk.');
    expect(await harness.services.people.languageOf(mads.aadObjectId)).toBeUndefined();
    const set = await say(g, mads, 'my language en');
    expect(set.join('\n')).toContain('The cards only you see now come in English');
    const form = await click(g, mads, CARD_VERBS.showStageForm, { caseId: state.caseId });
    expect(JSON.stringify(form.value)).toContain('Save');
    // Olga chose nothing: her view is the case's Nynorsk.
    const hers = await click(g, olga, CARD_VERBS.showStageForm, { caseId: state.caseId });
    expect(JSON.stringify(hers.value)).toContain('Lagre');
    expect(JSON.stringify(hers.value)).not.toContain('Save');
    // What the group reads stays Nynorsk.
    const asked = await say(g, mads, 'neste');
    expect(asked.join('\n')).toMatch(/Spørsmål \d+ av \d+/);
    const cleared = await say(g, mads, 'my language case');
    expect(cleared.join('\n')).toContain('Korta berre du ser, følgjer no språket til saka att.');
    const after = await click(g, mads, CARD_VERBS.showStageForm, { caseId: state.caseId });
    expect(JSON.stringify(after.value)).toContain('Lagre');
  });
});
