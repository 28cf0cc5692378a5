import { describe, expect, it } from 'vitest';
import type { Localized, TemplateInvalidError } from '../../engine';
import {
  builtInTemplates,
  DEFAULT_TEMPLATE_ID,
  LANGUAGES,
  loadTemplate,
  PROMPT_KINDS,
  TemplateCatalog,
} from '../../engine';
import defaultTemplate from '../../engine/templates/municipal-service-innovation.v1.json';

function broken(mutate: (t: Record<string, any>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(defaultTemplate)) as Record<string, any>;
  mutate(copy);
  return copy;
}

function problemsOf(raw: unknown): { path: string; message: string }[] {
  try {
    loadTemplate(raw);
  } catch (error) {
    return [...(error as TemplateInvalidError).problems];
  }
  throw new Error('expected the template to be refused');
}

describe('the default template "municipal service innovation"', () => {
  const template = builtInTemplates().latest(DEFAULT_TEMPLATE_ID);

  it('loads, with the six stages of the domain in order', () => {
    expect(template.version).toBe(1);
    expect(template.stages.map((s) => s.id)).toEqual([
      'define-challenge',
      'political-anchoring',
      'staff-involvement',
      're-anchoring',
      'rollout',
      'evaluation',
    ]);
    expect(template.stages.map((s) => s.title.nb)).toEqual([
      'Definere utfordringsbildet',
      'Politisk forankring',
      'Medarbeiderinvolvering',
      'Ny politisk forankring',
      'Operasjonalisering og innføring',
      'Evaluering',
    ]);
  });

  it('needs a political decision at both anchoring gates and nowhere else', () => {
    expect(template.stages.filter((s) => s.gate.requiresPoliticalDecision).map((s) => s.id)).toEqual([
      'political-anchoring',
      're-anchoring',
    ]);
  });

  it('has every text in every language, and they differ where they should', () => {
    const texts: Localized[] = [template.title, template.description];
    for (const stage of template.stages) {
      texts.push(stage.title, stage.help);
      for (const prompt of stage.prompts) {
        texts.push(prompt.label, prompt.help, ...(prompt.options ?? []).map((o) => o.label));
      }
    }
    texts.push(
      ...template.barrierCategories.map((c) => c.label),
      ...template.ideaSources.map((c) => c.label),
    );
    for (const text of texts) {
      for (const language of LANGUAGES) expect(text[language].trim(), language).not.toBe('');
    }
    const identical = texts.filter((t) => t.nb === t.en).map((t) => t.en);
    expect(identical).toEqual(['Turnover']);
    expect(texts.filter((t) => t.nn === t.en).map((t) => t.en)).toEqual(['Turnover']);
    // Nynorsk differs from Bokmål in most texts; the rest are words both forms share («Evaluering»).
    expect(texts.filter((t) => t.nn !== t.nb).length).toBeGreaterThan(texts.length / 2);
  });

  it('uses every prompt type somewhere', () => {
    const used = new Set(template.stages.flatMap((s) => s.prompts.map((p) => p.kind)));
    expect([...used].sort()).toEqual([...PROMPT_KINDS].sort());
  });

  it('carries the research categories for barriers and idea sources', () => {
    expect(template.barrierCategories.map((c) => c.id)).toContain('shift-work');
    expect(template.ideaSources.map((c) => c.id)).toContain('employees-practice');
  });
});

describe('loading a broken template', () => {
  it('names a duplicate stage id and a duplicate prompt id', () => {
    const problems = problemsOf(
      broken((t) => {
        t.stages[1].id = 'define-challenge';
        t.stages[2].prompts[1].id = 'challenge';
      }),
    );
    expect(problems).toContainEqual({
      path: 'stages[1].id',
      message: 'duplicate stage id "define-challenge"',
    });
    expect(problems).toContainEqual({
      path: 'stages[2].prompts[1].id',
      message: 'duplicate prompt id "challenge"',
    });
  });

  it('names every missing translation', () => {
    const problems = problemsOf(
      broken((t) => {
        delete t.stages[0].title.en;
        delete t.stages[1].prompts[0].label.nn;
        t.stages[3].prompts[0].help.nb = '  ';
      }),
    );
    expect(problems).toEqual([
      { path: 'stages[0].title.en', message: 'missing translation (en)' },
      { path: 'stages[1].prompts[0].label.nn', message: 'missing translation (nn)' },
      { path: 'stages[3].prompts[0].help.nb', message: 'missing translation (nb)' },
    ]);
  });

  it('names a text that is not one per language, listing the languages', () => {
    const problems = problemsOf(broken((t) => (t.stages[0].title = 'Definere utfordringsbildet')));
    expect(problems).toEqual([
      { path: 'stages[0].title', message: 'must have a text for each language (nb, nn, en)' },
    ]);
  });

  it('names an unknown prompt type', () => {
    const problems = problemsOf(broken((t) => (t.stages[0].prompts[0].kind = 'essay')));
    expect(problems[0]?.path).toBe('stages[0].prompts[0].kind');
    expect(problems[0]?.message).toContain('unknown prompt type "essay"');
  });

  it.each([
    [{ kind: 'count', count: 0 }, 'impossible quorum: 0 approvals'],
    [{ kind: 'count', count: 2.5 }, 'impossible quorum: 2.5 approvals'],
    [{ kind: 'count', count: 100 }, 'impossible quorum: 100 approvals'],
    [{ kind: 'most' }, 'unknown quorum "most"'],
  ])('names an impossible quorum %j', (quorum, message) => {
    const problems = problemsOf(broken((t) => (t.stages[2].gate.quorum = quorum)));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain(message);
  });

  it('names choice prompts without options and options on other prompts', () => {
    const problems = problemsOf(
      broken((t) => {
        delete t.stages[0].prompts[1].options;
        t.stages[0].prompts[0].options = [{ id: 'a', label: { nb: 'a', nn: 'a', en: 'a' } }];
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'stages[0].prompts[0].options',
      'stages[0].prompts[1].options',
    ]);
  });

  it('names an unknown deciding role and a researcher as decider', () => {
    expect(problemsOf(broken((t) => (t.stages[0].gate.deciderRole = 'mayor')))[0]?.path).toBe(
      'stages[0].gate.deciderRole',
    );
    expect(problemsOf(broken((t) => (t.stages[0].gate.deciderRole = 'researcher')))[0]?.path).toBe(
      'stages[0].gate.deciderRole',
    );
  });

  it('names all problems at once, not just the first', () => {
    const problems = problemsOf(
      broken((t) => {
        t.version = 0;
        t.stages[0].prompts[0].kind = 'essay';
        delete t.stages[5].help.en;
        t.stages[4].idleReminderDays = -1;
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'version',
      'stages[0].prompts[0].kind',
      'stages[4].idleReminderDays',
      'stages[5].help.en',
    ]);
  });

  it('refuses something that is not a template at all', () => {
    expect(problemsOf('hello')).toEqual([{ path: '$', message: 'a template must be a JSON object' }]);
    expect(problemsOf({}).length).toBeGreaterThan(4);
  });
});

describe('the template catalog', () => {
  it('keeps every version, so a case goes on with the version it started on', () => {
    const v2 = broken((t) => {
      t.version = 2;
      t.stages[0].title.en = 'Define the challenge (revised)';
    });
    const catalog = new TemplateCatalog([defaultTemplate, v2]);
    expect(catalog.latest(DEFAULT_TEMPLATE_ID).version).toBe(2);
    expect(catalog.get({ id: DEFAULT_TEMPLATE_ID, version: 1 }).stages[0]?.title.en).toBe(
      'Define the challenge',
    );
  });

  it('names a template version it does not have, in every language', () => {
    const catalog = builtInTemplates();
    expect(() => catalog.get({ id: DEFAULT_TEMPLATE_ID, version: 7 })).toThrow(/version 7 does not exist/);
  });

  it('refuses to list the same version twice', () => {
    expect(() => new TemplateCatalog([defaultTemplate, defaultTemplate])).toThrow(/listed twice/);
  });
});
