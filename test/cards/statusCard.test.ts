/**
 * The status card tells a project group where their case stands: the stage map, what the current
 * stage still needs, who must decide a pending gate, what was decided and why, and what they can do
 * next.
 */
import { describe, expect, test } from 'vitest';
import type { Language } from '../../engine';
import { CARD_VERBS, statusCard } from '../../cards';
import { readCard, stageMapOf, verbsOf } from './cardReading';
import { caseStates, names, opened, people, template } from './cardFixtures';

const states = caseStates();
const status = (name: string, language: Language = 'en') => {
  const state = states[name];
  if (!state) throw new Error(`No fixture ${name}`);
  return statusCard({ state, template, language, names });
};

describe('the stage map', () => {
  test('a fresh case shows six stages with the first one current and the rest ahead', () => {
    const map = stageMapOf(status('fresh'));
    expect(map).toHaveLength(6);
    expect(map[0]).toEqual({ icon: '▶', text: '**Define the challenge** · you are here' });
    expect(map.slice(1).map((row) => row.icon)).toEqual(['○', '○', '○', '○', '○']);
  });

  test('each stage in turn is the current one, with the earlier ones passed', () => {
    template.stages.forEach((stage, index) => {
      const map = stageMapOf(status(`current:${stage.id}`));
      expect(map.map((row) => row.icon)).toEqual(
        ['✓', '✓', '✓', '✓', '✓', '✓'].map((tick, i) => (i < index ? tick : i === index ? '▶' : '○')),
      );
      expect(map[index]?.text).toContain(stage.title.en);
    });
  });

  test('after a send-back the stage is current in round 2, and stages passed beyond it come again', () => {
    const map = stageMapOf(status('decidedSentBack'));
    expect(map[0]).toEqual({ icon: '▶', text: '**Define the challenge** · you are here · round 2' });
    expect(map[1]).toEqual({
      icon: '↻',
      text: 'Political anchoring · passed in round 1, to be reviewed again',
    });
    expect(map[2]).toEqual({ icon: '○', text: 'Staff involvement · ahead (was in round 1)' });
  });

  test('a completed case has every stage ticked and says it is complete', () => {
    const card = status('completed');
    expect(stageMapOf(card).map((row) => row.icon)).toEqual(['✓', '✓', '✓', '✓', '✓', '✓']);
    expect(readCard(card)).toContain('The case is complete');
  });

  test('a paused and a stopped case mark the stage where they halted, with the reason', () => {
    const paused = status('decidedPaused');
    expect(stageMapOf(paused)[2]?.icon).toBe('⏸');
    expect(readCard(paused)).toContain('The case is paused');
    expect(readCard(paused)).toContain('Reason: Vi venter på budsjettvedtaket.');
    const stopped = status('decidedStopped');
    expect(stageMapOf(stopped)[2]?.icon).toBe('⏹');
    expect(readCard(stopped)).toContain('The case is stopped');
    expect(readCard(stopped)).toContain('Tiltaket er lagt ned av kommunestyret.');
  });
});

describe('the current stage', () => {
  test('lists each question as answered, not applicable or open, with required ones marked', () => {
    const text = readCard(status('partlyAnswered'));
    expect(text).toContain('✓ What is the challenge and the need? (required)');
    expect(text).toContain('Flere eldre bor hjemme lenger.');
    expect(text).toContain('✓ What triggered the work? (required)');
    expect(text).toContain('Demography, Recruitment, Other: Nye boliger');
    expect(text).toContain('⊘ What knowledge has been gathered? (optional)');
    expect(text).toContain('Not applicable: Vi har ikke hentet inn noe ennå.');
    expect(text).toContain('○ What resources do you have? (required)');
    expect(text).toContain('4 required questions still need an answer');
  });

  test('answers kept from an earlier round say so', () => {
    expect(readCard(status('decidedSentBack'))).toContain('(from round 1)');
  });

  test('a political stage without a recorded decision says the gate needs one', () => {
    expect(readCard(status('current:political-anchoring'))).toContain(
      'The gate needs a recorded political decision',
    );
    expect(readCard(status('politicalWithReference'))).not.toContain(
      'The gate needs a recorded political decision',
    );
  });
});

describe('a pending gate', () => {
  test('shows who requested it, who decides, and the approvals so far', () => {
    const text = readCard(status('pendingGate1of2'));
    expect(text).toContain('The gate is under review');
    expect(text).toContain('Requested by Olga Owner');
    expect(text).toContain('Decided by: Mats Manager, Mia Manager.');
    expect(text).toContain('Approvals: 1 of 2.');
    expect(text).toContain('✓ Mia Manager');
    expect(text).toContain('Conditions: Tillitsvalgte skal med i neste møte.');
  });

  test('offers no documenting or review request while the gate is under review', () => {
    expect(verbsOf(status('pendingGate0of2'))).toEqual([CARD_VERBS.refreshStatus]);
  });
});

describe('recent decisions', () => {
  test('show the outcome, the stage, who decided, when and why', () => {
    const text = readCard(status('decidedSentBack'));
    expect(text).toContain('**↩️ Sent back** – Staff involvement (round 1)');
    expect(text).toContain('Mia Manager, {{DATE(');
    expect(text).toContain('Sent back to “Define the challenge”.');
    expect(text).toContain('Reason: Brukerne må med fra starten.');
  });

  test('approvals with conditions list the conditions', () => {
    expect(readCard(status('decidedApprovedWithConditions'))).toContain('Conditions: Ta med brukerrådet.');
  });

  test('a fresh case has none yet', () => {
    expect(readCard(status('fresh'))).toContain('No decisions yet.');
  });
});

test('counts the ideas and barriers recorded', () => {
  const spec = opened()
    .given(people.mads, { type: 'JoinCase' })
    .given(people.mads, { type: 'RecordIdea', ideaId: 'i1', text: 'Bruk nattevakten til oppfølging' })
    .given(people.mads, { type: 'RecordIdea', ideaId: 'i2', text: 'Felles kalender' })
    .given(people.mads, { type: 'RecordBarrier', barrierId: 'b1', text: 'Turnus', category: 'shift-work' });
  const card = statusCard({ state: spec.current, template, language: 'nb', names });
  expect(readCard(card)).toContain('Ideer registrert: 2 · Barrierer registrert: 1');
});

describe('buttons', () => {
  test('an active stage can be documented, sent for review and refreshed, with the case version', () => {
    const card = status('partlyAnswered');
    expect(verbsOf(card)).toEqual([
      CARD_VERBS.showStageForm,
      CARD_VERBS.requestReview,
      CARD_VERBS.refreshStatus,
    ]);
    const state = states.partlyAnswered!;
    expect(card.actions?.[1]).toMatchObject({
      data: { caseId: state.caseId, stageId: 'define-challenge', round: 1, version: state.version },
    });
    expect(card.actions?.[2]).toMatchObject({ data: { caseId: state.caseId, version: state.version } });
  });

  test('a paused, stopped or completed case can only be refreshed', () => {
    for (const name of ['decidedPaused', 'decidedStopped', 'completed'])
      expect(verbsOf(status(name))).toEqual([CARD_VERBS.refreshStatus]);
  });
});

test('Bokmål, Nynorsk and English cards say the same in their own language', () => {
  const nb = readCard(status('pendingGate1of2', 'nb'));
  const nn = readCard(status('pendingGate1of2', 'nn'));
  const en = readCard(status('pendingGate1of2', 'en'));
  expect(nn).not.toEqual(nb);
  expect(nn).not.toEqual(en);
  expect(nn).toContain('Porten er til vurdering');
  expect(nn).toContain('Godkjenningar: 1 av 2.');
  expect(nn).toContain('Medarbeidarinvolvering');
  expect(nb).not.toEqual(en);
  expect(nb).toContain('Porten er til vurdering');
  expect(nb).toContain('Godkjenninger: 1 av 2.');
  expect(nb).toContain('Medarbeiderinvolvering');
  expect(en).toContain('The gate is under review');
  expect(en).toContain('Staff involvement');
  expect(en).not.toContain('Porten er til vurdering');
});
