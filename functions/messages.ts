/**
 * POST /api/messages — the Bot Framework endpoint Teams (through the Bot Connector) posts activities to.
 *
 * The body is read once, as text, and must be a JSON object with a string `type` (an activity) whose
 * fields botbuilder and the bot read unchecked are well formed (`shapeProblem`); anything else is
 * answered 400 with a short JSON error, and the bot does not run. A well-formed activity goes to
 * the botbuilder `CloudAdapter`, which authenticates the request (see bot/botAdapter.ts: 401 without a
 * valid token when an app id is configured) and runs the bot's turn.
 *
 * The adapter speaks to Express/restify-style objects: `process(req, res, logic)` reads `req.body`,
 * `req.headers` and `req.method`, and answers through `res.status()`, `res.header()`, `res.send()` and
 * `res.end()`. `BridgedResponse` below records those calls and turns them into the `HttpResponseInit` the
 * Functions runtime expects: the status the adapter chose (200, an invoke response's own status, 401 from
 * authentication), its headers, and its body as JSON (an invoke response's body, `expectReplies`
 * activities). A 5xx body is replaced by a generic error: the adapter puts the raw error message there,
 * which is for our logs, not for the caller.
 *
 * Anonymous at the Functions level on purpose: the Bot Connector sends no function key; the adapter's
 * token check is the gate. botbuilder is loaded on the first request (see runtime/bot.ts).
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { Response as BotResponse } from 'botbuilder';
import type { BotRuntime } from '../runtime/bot.js';

export async function messages(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  // The body of an HttpRequest can be read only once: read it as text and parse it here, nowhere else.
  const activity = parseActivity(await request.text());
  if ('problem' in activity) {
    context.warn(`messages: refused a request that is not an activity (${activity.problem})`);
    return { status: 400, jsonBody: { error: activity.problem } };
  }

  let runtime: BotRuntime;
  try {
    runtime = (await import('../runtime/bot.js')).getBotRuntime();
  } catch (error) {
    context.error('messages: the bot could not be started', error);
    return { status: 500, jsonBody: { error: 'The bot is not available.' } };
  }
  const { adapter, bot } = runtime;

  const response = new BridgedResponse();
  try {
    await adapter.process(
      { body: activity.body, headers: headersOf(request), method: request.method },
      response,
      (turnContext) => bot.run(turnContext),
    );
  } catch (error) {
    context.error('messages: the adapter failed to process the activity', error);
    return { status: 500, jsonBody: { error: 'Internal error.' } };
  }
  return response.toHttpResponseInit(context);
}

app.http('messages', { methods: ['POST'], authLevel: 'anonymous', route: 'messages', handler: messages });

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

/** Records what the adapter answers; see the module comment. */
class BridgedResponse implements BotResponse {
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
