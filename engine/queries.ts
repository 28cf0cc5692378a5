/**
 * Named questions about a case that several parts of the app ask (the bot, the cards, the dashboard,
 * the reminders, research): each is answered here, once, so they cannot come to disagree.
 */
import { refuse } from './refusals';
import type { CaseState } from './state';
import type { ProcessTemplate, PromptDefinition, StageDefinition } from './template';

/**
 * The stage with this id in the template. A stage the template does not have is refused (`unknownStage`,
 * a validation error in both languages): for a stored case that means the log and its template disagree,
 * for a card or a request that someone sent an id that does not exist.
 */
export function stageOf(template: ProcessTemplate, stageId: string): StageDefinition {
  const stage = template.stages.find((s) => s.id === stageId);
  if (!stage) throw refuse.unknownStage(stageId);
  return stage;
}

/**
 * The prompt to ask next in a stage: unanswered required prompts before optional ones, in template
 * order; prompts the group skipped come last, and only when `reaskSkipped` (otherwise none is left).
 */
export function nextOpenPrompt(
  state: CaseState,
  stage: StageDefinition,
  skipped: readonly string[],
  reaskSkipped: boolean,
): PromptDefinition | undefined {
  const open = stage.prompts.filter((p) => state.answers[p.id] === undefined);
  const ordered = [...open.filter((p) => p.required), ...open.filter((p) => !p.required)];
  const fresh = ordered.filter((p) => !skipped.includes(p.id));
  if (fresh.length > 0) return fresh[0];
  return reaskSkipped ? ordered[0] : undefined;
}
