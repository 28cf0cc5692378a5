/**
 * Answers and references as readable text, the same in every format (CSV cells, Markdown, the text of a
 * qdpx source). Rendering takes the pseudonymised answer, so a person answer shows labels, never ids.
 */
import type { Answer, PoliticalDecisionReference } from '../engine/answers';
import type { Language } from '../engine/localized';
import { stageOf } from '../engine/queries';
import { assertNever } from '../engine/state';
import type { CategoryDefinition, ProcessTemplate, PromptDefinition } from '../engine/template';
import { word } from './vocabulary';

export function renderAnswer(
  answer: Answer,
  prompt: PromptDefinition | undefined,
  language: Language,
): string {
  switch (answer.type) {
    case 'text':
      return answer.text;
    case 'date':
      return answer.date;
    case 'number':
      return String(answer.number);
    case 'choice': {
      const labels = answer.optionIds.map(
        (id) => prompt?.options?.find((option) => option.id === id)?.label[language] ?? id,
      );
      if (answer.otherText !== undefined) labels.push(`${word('other', language)}: ${answer.otherText}`);
      return answer.comment === undefined ? labels.join('; ') : `${labels.join('; ')} – ${answer.comment}`;
    }
    case 'link':
      return answer.label === undefined ? answer.url : `${answer.label} <${answer.url}>`;
    case 'people':
      return answer.personIds.join('; ');
    case 'notApplicable':
      return `${word('notApplicable', language)}: ${answer.reason}`;
    default:
      return assertNever(answer);
  }
}

/** "Kommunestyret, 2026-03-12, saksnr. 2026/0417: <decision> <link>". */
export function renderPoliticalDecision(reference: PoliticalDecisionReference, language: Language): string {
  const head = `${reference.body}, ${reference.meetingDate}, ${word('caseNumber', language)} ${reference.caseNumber}`;
  const parts = [
    reference.decisionText,
    reference.link === undefined ? undefined : `<${reference.link}>`,
  ].filter((part): part is string => part !== undefined && part !== '');
  return parts.length === 0 ? head : `${head}: ${parts.join(' ')}`;
}

export function findPrompt(template: ProcessTemplate, promptId: string): PromptDefinition | undefined {
  for (const stage of template.stages) {
    const prompt = stage.prompts.find((p) => p.id === promptId);
    if (prompt) return prompt;
  }
  return undefined;
}

export function stageTitle(template: ProcessTemplate, stageId: string, language: Language): string {
  return stageOf(template, stageId).title[language];
}

export function categoryLabel(
  categories: readonly CategoryDefinition[],
  id: string | undefined,
  language: Language,
): string | undefined {
  if (id === undefined) return undefined;
  return categories.find((category) => category.id === id)?.label[language] ?? id;
}

/**
 * The stage prompt that asks where the idea came from: a choice whose options are the template's idea
 * sources. Its answer is coded with the same idea-source codes as the ideas recorded along the way.
 */
export function ideaSourcePrompt(template: ProcessTemplate): PromptDefinition | undefined {
  const sources = new Set(template.ideaSources.map((source) => source.id));
  for (const stage of template.stages) {
    const prompt = stage.prompts.find(
      (p) =>
        (p.kind === 'singleChoice' || p.kind === 'multipleChoice') &&
        (p.options?.length ?? 0) > 0 &&
        (p.options ?? []).every((option) => sources.has(option.id)),
    );
    if (prompt) return prompt;
  }
  return undefined;
}
