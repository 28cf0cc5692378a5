/**
 * Small steps for the fault tests, in the style of test/bot/innovationBot.flow.test.ts: send an activity
 * through the real endpoint and see what the bot wrote back because of it; open a case from the card.
 */
import { expect } from 'vitest';
import { CARD_VERBS, INPUT_IDS } from '../../cards';
import type { BotHarness, HarnessResponse } from '../support/botHarness';
import type { ConnectorActivity } from '../support/connectorStub';
import { requiredAnswers } from '../support/stageForms';
import type { TeamsConversation, TeamsUser } from '../support/teamsActivities';
import { asConnectorMember, cardActionInvoke, groupChat, messageActivity } from '../support/teamsActivities';

export interface Exchange extends HarnessResponse {
  /** What the bot posted to the conversation during this request, successfully. */
  replies: ConnectorActivity[];
  /** Activities it replaced in place meanwhile (approval cards after a decision). */
  updates: ConnectorActivity[];
  /** The texts of those replies ('' for a card without text). */
  texts: string[];
}

/** Sends an activity and collects what reached the connector meanwhile. */
export async function exchange(harness: BotHarness, activity: object): Promise<Exchange> {
  const before = harness.connector.sentActivities().length;
  const updatedBefore = harness.connector.updatedActivities().length;
  const response = await harness.send(activity);
  const replies = harness.connector
    .sentActivities()
    .slice(before)
    .map((sent) => sent.activity);
  const updates = harness.connector
    .updatedActivities()
    .slice(updatedBefore)
    .map((updated) => updated.activity);
  return { ...response, replies, updates, texts: replies.map((reply) => reply.text ?? '') };
}

/** The invoke response of a card action: `{ type, value }`. */
export function invokeValue(response: HarnessResponse): { type: string; value: unknown } {
  return response.body as { type: string; value: unknown };
}

/** Opens a case from the open-case card and returns its id (the conversation's active case). */
export async function openCaseFromCard(
  harness: BotHarness,
  conversation: TeamsConversation,
  owner: TeamsUser,
  options: { title: string; managers: TeamsUser[]; locale?: string },
): Promise<string> {
  const response = await harness.send(
    cardActionInvoke({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: owner,
      ...(options.locale !== undefined && { locale: options.locale }),
      verb: CARD_VERBS.openCase,
      data: {
        [INPUT_IDS.openCase.title]: options.title,
        [INPUT_IDS.openCase.managers]: options.managers.map((m) => m.aadObjectId).join(','),
      },
    }),
  );
  expect(response.status).toBe(200);
  expect(invokeValue(response).type).toBe('application/vnd.microsoft.card.adaptive');
  const record = await harness.services.conversations.get(conversation.id);
  if (!record?.activeCaseId) throw new Error('The case was not opened');
  return record.activeCaseId;
}

/** Three answers of stage 1 ("Define the challenge"), as the stage form sends them. */
export function stageOneForm(caseId: string): Record<string, unknown> {
  return {
    caseId,
    stageId: 'define-challenge',
    round: 1,
    [INPUT_IDS.answer('challenge')]: 'Ventelistene vokser, og brukerne mister funksjon mens de venter.',
    [INPUT_IDS.answer('trigger')]: 'demography,recruitment',
    [INPUT_IDS.answer('idea-source')]: 'employees-practice',
  };
}

/**
 * A new case waiting at its first gate, brought there through the chat: opened from the card with its
 * managers, stage 1 documented on its form by the owner, the review requested. `tick` moves the test's
 * clock on before each step. Returns the case id.
 */
export async function caseAtFirstGate(
  harness: BotHarness,
  conversation: TeamsConversation,
  people: { owner: TeamsUser; member: TeamsUser; managers: TeamsUser[] },
  tick: () => void,
): Promise<string> {
  const caseId = await openCaseFromCard(harness, conversation, people.owner, {
    title: 'Trygghetsalarm',
    managers: people.managers,
  });
  const state = await harness.services.cases.getCase(caseId);
  const stage = state && harness.services.templates.get(state.template).stages[0];
  if (!state || !stage) throw new Error('The case has no first stage');
  tick();
  await harness.send(
    cardActionInvoke({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: people.owner,
      verb: CARD_VERBS.recordDocumentation,
      data: {
        caseId,
        stageId: stage.id,
        round: 1,
        ...requiredAnswers(stage, state, { personId: people.member.aadObjectId }),
      },
    }),
  );
  tick();
  await harness.send(
    messageActivity({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: people.owner,
      text: 'be om vurdering',
    }),
  );
  expect((await harness.services.cases.getCase(caseId))?.gate).toBeDefined();
  return caseId;
}

/**
 * A new group chat of the owner, the member and the managers, whose new case waits at its first gate
 * (`caseAtFirstGate`).
 */
export async function groupAtFirstGate(
  harness: BotHarness,
  people: { owner: TeamsUser; member: TeamsUser; managers: TeamsUser[] },
  tick: () => void,
): Promise<{ conversation: TeamsConversation; caseId: string }> {
  const conversation = groupChat(undefined, 'Prosjektgruppe');
  harness.connector.setMembers(
    conversation.id,
    [people.owner, people.member, ...people.managers].map(asConnectorMember),
  );
  return { conversation, caseId: await caseAtFirstGate(harness, conversation, people, tick) };
}
