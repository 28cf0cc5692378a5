/**
 * Small hand-made events and append requests for the storage tests. States are folded with the engine's
 * `evolve`, so what the tests store is exactly what the application would store.
 */
import { randomUUID } from 'node:crypto';
import type {
  CaseEvent,
  CaseOpened,
  CasePaused,
  DocumentationRecorded,
  IdeaRecorded,
  StageEntered,
} from '../../engine/events';
import { evolve, type CaseState } from '../../engine/state';
import type { AppendRequest, CaseHead } from '../../storage/eventLog';

export const OWNER = 'person-owner';

/** An ISO time `minutes` after a fixed start, so tests can order cases by time. */
export function minutesAfterStart(minutes: number): string {
  return new Date(Date.UTC(2025, 0, 6, 8, 0, 0) + minutes * 60_000).toISOString();
}

/** A case id no other test uses. */
export function uniqueCaseId(prefix = 'case'): string {
  return `${prefix}-${randomUUID()}`;
}

/** A Table name no other test uses: letters and digits only, starting with a letter. */
export function uniqueTableName(prefix = 't'): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

export function caseOpened(
  caseId: string,
  options: Partial<Omit<CaseOpened, 'type' | 'caseId'>> = {},
): CaseOpened {
  return {
    type: 'CaseOpened',
    caseId,
    title: 'Felles oppstartsteam i hjemmetjenesten',
    conversationId: '19:group-chat@thread.v2',
    template: { id: 'default', version: 1 },
    language: 'nb',
    at: minutesAfterStart(0),
    actorId: OWNER,
    ...options,
  };
}

export function stageEntered(stageId: string, at: string): StageEntered {
  return { type: 'StageEntered', stageId, round: 1, via: 'start', at, actorId: OWNER };
}

export function ideaRecorded(
  text: string,
  at: string = minutesAfterStart(1),
  actorId: string = OWNER,
): IdeaRecorded {
  return { type: 'IdeaRecorded', ideaId: randomUUID(), stageId: 'challenge', text, at, actorId };
}

export function documentationRecorded(
  promptId: string,
  text: string,
  revision: number,
  at: string,
): DocumentationRecorded {
  return {
    type: 'DocumentationRecorded',
    stageId: 'challenge',
    round: 1,
    promptId,
    revision,
    answer: { type: 'text', text },
    at,
    actorId: OWNER,
  };
}

export function casePaused(reason: string, at: string): CasePaused {
  return { type: 'CasePaused', stageId: 'challenge', round: 1, reason, at, actorId: OWNER };
}

/** Folds `events` onto a state whose newest event is `version`. */
export function foldOnto(
  state: CaseState | undefined,
  version: number,
  events: readonly CaseEvent[],
): CaseState {
  let next = state;
  events.forEach((event, index) => {
    next = evolve(next, event, version + index + 1);
  });
  if (!next) throw new Error('foldOnto needs at least one event');
  return next;
}

/** The append a command would make after reading `head`: expected version/ETag and the folded state. */
export function appendOnto(
  caseId: string,
  head: CaseHead | undefined,
  events: CaseEvent[],
  deliveryId?: string,
): AppendRequest {
  return {
    caseId,
    expected: head,
    events,
    state: foldOnto(head?.state, head?.version ?? 0, events),
    ...(deliveryId !== undefined && { deliveryId }),
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/**
 * Text that exercises what a naive store breaks: Norwegian letters, emoji (surrogate pairs), quotes,
 * backslashes and newlines.
 */
export function awkwardText(length: number): string {
  const pattern = 'Æøå «sitat» "quoted" \\ back\nslash\n😀 tekst ';
  return pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);
}
