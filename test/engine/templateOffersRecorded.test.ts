import { describe, expect, it } from 'vitest';
import type { TemplateInvalidError } from '../../engine';
import { loadTemplate } from '../../engine';
import defaultTemplate from '../../engine/templates/municipal-service-innovation.v1.json';
import { template } from './caseSpecification';

function problemsWith(promptId: string, offersRecorded: unknown): string[] {
  const copy = JSON.parse(JSON.stringify(defaultTemplate)) as {
    stages: { prompts: Record<string, unknown>[] }[];
  };
  const prompt = copy.stages.flatMap((s) => s.prompts).find((p) => p['id'] === promptId);
  if (!prompt) throw new Error(promptId);
  prompt['offersRecorded'] = offersRecorded;
  try {
    loadTemplate(copy);
  } catch (error) {
    return (error as TemplateInvalidError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

describe('prompts that offer what the case has recorded', () => {
  it('are the barrier and idea prompts of the default template', () => {
    const offering = template.stages
      .flatMap((s) => s.prompts)
      .filter((p) => p.offersRecorded !== undefined)
      .map((p) => [p.id, p.offersRecorded]);
    expect(offering).toEqual([
      ['employee-ideas', 'ideas'],
      ['barriers-met', 'barriers'],
      ['barriers-and-enablers', 'barriers'],
    ]);
  });

  it('are refused on a prompt that is not text, or offering something unknown', () => {
    expect(problemsWith('budget', 'barriers')).toEqual([
      'stages[1].prompts[2].offersRecorded: only text prompts may offer what was recorded, as one of: barriers, ideas',
    ]);
    expect(problemsWith('challenge', 'memos')).toHaveLength(1);
    expect(problemsWith('challenge', 'ideas')).toEqual([]);
  });
});
