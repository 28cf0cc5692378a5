import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../engine';
import { CaseSpecification, openCommand, passStage, people } from './caseSpecification';

/** A case in staff involvement, where "Var tillitsvalgte med?" is asked. */
function inStaffInvolvement(): CaseSpecification {
  const spec = new CaseSpecification().given(people.olga, openCommand());
  passStage(spec, 'define-challenge');
  passStage(spec, 'political-anchoring');
  return spec;
}

describe('a choice with a comment', () => {
  it('keeps the comment with the choice, trimmed', () => {
    const spec = inStaffInvolvement();
    spec.given(people.olga, {
      type: 'RecordDocumentation',
      stageId: 'staff-involvement',
      answers: [
        {
          promptId: 'union-representatives',
          answer: { type: 'choice', optionIds: ['yes'], comment: '  Per Andersen var med ' },
        },
      ],
    });
    expect(spec.current.answers['union-representatives']?.answer).toEqual({
      type: 'choice',
      optionIds: ['yes'],
      comment: 'Per Andersen var med',
    });
  });

  it('refuses a comment longer than the limit, naming it', () => {
    const error = inStaffInvolvement().refused(people.olga, {
      type: 'RecordDocumentation',
      stageId: 'staff-involvement',
      answers: [
        {
          promptId: 'union-representatives',
          answer: { type: 'choice', optionIds: ['yes'], comment: 'x'.repeat(LIMITS.comment + 1) },
        },
      ],
    });
    expect(error.text.nb).toContain('Kommentaren har for mange tegn');
    expect(error.text.en).toContain('The comment is too long');
  });
});
