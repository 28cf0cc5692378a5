/**
 * Storage stops in the middle of a turn. The bot runs on an Azurite of this file's own (persisted to a
 * temporary folder, restarted on the same port), through the real /api/messages endpoint, with the
 * storage clients retrying nothing (an outage after the SDK's retries looks the same, only later).
 *
 * What must hold: the person is told, in their language, that nothing was saved; nothing is half-written
 * (each append is one transaction: after the restart the chain verifies and the versions are
 * contiguous); and when the same activity comes again after storage is back (Teams redelivers, or the
 * client resends it), it is recorded exactly once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { texts } from '../../conversation/botTexts';
import { CARD_VERBS } from '../../cards';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import {
  asConnectorMember,
  cardActionInvoke,
  groupChat,
  messageActivity,
  teamsUser,
  type TeamsConversation,
} from '../support/teamsActivities';
import { exchange, invokeValue, openCaseFromCard, stageOneForm } from './botDriver';
import { faultServices, freshTables, type FaultServices } from './faultServices';
import { eventsOfDelivery, expectIntactLog } from './logChecks';
import { startRestartableAzurite, type RestartableAzurite } from './restartableAzurite';

const olga = teamsUser('Olga Owner');
const mads = teamsUser('Mads Member');
const mia = teamsUser('Mia Manager');

let azurite: RestartableAzurite;
let services: FaultServices;
let harness: BotHarness;

beforeAll(async () => {
  azurite = await startRestartableAzurite();
  services = faultServices(azurite.connectionString, freshTables());
  harness = await startBotHarness({ services });
});
afterAll(async () => {
  await harness.close();
  await azurite.dispose();
});
afterEach(() => {
  vi.restoreAllMocks();
});
beforeEach(async () => {
  services.log.hooks = {};
  await azurite.start();
});

/** Stops storage the first time the hook runs, and only then. */
function stopStorageOnce(): () => Promise<void> {
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    await azurite.stop();
  };
}

async function newCase(locale: string): Promise<{ conversation: TeamsConversation; caseId: string }> {
  const conversation = groupChat();
  harness.connector.setMembers(conversation.id, [olga, mads, mia].map(asConnectorMember));
  const caseId = await openCaseFromCard(harness, conversation, olga, {
    title: 'Trygghetsalarm',
    managers: [mia],
    locale,
  });
  return { conversation, caseId };
}

describe('storage stops after the turn read the case, before it appends', () => {
  it('says "not saved" in English to an English client, writes nothing, and records the redelivered idea once', async () => {
    const { conversation, caseId } = await newCase('en-US');
    const before = await expectIntactLog(services.log, caseId);
    const idea = messageActivity({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: olga,
      locale: 'en-US',
      text: 'idea: let the night shift call people who sleep badly',
    });
    services.log.hooks.before = stopStorageOnce();
    const errors = vi.spyOn(console, 'error');

    const during = await exchange(harness, idea);

    expect(during.status).toBe(200);
    expect(during.texts).toEqual([texts.storageDown.en]);
    expect(azurite.running).toBe(false);
    expect(errors).not.toHaveBeenCalled();

    await azurite.start();
    const after = await expectIntactLog(services.log, caseId);
    expect(after).toEqual(before);

    const redelivered = await exchange(harness, idea);
    const again = await exchange(harness, idea);

    expect(redelivered.texts).toEqual([texts.ideaRecorded.en]);
    expect(again.texts).toEqual([texts.ideaRecorded.en]);
    const events = await expectIntactLog(services.log, caseId);
    expect(events).toHaveLength(before.length + 1);
    expect(eventsOfDelivery(events, String(idea.id)).map((e) => e.type)).toEqual(['IdeaRecorded']);
  });

  it('says it in Norwegian to a Norwegian client, and a storage outage before the turn begins is the same', async () => {
    const { conversation, caseId } = await newCase('nb-NO');
    const before = await expectIntactLog(services.log, caseId);
    const barrier = messageActivity({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: mads,
      text: 'barriere turnus: vanskelig å samle alle til workshop',
    });
    await azurite.stop();

    const during = await exchange(harness, barrier);

    expect(during.status).toBe(200);
    expect(during.texts).toEqual([texts.storageDown.nb]);

    await azurite.start();
    expect(await expectIntactLog(services.log, caseId)).toEqual(before);
    const redelivered = await exchange(harness, barrier);
    await exchange(harness, barrier);

    expect(redelivered.texts.join('\n')).toContain('Barrieren er registrert');
    const events = await expectIntactLog(services.log, caseId);
    // Mads joined as a member with his first action: one append, recorded once.
    expect(eventsOfDelivery(events, String(barrier.id)).map((e) => e.type)).toEqual([
      'RoleAssigned',
      'BarrierRecorded',
    ]);
    expect(events).toHaveLength(before.length + 2);
  });
});

describe("storage stops before a newcomer's first card action is appended", () => {
  it('records neither the joining nor the answers, says "not saved", and the redelivered form records both once', async () => {
    const { conversation, caseId } = await newCase('nb-NO');
    const before = await expectIntactLog(services.log, caseId);
    const form = cardActionInvoke({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: mads,
      verb: CARD_VERBS.recordDocumentation,
      data: stageOneForm(caseId),
    });
    // Mads is not in the case yet: his joining and his answers are one append, so nothing is half-saved.
    services.log.hooks.before = stopStorageOnce();

    const during = await harness.send(form);

    expect(during.status).toBe(200);
    expect(invokeValue(during)).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: texts.storageDown.nb,
    });

    await azurite.start();
    expect(await expectIntactLog(services.log, caseId)).toEqual(before);

    const redelivered = await harness.send(form);
    const again = await harness.send(form);

    expect(invokeValue(redelivered).type).toBe('application/vnd.microsoft.card.adaptive');
    // Three answers saved; his joining is not counted as a change to the stage.
    expect(JSON.stringify(invokeValue(redelivered).value)).toContain('Lagret 3 endringer');
    // The form sent a third time changes nothing: a card again, and nothing more in the log.
    expect(invokeValue(again).type).toBe('application/vnd.microsoft.card.adaptive');
    const events = await expectIntactLog(services.log, caseId);
    expect(eventsOfDelivery(events, String(form.id)).map((e) => e.type)).toEqual([
      'RoleAssigned',
      'DocumentationRecorded',
      'DocumentationRecorded',
      'DocumentationRecorded',
    ]);
    expect(events).toHaveLength(before.length + 4);
  });
});

describe('storage stops right after an append', () => {
  it('still confirms what was recorded, and after the restart the log is whole and the redelivery adds nothing', async () => {
    const { conversation, caseId } = await newCase('nb-NO');
    const before = await expectIntactLog(services.log, caseId);
    const idea = messageActivity({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: olga,
      text: 'idé: gjenbruk alarmene fra sone sør',
    });
    services.log.hooks.after = stopStorageOnce();

    const during = await exchange(harness, idea);

    expect(during.texts).toEqual([texts.ideaRecorded.nb]);
    expect(azurite.running).toBe(false);

    await azurite.start();
    const redelivered = await exchange(harness, idea);

    expect(redelivered.texts).toEqual([texts.ideaRecorded.nb]);
    const events = await expectIntactLog(services.log, caseId);
    expect(events).toHaveLength(before.length + 1);
    expect(eventsOfDelivery(events, String(idea.id)).map((e) => e.type)).toEqual(['IdeaRecorded']);
  });
});
