import { describe, expect, it } from 'vitest';
import type { CaseCommandType } from '../../engine';
import {
  commandMakesMember,
  gateDeciders,
  isCurrentReview,
  isCurrentStageForm,
  mayDecide,
  mayResume,
  maySendBackTo,
  parseLocaleNumber,
  readCalendarDate,
  sendBackTargets,
  stageAfter,
  stageOf,
  whoMustDecide,
} from '../../engine';
import {
  answerRequired,
  CaseSpecification,
  openCommand,
  passStage,
  people,
  politicalDecision,
  template,
} from './caseSpecification';

const { olga, mia, mats, rita } = people;
const STAGES = template.stages.map((s) => s.id);

function reviewRequested(stageId = 'define-challenge'): CaseSpecification {
  return new CaseSpecification()
    .given(olga, openCommand())
    .given(olga, answerRequired(stageId))
    .given(olga, { type: 'RequestGateReview', stageId });
}

describe('looking up a stage', () => {
  it('gives the stage, and refuses one the template does not have in both languages', () => {
    expect(stageOf(template, STAGES[1]!).id).toBe(STAGES[1]);
    expect(() => stageOf(template, 'no-such-stage')).toThrow(
      expect.objectContaining({ code: 'unknownStage' }),
    );
    expect(() => sendBackTargets(template, 'no-such-stage')).toThrow(
      expect.objectContaining({ code: 'unknownStage' }),
    );
    expect(() => stageAfter(template, 'no-such-stage')).toThrow(
      expect.objectContaining({ code: 'unknownStage' }),
    );
  });

  it('knows the stage after each one, and none after the last', () => {
    STAGES.forEach((id, index) => expect(stageAfter(template, id)?.id).toBe(STAGES[index + 1]));
  });
});

describe('where a gate may send a case back to', () => {
  it('is the gate’s own stage and every earlier one, in order', () => {
    STAGES.forEach((id, index) => {
      expect(sendBackTargets(template, id).map((s) => s.id)).toEqual(STAGES.slice(0, index + 1));
      STAGES.forEach((to, toIndex) => expect(maySendBackTo(template, id, to)).toBe(toIndex <= index));
    });
    expect(maySendBackTo(template, STAGES[2]!, 'no-such-stage')).toBe(false);
  });

  it('is what the engine accepts and refuses', () => {
    const gateStage = STAGES[1]!;
    const pending = (): CaseSpecification => {
      const spec = new CaseSpecification().given(olga, openCommand());
      passStage(spec, STAGES[0]!);
      spec.given(olga, answerRequired(gateStage));
      if (stageOf(template, gateStage).gate.requiresPoliticalDecision) {
        spec.given(olga, {
          type: 'RecordPoliticalDecision',
          stageId: gateStage,
          reference: politicalDecision,
        });
      }
      return spec.given(olga, { type: 'RequestGateReview', stageId: gateStage });
    };
    const checked = STAGES.map((to) => {
      const command = {
        type: 'DecideGate',
        stageId: gateStage,
        decision: { outcome: 'sendBack', toStageId: to, reason: 'Mer innsikt trengs' },
      } as const;
      return maySendBackTo(template, gateStage, to)
        ? pending()
            .when(mia, command)
            .events.some((e) => e.type === 'GateSentBack')
        : pending().refused(mia, command).code;
    });
    expect(checked).toEqual(STAGES.map((_, index) => (index <= 1 ? true : 'sendBackTarget')));
  });
});

describe('who must decide a pending review', () => {
  it('is everyone holding the deciding role, less those who approved', () => {
    const spec = reviewRequested();
    expect(whoMustDecide(spec.current, template)).toEqual([mia, mats].sort());
    expect(gateDeciders(spec.current, template)).toEqual([mia, mats].sort());
  });

  it('includes a manager given the role after the review was requested: listed, reminded, and may decide', () => {
    const spec = reviewRequested().given(olga, { type: 'AssignRole', personId: rita, role: 'manager' });
    const state = spec.current;
    expect(state.gate?.deciderIds).not.toContain(rita); // the snapshot taken at the request
    expect(whoMustDecide(state, template)).toContain(rita);
    expect(gateDeciders(state, template)).toContain(rita);
    expect(mayDecide(state, template, rita)).toBe(true);

    // The reminder the engine records names the same people the cards list.
    const later = spec.after(60 * 24 * 30);
    const reminder = later.when('system:reminders', { type: 'RecordReminder', kind: 'pendingGate' });
    expect(reminder.events[0]).toMatchObject({
      type: 'ReminderSent',
      personIds: whoMustDecide(state, template),
    });
    expect(reminder.effects[0]).toMatchObject({
      type: 'sendReminder',
      personIds: whoMustDecide(state, template),
    });
  });

  it('leaves out a manager whose role was taken away after the request, who may then not decide', () => {
    const spec = reviewRequested().given(olga, { type: 'RevokeRole', personId: mats, role: 'manager' });
    expect(whoMustDecide(spec.current, template)).toEqual([mia]);
    expect(mayDecide(spec.current, template, mats)).toBe(false);
    expect(
      spec.refused(mats, {
        type: 'DecideGate',
        stageId: 'define-challenge',
        decision: { outcome: 'approve' },
      }).code,
    ).toBe('notADecider');
  });

  it('drops a manager once they have approved, and is empty without a review', () => {
    const twoNeeded = template.stages.find((s) => s.gate.quorum.kind === 'count');
    expect(twoNeeded).toBeDefined();
    const spec = new CaseSpecification().given(olga, openCommand());
    for (const stage of template.stages) {
      if (stage.id === twoNeeded!.id) break;
      passStage(spec, stage.id);
    }
    spec.given(olga, answerRequired(twoNeeded!.id));
    if (twoNeeded!.gate.requiresPoliticalDecision) {
      spec.given(olga, {
        type: 'RecordPoliticalDecision',
        stageId: twoNeeded!.id,
        reference: politicalDecision,
      });
    }
    spec.given(olga, { type: 'RequestGateReview', stageId: twoNeeded!.id });
    spec.given(mia, { type: 'DecideGate', stageId: twoNeeded!.id, decision: { outcome: 'approve' } });
    expect(whoMustDecide(spec.current, template)).toEqual([mats]);
    expect(gateDeciders(spec.current, template)).toEqual([mia, mats].sort());
    expect(whoMustDecide(new CaseSpecification().given(olga, openCommand()).current, template)).toEqual([]);
  });
});

describe('whether a card still speaks of the case as it is', () => {
  it('a review card is current for its stage and request number only', () => {
    const state = reviewRequested().current;
    const seq = state.gate!.requestSeq;
    expect(isCurrentReview(state, 'define-challenge', seq)).toBe(true);
    expect(isCurrentReview(state, 'define-challenge', seq - 1)).toBe(false);
    expect(isCurrentReview(state, STAGES[1]!, seq)).toBe(false);
    const withdrawn = reviewRequested().given(olga, {
      type: 'WithdrawGateReview',
      stageId: 'define-challenge',
    });
    expect(isCurrentReview(withdrawn.current, 'define-challenge', seq)).toBe(false);
  });

  it('a stage form is current for the stage and round the case is on', () => {
    const state = new CaseSpecification().given(olga, openCommand()).current;
    expect(isCurrentStageForm(state, STAGES[0]!, 1)).toBe(true);
    expect(isCurrentStageForm(state, STAGES[0]!, 2)).toBe(false);
    expect(isCurrentStageForm(state, STAGES[1]!, 1)).toBe(false);
    expect(isCurrentStageForm(state, STAGES[0]!, Number('x'))).toBe(false);
  });
});

describe('which commands make the actor a member', () => {
  it('is taking part in the work, not deciding, halting, giving roles, memos or consent', () => {
    const members: CaseCommandType[] = [
      'RecordDocumentation',
      'RecordPoliticalDecision',
      'RecordIdea',
      'RecordBarrier',
      'RequestGateReview',
      'WithdrawGateReview',
      'ChangeLanguage',
    ];
    const not: CaseCommandType[] = [
      'OpenCase',
      'JoinCase',
      'AssignRole',
      'RevokeRole',
      'DecideGate',
      'PauseCase',
      'ResumeCase',
      'StopCase',
      'RecordDiffusion',
      'RecordReminder',
      'RecordMemo',
      'RecordResearchConsent',
    ];
    for (const type of members) expect(commandMakesMember(type), type).toBe(true);
    for (const type of not) expect(commandMakesMember(type), type).toBe(false);
  });
});

describe('reading dates and amounts written as text', () => {
  it.each([
    ['2026-09-01', '2026-09-01'],
    ['2026-9-1', '2026-09-01'],
    ['1.9.2026', '2026-09-01'],
    ['01.09.2026', '2026-09-01'],
    ['1/9/2026', '2026-09-01'],
    ['01/09/2026', '2026-09-01'],
    [' 29.02.2028 ', '2028-02-29'],
  ])('reads %s as %s', (raw, iso) => expect(readCalendarDate(raw)).toBe(iso));

  it.each(['31.02.2026', '2026-13-01', 'i morgen', '1.9.26', '9/1/2026x', ''])('refuses %j', (raw) =>
    expect(readCalendarDate(raw)).toBeUndefined(),
  );

  it('reads amounts the Norwegian and the English way, and refuses the ambiguous one', () => {
    expect(parseLocaleNumber('1 500 000 kr')).toEqual({ number: 1_500_000 });
    expect(parseLocaleNumber('2,5')).toEqual({ number: 2.5 });
    expect(parseLocaleNumber('1,500')).toEqual({ problem: 'ambiguous' });
  });
});

describe('who may resume a paused case', () => {
  it('is whoever the engine lets resume it: a manager, and only while the case is paused', () => {
    const spec = reviewRequested().given(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'pause', reason: 'Venter på budsjett.' },
    });
    const state = spec.current;
    expect(state.status).toBe('paused');
    for (const person of [olga, mia, mats, rita, people.mads, people.stranger]) {
      let engineAllows = true;
      try {
        spec.refused(person, { type: 'ResumeCase' });
        engineAllows = false;
      } catch {
        // Not refused: the engine lets this person resume.
      }
      expect(mayResume(state, person), person).toBe(engineAllows);
    }
    expect([mia, mats].every((person) => mayResume(state, person))).toBe(true);
    spec.given(mats, { type: 'ResumeCase' });
    expect(mayResume(spec.current, mats)).toBe(false);
  });
});
