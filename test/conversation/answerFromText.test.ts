import { describe, expect, it } from 'vitest';
import { answerFromText, answerHint, parseDate, parseNumber } from '../../conversation/answerFromText';
import type { PromptDefinition } from '../../engine';
import { template } from '../engine/caseSpecification';

function prompt(id: string): PromptDefinition {
  const found = template.stages.flatMap((s) => s.prompts).find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
}

describe('reading a chat reply as an answer', () => {
  it('takes text as it is', () => {
    expect(answerFromText(prompt('challenge'), '  Ventelistene vokser.  ', [])).toEqual({
      answer: { type: 'text', text: 'Ventelistene vokser.' },
    });
  });

  it.each([
    ['2026-09-01', '2026-09-01'],
    ['1.9.2026', '2026-09-01'],
    ['01/09/2026', '2026-09-01'],
  ])('reads the date %s', (text, date) => {
    expect(answerFromText(prompt('start-date'), text, [])).toEqual({ answer: { type: 'date', date } });
  });

  it('refuses impossible dates with how to write one', () => {
    const parsed = answerFromText(prompt('start-date'), '30.02.2026', []);
    expect(parsed).toHaveProperty('problem.nb', 'Skriv datoen som 01.09.2026 eller 2026-09-01.');
    expect(parseDate('neste uke')).toBeUndefined();
  });

  it.each([
    ['1 500 000', 1_500_000],
    ['1\u00a0500\u00a0000 kr', 1_500_000],
    ['NOK 2,5', 2.5],
    ['kr 300 000,-', 300_000],
    ['0', 0],
  ])('reads the amount %s', (text, number) => {
    expect(parseNumber(text)).toBe(number);
  });

  it('refuses a number it cannot read', () => {
    expect(answerFromText(prompt('budget'), 'en million', [])).toHaveProperty('problem.en');
  });

  it('reads choices by number or label, in either language', () => {
    expect(answerFromText(prompt('trigger'), '1, 3 og Økonomi', [])).toEqual({
      answer: { type: 'choice', optionIds: ['demography', 'recruitment', 'finances'] },
    });
    expect(answerFromText(prompt('idea-source'), 'Research', [])).toEqual({
      answer: { type: 'choice', optionIds: ['research'] },
    });
  });

  it('keeps other text where the prompt allows it, and refuses it elsewhere', () => {
    expect(answerFromText(prompt('trigger'), '2, en ny lov', [])).toEqual({
      answer: { type: 'choice', optionIds: ['finances'], otherText: 'en ny lov' },
    });
    const refused = answerFromText(prompt('users-involved'), 'kanskje', []);
    expect(refused).toHaveProperty('problem.nb');
    expect((refused as { problem: { nb: string } }).problem.nb).toContain('1. Ja');
  });

  it('reads people from @mentions only', () => {
    expect(answerFromText(prompt('champions'), 'Kari og Ola', ['aad-kari', 'aad-ola', 'aad-kari'])).toEqual({
      answer: { type: 'people', personIds: ['aad-kari', 'aad-ola'] },
    });
    expect(answerFromText(prompt('champions'), 'Kari og Ola', [])).toHaveProperty('problem');
  });

  it('finds the link in a sentence', () => {
    expect(
      answerFromText(
        prompt('evaluation-report'),
        'Rapporten ligger her: https://kommune.no/rapport.pdf.',
        [],
      ),
    ).toEqual({
      answer: { type: 'link', url: 'https://kommune.no/rapport.pdf' },
    });
  });

  it('explains how to answer each kind, in both languages', () => {
    expect(answerHint(prompt('users-involved'), 'nb')).toContain('1. Ja');
    expect(answerHint(prompt('users-involved'), 'en')).toContain('1. Yes');
    expect(answerHint(prompt('trigger'), 'en')).toContain('own words');
  });
});
