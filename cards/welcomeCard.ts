/**
 * The card the bot posts when it is added to a conversation: what it does, that the group's
 * documentation becomes a process log for the project and for trailing research (pseudonymised for
 * researchers), and how to start. Fixed shape: a JSON template (templates/welcomeCard.json).
 */
import type { Language } from '../engine';
import { cardTexts } from './cardTexts';
import type { AdaptiveCard } from './elements';
import { expandTemplate } from './expandTemplate';
import template from './templates/welcomeCard.json';
import { CARD_VERBS } from './verbs';

export function welcomeCard(language: Language): AdaptiveCard {
  const t = cardTexts.welcome;
  return expandTemplate(template, {
    verb: CARD_VERBS.showOpenCaseForm,
    t: {
      title: t.title[language],
      what: t.what[language],
      log: t.log[language],
      start: t.start[language],
      openCase: cardTexts.common.openCase[language],
    },
  });
}
