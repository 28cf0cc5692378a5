/**
 * Grows a case's log quickly, untimed: commands are decided by the real engine on the real state (so the
 * events, their hashes and the head snapshot are exactly what the bot would have written), and appended
 * through the real `EventLog` in transactions of up to 90 events instead of one append per command.
 */
import { decide, evolve, type CaseCommand, type CaseEvent, type CaseState } from '../engine';
import type { AppServices } from '../runtime/bot';
import { DOCUMENTED_PROMPT } from './driver';

/** Events per append: below the 100 operations of a transaction (event rows + delivery row + head). */
const EVENTS_PER_APPEND = 90;

/**
 * Appends the events of `commands`, decided one after the other by `actorId`, to an existing case.
 * Each batch carries a delivery id, as the bot's appends do.
 */
export async function appendCommands(
  services: AppServices,
  caseId: string,
  commands: Iterable<CaseCommand>,
  actorId: string,
  at: () => string = () => new Date().toISOString(),
): Promise<number> {
  let head = await services.log.readHead(caseId);
  if (!head) throw new Error(`No case ${caseId}`);
  let state: CaseState = head.state;
  let version = head.version;
  let pending: CaseEvent[] = [];
  let appended = 0;
  let batch = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0 || !head) return;
    batch += 1;
    const result = await services.log.append({
      caseId,
      expected: head,
      events: pending,
      state,
      deliveryId: `bulk:${caseId}:${head.version}:${batch}`,
    });
    appended += pending.length;
    pending = [];
    head = result.head;
  };
  for (const command of commands) {
    const template = services.templates.get(state.template);
    const decision = decide(command, state, { actorId, at: at(), template });
    for (const event of decision.events) {
      version += 1;
      state = evolve(state, event, version);
      pending.push(event);
    }
    if (pending.length >= EVENTS_PER_APPEND) await flush();
  }
  await flush();
  return appended;
}

/**
 * A realistic mix for a long-lived case: mostly revised documentation of the prompt the benchmarks
 * answer, with ideas and barriers between. `count` commands, each giving one event.
 */
export function* longCaseCommands(count: number, stageId: string, label: string): Iterable<CaseCommand> {
  for (let i = 0; i < count; i += 1) {
    const kind = i % 20;
    if (kind < 12) {
      yield {
        type: 'RecordDocumentation',
        stageId,
        answers: [
          {
            promptId: DOCUMENTED_PROMPT,
            answer: {
              type: 'text',
              text: `Revisjon ${i} av utfordringsbildet (${label}): ventelistene vokser.`,
            },
          },
        ],
      };
    } else if (kind < 17) {
      yield {
        type: 'RecordIdea',
        ideaId: `i${label}x${i}`,
        text: `Idé ${i}: nattevakten ringer brukere som sover dårlig.`,
      };
    } else {
      yield {
        type: 'RecordBarrier',
        barrierId: `b${label}x${i}`,
        text: `Barriere ${i}: vanskelig å samle alle til workshop.`,
        category: 'other',
      };
    }
  }
}

/** `count` ideas, one event each. */
export function* ideaCommands(count: number, label: string): Iterable<CaseCommand> {
  for (let i = 0; i < count; i += 1) {
    yield { type: 'RecordIdea', ideaId: `i${label}y${i}`, text: `Idé ${i} fra oppstarten.` };
  }
}
