/**
 * The status table (engine/decisions/statusRules.ts) against the decider: for every status and every
 * command, a case in that status takes the command when the table says so and otherwise refuses it
 * with the table's refusal, also when the actor is one who may send it.
 */
import { describe, expect, it } from 'vitest';
import type { CaseCommand, CaseCommandType, CaseState, CaseStatus, DomainError } from '../../engine';
import { COMMANDS_BY_STATUS, decide, isDomainError, STATUS_REFUSALS, statusAllows } from '../../engine';
import {
  answerRequired,
  CaseSpecification,
  openCommand,
  passStage,
  people,
  politicalDecision,
  template,
} from './caseSpecification';

const { olga, mads, mia, rita, stranger } = people;

/** For each command, someone who may send it and a command that is valid apart from the case's status. */
const SENDERS: { [T in CaseCommandType]: (state: CaseState) => [string, Extract<CaseCommand, { type: T }>] } =
  {
    OpenCase: () => [olga, openCommand() as Extract<CaseCommand, { type: 'OpenCase' }>],
    JoinCase: () => [stranger, { type: 'JoinCase' }],
    AssignRole: () => [olga, { type: 'AssignRole', personId: stranger, role: 'member' }],
    RevokeRole: () => [olga, { type: 'RevokeRole', personId: mads, role: 'member' }],
    RecordDocumentation: (state) => [
      olga,
      answerRequired(state.currentStageId) as Extract<CaseCommand, { type: 'RecordDocumentation' }>,
    ],
    RecordPoliticalDecision: (state) => [
      olga,
      { type: 'RecordPoliticalDecision', stageId: state.currentStageId, reference: politicalDecision },
    ],
    RecordIdea: () => [mads, { type: 'RecordIdea', ideaId: 'idea-1', text: 'Faste team' }],
    RecordBarrier: () => [
      mads,
      {
        type: 'RecordBarrier',
        barrierId: 'barrier-1',
        text: 'Budsjett',
        category: template.barrierCategories[0]?.id ?? '',
      },
    ],
    RequestGateReview: (state) => [olga, { type: 'RequestGateReview', stageId: state.currentStageId }],
    WithdrawGateReview: (state) => [olga, { type: 'WithdrawGateReview', stageId: state.currentStageId }],
    DecideGate: (state) => [
      mia,
      { type: 'DecideGate', stageId: state.currentStageId, decision: { outcome: 'approve' } },
    ],
    PauseCase: () => [mia, { type: 'PauseCase', reason: 'Venter på budsjett.' }],
    ResumeCase: () => [mia, { type: 'ResumeCase' }],
    StopCase: () => [mia, { type: 'StopCase', reason: 'Prioritert bort.' }],
    RecordDiffusion: () => [olga, { type: 'RecordDiffusion', toCaseId: 'case-2' }],
    ChangeLanguage: () => [mads, { type: 'ChangeLanguage', language: 'en' }],
    RecordReminder: () => ['system:reminders', { type: 'RecordReminder', kind: 'idleStage' }],
    RecordMemo: () => [rita, { type: 'RecordMemo', memoId: 'memo-1', text: 'Et notat.' }],
    RecordResearchConsent: () => [mads, { type: 'RecordResearchConsent', consent: 'declined' }],
  };

const COMMAND_TYPES = Object.keys(SENDERS) as CaseCommandType[];
const STATUSES = Object.keys(COMMANDS_BY_STATUS) as CaseStatus[];
const STATUS_REFUSAL_CODES = new Set<string>(Object.values(STATUS_REFUSALS));

/** An active case with a gate review pending (so the gate's commands are judged on a real review). */
function activeCase(): CaseSpecification {
  const spec = new CaseSpecification()
    .given(olga, openCommand())
    .given(mads, { type: 'JoinCase' })
    .given(olga, { type: 'AssignRole', personId: rita, role: 'researcher' });
  spec.given(olga, answerRequired(spec.current.currentStageId));
  spec.given(olga, { type: 'RequestGateReview', stageId: spec.current.currentStageId });
  return spec;
}

function caseIn(status: CaseStatus): CaseState {
  switch (status) {
    case 'active':
      return activeCase().current;
    case 'paused':
      return activeCase().given(mia, { type: 'PauseCase', reason: 'Venter.' }).current;
    case 'stopped':
      return activeCase().given(mia, { type: 'StopCase', reason: 'Slutt.' }).current;
    case 'completed': {
      const spec = new CaseSpecification()
        .given(olga, openCommand())
        .given(mads, { type: 'JoinCase' })
        .given(olga, { type: 'AssignRole', personId: rita, role: 'researcher' });
      for (const stage of template.stages) passStage(spec, stage.id);
      return spec.current;
    }
  }
}

function outcome(state: CaseState, type: CaseCommandType): DomainError | 'accepted' {
  const [actorId, command] = SENDERS[type](state);
  try {
    decide(command, state, { actorId, at: '2026-02-01T08:00:00.000Z', template });
    return 'accepted';
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
}

describe('the status table', () => {
  it('names every status and only known commands', () => {
    expect(STATUSES.sort()).toEqual(['active', 'completed', 'paused', 'stopped']);
    for (const status of STATUSES) {
      for (const type of COMMANDS_BY_STATUS[status]) expect(COMMAND_TYPES).toContain(type);
      expect(new Set(COMMANDS_BY_STATUS[status]).size).toBe(COMMANDS_BY_STATUS[status].length);
    }
  });

  it('pins the lifecycle the table holds', () => {
    expect(statusAllows('paused', 'RecordDocumentation')).toBe(false);
    expect(statusAllows('paused', 'ResumeCase')).toBe(true);
    expect(statusAllows('paused', 'StopCase')).toBe(true);
    expect(statusAllows('stopped', 'AssignRole')).toBe(true);
    expect(statusAllows('stopped', 'JoinCase')).toBe(false);
    expect(statusAllows('completed', 'RecordDiffusion')).toBe(true);
    expect(statusAllows('active', 'RecordDiffusion')).toBe(false);
    for (const status of STATUSES) {
      expect(statusAllows(status, 'OpenCase')).toBe(false);
      expect(statusAllows(status, 'RecordResearchConsent')).toBe(true);
      expect(statusAllows(status, 'RecordMemo')).toBe(true);
    }
  });

  it('holds the rules the commands held one by one before the table (change both on purpose)', () => {
    const always = [
      'AssignRole',
      'ChangeLanguage',
      'RecordBarrier',
      'RecordIdea',
      'RecordMemo',
      'RecordResearchConsent',
      'RevokeRole',
    ];
    const sorted = (types: readonly string[]) => [...types].sort();
    expect(sorted(COMMANDS_BY_STATUS.active)).toEqual(
      sorted([
        ...always,
        'DecideGate',
        'JoinCase',
        'PauseCase',
        'RecordDocumentation',
        'RecordPoliticalDecision',
        'RecordReminder',
        'RequestGateReview',
        'StopCase',
        'WithdrawGateReview',
      ]),
    );
    expect(sorted(COMMANDS_BY_STATUS.paused)).toEqual(
      sorted([...always, 'JoinCase', 'ResumeCase', 'StopCase']),
    );
    expect(sorted(COMMANDS_BY_STATUS.stopped)).toEqual(sorted(always));
    expect(sorted(COMMANDS_BY_STATUS.completed)).toEqual(sorted([...always, 'RecordDiffusion']));
  });

  for (const status of STATUSES) {
    describe(`a ${status} case`, () => {
      const state = caseIn(status);
      it('is in that status', () => {
        expect(state.status).toBe(status);
      });
      for (const type of COMMAND_TYPES) {
        const allowed = statusAllows(status, type);
        it(`${allowed ? 'takes' : 'refuses'} ${type}${allowed ? '' : ` (${STATUS_REFUSALS[type]})`}`, () => {
          const result = outcome(state, type);
          if (allowed) {
            // Taken by the status: accepted, or refused by the command's own rules, never by the status.
            if (result !== 'accepted') {
              expect(STATUS_REFUSAL_CODES.has(result.code), `${type}: ${result.code}`).toBe(false);
            }
          } else {
            expect(result).not.toBe('accepted');
            expect((result as DomainError).code).toBe(STATUS_REFUSALS[type]);
          }
        });
      }
    });
  }
});

describe('who may send a command is judged before the status', () => {
  const paused = caseIn('paused');
  const stopped = caseIn('stopped');
  const refusal = (state: CaseState, actorId: string, command: CaseCommand): string => {
    try {
      decide(command, state, { actorId, at: '2026-02-01T08:00:00.000Z', template });
    } catch (error) {
      if (isDomainError(error)) return error.code;
      throw error;
    }
    return 'accepted';
  };

  it('a member pausing a paused case hears that only a manager can', () => {
    expect(refusal(paused, mads, { type: 'PauseCase', reason: 'Igjen.' })).toBe('roleRequired');
  });

  it('a stranger documenting a paused case hears that they are not in it', () => {
    expect(refusal(paused, stranger, answerRequired(paused.currentStageId))).toBe('notAParticipant');
  });

  it('a participant joining a stopped case again records nothing', () => {
    expect(decide({ type: 'JoinCase' }, stopped, { actorId: mads, at: stopped.updatedAt, template })).toEqual(
      {
        events: [],
        effects: [],
      },
    );
    expect(refusal(stopped, stranger, { type: 'JoinCase' })).toBe('caseNotActive');
  });
});
