/**
 * A short message as a card: a confirmation, a friendly refusal (specific, and saying what to do next;
 * never a stack trace), or a warning. The text is shown literally (escaped), so a refusal that repeats
 * what someone typed cannot turn into formatting. Fixed shape: templates/noticeCard.json.
 */
import type { Language, Localized } from '../engine';
import { cardTexts } from './cardTexts';
import type { AdaptiveCard, ContainerStyle } from './elements';
import { expandTemplate } from './expandTemplate';
import template from './templates/noticeCard.json';
import { escapeMarkdown } from './text';

export type NoticeKind = 'info' | 'warning' | 'error';

const LOOK: Record<NoticeKind, { style: ContainerStyle; icon: string }> = {
  info: { style: 'emphasis', icon: 'ℹ️' },
  warning: { style: 'warning', icon: '⚠️' },
  error: { style: 'attention', icon: '⛔' },
};

export function noticeCard(language: Language, text: Localized, kind: NoticeKind): AdaptiveCard {
  const look = LOOK[kind];
  return expandTemplate(template, {
    style: look.style,
    icon: look.icon,
    heading: cardTexts.notice[kind][language],
    text: escapeMarkdown(text[language]).split('\n').join('\n\n'),
  });
}
