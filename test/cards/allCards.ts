/**
 * Every card the bot can send, in every language, over every fixture state: the corpus the validity,
 * escaping and size tests run over. A new builder or view belongs here, or it goes unchecked.
 */
import type { CaseState, Language } from '../../engine';
import type { AdaptiveCard } from '../../cards';
import {
  approvalCard,
  helpCard,
  noticeCard,
  openCaseFormCard,
  recordedCard,
  stageFormCard,
  statusCard,
  welcomeCard,
} from '../../cards';
import { commandHelp } from '../../conversation/commandParser';
import { builtInTemplates } from '../../engine';
import { caseStates, deciderMentions, LANGUAGES_UNDER_TEST, members, names, template } from './cardFixtures';

export interface NamedCard {
  name: string;
  language: Language;
  card: AdaptiveCard;
}

const templates = builtInTemplates()
  .all()
  .map((entry) => ({ id: entry.id, version: entry.version, title: entry.title }));

export function fixedCards(language: Language): NamedCard[] {
  const many = Array.from({ length: 12 }, (_, index) => ({
    personId: `aad-person-${index}`,
    name: `Person ${index}`,
  }));
  return [
    { name: 'welcome', language, card: welcomeCard(language) },
    { name: 'help (bot command table)', language, card: helpCard(language, commandHelp(language)) },
    {
      name: 'help (localized descriptions)',
      language,
      card: helpCard(language, [
        { words: ['hjelp', 'help'], description: { nb: 'viser hjelp', nn: 'viser hjelp', en: 'shows help' } },
      ]),
    },
    { name: 'help (no commands)', language, card: helpCard(language, []) },
    ...(['info', 'warning', 'error'] as const).map((kind) => ({
      name: `notice ${kind}`,
      language,
      card: noticeCard(
        language,
        {
          nb: 'Saken er lagret.\nNeste steg venter.',
          nn: 'Saka er lagra.\nNeste steg ventar.',
          en: 'The case is saved.\nThe next step is waiting.',
        },
        kind,
      ),
    })),
    { name: 'open case form', language, card: openCaseFormCard({ language, members, templates }) },
    {
      name: 'open case form (no members)',
      language,
      card: openCaseFormCard({ language, members: [], templates }),
    },
    {
      name: 'open case form (many members)',
      language,
      card: openCaseFormCard({ language, members: many, templates }),
    },
    {
      name: 'open case form (notice)',
      language,
      card: openCaseFormCard({ language, members, templates, notice: '**Tittel mangler.**' }),
    },
  ];
}

/** Who the cards name: display names, the deciders to mention, and the conversation's members. */
export interface People {
  names: ReadonlyMap<string, string>;
  mentions: readonly { personId: string; name: string }[];
  members: readonly { personId: string; name: string }[];
}

const fixturePeople: People = { names, mentions: deciderMentions, members };

export function caseCards(
  stateName: string,
  state: CaseState,
  language: Language,
  who: People = fixturePeople,
): NamedCard[] {
  const { names, mentions, members } = who;
  const named = (view: string, card: AdaptiveCard): NamedCard => ({
    name: `${view} · ${stateName}`,
    language,
    card,
  });
  const cards = [
    named('status', statusCard({ state, template, language, names })),
    named(
      'status (notice)',
      statusCard({ state, template, language, names, notice: 'Kortet var utdatert.' }),
    ),
    named('stage form', stageFormCard({ state, template, language, names, members })),
    named('stage form (no members given)', stageFormCard({ state, template, language, names })),
    named(
      'stage form (recorded)',
      stageFormCard({
        state,
        template,
        language,
        names,
        members,
        recorded: { promptIds: ['challenge', 'presentation'], politicalDecision: true },
      }),
    ),
    named(
      'approval (decider)',
      approvalCard({ state, template, language, names, viewer: 'decider', mentions }),
    ),
    named(
      'approval (observer)',
      approvalCard({ state, template, language, names, viewer: 'observer', mentions }),
    ),
    named(
      'approval (shared)',
      approvalCard({ state, template, language, names, viewer: 'shared', mentions }),
    ),
    named(
      'approval (no mentions)',
      approvalCard({ state, template, language, names, viewer: 'observer', mentions: [] }),
    ),
    named(
      'recorded',
      recordedCard({ state, template, language, names, recorded: { promptIds: ['challenge'] } }),
    ),
  ];
  const last = state.recentDecisions[0];
  if (last) {
    cards.push(
      named(
        'approval (decided)',
        approvalCard({ state, template, language, names, viewer: 'observer', mentions: [], decided: last }),
      ),
    );
  }
  return cards;
}

export function allCards(states: Record<string, CaseState> = caseStates()): NamedCard[] {
  return LANGUAGES_UNDER_TEST.flatMap((language) => [
    ...fixedCards(language),
    ...Object.entries(states).flatMap(([name, state]) => caseCards(name, state, language)),
  ]);
}
