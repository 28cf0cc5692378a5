/**
 * Builders for activities shaped like the ones Microsoft Teams really sends to a bot, so tests exercise
 * the fields the bot depends on: `channelId` "msteams", a `serviceUrl` (point it at the connector stub),
 * users as `29:…` ids with their Entra object id, the bot as `28:<app id>`, conversations of the three
 * kinds with tenant and `isGroup`, `channelData` with tenant (and team and channel in a channel), the
 * user's locale, a `clientInfo` entity, and `<at>…</at>` mentions (Teams only delivers a group or channel
 * message to a bot that is @mentioned in it).
 *
 * Shapes follow the Bot Framework activity schema and the Teams bot documentation ("Conversation
 * events", "Universal Actions"): an Adaptive Card `Action.Execute` arrives as an `invoke` named
 * `adaptiveCard/action`; installing the app sends `installationUpdate` (action "add") and a
 * `conversationUpdate` with the bot in `membersAdded`.
 */
import { randomUUID } from 'node:crypto';

export const TENANT_ID = '72f988bf-0000-4000-8000-00000000ten1';
export const BOT_APP_ID = '00000000-0000-4000-8000-0000000000b0';
export const BOT_ID = `28:${BOT_APP_ID}`;
export const BOT_NAME = 'Innovasjonsporter';

export interface TeamsUser {
  /** The bot-specific Teams user id, `29:…`. */
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  email?: string;
}

/** A user with every field Teams can send; `aadObjectId` is the person id the bot records. */
export function teamsUser(name: string, aadObjectId: string = randomUUID()): TeamsUser {
  const [givenName = name, ...rest] = name.split(' ');
  const login = name.toLowerCase().replace(/[^a-z]+/g, '.');
  return {
    id: `29:1${aadObjectId.replace(/-/g, '')}`,
    name,
    aadObjectId,
    userPrincipalName: `${login}@eksempel.kommune.no`,
    givenName,
    ...(rest.length > 0 && { surname: rest.join(' ') }),
    email: `${login}@eksempel.kommune.no`,
  };
}

export type TeamsConversation =
  | { kind: 'personal'; id: string }
  | { kind: 'groupChat'; id: string; name?: string }
  | {
      kind: 'channel';
      id: string;
      team: { id: string; name: string };
      channel: { id: string; name: string };
    };

export function personalChat(id = `a:1${randomUUID().replace(/-/g, '')}`): TeamsConversation {
  return { kind: 'personal', id };
}

export function groupChat(
  id = `19:${randomUUID().replace(/-/g, '')}@thread.v2`,
  name?: string,
): TeamsConversation {
  return { kind: 'groupChat', id, ...(name !== undefined && { name }) };
}

/**
 * A channel conversation. In Teams a channel message starts a thread whose conversation id is the
 * channel id with `;messageid=…`; the team's id is the General channel's id.
 */
export function channel(
  options: { teamName?: string; channelName?: string; threadId?: string } = {},
): TeamsConversation {
  const teamId = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  const channelId = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  return {
    kind: 'channel',
    id: options.threadId === undefined ? channelId : `${channelId};messageid=${options.threadId}`,
    team: { id: teamId, name: options.teamName ?? 'Hjemmetjenesten' },
    channel: { id: channelId, name: options.channelName ?? 'Innovasjon' },
  };
}

/** The parts every activity shares. Activity ids are unique, as Teams' are. */
export interface ActivityOptions {
  serviceUrl: string;
  conversation: TeamsConversation;
  from: TeamsUser;
  /** Teams sends the client's locale; `nb-NO` by default. */
  locale?: string;
  id?: string;
  timestamp?: string;
}

/** The JSON Teams posts; kept as plain data so tests can also send it malformed. */
export type TeamsActivity = Record<string, unknown> & { type: string; id: string };

let sequence = 0;
function nextActivityId(): string {
  sequence += 1;
  return `${Date.now()}${String(sequence).padStart(4, '0')}`;
}

function base(type: string, options: ActivityOptions): TeamsActivity {
  const { conversation, from } = options;
  const locale = options.locale ?? 'nb-NO';
  const channelData: Record<string, unknown> = { tenant: { id: TENANT_ID } };
  if (conversation.kind === 'channel') {
    channelData['team'] = conversation.team;
    channelData['channel'] = conversation.channel;
    channelData['teamsTeamId'] = conversation.team.id;
    channelData['teamsChannelId'] = conversation.channel.id;
  }
  return {
    type,
    id: options.id ?? nextActivityId(),
    timestamp: options.timestamp ?? new Date().toISOString(),
    localTimestamp: options.timestamp ?? new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: BOT_ID, name: BOT_NAME },
    conversation: {
      id: conversation.id,
      conversationType: conversation.kind,
      tenantId: TENANT_ID,
      ...(conversation.kind !== 'personal' && { isGroup: true }),
      ...(conversation.kind === 'groupChat' &&
        conversation.name !== undefined && { name: conversation.name }),
    },
    channelData,
    locale,
    entities: [
      {
        type: 'clientInfo',
        locale,
        country: locale.slice(-2),
        platform: 'Web',
        timezone: 'Europe/Oslo',
      },
    ],
  };
}

function mentionEntity(id: string, name: string): Record<string, unknown> {
  return { type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name } };
}

/**
 * A message. In a group chat or channel the bot is @mentioned first (Teams delivers nothing else), unless
 * `mentionBot` is false; `mentions` adds people mentioned after the text's `@Name` placeholders.
 */
export function messageActivity(
  options: ActivityOptions & { text: string; mentionBot?: boolean; mentions?: TeamsUser[] },
): TeamsActivity {
  const activity = base('message', options);
  const mentionBot = options.mentionBot ?? options.conversation.kind !== 'personal';
  let text = options.text;
  const entities = activity['entities'] as Record<string, unknown>[];
  for (const person of options.mentions ?? []) {
    text = text.replace(`@${person.name}`, `<at>${person.name}</at>`);
    // As in the Teams documentation's examples, a mention names the user's Teams id and name only.
    entities.push(mentionEntity(person.id, person.name));
  }
  if (mentionBot) {
    text = `<at>${BOT_NAME}</at> ${text}`;
    entities.push(mentionEntity(BOT_ID, BOT_NAME));
  }
  return { ...activity, text, textFormat: 'plain', attachments: [] };
}

/**
 * An Adaptive Card `Action.Execute`: Teams posts an invoke named `adaptiveCard/action`, replying to the
 * card's activity, and waits for the invoke response (a message or a replacement card).
 */
export function cardActionInvoke(
  options: ActivityOptions & { verb: string; data?: Record<string, unknown>; replyToId?: string },
): TeamsActivity {
  return {
    ...base('invoke', options),
    name: 'adaptiveCard/action',
    ...(options.replyToId !== undefined && { replyToId: options.replyToId }),
    value: {
      action: { type: 'Action.Execute', verb: options.verb, data: options.data ?? {} },
      trigger: 'manual',
    },
  };
}

/** The app was installed in the conversation (Teams sends this beside the conversationUpdate). */
export function installationUpdateAdd(options: ActivityOptions): TeamsActivity {
  return { ...base('installationUpdate', options), action: 'add' };
}

/**
 * The bot joined the conversation, optionally with people joining too. People carry
 * `userPrincipalName`, `givenName` and `email`: without them `TeamsActivityHandler` asks the connector for
 * each member (`TeamsInfo.getMember`) before the bot's handler runs.
 */
export function botAddedUpdate(options: ActivityOptions & { alsoAdded?: TeamsUser[] }): TeamsActivity {
  const activity = base('conversationUpdate', options);
  const channelData = activity['channelData'] as Record<string, unknown>;
  channelData['eventType'] = options.conversation.kind === 'channel' ? 'teamMemberAdded' : 'memberAdded';
  return {
    ...activity,
    membersAdded: [
      { id: BOT_ID },
      ...(options.alsoAdded ?? []).map((user) => ({
        id: user.id,
        name: user.name,
        aadObjectId: user.aadObjectId,
        ...(user.userPrincipalName !== undefined && { userPrincipalName: user.userPrincipalName }),
        ...(user.givenName !== undefined && { givenName: user.givenName }),
        ...(user.surname !== undefined && { surname: user.surname }),
        ...(user.email !== undefined && { email: user.email }),
      })),
    ],
  };
}

/** A member as the connector stub should return it for a user. */
export function asConnectorMember(user: TeamsUser): {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  email?: string;
  tenantId: string;
} {
  return { ...user, tenantId: TENANT_ID };
}

/** A Teams message as a message action's `messagePayload` carries it (the shape of Graph's chatMessage). */
export interface MessagePayloadOptions {
  /** Teams message ids are the milliseconds of the post. */
  id?: string;
  /** The body as Teams sends it: HTML. */
  html: string;
  /** Who wrote it; `'bot'` for a message of an app. */
  from: TeamsUser | 'bot';
  createdDateTime?: string;
  /** The conversation the message is in (for its link). */
  conversationId: string;
}

export function messagePayload(options: MessagePayloadOptions): Record<string, unknown> {
  const id = options.id ?? nextActivityId();
  const from =
    options.from === 'bot'
      ? {
          user: null,
          application: { applicationIdentityType: 'bot', id: BOT_APP_ID, displayName: BOT_NAME },
          device: null,
          conversation: null,
        }
      : {
          user: { userIdentityType: 'aadUser', id: options.from.aadObjectId, displayName: options.from.name },
          application: null,
          device: null,
          conversation: null,
        };
  return {
    id,
    replyToId: null,
    createdDateTime: options.createdDateTime ?? new Date().toISOString(),
    lastModifiedDateTime: null,
    deleted: false,
    subject: null,
    summary: null,
    importance: 'normal',
    locale: 'nb-no',
    linkToMessage: `https://teams.microsoft.com/l/message/${encodeURIComponent(options.conversationId)}/${id}?tenantId=${TENANT_ID}`,
    from,
    body: { contentType: 'html', content: options.html },
    attachments: [],
    mentions: [],
    reactions: [],
  };
}

/**
 * A message action chosen on a message's "…" menu: Teams posts `composeExtension/fetchTask` with the
 * command id and the message, and shows the dialog the invoke response holds.
 */
export function messageActionFetch(
  options: ActivityOptions & { commandId?: string; payload: Record<string, unknown> },
): TeamsActivity {
  return {
    ...base('invoke', options),
    name: 'composeExtension/fetchTask',
    value: {
      commandId: options.commandId ?? 'keepMessage',
      commandContext: 'message',
      context: { theme: 'default' },
      messagePayload: options.payload,
    },
  };
}

/** The dialog's `Action.Submit`: `composeExtension/submitAction` with its data and the message again. */
export function messageActionSubmit(
  options: ActivityOptions & {
    commandId?: string;
    payload?: Record<string, unknown>;
    data: Record<string, unknown>;
  },
): TeamsActivity {
  return {
    ...base('invoke', options),
    name: 'composeExtension/submitAction',
    value: {
      commandId: options.commandId ?? 'keepMessage',
      commandContext: 'message',
      context: { theme: 'default' },
      data: options.data,
      ...(options.payload !== undefined && { messagePayload: options.payload }),
    },
  };
}
