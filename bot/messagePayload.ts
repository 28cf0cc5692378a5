/**
 * The Teams message a message action was used on, read from the invoke's `messagePayload` (the same
 * shape as Graph's chatMessage: `id`, `body` {contentType html|text, content}, `from.user` {id = the
 * Entra object id, displayName}, `createdDateTime`, `linkToMessage`). Teams sends the body as HTML: it
 * becomes plain text here (mentions keep their names, links their text, emoji stay, images go). Nothing in it is
 * trusted: a field of the wrong kind is left out, and the engine checks what is recorded again.
 */
import { convert, type HtmlToTextOptions } from 'html-to-text';
import type { ActedOnMessage } from '../conversation/turn';

/** More than Teams lets a message hold (about 28 KB): a bigger body is cut before it is converted. */
const MAX_BODY = 200_000;
const MAX_NAME = 256;
const HTML_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  // Teams writes an emoji as <emoji alt="🙂"> or <img itemtype="…/Emoji" alt="🙂">: the emoji stays.
  formatters: {
    emojiOnly: (element, _walk, builder) => {
      const { name, attribs } = element as { name?: unknown; attribs?: Record<string, unknown> };
      const itemType = attribs?.['itemtype'];
      const alt = attribs?.['alt'];
      const emoji = name === 'emoji' || (typeof itemType === 'string' && itemType.includes('Emoji'));
      if (emoji && typeof alt === 'string' && alt !== '') builder.addInline(alt);
    },
  },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'emojiOnly' },
    { selector: 'emoji', format: 'emojiOnly' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

export function readActedOnMessage(payload: unknown): ActedOnMessage | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  const messageId = p['id'];
  if (typeof messageId !== 'string' || messageId === '') return undefined;
  const link = p['linkToMessage'];
  const author = authorOf(p['from']);
  const writtenAt = utcTime(p['createdDateTime']);
  return {
    messageId,
    text: textOf(p['body'], appMentions(p['mentions'])),
    ...(typeof link === 'string' && link.startsWith('https://') && { link }),
    ...(author !== undefined && { author }),
    ...(writtenAt !== undefined && { writtenAt }),
  };
}

function textOf(body: unknown, apps: readonly AppMention[]): string {
  if (typeof body !== 'object' || body === null) return '';
  const { content, contentType } = body as Record<string, unknown>;
  if (typeof content !== 'string') return '';
  const cut = content.slice(0, MAX_BODY);
  if (contentType === 'text') return cut;
  // A message to the bot starts with its @mention: what the person said is the rest.
  const withoutApps = cut.replace(
    /<at\b([^>]*)>([^<]*)<\/at>/gi,
    (whole, attributes: string, inner: string) => {
      const id = /\bid="?(\d+)/.exec(attributes)?.[1];
      return apps.some((app) => app.id === id || app.text === inner.trim()) ? '' : whole;
    },
  );
  let text = convert(withoutApps, HTML_OPTIONS).trim();
  // A client that sends the mention as plain text (the Agents Playground) still starts with the bot's name.
  for (const app of apps) {
    if (
      app.text !== undefined &&
      app.text !== '' &&
      new RegExp(`^${escapeRegExp(app.text)}\\s`, 'u').test(text)
    )
      text = text.slice(app.text.length).trim();
  }
  return text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A mention of a bot or an app in the message, by its number in the body and its text. */
interface AppMention {
  id: string | undefined;
  text: string | undefined;
}

function appMentions(mentions: unknown): AppMention[] {
  if (!Array.isArray(mentions)) return [];
  const found: AppMention[] = [];
  for (const mention of mentions as unknown[]) {
    if (typeof mention !== 'object' || mention === null) continue;
    const { id, mentionText, mentioned } = mention as Record<string, unknown>;
    const application = (mentioned as Record<string, unknown> | null | undefined)?.['application'];
    if (typeof application !== 'object' || application === null) continue;
    found.push({
      id: typeof id === 'number' || typeof id === 'string' ? String(id) : undefined,
      // Teams gives the name; a Bot Framework client may give the mention's markup ("<at>Name</at>").
      text: typeof mentionText === 'string' ? mentionText.replace(/<\/?at\b[^>]*>/gi, '').trim() : undefined,
    });
  }
  return found;
}

function authorOf(from: unknown): ActedOnMessage['author'] {
  if (typeof from !== 'object' || from === null) return undefined;
  const user = (from as Record<string, unknown>)['user'];
  if (typeof user !== 'object' || user === null) return undefined;
  const { id, displayName } = user as Record<string, unknown>;
  if (typeof id !== 'string' || id === '' || id.length > MAX_NAME) return undefined;
  const name = typeof displayName === 'string' ? displayName.slice(0, MAX_NAME) : '';
  return { userId: id, name };
}

function utcTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
