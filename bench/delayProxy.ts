/**
 * A proxy that makes a loopback service feel as far away as it is in production: every request is held
 * for a round-trip delay before it is forwarded, then passed on and answered unchanged (method, path,
 * headers and body in; status, headers and body out). The production-shaped benchmark puts one in front of
 * Azurite (a storage round trip to Azure Table Storage is a few milliseconds) and one in front of the Bot
 * Connector stub (a call to Teams' service is about 100 ms).
 *
 * The whole delay is taken before forwarding, so the service sees a request when the round trip is
 * over: for the connector that is when Teams has accepted a message and the user can see it, which is
 * what "time to the bot's last message" asks for. The answer then goes back at loopback speed.
 *
 * The delay can be changed at any time (`setDelay`): preparation that is not measured runs with 0 and the
 * timed turns with the production delay. A request takes the delay in force when it arrived.
 *
 * It also keeps a log of the exchanges since the last `clearLog` (when each arrived, was forwarded and
 * was answered, and with what status), so a benchmark can read when a message reached the connector,
 * and it knows when it is idle (nothing in flight for a while), so a benchmark can wait for the end of
 * work the bot does after it has answered the turn.
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

export interface DelayedExchange {
  method: string;
  /** The request path as sent (not decoded). */
  path: string;
  /** performance.now() when the whole request had arrived at the proxy. */
  receivedAt: number;
  /** performance.now() when it was forwarded (received + the delay): the service sees it now. */
  forwardedAt: number;
  /** performance.now() when the answer went back; undefined while in flight or when it failed. */
  answeredAt?: number;
  /** The service's status, or 502 when the service could not be reached. */
  status?: number;
  /** The delay applied, in milliseconds. */
  delayMs: number;
  /** The request body as text, when the proxy was started with `keepBodies`. */
  body?: string;
}

export interface DelayProxy {
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  port: number;
  readonly delayMs: number;
  setDelay(ms: number): void;
  /** Exchanges since the proxy started or the last `clearLog`, in order of arrival. */
  readonly log: readonly DelayedExchange[];
  clearLog(): void;
  /** Requests received and not yet answered. */
  readonly inFlight: number;
  /** performance.now() of the last arrival or answer. */
  readonly lastActivityAt: number;
  close(): Promise<void>;
}

export async function startDelayProxy(
  upstream: { host: string; port: number },
  options: {
    delayMs?: number;
    /** Keeps each request's body in the log (for the connector: which posts are messages). */
    keepBodies?: boolean;
  } = {},
): Promise<DelayProxy> {
  let delayMs = options.delayMs ?? 0;
  let inFlight = 0;
  let lastActivityAt = performance.now();
  const log: DelayedExchange[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  // Keep-alive to the service, as the callers keep theirs to the proxy: a new connection per request
  // would add loopback handshakes the real client does not pay.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const receivedAt = performance.now();
      const exchange: DelayedExchange = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        receivedAt,
        forwardedAt: Number.NaN,
        delayMs,
        ...(options.keepBodies === true && { body: body.toString('utf8') }),
      };
      log.push(exchange);
      inFlight += 1;
      lastActivityAt = receivedAt;
      const done = (): void => {
        inFlight -= 1;
        lastActivityAt = performance.now();
      };
      const forward = (): void => {
        exchange.forwardedAt = performance.now();
        const upstreamRequest = httpRequest(
          {
            agent,
            host: upstream.host,
            port: upstream.port,
            method: req.method,
            path: req.url,
            // The service must see its own host (the stack counts requests by the port in it).
            headers: { ...req.headers, host: `${upstream.host}:${upstream.port}` },
          },
          (upstreamResponse) => {
            const answer: Buffer[] = [];
            upstreamResponse.on('data', (chunk: Buffer) => answer.push(chunk));
            upstreamResponse.on('end', () => {
              exchange.status = upstreamResponse.statusCode ?? 502;
              res.writeHead(exchange.status, upstreamResponse.headers);
              res.end(Buffer.concat(answer));
              exchange.answeredAt = performance.now();
              done();
            });
          },
        );
        upstreamRequest.on('error', () => {
          exchange.status = 502;
          if (!res.headersSent) res.writeHead(502).end();
          done();
        });
        upstreamRequest.end(body);
      };
      if (exchange.delayMs <= 0) {
        forward();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        forward();
      }, exchange.delayMs);
      timers.add(timer);
    });
  };

  const server: Server = createServer(handle);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The delay proxy has no port');
  const port = address.port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get delayMs() {
      return delayMs;
    },
    setDelay(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`Not a delay: ${ms}`);
      delayMs = ms;
    },
    log,
    clearLog: () => void log.splice(0, log.length),
    get inFlight() {
      return inFlight;
    },
    get lastActivityAt() {
      return lastActivityAt;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      }),
  };
}

/**
 * Resolves once none of the proxies has had a request in flight or any activity for `quietMs`: the bot
 * has finished whatever a turn made it do, including work after it answered (or `timeoutMs` passed).
 */
export async function untilQuiet(
  proxies: readonly DelayProxy[],
  quietMs: number,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const now = performance.now();
    const busy = proxies.some((proxy) => proxy.inFlight > 0);
    const last = Math.max(...proxies.map((proxy) => proxy.lastActivityAt));
    if (!busy && now - last >= quietMs) return;
    if (now > deadline) throw new Error(`The bot was still busy ${timeoutMs} ms after a turn`);
    await new Promise((resolve) => setTimeout(resolve, busy ? 2 : Math.max(1, quietMs - (now - last))));
  }
}
