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
    text: textOf(p['body']),
    ...(typeof link === 'string' && link.startsWith('https://') && { link }),
    ...(author !== undefined && { author }),
    ...(writtenAt !== undefined && { writtenAt }),
  };
}

function textOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { content, contentType } = body as Record<string, unknown>;
  if (typeof content !== 'string') return '';
  const cut = content.slice(0, MAX_BODY);
  return contentType === 'text' ? cut : convert(cut, HTML_OPTIONS).trim();
}

function authorOf(from: unknown): ActedOnMessage['author'] {
  if (typeof from !== 'object' || from === null) return undefined;
  const user = (from as Record<string, unknown>)['user'];
  if (typeof user !== 'object' || user === null) return undefined;
  const { id, displayName } = user as Record<string, unknown>;
  if (typeof id !== 'string' || id === '' || id.length > MAX_NAME) return undefined;
  const name = typeof displayName === 'string' ? displayName.slice(0, MAX_NAME) : '';
  return { aadObjectId: id, name };
}

function utcTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
