/**
 * A full example case for the export tests, built through the real engine (CaseSpecification) and
 * stored through the real log: all six stages, a send-back loop from political anchoring to the first
 * stage, a second approval with conditions, ideas, barriers, a pause, a person answer, and two research
 * memos (one about the send-back, one about the whole case). Participants' names appear inside free text
 * in several spellings, so the tests can check that no name survives pseudonymisation.
 */
import type { Answer, CaseCommand, CaseEvent } from '../../engine';
import { evolve, type CaseState } from '../../engine';
import type { EventLog } from '../../storage/eventLog';
import type { PeopleDirectory } from '../../storage/peopleDirectory';
import {
  CaseSpecification,
  openCommand,
  people,
  politicalDecision,
  template,
  validAnswer,
} from '../engine/caseSpecification';

export { people };

/** Display names as the people directory holds them. */
export const names: Record<keyof typeof people, string> = {
  olga: 'Olga Nordmann',
  mads: 'Mads Hansen',
  mia: 'Mia Berg',
  mats: 'Mats Olsen',
  rita: 'Rita Larsen',
  stranger: 'Sara Strand',
};

export const texts = {
  challenge1:
    'Hjemmetjenesten mangler folk på kveldstid. Mads Hansen har sett at brukerne venter lenge; ' +
    'ifølge mads hansen og olga.nordmann@kommune.no gjelder det særlig sone nord.',
  challenge2:
    'Hjemmetjenesten mangler 6 årsverk på kveldstid (tall fra Mats Olsen, økonomi). Brukerne venter i ' +
    'snitt 40 minutter.',
  idea1: 'Mads foreslår at Olga Nordmann leder et lite pilotteam med faste kveldsvakter.',
  barrier1: 'Turnusen gjør det vanskelig å samle folk, sier Mia.',
  sendBack: 'Vi trenger tallene fra Mats Olsen før saken går til politisk behandling.',
  stillStands: 'Tallene fra Mats Olsen endrer ikke mandatet kommunestyret ga.',
  conditions: 'Tillitsvalgte må være med i pilotgruppen, og Mads Hansen skal ikke stå alene.',
  pause: 'Sommerferie: ingen kan lede piloten før august (Olga Nordmann har ferie).',
  barrier2: 'Vikarbruk om sommeren; «Berg» sier det er vanskelig å holde kontinuiteten.',
  memoSendBack: 'Tilbakesendingen viser hvor viktig tallgrunnlaget var for Mia Berg og lederne.',
  memoCase: 'Saken er et godt eksempel på bricolage: ideen kom fra Mads i hverdagen.',
} as const;

function answers(stageId: string, overrides: Record<string, string> = {}): CaseCommand {
  const stage = template.stages.find((s) => s.id === stageId);
  if (!stage) throw new Error(`No stage ${stageId}`);
  return {
    type: 'RecordDocumentation',
    stageId,
    answers: stage.prompts
      .filter((p) => p.required || overrides[p.id] !== undefined)
      .map((p) => {
        const override = overrides[p.id];
        const answer: Answer = override === undefined ? validAnswer(p.id) : { type: 'text', text: override };
        return { promptId: p.id, answer };
      }),
  };
}

const DAY = 24 * 60;

/** The events of the example case, in order; `sendBackSeq` is the send-back's sequence number. */
export function exampleCaseEvents(caseId = 'case-example'): { events: CaseEvent[]; sendBackSeq: number } {
  const spec = new CaseSpecification();
  const { olga, mads, mia, mats, rita } = people;
  spec.given(olga, openCommand({ caseId }));
  spec.given(olga, { type: 'AssignRole', personId: rita, role: 'researcher' });
  spec.given(mads, { type: 'JoinCase' });

  // 1. Define the challenge, with an idea and a barrier.
  spec.given(olga, answers('define-challenge', { challenge: texts.challenge1 }));
  spec.given(mads, { type: 'RecordIdea', ideaId: 'idea-1', text: texts.idea1, source: 'employees-practice' });
  spec.given(olga, {
    type: 'RecordBarrier',
    barrierId: 'barrier-1',
    text: texts.barrier1,
    category: 'shift-work',
  });
  spec.after(2 * DAY).given(olga, { type: 'RequestGateReview', stageId: 'define-challenge' });
  spec
    .after(DAY)
    .given(mia, { type: 'DecideGate', stageId: 'define-challenge', decision: { outcome: 'approve' } });

  // 2. Political anchoring, sent back to the first stage for numbers.
  spec.after(DAY).given(olga, answers('political-anchoring'));
  spec.given(olga, {
    type: 'RecordPoliticalDecision',
    stageId: 'political-anchoring',
    reference: politicalDecision,
  });
  spec.given(olga, { type: 'RequestGateReview', stageId: 'political-anchoring' });
  spec.after(2 * DAY).given(mia, {
    type: 'DecideGate',
    stageId: 'political-anchoring',
    decision: { outcome: 'sendBack', toStageId: 'define-challenge', reason: texts.sendBack },
  });
  const sendBackSeq = spec.events.findIndex((event) => event.type === 'GateSentBack') + 1;

  // The loop: the challenge is documented again (revision 2) and both gates pass.
  spec.after(3 * DAY).given(olga, answers('define-challenge', { challenge: texts.challenge2 }));
  spec.given(olga, { type: 'RequestGateReview', stageId: 'define-challenge' });
  spec
    .after(DAY)
    .given(mia, { type: 'DecideGate', stageId: 'define-challenge', decision: { outcome: 'approve' } });
  // A new round of a political gate needs a new decision, or the old one with why it still stands.
  spec.given(olga, {
    type: 'RecordPoliticalDecision',
    stageId: 'political-anchoring',
    reference: politicalDecision,
    stillStandsBecause: texts.stillStands,
  });
  spec.given(olga, { type: 'RequestGateReview', stageId: 'political-anchoring' });
  spec
    .after(DAY)
    .given(mia, { type: 'DecideGate', stageId: 'political-anchoring', decision: { outcome: 'approve' } });

  // 3. Staff involvement: two approvals needed, one with conditions.
  spec.after(5 * DAY).given(olga, answers('staff-involvement'));
  spec.given(mads, { type: 'RecordIdea', ideaId: 'idea-2', text: 'Felles kveldsmøte hver torsdag.' });
  spec.given(olga, { type: 'RequestGateReview', stageId: 'staff-involvement' });
  spec
    .after(DAY)
    .given(mia, { type: 'DecideGate', stageId: 'staff-involvement', decision: { outcome: 'approve' } });
  spec.given(mats, {
    type: 'DecideGate',
    stageId: 'staff-involvement',
    decision: { outcome: 'approveWithConditions', conditions: texts.conditions },
  });

  // 4. Re-anchoring.
  spec.after(7 * DAY).given(olga, answers('re-anchoring'));
  spec.given(olga, {
    type: 'RecordPoliticalDecision',
    stageId: 're-anchoring',
    reference: { ...politicalDecision, meetingDate: '2026-06-18', caseNumber: '2026/0933' },
  });
  spec.given(olga, { type: 'RequestGateReview', stageId: 're-anchoring' });
  spec
    .after(DAY)
    .given(mia, { type: 'DecideGate', stageId: 're-anchoring', decision: { outcome: 'approve' } });

  // 5. Rollout, with a person answer, a barrier and a summer pause.
  spec.after(2 * DAY).given(olga, answers('rollout'));
  spec.given(olga, {
    type: 'RecordDocumentation',
    stageId: 'rollout',
    answers: [{ promptId: 'champions', answer: { type: 'people', personIds: [mads] } }],
  });
  spec.given(mads, {
    type: 'RecordBarrier',
    barrierId: 'barrier-2',
    text: texts.barrier2,
    category: 'part-time',
  });
  spec.given(mia, { type: 'PauseCase', reason: texts.pause });
  spec.after(30 * DAY).given(mia, { type: 'ResumeCase' });
  spec.given(olga, { type: 'RequestGateReview', stageId: 'rollout' });
  spec.after(DAY).given(mia, { type: 'DecideGate', stageId: 'rollout', decision: { outcome: 'approve' } });

  // 6. Evaluation, and the case completes.
  spec.after(60 * DAY).given(olga, answers('evaluation'));
  spec.given(olga, { type: 'RequestGateReview', stageId: 'evaluation' });
  spec.after(DAY).given(mia, { type: 'DecideGate', stageId: 'evaluation', decision: { outcome: 'approve' } });

  // The researcher's memos.
  spec
    .after(DAY)
    .given(rita, { type: 'RecordMemo', memoId: 'memo-1', text: texts.memoSendBack, aboutSeq: sendBackSeq });
  spec.given(rita, { type: 'RecordMemo', memoId: 'memo-2', text: texts.memoCase });
  return { events: spec.events, sendBackSeq };
}

/** Appends events to a log the way the application does: in transactions, each with its new state. */
export async function storeEvents(
  log: EventLog,
  caseId: string,
  events: readonly CaseEvent[],
): Promise<CaseState> {
  let head = await log.readHead(caseId);
  let state = head?.state;
  let seq = head?.version ?? 0;
  // 40 events per append keeps each transaction well under Table Storage's 100 operations.
  for (let start = 0; start < events.length; start += 40) {
    const chunk = events.slice(start, start + 40);
    for (const event of chunk) {
      seq += 1;
      state = evolve(state, event, seq);
    }
    if (!state) throw new Error('no state');
    head = (await log.append({ caseId, expected: head, events: chunk, state })).head;
  }
  if (!state) throw new Error('no events');
  return state;
}

/**
 * The example case as it stood while the rollout gate waited for the managers: every event up to and
 * including that review request (five stages gone through, a send-back loop, a pause, ideas, barriers).
 */
export function exampleCaseAwaitingRollout(caseId = 'case-example'): CaseEvent[] {
  const { events } = exampleCaseEvents(caseId);
  const request = events.findIndex(
    (event) => event.type === 'GateReviewRequested' && event.stageId === 'rollout',
  );
  return events.slice(0, request + 1);
}

/** Everyone's display name in the people directory. */
export async function storeNames(directory: PeopleDirectory): Promise<void> {
  for (const [key, personId] of Object.entries(people) as [keyof typeof people, string][]) {
    await directory.upsertPerson({ personId, displayName: names[key], seenAt: '2026-01-05T08:00:00.000Z' });
  }
}

/** The example case in `log`, with everyone's name in `directory`. */
export async function storeExampleCase(
  log: EventLog,
  directory: PeopleDirectory,
  caseId = 'case-example',
): Promise<{ state: CaseState; events: CaseEvent[]; sendBackSeq: number }> {
  const { events, sendBackSeq } = exampleCaseEvents(caseId);
  const state = await storeEvents(log, caseId, events);
  await storeNames(directory);
  return { state, events, sendBackSeq };
}
