/**
 * The chat message for a recorded reminder, in the case's language: an idle stage names its next open
 * question; a waiting gate @mentions the deciders who have not decided.
 */
import type { CaseState, Localized, ProcessTemplate } from '../engine';
import { byLanguage, LANGUAGE_TAGS, listIn, nextOpenPrompt, stageOf } from '../engine';
import type { Person } from '../storage/peopleDirectory';
import { texts } from './botTexts';
import { mentionText } from '../cards';
import type { MentionTarget, OutgoingMessage } from './chat';

export interface ReminderFacts {
  kind: 'idleStage' | 'pendingGate';
  stageId: string;
  personIds: readonly string[];
}

export function reminderMessage(
  state: CaseState,
  template: ProcessTemplate,
  reminder: ReminderFacts,
  people: ReadonlyMap<string, Person>,
  timeZone = 'Europe/Oslo',
): OutgoingMessage {
  const language = state.language;
  const stage = stageOf(template, reminder.stageId);
  if (reminder.kind === 'idleStage') {
    const prompt = nextOpenPrompt(state, stage, [], false);
    return { text: texts.reminderIdle(stage.title, prompt?.label)[language] };
  }
  const mentions: MentionTarget[] = [];
  let unnamed = 0;
  for (const personId of reminder.personIds) {
    const person = people.get(personId);
    // Erased or never seen: no name to show and nobody to notify; the neutral words stand in.
    if (person?.displayName === undefined || person.erasedAt !== undefined) unnamed += 1;
    else mentions.push({ personId: person.teamsUserId ?? personId, name: person.displayName });
  }
  const addressees = [
    ...mentions.map((m) => mentionText(m.name)),
    ...(unnamed > 0 ? [texts.someManagers(unnamed)[language]] : []),
  ];
  const since = state.gate?.requestedAt ?? state.updatedAt;
  return {
    text: texts.reminderPendingGate(stage.title, formatDate(since, timeZone), listOf(addressees))[language],
    mentions,
  };
}

function listOf(items: readonly string[]): Localized {
  return byLanguage((language) => listIn(language, items));
}

/** A calendar date as people in the municipality read it, in every language. */
function formatDate(iso: string, timeZone: string): Localized {
  const date = new Date(iso);
  return byLanguage((language) =>
    new Intl.DateTimeFormat(LANGUAGE_TAGS[language], { dateStyle: 'long', timeZone }).format(date),
  );
}
