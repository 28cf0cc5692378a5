/**
 * What "the log is intact" means after a fault: the hash chain verifies, events are numbered 1..n without
 * a gap, the head says n, and each delivery (a Teams activity id, with the bot's suffixes) appended its
 * events once.
 */
import { expect } from 'vitest';
import type { CaseEvent } from '../../engine';
import type { EventLog, StoredEvent } from '../../storage/eventLog';

export async function storedEvents(log: EventLog, caseId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const stored of log.readEvents(caseId)) events.push(stored);
  return events;
}

/** Asserts the log of a case is whole and returns its events. */
export async function expectIntactLog(log: EventLog, caseId: string): Promise<StoredEvent[]> {
  const report = await log.verify(caseId);
  expect(report, `verify(${caseId})`).toMatchObject({ ok: true });
  const events = await storedEvents(log, caseId);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, index) => index + 1));
  const head = await log.readHead(caseId);
  expect(head?.version).toBe(events.length);
  expect(head?.state.version).toBe(events.length);
  expect(report.checked).toBe(events.length);
  return events;
}

/** The events one delivery appended (the bot derives `:join` and `:<person>` ids from an activity id). */
export function eventsOfDelivery(events: readonly StoredEvent[], deliveryId: string): CaseEvent[] {
  return events.filter((e) => e.deliveryId === deliveryId).map((e) => e.event);
}

export function countOf(events: readonly StoredEvent[], type: CaseEvent['type']): number {
  return events.filter((e) => e.event.type === type).length;
}
