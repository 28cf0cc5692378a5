/**
 * Teams redelivers an activity the bot was slow to answer, with the same activity id, sometimes while
 * the first delivery is still running. Storage is made slow on purpose (every append waits) so the two
 * deliveries overlap: both read the same head and decide the same command, and the second append must
 * lose on the head's ETag and be recognised as the same delivery. Then the same activity once more,
 * after the first has finished. Each time exactly one decision is recorded and every answer is a
 * well-formed card.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS } from '../../cards';
import { answerRequired } from '../engine/caseSpecification';
import { expectValidCard } from '../cards/cardValidation';
import { readCard } from '../cards/cardReading';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import {
  asConnectorMember,
  cardActionInvoke,
  groupChat,
  messageActivity,
  teamsUser,
  type TeamsConversation,
} from '../support/teamsActivities';
import { invokeValue, openCaseFromCard } from './botDriver';
import { faultServices, freshTables, type FaultServices } from './faultServices';
import { countOf, eventsOfDelivery, expectIntactLog } from './logChecks';

const olga = teamsUser('Olga Owner');
const mia = teamsUser('Mia Manager');

/** How long each append waits: long enough for the second delivery to read the same head. */
const SLOW_APPEND_MS = 250;

let services: FaultServices;
let harness: BotHarness;

beforeAll(async () => {
  services = faultServices(inject('tablesConnectionString'), freshTables());
  harness = await startBotHarness({ services });
});
afterAll(() => harness.close());
beforeEach(() => {
  services.log.hooks = {};
});

function slowAppends(): void {
  services.log.hooks.before = () => new Promise((resolve) => setTimeout(resolve, SLOW_APPEND_MS));
}

/** A case in stage 1 with every required answer, ready for review. */
async function readyCase(): Promise<{ conversation: TeamsConversation; caseId: string }> {
  const conversation = groupChat();
  harness.connector.setMembers(conversation.id, [olga, mia].map(asConnectorMember));
  const caseId = await openCaseFromCard(harness, conversation, olga, {
    title: 'Trygghetsalarm',
    managers: [mia],
  });
  await services.cases.execute({
    caseId,
    command: answerRequired('define-challenge'),
    actorId: olga.aadObjectId,
    at: new Date().toISOString(),
  });
  return { conversation, caseId };
}

function approvalCardsPosted(conversationId: string): number {
  return harness.connector
    .sentActivities(conversationId)
    .filter((sent) => JSON.stringify(sent.activity.attachments ?? []).includes(CARD_VERBS.refreshApproval))
    .length;
}

describe('a slow gate decision that Teams delivers again', () => {
  it('records one approval and one passed gate, whether the copies overlap or follow each other', async () => {
    const { conversation, caseId } = await readyCase();
    await harness.send(
      messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: olga, text: 'be om vurdering' }),
    );
    const gate = (await services.cases.getCase(caseId))?.gate;
    expect(gate).toBeDefined();
    const approve = cardActionInvoke({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: mia,
      verb: CARD_VERBS.decideGate,
      data: { caseId, stageId: 'define-challenge', requestSeq: gate?.requestSeq, outcome: 'approve' },
    });
    slowAppends();
    const attempted = services.log.attempted;
    const appended = services.log.appended;

    const overlapping = await Promise.all([harness.send(approve), harness.send(approve)]);
    // In one process the copies of a case's commands queue (application/caseQueue.ts): the second
    // starts from the head the first wrote, finds its delivery there and appends nothing.
    expect([services.log.attempted - attempted, services.log.appended - appended]).toEqual([1, 1]);
    const following = await harness.send(approve);

    for (const [index, response] of [...overlapping, following].entries()) {
      expect(response.status, `response ${index}`).toBe(200);
      const { type, value } = invokeValue(response);
      expect(type, `response ${index}`).toBe('application/vnd.microsoft.card.adaptive');
      expectValidCard(value as AdaptiveCard, `response ${index}`);
      expect(readCard(value as AdaptiveCard)).toContain('Godkjent');
    }
    const events = await expectIntactLog(services.log, caseId);
    expect(countOf(events, 'GateApprovalGiven')).toBe(1);
    expect(countOf(events, 'GatePassed')).toBe(1);
    expect(eventsOfDelivery(events, String(approve.id)).map((e) => e.type)).toContain('GatePassed');
    expect((await services.cases.getCase(caseId))?.currentStageId).toBe('political-anchoring');
  });
});

describe('a slow "request review" that Teams delivers again', () => {
  it('records one request and posts one approval card for the managers', async () => {
    const { conversation, caseId } = await readyCase();
    const request = messageActivity({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: olga,
      text: 'be om vurdering',
    });
    slowAppends();
    const attempted = services.log.attempted;

    const overlapping = await Promise.all([harness.send(request), harness.send(request)]);
    // Queued in this process: the second copy finds the first's delivery in the head.
    expect(services.log.attempted - attempted).toBe(1);
    const following = await harness.send(request);

    for (const response of [...overlapping, following]) expect(response.status).toBe(200);
    const events = await expectIntactLog(services.log, caseId);
    expect(countOf(events, 'GateReviewRequested')).toBe(1);
    expect(approvalCardsPosted(conversation.id)).toBe(1);
    for (const sent of harness.connector.sentActivities(conversation.id)) {
      for (const attachment of sent.activity.attachments ?? []) {
        expectValidCard(attachment.content as AdaptiveCard, 'posted card');
      }
    }
  });
});
