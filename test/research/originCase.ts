/**
 * A small case with ideas and a barrier kept from Teams messages beside one typed to the bot: the owner
 * (Olga) keeps a message Mads wrote as an idea, types an idea of her own, and keeps a message of Mads'
 * as a barrier; Mads is a member. Used by the export and the dashboard tests of where ideas came from.
 */
import type { CaseEvent, MessageOrigin } from '../../engine';
import type { EventLog } from '../../storage/eventLog';
import type { PeopleDirectory } from '../../storage/peopleDirectory';
import { CaseSpecification, openCommand, people } from '../engine/caseSpecification';
import { storeEvents, storeNames } from './exampleCase';

/** What must never reach a pseudonymised export: the raw message ids and links. */
export const RAW = {
  ideaMessageId: '1764580500123',
  barrierMessageId: '1764580599987',
  chatId: '19:origin-chat-7f3a@thread.v2',
} as const;

export const ideaOrigin: MessageOrigin = {
  kind: 'message',
  messageId: RAW.ideaMessageId,
  link: `https://teams.microsoft.com/l/message/${RAW.chatId}/${RAW.ideaMessageId}?context=%7B%7D`,
  authorId: people.mads,
  // 08:15 in Oslo (winter time).
  writtenAt: '2026-01-05T07:15:00.000Z',
};

export const barrierOrigin: MessageOrigin = {
  kind: 'message',
  messageId: RAW.barrierMessageId,
  link: `https://teams.microsoft.com/l/message/${RAW.chatId}/${RAW.barrierMessageId}`,
  authorId: people.mads,
  writtenAt: '2026-01-05T07:20:00.000Z',
};

export const originTexts = {
  kept: 'Nattevakten kan ringe brukerne dagen etter i stedet for å skrive avvik.',
  typed: 'Felles kveldsmøte hver torsdag.',
  barrier: 'Turnusen gjør det vanskelig å samle folk på kveldstid.',
} as const;

/** The case's events; with `madsDeclines`, the writer (Mads) declines research use at the end. */
export function originCaseEvents(caseId: string, madsDeclines = false): CaseEvent[] {
  const spec = new CaseSpecification();
  spec.given(people.olga, openCommand({ caseId }));
  spec.given(people.olga, { type: 'AssignRole', personId: people.rita, role: 'researcher' });
  spec.given(people.mads, { type: 'JoinCase' });
  spec.after(60).given(people.olga, {
    type: 'RecordIdea',
    ideaId: 'idea-kept',
    text: originTexts.kept,
    source: 'employees-practice',
    origin: ideaOrigin,
  });
  spec.given(people.olga, { type: 'RecordIdea', ideaId: 'idea-typed', text: originTexts.typed });
  spec.given(people.olga, {
    type: 'RecordBarrier',
    barrierId: 'barrier-kept',
    text: originTexts.barrier,
    category: 'shift-work',
    origin: barrierOrigin,
  });
  if (madsDeclines) {
    spec.given(people.mads, { type: 'RecordResearchConsent', consent: 'declined' });
  }
  return spec.events;
}

export async function storeOriginCase(
  log: EventLog,
  directory: PeopleDirectory,
  caseId: string,
  madsDeclines = false,
): Promise<void> {
  await storeEvents(log, caseId, originCaseEvents(caseId, madsDeclines));
  await storeNames(directory);
}
