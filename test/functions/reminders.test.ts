/**
 * The reminders timer function: it takes the runtime (services, adapter, clock) and runs the reminders.
 */
import { randomUUID } from 'node:crypto';
import { InvocationContext, type Timer } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { reminders } from '../../functions/reminders';
import { createBotRuntime, setBotRuntimeForTests } from '../../runtime/bot';
import { openCommand, people as ids } from '../engine/caseSpecification';
import { memoryServices, testSettings } from '../support/botHarness';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { BOT_ID, TENANT_ID } from '../support/teamsActivities';

const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: true },
  scheduleStatus: { last: '', next: '', lastUpdated: '' },
};

let connector: ConnectorStub | undefined;
afterEach(async () => {
  setBotRuntimeForTests(undefined);
  await connector?.close();
});

describe('reminders (timer function)', () => {
  it('sends the reminders due at the runtime clock’s now, and logs a summary', async () => {
    connector = await startConnectorStub();
    let now = new Date('2026-01-05T08:00:00.000Z');
    const services = memoryServices(() => now);
    setBotRuntimeForTests(createBotRuntime({ settings: testSettings({}), services }));
    const caseId = `case-${randomUUID()}`;
    const conversationId = '19:timer@thread.v2';
    await services.cases.execute({
      caseId,
      command: openCommand({ caseId, conversationId }),
      actorId: ids.olga,
      at: now.toISOString(),
    });
    await services.conversations.update(conversationId, () => ({
      conversationId,
      reference: {
        bot: { id: BOT_ID },
        conversation: {
          id: conversationId,
          conversationType: 'groupChat',
          tenantId: TENANT_ID,
          isGroup: true,
        },
        channelId: 'msteams',
        serviceUrl: connector?.serviceUrl ?? '',
      },
      approvalCards: {},
      updatedAt: now.toISOString(),
    }));
    const logs: string[] = [];
    const context = () =>
      new InvocationContext({
        functionName: 'reminders',
        logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')),
      });

    await reminders(timer, context());
    expect(connector.sentActivities()).toHaveLength(0);

    now = new Date('2026-01-20T08:00:00.000Z');
    await reminders(timer, context());
    await reminders(timer, context());

    expect(connector.sentActivities(conversationId)).toHaveLength(1);
    expect(logs.filter((line) => line.includes('reminders: run finished'))).toHaveLength(3);
  });
});
