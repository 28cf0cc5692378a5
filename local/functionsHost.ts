/**
 * A small local Azure Functions host: `npm start` runs the app from its real `app.http(...)` and
 * `app.timer(...)` registrations without Azure Functions Core Tools, which cannot be installed here.
 *
 * `./functionsCore` provides the worker module `@azure/functions-core` (without it `@azure/functions`
 * drops into test mode and registers nothing) and records every registration. This file serves HTTP
 * triggers with `node:http` and runs timer triggers with croner, building each invocation's inputs with
 * the library's own `HttpRequest` and `InvocationContext` classes, like the worker does.
 *
 * Requests stream too, as in Azure with `enableHttpStream`: the function gets the socket's body as a
 * stream (`request.body`), not a buffer read before it runs, so a function can answer (413, 401) before
 * a large body has arrived, and a body it never reads costs no memory. When a function answers without
 * having read the whole body, the host closes the connection after the answer instead of reading the
 * rest. Azure's 100 MB request limit is kept: a declared larger body gets 413 before the function runs,
 * a chunked one is cut off there.
 *
 * Differences from Azure, on purpose: function keys are not checked (Core Tools does not check them
 * locally either); only HTTP and timer triggers fire (others are logged); responses always stream (in
 * Azure that needs `app.setup({ enableHttpStream: true })`); `isPastDue` is always false.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { format } from 'node:util';
import {
  HttpRequest,
  HttpResponse,
  InvocationContext,
  type Cookie,
  type HttpRequestInit,
  type EffectiveFunctionOptions,
  type FunctionTrigger,
} from '@azure/functions';
import {
  consoleLog,
  CORE_MODULE,
  installFunctionsCore,
  registry,
  runHooks,
  type CoreBinding,
  type HostLog,
  type RegisteredFunction,
} from './functionsCore';
import { compareRoutes, compileRoute, matchRoute, type CompiledRoute } from './httpRoutes';
import { scheduleTimer } from './timerTriggers';

export type { HostLog } from './functionsCore';

/** Azure's request size limit; a larger body gets 413, as it would there. */
const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export interface FunctionInfo {
  name: string;
  trigger: string;
  methods?: string[];
  /** Path including the route prefix, for example `/api/health`. */
  path?: string;
  schedule?: string;
}

export interface FunctionsHostOptions {
  /** Registers the functions, typically by importing the function modules. */
  loadFunctions: () => void | Promise<void>;
  /** 7071 by default, like `func start`; 0 picks a free port. */
  port?: number;
  /** Loopback by default: the local bot is anonymous and must not face the network. */
  host?: string;
  /** host.json `extensions.http.routePrefix`; `api` by default. */
  routePrefix?: string;
  /** How long `close()` waits for running invocations before cutting connections. */
  shutdownTimeoutMs?: number;
  log?: HostLog;
  /** Passed to appStart hooks as `functionAppDirectory`. */
  functionAppDirectory?: string;
}

export interface RunningFunctionsHost {
  /** Base URL, for example `http://127.0.0.1:7071`. */
  url: string;
  port: number;
  functions: FunctionInfo[];
  /** Stops timers and new requests, waits (bounded) for running ones, then runs appTerminate hooks. */
  close(): Promise<void>;
}

interface HttpRoute extends CompiledRoute {
  fn: RegisteredFunction;
  /** Upper-case methods; undefined accepts every method. */
  methods: Set<string> | undefined;
}

function triggerOf(fn: RegisteredFunction): CoreBinding & { name: string } {
  const entry = Object.entries(fn.bindings).find(
    ([, b]) => b.direction === 'in' && /trigger$/i.test(b.type ?? ''),
  );
  if (entry === undefined) throw new Error(`Function "${fn.name}" has no trigger binding`);
  return { ...entry[1], name: entry[0] };
}

/** `context.options` as the worker builds it from the bindings (`fromRpcBindings` in the library). */
function effectiveOptions(fn: RegisteredFunction): EffectiveFunctionOptions {
  const trigger = triggerOf(fn) as FunctionTrigger;
  const options: EffectiveFunctionOptions = { trigger, extraInputs: [], extraOutputs: [] };
  for (const [name, binding] of Object.entries(fn.bindings)) {
    const named = { ...binding, name, type: binding.type ?? '' };
    if (name === '$return') options.return = named;
    else if (binding.direction === 'out') options.extraOutputs.push(named);
    else if (name !== trigger.name) options.extraInputs.push(named);
  }
  return options;
}

/** One invocation as the worker runs it: preInvocation hooks, the handler, postInvocation hooks. */
async function invoke(fn: RegisteredFunction, input: unknown, log: HostLog): Promise<unknown> {
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName: fn.name,
    options: effectiveOptions(fn),
    logHandler: (level, ...args) => log(level, `[${fn.name}] ${format(...args)}`),
  });
  const shared = { hookData: {}, appHookData: registry.appHookData, invocationContext: context };
  // Hooks may replace `inputs`, `functionCallback`, `result` and `error`; the library's hook contexts
  // write through to these objects.
  const pre = { ...shared, inputs: [input], functionCallback: fn.callback };
  await runHooks('preInvocation', pre);
  const post: typeof shared & { inputs: unknown[]; result?: unknown; error?: unknown } = {
    ...shared,
    inputs: pre.inputs,
  };
  try {
    post.result = await pre.functionCallback(...pre.inputs, context);
  } catch (error) {
    post.error = error;
  }
  await runHooks('postInvocation', post);
  if (post.error !== undefined && post.error !== null) {
    throw post.error instanceof Error ? post.error : new Error(format(post.error));
  }
  return post.result;
}

function serializeCookie(cookie: Cookie): string {
  const parts = [`${cookie.name}=${cookie.value}`];
  if (cookie.domain !== undefined) parts.push(`Domain=${cookie.domain}`);
  if (cookie.path !== undefined) parts.push(`Path=${cookie.path}`);
  if (cookie.expires !== undefined) parts.push(`Expires=${new Date(cookie.expires).toUTCString()}`);
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`);
  if (cookie.secure === true) parts.push('Secure');
  if (cookie.httpOnly === true) parts.push('HttpOnly');
  if (cookie.sameSite !== undefined) parts.push(`SameSite=${cookie.sameSite}`);
  return parts.join('; ');
}

class RequestTooLarge extends Error {}

/** The request's body as it arrives, cut off past Azure's limit. Nothing is read until it is pulled. */
async function* bodyOf(req: IncomingMessage): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new RequestTooLarge();
    yield chunk;
  }
}

/**
 * The request as the Functions worker builds it when it streams (`createStreamRequest` in
 * @azure/functions: a fetch `Request` over the incoming message, handed over as `nativeRequest`).
 * `nativeRequest` is not in the library's public types, but it is the one way its HttpRequest takes a
 * streamed body; a library that stopped honouring it would fail every request here, not pass silently.
 */
function streamedRequest(
  req: IncomingMessage,
  init: { method: string; url: string; headers: Record<string, string>; params: Record<string, string> },
): HttpRequest {
  const hasBody = init.method !== 'GET' && init.method !== 'HEAD';
  const nativeRequest = new Request(init.url, {
    method: init.method,
    headers: init.headers,
    // An async iterable body is pulled only as the function reads it (undici's extractBody).
    ...(hasBody && { body: bodyOf(req), duplex: 'half' }),
  });
  return new HttpRequest({ nativeRequest, params: init.params } as HttpRequestInit);
}

/** Writes a handler's result. The body is piped chunk by chunk, never buffered whole. */
async function sendResponse(res: ServerResponse, result: unknown, isHead: boolean): Promise<void> {
  if (result === undefined || result === null) {
    res.writeHead(204).end();
    return;
  }
  if (typeof result !== 'object') {
    throw new Error('The HTTP response must be an object (HttpResponseInit or HttpResponse)');
  }
  // The library's own class applies the same defaults as in Azure (jsonBody, content types, statuses).
  const response = result instanceof HttpResponse ? result : new HttpResponse(result);
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = [...response.headers.getSetCookie(), ...response.cookies.map(serializeCookie)];
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.body === null || isHead) res.end();
  else await pipeline(Readable.fromWeb(response.body), res);
}

export async function startFunctionsHost(options: FunctionsHostOptions): Promise<RunningFunctionsHost> {
  installFunctionsCore();
  const log = options.log ?? consoleLog;
  registry.log = log;
  const routePrefix = (options.routePrefix ?? 'api').replace(/^\/+|\/+$/g, '');
  await options.loadFunctions();
  if (registry.functions.size === 0 && registry.programmingModel === undefined) {
    throw new Error(
      `No functions were registered. If a module called app.* before ${CORE_MODULE} was provided, ` +
        '@azure/functions stayed in test mode: import local/functionsHost before any function module.',
    );
  }
  await runHooks('appStart', {
    hookData: registry.appHookData,
    appHookData: registry.appHookData,
    functionAppDirectory: options.functionAppDirectory ?? process.cwd(),
  });

  const routes: HttpRoute[] = [];
  const timerFunctions: { fn: RegisteredFunction; trigger: CoreBinding }[] = [];
  const functions: FunctionInfo[] = [];
  for (const fn of registry.functions.values()) {
    const trigger = triggerOf(fn);
    const type = (trigger.type ?? '').toLowerCase();
    if (type === 'httptrigger') {
      const template = typeof trigger['route'] === 'string' ? trigger['route'] : fn.name;
      const methods = Array.isArray(trigger['methods'])
        ? new Set(trigger['methods'].map((m) => String(m).toUpperCase()))
        : undefined;
      const route: HttpRoute = { ...compileRoute(template, routePrefix), fn, methods };
      routes.push(route);
      functions.push({ name: fn.name, trigger: 'http', methods: methods && [...methods], path: route.path });
    } else if (type === 'timertrigger') {
      timerFunctions.push({ fn, trigger });
      functions.push({ name: fn.name, trigger: 'timer', schedule: String(trigger['schedule']) });
    } else {
      log(
        'warning',
        `Function "${fn.name}" (${trigger.type ?? 'unknown'}) is not triggered by the local host`,
      );
      functions.push({ name: fn.name, trigger: trigger.type ?? 'unknown' });
    }
  }
  routes.sort(compareRoutes);

  let closing = false;
  // Every request and timer run is tracked so close() can wait for it; none may reject unobserved.
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>): Promise<void> => {
    const settled: Promise<void> = work
      .catch((error: unknown) => log('error', `Unexpected host error: ${format(error)}`))
      .then(() => void inFlight.delete(settled));
    inFlight.add(settled);
    return settled;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    // Concatenated, not resolved against a base: `//x/api/...` must stay a path, not become host `x`.
    const href = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
    const url = URL.canParse(href) ? new URL(href) : undefined;
    let name = '-';
    try {
      if (url === undefined) {
        res.writeHead(400).end();
        return;
      }
      if (closing) {
        res.writeHead(503, { connection: 'close', 'retry-after': '1' }).end();
        return;
      }
      const candidates = routes.flatMap((route) => {
        const params = matchRoute(route, url.pathname);
        return params === undefined ? [] : [{ route, params }];
      });
      const hit = candidates.find(({ route }) => route.methods === undefined || route.methods.has(method));
      if (hit === undefined) {
        const allowed = new Set(candidates.flatMap(({ route }) => [...(route.methods ?? [])]));
        if (candidates.length === 0) res.writeHead(404).end();
        else res.writeHead(405, { allow: [...allowed].sort().join(', ') }).end();
        return;
      }
      name = hit.route.fn.name;
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
      }
      if (Number(headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) throw new RequestTooLarge();
      // No `query`: the class then parses it from the URL and keeps repeated keys.
      const request = streamedRequest(req, { method, url: url.href, headers, params: hit.params });
      const result = await invoke(hit.route.fn, request, log);
      // A body the function did not read to its end is not read by the host either: the connection is
      // closed after the answer (Node would otherwise read and discard the rest to reuse it).
      if (!req.complete) res.setHeader('connection', 'close');
      await sendResponse(res, result, method === 'HEAD');
    } catch (error) {
      if (error instanceof RequestTooLarge && !res.headersSent) {
        res.writeHead(413, { connection: 'close' }).end();
      } else if ((error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
        log(
          'information',
          `${method} ${url?.pathname ?? ''}: the client left before the response was complete`,
        );
      } else if (res.headersSent) {
        log('error', `Function "${name}" failed while streaming its response: ${format(error)}`);
        res.destroy(); // the client sees a cut-off response instead of a truncated "success"
      } else {
        const invocationId = randomUUID();
        log('error', `Function "${name}" failed (${invocationId}): ${format(error)}`);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'Internal server error', invocationId }));
      }
    } finally {
      const ms = (performance.now() - started).toFixed(1);
      log('debug', `${method} ${url?.pathname ?? req.url ?? ''} -> ${res.statusCode} (${ms} ms)`);
    }
  };

  const server = createServer((req, res) => void track(handle(req, res)));
  const timers = timerFunctions.map(({ fn, trigger }) =>
    scheduleTimer(fn.name, trigger, (timer) =>
      track(
        invoke(fn, timer, log).then(
          () => undefined,
          (error: unknown) => log('error', `Timer function "${fn.name}" failed: ${format(error)}`),
        ),
      ),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7071, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    timers.forEach((timer) => timer.stop());
    throw error;
  });
  timers.forEach((timer) => timer.start());
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      timers.forEach((timer) => timer.stop());
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(inFlight),
        new Promise<void>((resolve) => (deadline = setTimeout(resolve, options.shutdownTimeoutMs ?? 5000))),
      ]);
      clearTimeout(deadline);
      server.closeAllConnections();
      await serverClosed;
      try {
        await runHooks('appTerminate', { hookData: registry.appHookData, appHookData: registry.appHookData });
      } catch (error) {
        log('error', `An appTerminate hook failed: ${format(error)}`);
      }
    })());

  return { url: `http://${urlHost}:${address.port}`, port: address.port, functions, close };
}
