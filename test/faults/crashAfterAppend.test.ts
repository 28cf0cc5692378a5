/**
 * The process dies between appending the events and posting the reply. The turn runs in a child process
 * (fixtures/crashingTurn.ts) against this process's Azurite; the child is killed with SIGKILL, either by
 * itself the moment `CaseService.execute` returned, or by the test while the reply is in flight to a Bot
 * Connector that never answers. Then, as after a restart, a fresh bot in this process gets the same
 * activity again (Teams redelivers what it got no answer for): the log is intact, the event is there
 * once, and the reply is sent now.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { texts } from '../../conversation/botTexts';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import {
  asConnectorMember,
  groupChat,
  messageActivity,
  teamsUser,
  type TeamsActivity,
  type TeamsConversation,
} from '../support/teamsActivities';
import { openCaseFromCard } from './botDriver';
import { faultServices, freshTables, type FaultTables } from './faultServices';
import { eventsOfDelivery, expectIntactLog } from './logChecks';

const root = path.resolve(__dirname, '../..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const fixture = path.join(__dirname, 'fixtures', 'crashingTurn.ts');

const olga = teamsUser('Olga Owner');
const mia = teamsUser('Mia Manager');

let connectionString: string;
/** The Bot Connector the redelivered activities reply to, in this process. */
let connector: ConnectorStub;
let harness: BotHarness | undefined;

beforeAll(async () => {
  connectionString = inject('tablesConnectionString');
  connector = await startConnectorStub();
});
afterAll(() => connector.close());
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A bot process of our own, as after a restart: new services and bot on the same tables. */
async function restartedBot(tables: FaultTables): Promise<BotHarness> {
  await harness?.close();
  harness = await startBotHarness({ services: faultServices(connectionString, tables) });
  return harness;
}

async function caseInNewConversation(
  tables: FaultTables,
): Promise<{ conversation: TeamsConversation; caseId: string }> {
  const bot = await restartedBot(tables);
  const conversation = groupChat();
  bot.connector.setMembers(conversation.id, [olga, mia].map(asConnectorMember));
  const caseId = await openCaseFromCard(bot, conversation, olga, {
    title: 'Trygghetsalarm',
    managers: [mia],
  });
  await bot.close();
  harness = undefined;
  return { conversation, caseId };
}

interface ChildRun {
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

function runTurnInChild(tables: FaultTables, activity: TeamsActivity, crash?: 'afterExecute'): ChildRun {
  const child = spawn(process.execPath, ['--import', tsxLoader, fixture], {
    cwd: root,
    env: {
      ...process.env,
      FAULT_CONNECTION_STRING: connectionString,
      FAULT_TABLES: JSON.stringify(tables),
      FAULT_ACTIVITY: JSON.stringify(activity),
      ...(crash !== undefined && { FAULT_CRASH: crash }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { output: () => output, exited, kill: () => void child.kill('SIGKILL') };
}

/**
 * A Bot Connector that takes the first activity posted and never answers it; later posts are answered
 * as the real one would (200 with an id). Resolves `held` when the first post has arrived.
 */
async function connectorThatHangsOnce(): Promise<{
  serviceUrl: string;
  held: Promise<string>;
  answeredTexts: string[];
  close(): Promise<void>;
}> {
  let onHeld: (text: string) => void = () => undefined;
  const held = new Promise<string>((resolve) => (onHeld = resolve));
  const answeredTexts: string[] = [];
  let posts = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: string };
      posts += 1;
      if (posts === 1) {
        onHeld(body.text ?? '');
        return; // never answered
      }
      answeredTexts.push(body.text ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `ok-${posts}` }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    held,
    answeredTexts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('the process is killed between appending and replying', () => {
  it('right after the command was recorded: the log is intact, and the redelivery records nothing more and replies now', async () => {
    const tables = freshTables();
    const { conversation, caseId } = await caseInNewConversation(tables);
    const before = await expectIntactLog(faultServices(connectionString, tables).log, caseId);
    const idea = messageActivity({
      serviceUrl: connector.serviceUrl,
      conversation,
      from: olga,
      text: 'idé: nattevakten ringer brukere som sover dårlig',
    });

    const child = runTurnInChild(tables, idea, 'afterExecute');
    const { signal } = await child.exited;

    expect(signal, child.output()).toBe('SIGKILL');
    expect(child.output()).toContain(`appended ${before.length + 1}`);
    expect(connector.sentActivities(conversation.id)).toEqual([]);

    const bot = await restartedBot(tables);
    const afterCrash = await expectIntactLog(bot.services.log, caseId);
    expect(eventsOfDelivery(afterCrash, String(idea.id)).map((e) => e.type)).toEqual(['IdeaRecorded']);

    const redelivered = await bot.send(idea);

    expect(redelivered.status).toBe(200);
    expect(connector.sentActivities(conversation.id).map((s) => s.activity.text)).toEqual([
      texts.ideaRecorded.nb,
    ]);
    const events = await expectIntactLog(bot.services.log, caseId);
    expect(events).toEqual(afterCrash);
    expect(events).toHaveLength(before.length + 1);
  });

  it('while the reply is on its way to a connector that never answers: the same, and the reply arrives after the restart', async () => {
    const tables = freshTables();
    const { conversation, caseId } = await caseInNewConversation(tables);
    const hanging = await connectorThatHangsOnce();
    try {
      const idea = messageActivity({
        serviceUrl: hanging.serviceUrl,
        conversation,
        from: olga,
        text: 'idé: gjenbruk alarmene fra sone sør',
      });

      const child = runTurnInChild(tables, idea);
      const heldText = await hanging.held;
      child.kill();
      const { signal } = await child.exited;

      expect(heldText).toBe(texts.ideaRecorded.nb);
      expect(signal).toBe('SIGKILL');
      expect(child.output()).not.toContain('answered');

      const bot = await restartedBot(tables);
      const afterCrash = await expectIntactLog(bot.services.log, caseId);
      expect(eventsOfDelivery(afterCrash, String(idea.id)).map((e) => e.type)).toEqual(['IdeaRecorded']);

      const redelivered = await bot.send(idea);

      expect(redelivered.status).toBe(200);
      expect(hanging.answeredTexts).toEqual([texts.ideaRecorded.nb]);
      expect(await expectIntactLog(bot.services.log, caseId)).toEqual(afterCrash);
    } finally {
      await hanging.close();
    }
  });
});
