/**
 * The help card: the command words in the chosen language and what each does. The bot passes its own
 * command table (bot/commandParser.ts), so a word that is listed is a word that works. Fixed shape with
 * one repeated row: a JSON template (templates/helpCard.json) with `$data` over the commands.
 */
import type { Language, Localized } from '../engine';
import { isNorwegianForm } from '../engine';
import { cardTexts } from './cardTexts';
import type { AdaptiveCard } from './elements';
import { expandTemplate } from './expandTemplate';
import template from './templates/helpCard.json';
import { escapeMarkdown } from './text';
import { CARD_VERBS } from './verbs';

/**
 * One command for the help card: the words that trigger it (already in the chosen language) and what
 * it does, in every language or already in the chosen one.
 */
export type BotCommandHelp = readonly {
  words: readonly string[];
  description: Localized | string;
}[];

export function helpCard(language: Language, commands: BotCommandHelp): AdaptiveCard {
  const t = cardTexts.help;
  const quote = isNorwegianForm(language) ? (word: string) => `«${word}»` : (word: string) => `“${word}”`;
  return expandTemplate(template, {
    verb: CARD_VERBS.showOpenCaseForm,
    t: {
      title: t.title[language],
      intro: t.intro[language],
      keepMessage: t.keepMessage[language],
      log: t.log[language],
      openCase: cardTexts.common.openCase[language],
    },
    commands: commands.map((command) => ({
      // Command words are the bot's, not user text, but they hold characters such as "?" and quotes:
      // escaping keeps them literal whatever a future word looks like.
      words: command.words.map((word) => escapeMarkdown(quote(word))).join(' / '),
      description: escapeMarkdown(
        typeof command.description === 'string' ? command.description : command.description[language],
      ),
    })),
  });
}
