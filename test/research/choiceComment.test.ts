import { describe, expect, it } from 'vitest';
import type { Answer } from '../../engine';
import { PseudonymBook } from '../../research/pseudonymBook';
import { pseudonymiseAnswer } from '../../research/pseudonymiseEvent';
import { Pseudonymiser } from '../../research/pseudonymiser';
import { renderAnswer } from '../../research/render';
import { MemoryPseudonymStore } from '../../storage/memoryPseudonymStore';
import { template } from '../engine/caseSpecification';

const answer: Answer = { type: 'choice', optionIds: ['yes'], comment: 'Kari Nordmann var med' };
const prompt = template.stages.flatMap((s) => s.prompts).find((p) => p.id === 'union-representatives');

async function pseudonymiser(): Promise<Pseudonymiser> {
  return Pseudonymiser.create({
    language: 'nb',
    names: 'pseudonymised',
    people: [{ personId: 'p-kari', displayName: 'Kari Nordmann' }],
    book: await PseudonymBook.open(new MemoryPseudonymStore()),
  });
}

describe('the comment on a choice in research exports', () => {
  it('is pseudonymised like any free text, and withheld for people who declined', async () => {
    const p = await pseudonymiser();
    expect(pseudonymiseAnswer(answer, p)).toEqual({
      ...answer,
      comment: `${p.label('p-kari')} var med`,
    });
    expect(pseudonymiseAnswer(answer, p, true)).toEqual({ ...answer, comment: p.withheld });
  });

  it('is rendered after the chosen option', () => {
    expect(renderAnswer(answer, prompt, 'nb')).toBe('Ja – Kari Nordmann var med');
    expect(renderAnswer(answer, prompt, 'en')).toBe('Yes – Kari Nordmann var med');
  });
});
