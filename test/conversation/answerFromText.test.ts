import { describe, expect, it } from 'vitest';
import {
  answerFromText,
  answerHint,
  parseDate,
  parseNumber,
  selectionFromText,
} from '../../conversation/answerFromText';
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

  it('explains how to answer each kind, in every language', () => {
    expect(answerHint(prompt('users-involved'), 'nb')).toContain('1. Ja');
    expect(answerHint(prompt('users-involved'), 'en')).toContain('1. Yes');
    expect(answerHint(prompt('trigger'), 'en')).toContain('own words');
    expect(answerHint(prompt('trigger'), 'nn')).toContain('eigne ord');
  });

  it.each([
    ['1,2 mill', 1_200_000],
    ['1,2 mill.', 1_200_000],
    ['1,2 millioner', 1_200_000],
    ['1,2 millioner kroner', 1_200_000],
    ['kr 1,1 mill.', 1_100_000],
    ['1,5 mill. kr', 1_500_000],
    ['NOK 1.2 million', 1_200_000],
    ['2 millions', 2_000_000],
    ['3 mrd', 3_000_000_000],
    ['0,75 milliarder', 750_000_000],
    ['300 000 kroner', 300_000],
  ])('reads the amount in millions or billions %s', (text, number) => {
    expect(answerFromText(prompt('budget'), text, [])).toEqual({ answer: { type: 'number', number } });
  });

  it('refuses an amount in millions that is ambiguous or has no number', () => {
    expect(parseNumber('1,500 mill')).toBeUndefined();
    expect(parseNumber('mill.')).toBeUndefined();
    expect(parseNumber('mange millioner')).toBeUndefined();
  });

  it.each([
    ['Ja – Per Andersen var med', 'yes', 'Per Andersen var med'],
    ['ja - Per Andersen var med', 'yes', 'Per Andersen var med'],
    ['Ja, Per Andersen var med', 'yes', 'Per Andersen var med'],
    ['1. Per var med.', 'yes', 'Per var med.'],
    ['Planlagt (i mars)', 'planned', 'i mars'],
    ['3: de ble ikke spurt', 'no', 'de ble ikke spurt'],
  ])('reads the choice and the comment in %s', (text, optionId, comment) => {
    expect(answerFromText(prompt('union-representatives'), text, [])).toEqual({
      answer: { type: 'choice', optionIds: [optionId], comment },
    });
  });

  it('reads several choices with a comment after a dash, and keeps "other" text as other', () => {
    expect(answerFromText(prompt('methods'), '1 og 3 – mest på natt', [])).toEqual({
      answer: { type: 'choice', optionIds: ['workshops', 'pilots'], comment: 'mest på natt' },
    });
    expect(answerFromText(prompt('idea-source'), 'Andre kommuner, vi så til Bærum', [])).toEqual({
      answer: { type: 'choice', optionIds: ['other-municipalities'], comment: 'vi så til Bærum' },
    });
    expect(answerFromText(prompt('idea-source'), 'Fra en kollega i Asker', [])).toEqual({
      answer: { type: 'choice', optionIds: [], otherText: 'Fra en kollega i Asker' },
    });
  });

  it('refuses a comment without a choice it can read', () => {
    expect(answerFromText(prompt('union-representatives'), 'Kanskje – vi vet ikke', [])).toHaveProperty(
      'problem.nb',
    );
  });

  it.each([
    ['alle', 3, { indexes: [0, 1, 2] }],
    ['All.', 2, { indexes: [0, 1] }],
    ['1, 3', 3, { indexes: [0, 2] }],
    ['3 og 1 og 3', 3, { indexes: [2, 0] }],
    ['2: og dessuten lite tid', 2, { indexes: [1], ownWords: 'og dessuten lite tid' }],
    ['alle – men mest turnus', 2, { indexes: [0, 1], ownWords: 'men mest turnus' }],
    ['1 - og sykefravær', 1, { indexes: [0], ownWords: 'og sykefravær' }],
  ])('reads %s as a choice among %i offered items', (text, count, selection) => {
    expect(selectionFromText(text, count)).toEqual(selection);
  });

  it.each(['1 gang i uka var for lite', 'alle ansatte var skeptiske', 'Turnus', '1-3 måneder'])(
    'reads %s as an answer in its own right, not a choice among the offered',
    (text) => {
      expect(selectionFromText(text, 3)).toBeUndefined();
    },
  );

  it('answers with the offered items chosen, and refuses a number not offered', () => {
    const offered = ['Turnus og skiftarbeid: vanskelig å samle folk', 'Sykefravær i vinter'];
    expect(answerFromText(prompt('barriers-met'), '2: og lite tid', [], offered)).toEqual({
      answer: { type: 'text', text: '• Sykefravær i vinter\nog lite tid' },
    });
    expect(answerFromText(prompt('barriers-met'), 'alle', [], offered)).toEqual({
      answer: {
        type: 'text',
        text: '• Turnus og skiftarbeid: vanskelig å samle folk\n• Sykefravær i vinter',
      },
    });
    expect(answerFromText(prompt('barriers-met'), '3', [], offered)).toEqual({
      problem: {
        nb: 'Velg numre fra 1 til 2, eller skriv svaret med egne ord.',
        nn: 'Vel nummer frå 1 til 2, eller skriv svaret med eigne ord.',
        en: 'Choose numbers from 1 to 2, or write the answer in your own words.',
      },
    });
    // Nothing offered: "2" is the text it is.
    expect(answerFromText(prompt('barriers-met'), '2', [])).toEqual({ answer: { type: 'text', text: '2' } });
  });
});
