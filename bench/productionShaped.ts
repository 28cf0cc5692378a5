/**
 * Benchmark 7, production-shaped: the turns of bench/turnCost.ts, timed as the user waits for them when
 * every exchange is a network round trip. On loopback an exchange costs well under a millisecond; in
 * production each storage request is a round trip to Azure Table Storage (a few milliseconds) and each
 * Bot Connector call a round trip to Teams' service (about 100 ms). Here delay proxies
 * (bench/delayProxy.ts) in front of Azurite and of the connector stub hold every request that long before
 * forwarding it, and both the subject (InnovationBot) and the floor (bench/floorBot.ts) go through them,
 * interleaved in blocks as in the other benchmarks.
 *
 * What is reported, each side against the floor under the same delays:
 * - Approval turn (Mia approves a gate on the approval card; floor: a card action): time to the invoke
 *   response, which is what Teams waits for before it shows the card's result. Target p50 ≤ 1.3×.
 * - Documentation turn (Olga answers the pending question in chat; floor: a chat message): time from
 *   sending the activity until the connector has received the last message the bot sends in that turn
 *   (the floor's one reply), which is when the user has read everything the turn says. Target p50 ≤
 *   1.5×. The time to the HTTP 200 is shown beside it.
 * - p99s, and the storage and connector requests per turn, for information.
 *
 * How a turn is timed: the activity is posted; after the answer, the benchmark waits until neither proxy
 * has had a request in flight for `quietMs`, so that messages the bot sends after it has answered are
 * counted too (the turn's end is the last message, wherever it falls). A message is a posted activity of
 * type `message`, or an activity updated in place (a card replaced); it is received when the connector's
 * proxy forwards it, i.e. after its full round-trip delay. The waiting is not part of any figure.
 *
 * Preparation runs without delays to save time (opening cases and bringing fresh cases to their gates
 * takes dozens of connector calls each): the delays are switched on only for the interleaved, timed part.
 * Putting the pending question back before each documentation turn happens inside it, under the delays,
 * but before the clock starts.
 *
 * Parameters (environment variables, milliseconds): BENCH_STORAGE_DELAY_MS (default 4),
 * BENCH_CONNECTOR_DELAY_MS (default 100), BENCH_QUIET_MS (default 30).
 */
import {
  addCounts,
  describeCounts,
  interleave,
  perTurn,
  zeroCounts,
  type BenchOptions,
  type BenchmarkResult,
} from './benchmark';
import { untilQuiet, type DelayProxy, type DelayedExchange } from './delayProxy';
import { Driver, mapLimit, people } from './driver';
import { countsBetween, startBenchStack, type BenchStack, type RequestCounts } from './stack';
import { atMost, distribution, ratio, round, rounded, type Distribution, type ResultRow } from './stats';
import { floorPool, pick, revisionsOf } from './turnCost';
import type { TeamsActivity, TeamsConversation } from '../test/support/teamsActivities';
import { CARD_VERBS } from '../cards';

type TurnSide = 'subject' | 'floor';

const BENCHMARK = '7 production-shaped';

export interface ProductionDelays {
  /** Held on every storage request (Azure Table Storage in the same region: a few ms). */
  storageMs: number;
  /** Held on every Bot Connector call (Teams' service: about 100 ms). */
  connectorMs: number;
  /** How long both proxies must be idle before a turn counts as over (not part of any figure). */
  quietMs: number;
}

export const DEFAULT_DELAYS: ProductionDelays = { storageMs: 4, connectorMs: 100, quietMs: 30 };

/** The delays from the environment (BENCH_STORAGE_DELAY_MS, BENCH_CONNECTOR_DELAY_MS, BENCH_QUIET_MS). */
export function delaysFromEnvironment(env: NodeJS.ProcessEnv = process.env): ProductionDelays {
  const read = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`${name} must be milliseconds ≥ 0, not "${text}"`);
    return value;
  };
  return {
    storageMs: read('BENCH_STORAGE_DELAY_MS', DEFAULT_DELAYS.storageMs),
    connectorMs: read('BENCH_CONNECTOR_DELAY_MS', DEFAULT_DELAYS.connectorMs),
    quietMs: read('BENCH_QUIET_MS', DEFAULT_DELAYS.quietMs),
  };
}

export function productionShapedSize(quick: boolean): { warmup: number; perSide: number; blockSize: number } {
  // A subject turn waits for a few connector calls (a few hundred ms), so fewer turns than turnCost's:
  // the quick run stays under a minute, the full one a few minutes. The quick p99 (of 20) is the largest.
  return quick ? { warmup: 4, perSide: 20, blockSize: 5 } : { warmup: 10, perSide: 100, blockSize: 5 };
}

/** What one turn under the delays came to, beside the `TimedTurn` figures. */
interface ShapedTurn {
  /** Sending the activity → its HTTP answer (the invoke response for a card action), ms. */
  responseMs: number;
  /** Sending the activity → the connector received the turn's last message; NaN when there was none. */
  lastMessageMs: number;
  /** Messages the turn sent (posted messages and in-place updates). */
  messages: number;
  /** Of those, how many the connector received after the HTTP answer had come back. */
  messagesAfterResponse: number;
  cpuMs: number;
  counts: RequestCounts;
  /** Storage and connector exchanges of the turn, for the check that the delays were applied. */
  exchanges: { storage: DelayedExchange[]; connector: DelayedExchange[] };
  /** performance.now() when the activity was sent: the zero of the turn's timeline. */
  sentAt: number;
}

export async function runProductionShaped(
  options: BenchOptions,
  delays: ProductionDelays = delaysFromEnvironment(),
): Promise<BenchmarkResult> {
  const size = productionShapedSize(options.quick);
  // Started without delays: the preparation below is not measured.
  const stack = await startBenchStack({ delays: { storageMs: 0, connectorMs: 0 } });
  try {
    const proxies = stack.delays;
    if (!proxies) throw new Error('The stack was started without delay proxies');
    const driver = new Driver(stack);
    stack.use('subject');
    await driver.warmUp();

    const floorConversations = await floorPool(stack, driver, 10);
    const turns = size.warmup + size.perSide;
    options.log(`production-shaped: preparing 10 cases and ${turns} gates (untimed, no delays)`);
    const pool = await mapLimit(
      Array.from({ length: 10 }, (_, i) => i),
      4,
      () => driver.openCase(),
    );
    const gates = await mapLimit(
      Array.from({ length: turns }, (_, i) => i),
      4,
      () => driver.caseAtGate(),
    );
    // The preparation ran the subject's code paths many times; the floor's get as many turns here, so the
    // short warm-up under delays does not find one side colder than the other.
    stack.use('floor');
    for (let i = 0; i < 20; i += 1) {
      const conversation = pick(floorConversations, i);
      await driver.send(driver.message(conversation, people.olga, driver.answerText()));
      await driver.send(driver.invoke(conversation, people.mia, CARD_VERBS.decideGate, { caseId: 'floor' }));
    }
    stack.use('subject');
    const revisionsBefore = await revisionsOf(driver, pool);
    stack.connector.reset();
    proxies.storage.clearLog();
    proxies.connector.clearLog();

    proxies.storage.setDelay(delays.storageMs);
    proxies.connector.setDelay(delays.connectorMs);
    const timed = (activity: TeamsActivity, conversation: TeamsConversation): Promise<ShapedTurn> =>
      shapedTurn(stack, proxies, delays.quietMs, activity, conversation.id);

    options.log(
      `production-shaped: documentation turns (${size.warmup} warm-up + ${size.perSide} per side; ` +
        `${delays.storageMs} ms per storage request, ${delays.connectorMs} ms per connector call)`,
    );
    const documentation = await interleaveShaped(stack, size, async (side, index) => {
      if (side === 'floor') {
        const conversation = pick(floorConversations, index);
        return timed(driver.message(conversation, people.olga, driver.answerText()), conversation);
      }
      const bench = pick(pool, index);
      await driver.setPendingQuestion(bench);
      return timed(driver.documentationTurn(bench), bench.conversation);
    });

    options.log(`production-shaped: approval turns (${size.warmup} warm-up + ${size.perSide} per side)`);
    const approval = await interleaveShaped(stack, size, async (side, index) => {
      if (side === 'floor') {
        const conversation = pick(floorConversations, index);
        return timed(
          driver.invoke(conversation, people.mia, CARD_VERBS.decideGate, {
            caseId: 'floor',
            stageId: 'define-challenge',
            requestSeq: 1,
            outcome: 'approve',
          }),
          conversation,
        );
      }
      const gate = gates[index];
      if (!gate) throw new Error(`No prepared gate ${index}`);
      return timed(driver.approvalTurn(gate), gate.conversation);
    });
    proxies.storage.setDelay(0);
    proxies.connector.setDelay(0);

    // Refusals must never be what was timed: every documentation turn recorded an answer, every approval
    // passed its gate, and every documentation turn told the user something.
    const recorded = (await revisionsOf(driver, pool)) - revisionsBefore;
    if (recorded !== turns) throw new Error(`${turns} documentation turns recorded ${recorded} answers`);
    const notPassed = (
      await mapLimit(gates, 8, async (gate) => (await driver.state(gate.caseId)).currentStageId)
    ).filter((stageId) => stageId !== 'political-anchoring').length;
    if (notPassed > 0) throw new Error(`${notPassed} approval turns did not pass their gate`);
    for (const side of ['subject', 'floor'] as const) {
      const silent = documentation[side].filter((turn) => turn.messages === 0).length;
      if (silent > 0) throw new Error(`${silent} documentation turns of the ${side} sent no message`);
    }
    const delayCheck = checkDelays(
      [...documentation.subject, ...documentation.floor, ...approval.subject, ...approval.floor],
      delays,
    );

    return report({ size, delays, documentation, approval, delayCheck, errors: stack.errors });
  } finally {
    await stack.close();
  }
}

/** Runs one kind of turn on both sides, interleaved; returns the measured turns of each side. */
async function interleaveShaped(
  stack: BenchStack,
  size: { warmup: number; perSide: number; blockSize: number },
  turn: (side: TurnSide, index: number) => Promise<ShapedTurn>,
): Promise<Record<TurnSide, ShapedTurn[]>> {
  const measured: Record<TurnSide, ShapedTurn[]> = { subject: [], floor: [] };
  await interleave<TurnSide>({
    sides: ['subject', 'floor'],
    ...size,
    select: (side) => stack.use(side),
    turn: async (side, index, isMeasured) => {
      const shaped = await turn(side, index);
      if (isMeasured) measured[side].push(shaped);
      return { ms: shaped.responseMs, cpuMs: shaped.cpuMs, counts: shaped.counts };
    },
  });
  return measured;
}

/**
 * Posts one activity and times it as the user waits for it: to the HTTP answer, and to the last message
 * the connector received, waiting for the bot to go quiet so that messages sent after the answer count.
 */
async function shapedTurn(
  stack: BenchStack,
  proxies: { storage: DelayProxy; connector: DelayProxy },
  quietMs: number,
  activity: TeamsActivity,
  conversationId: string,
): Promise<ShapedTurn> {
  // Whatever came before (the previous turn, the untimed preparation) must be over.
  await untilQuiet([proxies.storage, proxies.connector], 0);
  proxies.storage.clearLog();
  proxies.connector.clearLog();
  stack.connector.reset();
  const before = stack.counts();
  const cpuBefore = process.cpuUsage();
  const sentAt = performance.now();
  const result = await stack.post(activity);
  const answeredAt = performance.now();
  await untilQuiet([proxies.storage, proxies.connector], quietMs);
  const cpu = process.cpuUsage(cpuBefore);
  const counts = countsBetween(stack.counts(), before);
  if (result.status !== 200) throw new Error(`The endpoint answered ${result.status}: ${result.body}`);
  const messages = proxies.connector.log.filter((exchange) => isMessage(exchange, conversationId));
  const lastAt = Math.max(...messages.map((exchange) => exchange.forwardedAt));
  return {
    responseMs: result.ms,
    lastMessageMs: messages.length === 0 ? Number.NaN : lastAt - sentAt,
    messages: messages.length,
    messagesAfterResponse: messages.filter((exchange) => exchange.forwardedAt > answeredAt).length,
    cpuMs: (cpu.user + cpu.system) / 1000,
    counts,
    exchanges: { storage: [...proxies.storage.log], connector: [...proxies.connector.log] },
    sentAt,
  };
}

/**
 * A message the user sees in this conversation: a posted activity of type `message` (sent or a reply),
 * or an activity updated in place; answered with success. Member look-ups and typing indicators are not.
 */
function isMessage(exchange: DelayedExchange, conversationId: string): boolean {
  if (exchange.status === undefined || exchange.status < 200 || exchange.status >= 300) return false;
  const segments = exchange.path
    .split('?')[0]
    ?.split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
  if (!segments || segments[0] !== 'v3' || segments[1] !== 'conversations') return false;
  if (segments[2] !== conversationId || segments[3] !== 'activities') return false;
  if (exchange.method === 'PUT') return segments.length === 5;
  if (exchange.method !== 'POST' || segments.length > 5) return false;
  try {
    const body = JSON.parse(exchange.body ?? '{}') as { type?: unknown };
    return body.type === 'message';
  } catch {
    return false;
  }
}

interface DelayCheck {
  storage: { exchanges: number; heldMs: Distribution; underDelay: number };
  connector: { exchanges: number; heldMs: Distribution; underDelay: number };
}

/**
 * Every timed exchange must have been held at least its delay (a timer may fire up to a millisecond
 * early by rounding), or the benchmark measured loopback; how much longer the timers held them (a busy
 * event loop fires late) is kept in the details, since it adds to both sides alike.
 */
function checkDelays(turns: readonly ShapedTurn[], delays: ProductionDelays): DelayCheck {
  const one = (exchanges: DelayedExchange[], expected: number) => {
    const held = exchanges.map((exchange) => exchange.forwardedAt - exchange.receivedAt);
    const underDelay = exchanges.filter(
      (exchange) =>
        exchange.delayMs !== expected || exchange.forwardedAt - exchange.receivedAt < expected - 1,
    ).length;
    if (underDelay > 0) throw new Error(`${underDelay} exchanges were not held their ${expected} ms`);
    return { exchanges: exchanges.length, heldMs: rounded(distribution(held)), underDelay };
  };
  return {
    storage: one(
      turns.flatMap((turn) => turn.exchanges.storage),
      delays.storageMs,
    ),
    connector: one(
      turns.flatMap((turn) => turn.exchanges.connector),
      delays.connectorMs,
    ),
  };
}

/** One exchange of a turn, in milliseconds from sending the activity. */
interface TimelineEntry {
  to: 'storage' | 'connector';
  /** Method and path, without the storage account, cut short. */
  request: string;
  from: number;
  until: number;
}

/**
 * Where a turn's time went: its exchanges on a timeline from sending the activity, and how much of the
 * time up to `endMs` some exchange was in flight (the union of their intervals): waiting on the network,
 * as against the process's own work (the bot, the SDKs, the host; and Azurite's, which in production is
 * part of the round trip).
 */
function timeline(turn: ShapedTurn, endMs: number): { entries: TimelineEntry[]; waitingMs: number } {
  const entries: TimelineEntry[] = [
    ...turn.exchanges.storage.map((exchange) => ({ to: 'storage' as const, exchange })),
    ...turn.exchanges.connector.map((exchange) => ({ to: 'connector' as const, exchange })),
  ]
    .map(({ to, exchange }) => ({
      to,
      request: `${exchange.method} ${decodeURIComponent(exchange.path)
        .replace(/^\/devstoreaccount1\//, '')
        .slice(0, 70)}`,
      from: round(exchange.receivedAt - turn.sentAt, 1),
      until: round((exchange.answeredAt ?? exchange.forwardedAt) - turn.sentAt, 1),
    }))
    .sort((a, b) => a.from - b.from);
  let waitingMs = 0;
  let coveredUntil = 0;
  for (const entry of entries) {
    const from = Math.max(entry.from, coveredUntil);
    const until = Math.min(entry.until, endMs);
    if (until > from) waitingMs += until - from;
    coveredUntil = Math.max(coveredUntil, entry.until);
  }
  return { entries, waitingMs: round(waitingMs, 1) };
}

/** The turn whose figure is the median (nearest rank, as the p50 of the table). */
function medianTurn(
  turns: readonly ShapedTurn[],
  figure: (turn: ShapedTurn) => number,
): ShapedTurn | undefined {
  const sorted = [...turns].sort((a, b) => figure(a) - figure(b));
  return sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)];
}

function report(input: {
  size: { warmup: number; perSide: number; blockSize: number };
  delays: ProductionDelays;
  documentation: Record<TurnSide, ShapedTurn[]>;
  approval: Record<TurnSide, ShapedTurn[]>;
  delayCheck: DelayCheck;
  errors: readonly string[];
}): BenchmarkResult {
  const { documentation, approval, delays } = input;
  const of = (turns: readonly ShapedTurn[], figure: (turn: ShapedTurn) => number): Distribution =>
    distribution(turns.map(figure));
  const response = (turn: ShapedTurn): number => turn.responseMs;
  const lastMessage = (turn: ShapedTurn): number => turn.lastMessageMs;

  const approvalResponse = { subject: of(approval.subject, response), floor: of(approval.floor, response) };
  const docLast = {
    subject: of(documentation.subject, lastMessage),
    floor: of(documentation.floor, lastMessage),
  };
  const docResponse = {
    subject: of(documentation.subject, response),
    floor: of(documentation.floor, response),
  };
  const info = (metric: string, subject: number, baseline: number, unit = 'ms'): ResultRow => ({
    benchmark: BENCHMARK,
    metric,
    subject,
    baseline,
    unit,
    ratio: ratio(subject, baseline),
    target: '(info)',
    verdict: 'info',
  });

  const requests = (turns: readonly ShapedTurn[]): RequestCounts =>
    perTurn(
      turns.reduce((total, turn) => addCounts(total, turn.counts), zeroCounts()),
      turns.length,
    );
  const docRequests = { subject: requests(documentation.subject), floor: requests(documentation.floor) };
  const approvalRequests = { subject: requests(approval.subject), floor: requests(approval.floor) };
  const exchanges = (counts: RequestCounts): number =>
    round(
      counts.storageReads +
        counts.storageWrites +
        counts.storageTransactions +
        counts.storageOther +
        counts.connector,
      1,
    );

  const rows: ResultRow[] = [
    atMost({
      benchmark: BENCHMARK,
      metric: 'approval: to the invoke response, p50',
      subject: approvalResponse.subject.p50,
      baseline: approvalResponse.floor.p50,
      unit: 'ms',
      limit: 1.3,
    }),
    info('approval: to the invoke response, p99', approvalResponse.subject.p99, approvalResponse.floor.p99),
    atMost({
      benchmark: BENCHMARK,
      metric: 'documentation: to the last message, p50',
      subject: docLast.subject.p50,
      baseline: docLast.floor.p50,
      unit: 'ms',
      limit: 1.5,
    }),
    info('documentation: to the last message, p99', docLast.subject.p99, docLast.floor.p99),
    info('documentation: to the HTTP 200, p50', docResponse.subject.p50, docResponse.floor.p50),
    info('documentation: to the HTTP 200, p99', docResponse.subject.p99, docResponse.floor.p99),
    info(
      'documentation: requests per turn',
      exchanges(docRequests.subject),
      exchanges(docRequests.floor),
      'requests',
    ),
    info(
      'approval: requests per turn',
      exchanges(approvalRequests.subject),
      exchanges(approvalRequests.floor),
      'requests',
    ),
  ];
  const mean = (turns: readonly ShapedTurn[], figure: (turn: ShapedTurn) => number): number =>
    round(turns.reduce((total, turn) => total + figure(turn), 0) / Math.max(1, turns.length), 1);
  const approvalLast = of(
    approval.subject.filter((turn) => turn.messages > 0),
    lastMessage,
  );
  const typical = (
    turns: readonly ShapedTurn[],
    figure: (turn: ShapedTurn) => number,
  ): { ms: number; waitingMs: number; entries: TimelineEntry[] } | undefined => {
    const turn = medianTurn(turns, figure);
    if (!turn) return undefined;
    const ms = round(figure(turn), 1);
    return { ms, ...timeline(turn, ms) };
  };
  const typicalDocumentation = typical(documentation.subject, lastMessage);
  const typicalApproval = typical(approval.subject, response);
  const waiting = (name: string, turn: { ms: number; waitingMs: number } | undefined): string =>
    turn === undefined
      ? ''
      : ` Its median ${name} (${turn.ms} ms): ${turn.waitingMs} ms with a request in flight, ` +
        `${round(turn.ms - turn.waitingMs, 1)} ms with none.`;
  const notes = [
    `${BENCHMARK}: every storage request held ${delays.storageMs} ms, every connector call ${delays.connectorMs} ms ` +
      `(median held ${input.delayCheck.storage.heldMs.p50} and ${input.delayCheck.connector.heldMs.p50} ms: ` +
      `timers fire a little late).`,
    `${BENCHMARK}, documentation turn: per turn the bot makes ${describeCounts(docRequests.subject)} requests and ` +
      `sends ${mean(documentation.subject, (turn) => turn.messages)} messages ` +
      `(${mean(documentation.subject, (turn) => turn.messagesAfterResponse)} after the HTTP 200); ` +
      `the floor ${describeCounts(docRequests.floor)}.${waiting('turn to the last message', typicalDocumentation)}`,
    `${BENCHMARK}, approval turn: per turn the bot makes ${describeCounts(approvalRequests.subject)} requests and ` +
      `sends ${mean(approval.subject, (turn) => turn.messages)} messages or card updates ` +
      `(${mean(approval.subject, (turn) => turn.messagesAfterResponse)} after the invoke response; ` +
      `the last one ${round(approvalLast.p50)} ms after the action, p50); the floor ${describeCounts(approvalRequests.floor)}.` +
      waiting('turn to the invoke response', typicalApproval),
  ];
  const details: Record<string, unknown> = {
    size: input.size,
    delays,
    documentation: {
      lastMessage: { subject: rounded(docLast.subject), floor: rounded(docLast.floor) },
      response: { subject: rounded(docResponse.subject), floor: rounded(docResponse.floor) },
      messagesPerTurn: {
        subject: mean(documentation.subject, (turn) => turn.messages),
        floor: mean(documentation.floor, (turn) => turn.messages),
      },
      messagesAfterResponsePerTurn: {
        subject: mean(documentation.subject, (turn) => turn.messagesAfterResponse),
        floor: mean(documentation.floor, (turn) => turn.messagesAfterResponse),
      },
      requestsPerTurn: docRequests,
    },
    approval: {
      response: { subject: rounded(approvalResponse.subject), floor: rounded(approvalResponse.floor) },
      lastMessage: { subject: rounded(approvalLast) },
      messagesPerTurn: { subject: mean(approval.subject, (turn) => turn.messages) },
      messagesAfterResponsePerTurn: { subject: mean(approval.subject, (turn) => turn.messagesAfterResponse) },
      requestsPerTurn: approvalRequests,
    },
    // The median subject turns, exchange by exchange: which round trips wait on which.
    timelines: { documentation: typicalDocumentation, approval: typicalApproval },
    delayCheck: input.delayCheck,
    ...(input.errors.length > 0 && { errors: input.errors.slice(0, 20), errorCount: input.errors.length }),
  };
  return { name: 'productionShaped', rows, details, notes };
}
