/**
 * Holds `STATE_FORMAT` to what `evolve` does. The log stores the folded state in each case's head and
 * trusts it only when it carries the current format; so a change to `evolve` that folds the same events
 * to another state must bump the format, or the bot and the dashboard (which read the snapshot) and the
 * exports (which re-fold) would quietly disagree. This test folds a frozen log through every event type
 * and pins a digest of every state on the way; when it fails, bump STATE_FORMAT in engine/stateFormat.ts
 * and record the new digest under the new format. Never edit the events: add a new log beside them.
 */
import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../engine/events';
import { canonicalJson, sha256Hex } from '../../engine/hashing';
import { evolve, type CaseState } from '../../engine/state';
import { STATE_FORMAT } from '../../engine/stateFormat';
import { expectCaseInvariants } from './caseInvariants';

const basis = { answers: [{ promptId: 'problem', revision: 1 }], hash: 'b'.repeat(64) };

function at(minute: number): string {
  return new Date(Date.UTC(2025, 2, 3, 8, minute)).toISOString();
}

/** A frozen log that passes through every event type (keep it as it is: its digest is pinned). */
const FROZEN_LOG: CaseEvent[] = [
  {
    type: 'CaseOpened',
    caseId: 'case-format',
    title: 'Kveldsteam',
    unit: 'Nord',
    municipality: 'Testkommune',
    conversationId: '19:format@thread.v2',
    template: { id: 'municipal-service-innovation', version: 1 },
    language: 'nb',
    derivedFrom: 'case-source',
    at: at(0),
    actorId: 'olga',
  },
  { type: 'RoleAssigned', personId: 'olga', role: 'owner', at: at(0), actorId: 'olga' },
  { type: 'RoleAssigned', personId: 'mads', role: 'member', at: at(1), actorId: 'olga' },
  { type: 'RoleAssigned', personId: 'rita', role: 'manager', at: at(1), actorId: 'olga' },
  { type: 'RoleAssigned', personId: 'mia', role: 'manager', at: at(1), actorId: 'olga' },
  { type: 'StageEntered', stageId: 'challenge', round: 1, via: 'start', at: at(2), actorId: 'olga' },
  {
    type: 'DocumentationRecorded',
    stageId: 'challenge',
    round: 1,
    promptId: 'problem',
    revision: 1,
    answer: { type: 'text', text: 'Folk venter' },
    at: at(3),
    actorId: 'mads',
  },
  {
    type: 'DocumentationRecorded',
    stageId: 'challenge',
    round: 1,
    promptId: 'team',
    revision: 1,
    answer: { type: 'people', personIds: ['mads', 'olga'] },
    at: at(4),
    actorId: 'olga',
  },
  {
    type: 'IdeaRecorded',
    ideaId: 'i1',
    stageId: 'challenge',
    text: 'Faste vakter',
    at: at(5),
    actorId: 'mads',
  },
  {
    type: 'BarrierRecorded',
    barrierId: 'b1',
    stageId: 'challenge',
    text: 'Budsjett',
    category: 'economy',
    at: at(6),
    actorId: 'mads',
  },
  {
    type: 'GateReviewRequested',
    stageId: 'challenge',
    round: 1,
    deciderIds: ['rita', 'mia'],
    approvalsNeeded: 2,
    basis,
    at: at(7),
    actorId: 'olga',
  },
  {
    type: 'GateReviewWithdrawn',
    stageId: 'challenge',
    round: 1,
    reason: 'Mer å gjøre',
    at: at(8),
    actorId: 'olga',
  },
  {
    type: 'GateReviewRequested',
    stageId: 'challenge',
    round: 1,
    deciderIds: ['rita', 'mia'],
    approvalsNeeded: 2,
    basis,
    at: at(9),
    actorId: 'olga',
  },
  {
    type: 'GateApprovalGiven',
    stageId: 'challenge',
    round: 1,
    conditions: 'Rapporter i mai',
    comment: 'Bra',
    basis,
    at: at(10),
    actorId: 'rita',
  },
  { type: 'GateApprovalGiven', stageId: 'challenge', round: 1, basis, at: at(11), actorId: 'mia' },
  {
    type: 'GatePassed',
    stageId: 'challenge',
    round: 1,
    outcome: 'approvedWithConditions',
    approverIds: ['rita', 'mia'],
    conditions: ['Rapporter i mai'],
    basis,
    at: at(11),
    actorId: 'mia',
  },
  { type: 'StageEntered', stageId: 'anchoring', round: 1, via: 'approval', at: at(11), actorId: 'mia' },
  {
    type: 'PoliticalDecisionRecorded',
    stageId: 'anchoring',
    round: 1,
    revision: 1,
    reference: { body: 'Kommunestyret', meetingDate: '2025-03-01', caseNumber: '25/1', decisionText: 'Ja' },
    at: at(12),
    actorId: 'olga',
  },
  {
    type: 'GateReviewRequested',
    stageId: 'anchoring',
    round: 1,
    deciderIds: ['rita'],
    approvalsNeeded: 1,
    basis,
    at: at(13),
    actorId: 'olga',
  },
  {
    type: 'GateSentBack',
    stageId: 'anchoring',
    round: 1,
    toStageId: 'challenge',
    reason: 'Mangler tall',
    basis,
    at: at(14),
    actorId: 'rita',
  },
  { type: 'StageEntered', stageId: 'challenge', round: 2, via: 'sendBack', at: at(14), actorId: 'rita' },
  {
    type: 'ReminderSent',
    kind: 'idleStage',
    stageId: 'challenge',
    round: 2,
    personIds: ['olga'],
    at: at(20),
    actorId: 'system:reminders',
  },
  { type: 'MemoRecorded', memoId: 'm1', text: 'Interessant', aboutSeq: 20, at: at(21), actorId: 'forsker' },
  { type: 'ResearchConsentRecorded', consent: 'declined', at: at(22), actorId: 'mads' },
  { type: 'ResearchConsentRecorded', consent: 'declined', at: at(22), actorId: 'mia' },
  { type: 'ResearchConsentRecorded', consent: 'given', at: at(23), actorId: 'mia' },
  { type: 'CaseLanguageChanged', language: 'en', at: at(24), actorId: 'olga' },
  { type: 'CasePaused', stageId: 'challenge', round: 2, reason: 'Ferie', at: at(25), actorId: 'rita' },
  { type: 'CaseResumed', stageId: 'challenge', round: 2, at: at(26), actorId: 'rita' },
  { type: 'RoleRevoked', personId: 'mia', role: 'manager', at: at(27), actorId: 'olga' },
  { type: 'CaseCompleted', at: at(28), actorId: 'rita' },
  { type: 'CaseDiffused', toCaseId: 'case-next', unit: 'Sør', at: at(29), actorId: 'olga' },
  { type: 'CaseStopped', stageId: 'challenge', round: 2, reason: 'Slutt', at: at(30), actorId: 'rita' },
];

/** The digest of every state the frozen log folds through, by the format that produced it. */
const FOLD_DIGESTS: Readonly<Record<number, string>> = {
  2: '27253eb209d1d90b31214790761f0e1f2067f3fd0f07cc9b946ae1920c785999',
  3: '37363c743a5e7e7b580a38875b771c71628531dc89013cbb69d69f28fc39845e',
  4: '38cb5f3c7ecb2edbfa3b58c64ab6b3c150b9ea2711aaa26a411792956a2439d6',
};

function foldDigest(events: readonly CaseEvent[]): string {
  let state: CaseState | undefined;
  const states: CaseState[] = [];
  events.forEach((event, index) => {
    state = evolve(state, event, index + 1);
    states.push(state);
  });
  return sha256Hex(canonicalJson(states));
}

describe('STATE_FORMAT', () => {
  it('folds the frozen log to states that each keep to one status', () => {
    let state: CaseState | undefined;
    FROZEN_LOG.forEach((event, index) => {
      state = evolve(state, event, index + 1);
      expectCaseInvariants(state, `after ${event.type} (event ${index + 1})`);
    });
  });

  it('folds a log through all 22 event types there were when it was frozen', () => {
    expect(new Set(FROZEN_LOG.map((event) => event.type)).size).toBe(22);
  });

  it('changes whenever evolve folds the same events to another state', () => {
    expect(
      { format: STATE_FORMAT, digest: foldDigest(FROZEN_LOG) },
      'evolve now folds the frozen log differently: bump STATE_FORMAT and record the digest under it',
    ).toEqual({ format: STATE_FORMAT, digest: FOLD_DIGESTS[STATE_FORMAT] });
  });
});
