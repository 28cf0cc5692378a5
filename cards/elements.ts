/**
 * The Adaptive Card elements the cards use (version 1.5, the highest Teams renders), as plain types
 * and small constructors. Typed, so a misspelt property or element fails `tsc` before it reaches the
 * schema test; plain objects, so a card is just JSON the bot can attach.
 */
import type { CardActionDataByVerb, CardVerb } from './verbs';

export const CARD_VERSION = '1.5';
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * Teams refuses bot messages over about 28 KB, attachments included. Cards stay under this many bytes
 * of JSON, leaving room for the activity around them.
 */
export const CARD_BYTE_BUDGET = 26_000;

export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';

interface ElementBase {
  id?: string;
  isVisible?: boolean;
  spacing?: Spacing;
  separator?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  /** Markdown subset: user text in here must come from `escapeMarkdown` or a `Summarizer`. */
  text: string;
  wrap?: boolean;
  weight?: 'Default' | 'Lighter' | 'Bolder';
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  color?: TextColor;
  isSubtle?: boolean;
  style?: 'default' | 'heading';
  maxLines?: number;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  bleed?: boolean;
}

export interface Column {
  type: 'Column';
  items: CardElement[];
  /** "auto", "stretch", a weight or pixels ("80px"). */
  width?: 'auto' | 'stretch' | number | `${number}px`;
  verticalContentAlignment?: 'Top' | 'Center' | 'Bottom';
  spacing?: Spacing;
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

interface InputBase extends ElementBase {
  id: string;
  /** Plain text (inputs render no markdown). */
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface TextInput extends InputBase {
  type: 'Input.Text';
  /** The exact stored text, never escaped: it must round-trip. */
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  style?: 'Text' | 'Url' | 'Tel' | 'Email';
}

export interface NumberInput extends InputBase {
  type: 'Input.Number';
  value?: number;
  placeholder?: string;
  min?: number;
  max?: number;
}

export interface DateInput extends InputBase {
  type: 'Input.Date';
  /** YYYY-MM-DD. */
  value?: string;
  placeholder?: string;
}

export interface Choice {
  /** Plain text (choice titles render no markdown). */
  title: string;
  /** Never contains a comma: multi-select values come back comma-separated. */
  value: string;
}

export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  /** For multi-select, comma-separated values. */
  value?: string;
  isMultiSelect?: boolean;
  style?: 'compact' | 'expanded' | 'filtered';
  placeholder?: string;
  wrap?: boolean;
}

export type CardInput = TextInput | NumberInput | DateInput | ChoiceSetInput;

export type CardElement = TextBlock | FactSet | Container | ColumnSet | ActionSet | CardInput;

export interface ExecuteAction<V extends CardVerb = CardVerb> {
  type: 'Action.Execute';
  verb: V;
  title?: string;
  data: CardActionDataByVerb[V];
  style?: 'default' | 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
}

/** Any verb's Action.Execute, with its data checked against that verb. */
export type AnyExecuteAction = { [V in CardVerb]: ExecuteAction<V> }[CardVerb];

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: SubCard;
  style?: 'default' | 'positive' | 'destructive';
}

export interface ToggleVisibilityAction {
  type: 'Action.ToggleVisibility';
  title: string;
  targetElements: string[];
}

export type CardAction = AnyExecuteAction | ShowCardAction | ToggleVisibilityAction;

/** The card inside an Action.ShowCard: no version of its own. */
export interface SubCard {
  type: 'AdaptiveCard';
  body: CardElement[];
  actions?: CardAction[];
}

/** A Teams mention: `text` must appear verbatim in a TextBlock of the card. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

/** A card as the bot attaches it (`application/vnd.microsoft.card.adaptive`). */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: typeof CARD_VERSION;
  $schema?: string;
  body: CardElement[];
  actions?: CardAction[];
  /** Universal Actions: listed users get the refresh action run automatically when they see the card. */
  refresh?: { action: AnyExecuteAction; userIds?: string[] };
  /** Teams' own extension: mentions and full width. Not part of the Adaptive Cards schema. */
  msteams?: { width?: 'Full'; entities?: MentionEntity[] };
  fallbackText?: string;
}

// ── Constructors ──────────────────────────────────────────────────────────────────────────────────

export function card(
  body: CardElement[],
  actions: CardAction[] = [],
  extra: Pick<AdaptiveCard, 'refresh' | 'msteams' | 'fallbackText'> = {},
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    $schema: CARD_SCHEMA,
    ...(extra.fallbackText !== undefined && { fallbackText: extra.fallbackText }),
    ...(extra.refresh !== undefined && { refresh: extra.refresh }),
    ...(extra.msteams !== undefined && { msteams: extra.msteams }),
    body,
    ...(actions.length > 0 && { actions }),
  };
}

export function textBlock(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function heading(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return textBlock(text, { weight: 'Bolder', size: 'Medium', style: 'heading', ...options });
}

export function subtle(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return textBlock(text, { isSubtle: true, size: 'Small', spacing: 'Small', ...options });
}

export function container(items: CardElement[], options: Omit<Container, 'type' | 'items'> = {}): Container {
  return { type: 'Container', items, ...options };
}

export function execute<V extends CardVerb>(
  verb: V,
  title: string,
  data: CardActionDataByVerb[V],
  options: Pick<ExecuteAction<V>, 'style' | 'associatedInputs'> = {},
): ExecuteAction<V> {
  return { type: 'Action.Execute', verb, title, data, ...options };
}

export function showCard(
  title: string,
  body: CardElement[],
  actions: CardAction[],
  style?: ShowCardAction['style'],
): ShowCardAction {
  return {
    type: 'Action.ShowCard',
    title,
    card: { type: 'AdaptiveCard', body, actions },
    ...(style !== undefined && { style }),
  };
}

export function toggle(title: string, targetId: string): ActionSet {
  return {
    type: 'ActionSet',
    spacing: 'Small',
    actions: [{ type: 'Action.ToggleVisibility', title, targetElements: [targetId] }],
  };
}

/** A banner: a styled container with one text, for notices and for paused/stopped/completed. */
export function banner(
  text: string,
  style: ContainerStyle,
  options: Omit<Container, 'type' | 'items'> = {},
): Container {
  return container([textBlock(text)], { style, bleed: false, ...options });
}

/** Size of a card as Teams counts it: bytes of its JSON. */
export function cardBytes(value: AdaptiveCard): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}
