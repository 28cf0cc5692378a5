/**
 * A recording stub of the Bot Connector REST API (the service a bot writes to at the activity's
 * `serviceUrl`), on 127.0.0.1 with a free port. Bot tests point activities at it, run real turns through
 * the real CloudAdapter and then read what the bot sent, updated or asked: nothing leaves the machine and
 * no token is needed (an anonymous adapter sends none).
 *
 * It answers the calls botbuilder makes for Teams: sending and replying, updating and deleting activities,
 * creating conversations, and the member and team look-ups of `TeamsInfo`. Members and teams are set per
 * conversation (or team) id. Failures can be injected per route, for example "the next 2 posts answer 429
 * with Retry-After: 1", to test how the bot honours the connector's rate limits.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The connector operations the stub knows, named as botframework-connector names them. */
export type ConnectorRoute =
  | 'createConversation'
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getConversationPagedMembers'
  | 'getConversationMembers'
  | 'getConversationMember'
  | 'fetchTeamDetails'
  | 'fetchChannelList'
  | 'unknown';

/** Both ways of posting an activity: continueConversationAsync replies to a generated activity id. */
export const POST_ACTIVITY_ROUTES: readonly ConnectorRoute[] = ['sendToConversation', 'replyToActivity'];

export interface RecordedRequest {
  method: string;
  route: ConnectorRoute;
  /** Decoded path, for example `/v3/conversations/19:abc@thread.v2/activities`. */
  path: string;
  /** Decoded path parameters: `conversationId`, `activityId`, `userId`, `teamId`. */
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body (or the raw text when it is not JSON; undefined when empty). */
  body: unknown;
  /** The status the stub answered with. */
  status: number;
  /** The id the stub gave a posted activity. */
  assignedId?: string;
}

/** An activity as the bot posted it. */
export interface SentActivity {
  id: string;
  conversationId: string;
  /** The activity it replied to, for `replyToActivity`. */
  replyToId?: string;
  activity: ConnectorActivity;
}

export interface UpdatedActivity {
  conversationId: string;
  activityId: string;
  activity: ConnectorActivity;
}

/** The fields tests look at; the rest of the posted JSON is kept as is. */
export interface ConnectorActivity {
  type?: string;
  text?: string;
  textFormat?: string;
  locale?: string;
  replyToId?: string;
  attachments?: { contentType: string; content?: unknown }[];
  entities?: { type: string; text?: string; mentioned?: { id: string; name?: string } }[];
  [field: string]: unknown;
}

/** A member as Teams returns it (a TeamsChannelAccount). */
export interface ConnectorMember {
  id: string;
  name: string;
  aadObjectId?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  email?: string;
  tenantId?: string;
  userRole?: string;
}

export interface TeamDetails {
  id: string;
  name: string;
  aadGroupId?: string;
  channels?: { id: string; name?: string }[];
}

export interface InjectedFailure {
  /** Which operations fail; every operation when absent. */
  route?: ConnectorRoute | readonly ConnectorRoute[];
  /** How many matching requests fail before the stub answers normally again (1 by default). */
  times?: number;
  status: number;
  headers?: Record<string, string>;
  /** JSON body of the failure; a Bot Connector error shape by default. */
  body?: unknown;
}

export interface ConnectorStub {
  /** Use as the activities' `serviceUrl` (with a trailing slash, as Teams sends it). */
  serviceUrl: string;
  /** Every request, in the order received. */
  readonly requests: readonly RecordedRequest[];
  /** Activities posted (sent or replied) and answered with success, optionally in one conversation. */
  sentActivities(conversationId?: string): SentActivity[];
  /** Activities updated in place and answered with success. */
  updatedActivities(conversationId?: string): UpdatedActivity[];
  /** Activity deletions answered with success. */
  deletedActivities(conversationId?: string): { conversationId: string; activityId: string }[];
  /** Requests of one operation, whatever they were answered with. */
  requestsTo(route: ConnectorRoute | readonly ConnectorRoute[]): RecordedRequest[];
  /** Members of a conversation, or of a team when the id is a team id (TeamsInfo asks by team id there). */
  setMembers(conversationOrTeamId: string, members: ConnectorMember[]): void;
  setTeam(team: TeamDetails): void;
  /** The next matching requests fail as described; failures queue in the order given. */
  failNext(failure: InjectedFailure): void;
  /** Forgets requests and pending failures (members and teams stay). */
  reset(): void;
  close(): Promise<void>;
}

interface PendingFailure extends InjectedFailure {
  remaining: number;
}

interface Match {
  route: ConnectorRoute;
  params: Record<string, string>;
}

/** Routes by method and decoded path segments after `v3`. */
function matchRoute(method: string, segments: string[]): Match {
  const [first, id, second, third, ...rest] = segments;
  const none: Match = { route: 'unknown', params: {} };
  if (rest.length > 0) return none;
  if (first === 'conversations') {
    if (id === undefined) return method === 'POST' ? { route: 'createConversation', params: {} } : none;
    const conversationId = id;
    if (second === 'activities') {
      if (third === undefined)
        return method === 'POST' ? { route: 'sendToConversation', params: { conversationId } } : none;
      const params = { conversationId, activityId: third };
      if (method === 'POST') return { route: 'replyToActivity', params };
      if (method === 'PUT') return { route: 'updateActivity', params };
      if (method === 'DELETE') return { route: 'deleteActivity', params };
      return none;
    }
    if (method !== 'GET') return none;
    if (second === 'pagedmembers' && third === undefined)
      return { route: 'getConversationPagedMembers', params: { conversationId } };
    if (second === 'members' && third === undefined)
      return { route: 'getConversationMembers', params: { conversationId } };
    if (second === 'members' && third !== undefined) {
      return { route: 'getConversationMember', params: { conversationId, userId: third } };
    }
    return none;
  }
  if (first === 'teams' && id !== undefined && method === 'GET') {
    if (second === undefined) return { route: 'fetchTeamDetails', params: { teamId: id } };
    if (second === 'conversations' && third === undefined)
      return { route: 'fetchChannelList', params: { teamId: id } };
  }
  return none;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function asActivity(body: unknown): ConnectorActivity {
  return typeof body === 'object' && body !== null ? (body as ConnectorActivity) : {};
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  const requests: RecordedRequest[] = [];
  const failures: PendingFailure[] = [];
  const members = new Map<string, ConnectorMember[]>();
  const teams = new Map<string, TeamDetails>();
  let nextId = 1;

  const takeFailure = (route: ConnectorRoute): PendingFailure | undefined => {
    const index = failures.findIndex((failure) => {
      if (failure.route === undefined) return true;
      return typeof failure.route === 'string' ? failure.route === route : failure.route.includes(route);
    });
    const failure = failures[index];
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) failures.splice(index, 1);
    return failure;
  };

  const answer = (
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ): void => {
    if (body === undefined) {
      res.writeHead(status, headers).end();
      return;
    }
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://stub');
    const rawSegments = url.pathname.split('/').filter((segment) => segment !== '');
    const segments = rawSegments.map((segment) => decodeURIComponent(segment));
    const { route, params } =
      segments[0] === 'v3'
        ? matchRoute(method, segments.slice(1))
        : { route: 'unknown' as const, params: {} };
    const recorded: RecordedRequest = {
      method,
      route,
      path: `/${segments.join('/')}`,
      params,
      query: Object.fromEntries(url.searchParams),
      headers: headersOf(req),
      body: await readBody(req),
      status: 0,
    };
    requests.push(recorded);

    const failure = takeFailure(route);
    if (failure) {
      recorded.status = failure.status;
      answer(
        res,
        failure.status,
        failure.body ?? {
          error: {
            code: failure.status === 429 ? 'TooManyRequests' : 'ServiceError',
            message: 'Injected by the connector stub',
          },
        },
        failure.headers,
      );
      return;
    }

    const conversationId = params['conversationId'] ?? '';
    switch (route) {
      case 'createConversation': {
        const id = `stub-conversation-${nextId++}`;
        recorded.status = 201;
        answer(res, 201, { id, activityId: `stub-activity-${nextId++}` });
        return;
      }
      case 'sendToConversation':
      case 'replyToActivity': {
        const id = `stub-activity-${nextId++}`;
        recorded.assignedId = id;
        recorded.status = 200;
        answer(res, 200, { id });
        return;
      }
      case 'updateActivity':
        recorded.status = 200;
        answer(res, 200, { id: params['activityId'] });
        return;
      case 'deleteActivity':
        recorded.status = 200;
        answer(res, 200);
        return;
      case 'getConversationPagedMembers': {
        const all = members.get(conversationId) ?? [];
        const pageSize = Math.max(1, Number(recorded.query['pageSize'] ?? 100) || 100);
        const start = Number(recorded.query['continuationToken'] ?? 0) || 0;
        const end = start + pageSize;
        recorded.status = 200;
        answer(res, 200, {
          members: all.slice(start, end),
          ...(end < all.length && { continuationToken: String(end) }),
        });
        return;
      }
      case 'getConversationMembers':
        recorded.status = 200;
        answer(res, 200, members.get(conversationId) ?? []);
        return;
      case 'getConversationMember': {
        const userId = params['userId'] ?? '';
        const member = (members.get(conversationId) ?? []).find(
          (m) => m.id === userId || m.aadObjectId === userId,
        );
        recorded.status = member ? 200 : 404;
        answer(
          res,
          recorded.status,
          member ?? { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found' } },
        );
        return;
      }
      case 'fetchTeamDetails':
      case 'fetchChannelList': {
        const team = teams.get(params['teamId'] ?? '');
        if (!team) {
          recorded.status = 404;
          answer(res, 404, { error: { code: 'TeamNotFound', message: 'No such team in the stub' } });
          return;
        }
        recorded.status = 200;
        const { channels, ...details } = team;
        answer(res, 200, route === 'fetchTeamDetails' ? details : { conversations: channels ?? [] });
        return;
      }
      case 'unknown':
        recorded.status = 404;
        answer(res, 404, {
          error: { code: 'NotFound', message: `The connector stub has no route ${method} ${recorded.path}` },
        });
        return;
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const succeeded = (request: RecordedRequest): boolean => request.status >= 200 && request.status < 300;
  const inConversation = (conversationId: string | undefined) => (request: RecordedRequest) =>
    conversationId === undefined || request.params['conversationId'] === conversationId;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    requests,
    sentActivities: (conversationId) =>
      requests
        .filter(
          (r) => POST_ACTIVITY_ROUTES.includes(r.route) && succeeded(r) && inConversation(conversationId)(r),
        )
        .map((r) => ({
          id: r.assignedId ?? '',
          conversationId: r.params['conversationId'] ?? '',
          ...(r.route === 'replyToActivity' && { replyToId: r.params['activityId'] }),
          activity: asActivity(r.body),
        })),
    updatedActivities: (conversationId) =>
      requests
        .filter((r) => r.route === 'updateActivity' && succeeded(r) && inConversation(conversationId)(r))
        .map((r) => ({
          conversationId: r.params['conversationId'] ?? '',
          activityId: r.params['activityId'] ?? '',
          activity: asActivity(r.body),
        })),
    deletedActivities: (conversationId) =>
      requests
        .filter((r) => r.route === 'deleteActivity' && succeeded(r) && inConversation(conversationId)(r))
        .map((r) => ({
          conversationId: r.params['conversationId'] ?? '',
          activityId: r.params['activityId'] ?? '',
        })),
    requestsTo: (route) => {
      const routes: readonly ConnectorRoute[] = typeof route === 'string' ? [route] : route;
      return requests.filter((r) => routes.includes(r.route));
    },
    setMembers: (id, list) =>
      void members.set(
        id,
        list.map((m) => ({ ...m })),
      ),
    setTeam: (team) => void teams.set(team.id, { ...team }),
    failNext: (failure) => void failures.push({ ...failure, remaining: failure.times ?? 1 }),
    reset: () => {
      requests.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
