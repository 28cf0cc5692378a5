/**
 * The one place where text people wrote becomes text a card shows.
 *
 * TextBlock and Fact render a subset of CommonMark in Teams, and the Adaptive Cards host also expands
 * `{{DATE(…)}}`/`{{TIME(…)}}` and `<at>…</at>` mentions. A title like `**Pilot** <at>Boss</at>` or an
 * answer that begins with `1.` or `#` would otherwise become bold text, a fake mention, a list or a
 * heading, and `${x}` would look like an unfilled template. Everything a person typed therefore goes
 * through `escapeMarkdown` (markdown-rendering fields) or `plainText` (fields that render no markdown,
 * such as choice titles) before it reaches a card.
 *
 * Escaping uses CommonMark backslash escapes, which is what the Adaptive Cards markdown subset
 * specifies. Some older mobile clients show the backslash instead of hiding it; the text is then still
 * literal (what matters here), only less pretty. Only characters that can start formatting are
 * escaped, and block markers only at the start of a line, to keep that cost small.
 *
 * Input `value`s are never escaped: they must round-trip exactly, or saving an unchanged form would
 * record a changed answer.
 */

// C0 controls other than tab and newline, DEL and C1 controls: invisible, and some break JSON consumers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides can make a name or answer display as something else than it is.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// A surrogate half without its partner cannot be encoded in UTF-8 and breaks some clients.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes what is invisible or unencodable and unifies line ends. Visible characters are kept. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(BIDI, '')
    .replace(LONE_SURROGATE, '\ufffd');
}

// Inline characters that can open emphasis, code, strikethrough, links, HTML or mentions, or (with `{`,
// the only brace that matters) a template expression or a {{DATE()}} function.
const INLINE_SPECIAL = /[\\`*_~[\]<>{]/g;
// `&amp;`-style entities would be decoded; a plain `&` is left alone.
const ENTITY_START = /&(?=#?[a-zA-Z0-9]+;)/g;
// Line starts that open a heading, a list, a setext underline or a table row.
const BLOCK_START = /^([#+\-=|])/;
const ORDERED_LIST_START = /^(\d{1,9})([.)])/;

function escapeLine(line: string): string {
  // Leading indentation would turn the line into a code block; it carries no meaning in a card.
  const trimmed = line.replace(/^ +/, '');
  return trimmed
    .replace(INLINE_SPECIAL, '\\$&')
    .replace(ENTITY_START, '\\&')
    .replace(BLOCK_START, '\\$1')
    .replace(ORDERED_LIST_START, '$1\\$2');
}

/**
 * Makes user text literal in a markdown-rendering field (TextBlock, Fact, chat messages). Line breaks
 * are kept as single newlines (the caller decides how lines are laid out).
 */
export function escapeMarkdown(text: string): string {
  return cleanText(text).split('\n').map(escapeLine).join('\n');
}

/**
 * Text for fields that render no markdown (choice titles, input labels and placeholders): cleaned,
 * on one line, and with `${` and `{{` broken by an invisible zero-width space so they can never read
 * as a template expression or a date function.
 */
export function plainText(text: string, limit?: number): string {
  const line = collapseWhitespace(cleanText(text));
  const cut = limit === undefined ? line : shortenTo(line, limit).text;
  return cut.replace(/\$\{/g, '$\u200b{').replace(/\{\{/g, '{\u200b{');
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts at a code point boundary, never inside a surrogate pair, and marks the cut with "…". */
function shortenTo(text: string, limit: number): { text: string; shortened: boolean } {
  const codePoints = Array.from(text);
  if (codePoints.length <= limit) return { text, shortened: false };
  return {
    text: `${codePoints
      .slice(0, Math.max(1, limit - 1))
      .join('')
      .trimEnd()}…`,
    shortened: true,
  };
}

/**
 * Shortens user text for summaries and remembers whether it did, so a card can say that the full text
 * is in the process log. Forms never shorten: they show inputs with the full value.
 */
export class Summarizer {
  private cut = false;

  /** Whether any text was shortened; the card then adds a footnote pointing to the log. */
  get shortened(): boolean {
    return this.cut;
  }

  /** One line (line breaks become spaces), at most `limit` characters, escaped. */
  inline(text: string, limit: number): string {
    const result = shortenTo(collapseWhitespace(cleanText(text)), limit);
    if (result.shortened) this.cut = true;
    return escapeMarkdown(result.text);
  }

  /**
   * Paragraphs kept (Teams needs a blank line for a visible line break in a TextBlock), at most
   * `limit` characters, escaped.
   */
  block(text: string, limit: number): string {
    const cleaned = cleanText(text)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('\n');
    const result = shortenTo(cleaned, limit);
    if (result.shortened) this.cut = true;
    return escapeMarkdown(result.text).split('\n').join('\n\n');
  }
}

/** Longest name shown; a longer one is cut with "…" (names come from Teams, not from the log). */
export const NAME_LIMIT = 80;

/**
 * The text Teams matches against a mention entity (`<at>Name</at>`): the name on one line, shortened
 * and escaped, so a name cannot close the tag early. The bot's chat mentions use the same function, so
 * the entity and the text always agree.
 */
export function mentionText(name: string): string {
  return `<at>${escapeMarkdown(shortenTo(collapseWhitespace(cleanText(name)), NAME_LIMIT).text)}</at>`;
}
