/**
 * A proxy between the app and Azurite that breaks chosen requests the way networks break them in
 * production. The app talks to it with a normal connection string; every request is forwarded to
 * Azurite unless a rule picks it:
 *
 * - `resetAfterCommit`: forwards the request, lets Azurite carry it out (a transaction commits), reads
 *   Azurite's answer, and then resets the app's connection instead of answering. The app cannot tell
 *   this from a write that never arrived; the storage SDK retries it.
 * - `resetBeforeForward`: resets the connection without forwarding anything (nothing is written).
 * - `hold`: takes the request and never answers or forwards it (until the proxy closes), as a service
 *   that accepts connections and hangs.
 * - `late`: holds the request for `delayMs`, then forwards it (it is carried out then, after the app has
 *   given up on it) and answers the connection if it is still open: a write that lands late.
 * - `refuse`: `down()` stops listening and drops every open connection, so new connections are refused
 *   (ECONNREFUSED) until `up()`.
 *
 * Rules see the method, the path and the body (a transaction's body holds its entities as JSON), so a
 * test can aim at "the transaction that records the approval" and nothing else.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { azuriteConnectionString } from '../../local/azurite';

export type Fault = 'resetAfterCommit' | 'resetBeforeForward' | 'hold' | 'late';

export interface ProxiedRequest {
  method: string;
  path: string;
  body: string;
}

export interface FaultRule {
  fault: Fault;
  /** Which requests; all of them when absent. */
  when?: (request: ProxiedRequest) => boolean;
  /** How many matching requests get the fault; every one when absent. */
  times?: number;
  /** Each matching request is faulted with this probability (0..1), from `random`. */
  probability?: number;
  /** For `late`: how long the request is held before it is forwarded. */
  delayMs?: number;
}

export interface FaultProxy {
  /** Connection string for `@azure/data-tables` that goes through the proxy. */
  connectionString: string;
  port: number;
  /** Adds a rule; the first rule that matches a request decides its fate. Returns a handle to remove it. */
  inject(rule: FaultRule): { remove(): void; readonly hits: number };
  /** Removes every rule. */
  clear(): void;
  /** Requests faulted so far, by fault. */
  readonly faulted: Record<Fault, number>;
  /** Requests seen so far (faulted or not). */
  readonly seen: ProxiedRequest[];
  /** Stops accepting connections and drops the open ones: connections are refused until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

interface ActiveRule extends FaultRule {
  hits: number;
}

/** Matches an entity-group transaction (Table Storage `$batch`). */
export const isTransaction = (request: ProxiedRequest): boolean =>
  request.method === 'POST' && request.path.includes('$batch');

export async function startFaultProxy(
  upstream: { host: string; port: number },
  options: { random?: () => number } = {},
): Promise<FaultProxy> {
  const random = options.random ?? Math.random;
  const rules: ActiveRule[] = [];
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const faulted: Record<Fault, number> = { resetAfterCommit: 0, resetBeforeForward: 0, hold: 0, late: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const seen: ProxiedRequest[] = [];
  let port = 0;

  const pick = (request: ProxiedRequest): ActiveRule | undefined => {
    for (const rule of rules) {
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      if (rule.when && !rule.when(request)) continue;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      rule.hits += 1;
      return rule;
    }
    return undefined;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const proxied: ProxiedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        body: body.toString('utf8'),
      };
      seen.push(proxied);
      const rule = pick(proxied);
      const fault = rule?.fault;
      if (fault !== undefined) faulted[fault] += 1;
      if (fault === 'resetBeforeForward') {
        req.socket.destroy();
        return;
      }
      if (fault === 'hold') {
        held.add(res);
        return;
      }
      const forward = (): void => {
        const upstreamRequest = httpRequest(
          {
            host: upstream.host,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: `${upstream.host}:${upstream.port}` },
          },
          (upstreamResponse) => {
            const answer: Buffer[] = [];
            upstreamResponse.on('data', (chunk: Buffer) => answer.push(chunk));
            upstreamResponse.on('end', () => {
              if (fault === 'resetAfterCommit') {
                // Azurite has done the work and answered; the app never hears of it.
                req.socket.destroy();
                return;
              }
              res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
              res.end(Buffer.concat(answer));
            });
          },
        );
        upstreamRequest.on('error', () => req.socket.destroy());
        upstreamRequest.end(body);
      };
      if (fault === 'late') {
        const timer = setTimeout(forward, rule?.delayMs ?? 5_000);
        timers.add(timer);
        return;
      }
      forward();
    });
  };

  let server: Server = createServer(handle);
  const track = (target: Server): void => {
    target.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  };
  const listen = async (target: Server, onPort: number): Promise<void> => {
    track(target);
    await new Promise<void>((resolve, reject) => {
      target.once('error', reject);
      target.listen(onPort, '127.0.0.1', () => resolve());
    });
    const address = target.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    port = address.port;
  };
  await listen(server, 0);

  const dropAll = (): void => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    for (const response of held) response.socket?.destroy();
    held.clear();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  let isDown = false;

  return {
    get connectionString() {
      return azuriteConnectionString('127.0.0.1', port);
    },
    get port() {
      return port;
    },
    inject(rule) {
      const active: ActiveRule = { ...rule, hits: 0 };
      rules.push(active);
      return {
        remove: () => {
          const index = rules.indexOf(active);
          if (index >= 0) rules.splice(index, 1);
        },
        get hits() {
          return active.hits;
        },
      };
    },
    clear: () => void rules.splice(0, rules.length),
    faulted,
    seen,
    async down() {
      if (isDown) return;
      isDown = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      dropAll();
      await closed;
    },
    async up() {
      if (!isDown) return;
      server = createServer(handle);
      await listen(server, port);
      isDown = false;
    },
    async close() {
      const closed = isDown
        ? Promise.resolve()
        : new Promise<void>((resolve) => server.close(() => resolve()));
      isDown = true;
      dropAll();
      await closed;
    },
  };
}

/** Host and port of the Azurite a connection string points at. */
export function upstreamOf(connectionString: string): { host: string; port: number } {
  const match = /TableEndpoint=http:\/\/([^:/;]+):(\d+)/i.exec(connectionString);
  if (!match) throw new Error('Not an Azurite connection string with an explicit table endpoint');
  return { host: match[1] ?? '127.0.0.1', port: Number(match[2]) };
}
