/**
 * POST /api/messages — the Bot Framework endpoint Teams (through the Bot Connector) posts activities to.
 *
 * Refuse before work, in this order, each step only after the one before it held:
 * 1. a declared Content-Length over MESSAGES_MAX_BODY_BYTES (256 KiB; Teams' own limits are far below)
 *    → 413, nothing read;
 * 2. the token, from the Authorization header alone (bot/botAdapter.ts: signature, issuer, audience,
 *    lifetime; anonymous only locally without an app id) → 401, or 503 with Retry-After when the signing
 *    keys cannot be fetched within their deadline; the body is still unread;
 * 3. the body, read up to the limit (a chunked body is cut off once it passes it → 413) and within a
 *    deadline (→ 408);
 * 4. the text must be a JSON object with a string `type` (an activity) whose fields botbuilder and the
 *    bot read unchecked are well formed (`shapeProblem`) → 400 with a short JSON error;
 * 5. what the token must agree with in the activity (its serviceUrl, the key's channel endorsements)
 *    → 401; then the botbuilder `CloudAdapter` runs the bot's turn with the verified claims.
 *
 * The adapter speaks to Express/restify-style objects: `process(req, res, logic)` reads `req.body`,
 * `req.headers` and `req.method`, and answers through `res.status()`, `res.header()`, `res.send()` and
 * `res.end()`. `BridgedResponse` below records those calls and turns them into the `HttpResponseInit` the
 * Functions runtime expects: the status the adapter chose (200, an invoke response's own status), its
 * headers, and its body as JSON (an invoke response's body, `expectReplies` activities). A 5xx body is
 * replaced by a generic error: the adapter puts the raw error message there, which is for our logs, not
 * for the caller. Refusals are JSON too: `{ "error": "<what was wrong>" }`.
 *
 * Anonymous at the Functions level on purpose: the Bot Connector sends no function key; the token check
 * is the gate. botbuilder is loaded on the first request (see runtime/bot.ts).
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { BotTokenRefusal } from '../auth/botFrameworkTokens';
import { SigningKeysUnavailableError } from '../auth/signingKeys';
import type { BotRuntime } from '../runtime/bot.js';
import {
  BodyTimeoutError,
  BodyTooLargeError,
  readBodyText,
  refuseDeclaredTooLarge,
} from './shared/requestBody';

export async function messages(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  let runtime: BotRuntime;
  try {
    runtime = (await import('../runtime/bot.js')).getBotRuntime();
  } catch (error) {
    context.error('messages: the bot could not be started', error);
    return { status: 500, jsonBody: { error: 'The bot is not available.' } };
  }
  const { gate, bot } = runtime;

  let activity: { body: Record<string, unknown> } | { problem: string };
  let admission: Awaited<ReturnType<typeof gate.admit>>;
  try {
    refuseDeclaredTooLarge(request, gate.maxBodyBytes);
    admission = await gate.admit(request.headers.get('authorization'));
    // The body of an HttpRequest can be read only once: read it here, nowhere else.
    activity = parseActivity(await readBodyText(request, gate.maxBodyBytes));
  } catch (error) {
    return refusal(error, context);
  }
  if ('problem' in activity) {
    context.warn(`messages: refused a request that is not an activity (${activity.problem})`);
    return { status: 400, jsonBody: { error: activity.problem } };
  }

  const response = new BridgedResponse();
  try {
    await gate.process(
      admission,
      { body: activity.body, headers: headersOf(request), method: request.method },
      response,
      (turnContext) => bot.run(turnContext),
    );
  } catch (error) {
    if (error instanceof BotTokenRefusal) return refusal(error, context);
    context.error('messages: the adapter failed to process the activity', error);
    return { status: 500, jsonBody: { error: 'Internal error.' } };
  }
  return response.toHttpResponseInit(context);
}

app.http('messages', { methods: ['POST'], authLevel: 'anonymous', route: 'messages', handler: messages });

/**
 * The one translation of a refusal before the turn into HTTP. Not logged per request: an attacker's
 * flood must not become a flood of log lines (an outage of the signing keys is logged once, where the
 * keys are fetched).
 */
function refusal(error: unknown, context: InvocationContext): HttpResponseInit {
  if (error instanceof BodyTooLargeError) return { status: 413, jsonBody: { error: error.text.en } };
  if (error instanceof BodyTimeoutError) return { status: 408, jsonBody: { error: error.text.en } };
  if (error instanceof BotTokenRefusal) {
    return {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="messages"' },
      jsonBody: { error: error.message },
    };
  }
  if (error instanceof SigningKeysUnavailableError) {
    return {
      status: 503,
      headers: { 'retry-after': String(error.retryAfterSeconds) },
      jsonBody: { error: error.text.en },
    };
  }
  context.error('messages: the request could not be checked', error);
  return { status: 500, jsonBody: { error: 'Internal error.' } };
}

/** The activity in a request body, or why the body is not one (in words safe to show the caller). */
export function parseActivity(text: string): { body: Record<string, unknown> } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'The body is not JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'The body must be a JSON object (a Bot Framework activity).' };
  }
  const body = value as Record<string, unknown>;
  if (typeof body['type'] !== 'string' || body['type'] === '') {
    return { problem: 'The activity has no "type".' };
  }
  const problem = shapeProblem(body);
  return problem === undefined ? { body } : { problem };
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fields that are strings when present. */
const STRING_FIELDS = ['id', 'channelId', 'text', 'textFormat', 'locale', 'name', 'replyToId', 'action'];
/** The accounts every activity from a channel names, each with a string id. */
const ACCOUNT_FIELDS = ['from', 'recipient', 'conversation'];
/** Lists whose items must be objects. */
const LIST_FIELDS = ['entities', 'attachments', 'membersAdded', 'membersRemoved'];

/**
 * The fields botbuilder and the bot read without checking their types, checked here: Teams always sends
 * them well formed, so anything else is not an activity from Teams. Let through, such a body ended a turn
 * in a TypeError deep in botbuilder (a card action with a `value` that is not an object answered 500), or
 * in replies to a conversation that does not exist. Other fields are not looked at: they may be anything.
 */
function shapeProblem(body: Json): string | undefined {
  for (const field of STRING_FIELDS) {
    if (body[field] !== undefined && typeof body[field] !== 'string') return `"${field}" must be a string.`;
  }
  if (typeof body['serviceUrl'] !== 'string' || body['serviceUrl'] === '') {
    return 'The activity has no "serviceUrl".';
  }
  for (const field of ACCOUNT_FIELDS) {
    const account = body[field];
    if (!isRecord(account) || typeof account['id'] !== 'string' || account['id'] === '') {
      return `The activity has no "${field}.id".`;
    }
    for (const key of ['name', 'aadObjectId']) {
      if (account[key] !== undefined && typeof account[key] !== 'string') {
        return `"${field}.${key}" must be a string.`;
      }
    }
  }
  for (const field of LIST_FIELDS) {
    const list = body[field];
    if (list !== undefined && !(Array.isArray(list) && list.every(isRecord))) {
      return `"${field}" must be a list of objects.`;
    }
  }
  for (const field of ['membersAdded', 'membersRemoved']) {
    const members = (body[field] ?? []) as Json[];
    if (members.some((member) => typeof member['id'] !== 'string'))
      return `Each of "${field}" needs an "id".`;
  }
  for (const entity of (body['entities'] ?? []) as Json[]) {
    if (entity['type'] !== 'mention') continue;
    const mentioned = entity['mentioned'];
    if (
      (entity['text'] !== undefined && typeof entity['text'] !== 'string') ||
      !isRecord(mentioned) ||
      typeof mentioned['id'] !== 'string' ||
      (mentioned['name'] !== undefined && typeof mentioned['name'] !== 'string') ||
      (mentioned['aadObjectId'] !== undefined && typeof mentioned['aadObjectId'] !== 'string')
    ) {
      return 'A mention must name who is mentioned.';
    }
  }
  if (body['channelData'] !== undefined && !isRecord(body['channelData'])) {
    return '"channelData" must be an object.';
  }
  if (body['type'] === 'invoke' && body['name'] === 'adaptiveCard/action') {
    // botbuilder reads `value.action.type` before anything checks that `value` is an object.
    const value = body['value'];
    if (value !== undefined && value !== null && !(isRecord(value) && isRecord(value['action']))) {
      return 'A card action must carry an "action" object.';
    }
  }
  return undefined;
}

/** Header names in lower case, as Node gives them; the adapter looks for `authorization`. */
function headersOf(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name.toLowerCase()] = value;
  return headers;
}

/**
 * Records what the adapter answers; see the module comment. It has the shape of botbuilder's `Response`
 * (checked where the gate takes it), without importing botbuilder here: that stays in bot/.
 */
class BridgedResponse {
  /** The adapter's type asks for a socket (used only for streaming, which this endpoint does not do). */
  readonly socket = null;
  private statusCode = 200;
  private readonly headers: Record<string, string> = {};
  private body: unknown;
  private ended = false;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(name: string, value: unknown): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }

  send(body?: unknown): this {
    this.body = body;
    return this;
  }

  end(): this {
    this.ended = true;
    return this;
  }

  toHttpResponseInit(context: InvocationContext): HttpResponseInit {
    if (!this.ended) {
      context.error('messages: the adapter returned without answering');
      return { status: 500, jsonBody: { error: 'Internal error.' } };
    }
    const status = this.statusCode;
    const headers = this.headers;
    if (status >= 500) {
      context.error(`messages: the adapter answered ${status}`, this.body);
      return { status, headers, jsonBody: { error: 'Internal error.' } };
    }
    if (this.body === undefined || this.body === null || this.body === '') return { status, headers };
    if (typeof this.body === 'string') {
      // The adapter's own refusals (401 "Unauthorized Access…") are strings: give them the JSON shape of
      // our other errors. A string an invoke handler returned is passed on as text.
      return status >= 400
        ? { status, headers, jsonBody: { error: this.body } }
        : { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: this.body };
    }
    return { status, headers, jsonBody: this.body };
  }
}
