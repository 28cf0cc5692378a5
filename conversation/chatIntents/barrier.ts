/** "barriere: …" / "barrier: …": a barrier kept in the log, in the category named before a colon. */
import { LANGUAGES, type ProcessTemplate } from '../../engine';
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { onCase } from './chatIntent';

export const barrier = onCase<'barrier'>(async (app, turn, intent, here) => {
  if (!intent.text) return replyText(texts.needText);
  const { category, text } = barrierCategoryOf(intent.text, here.template);
  await app.run(turn, here.state.caseId, {
    type: 'RecordBarrier',
    barrierId: app.idFor(turn, 'barrier'),
    text,
    category: category.id,
  });
  return replyText(texts.barrierRecorded(category.label));
});

/** "turnus: vanskelig å samle folk" → the shift-work category; no known category → "other". */
export function barrierCategoryOf(
  text: string,
  template: ProcessTemplate,
): { category: ProcessTemplate['barrierCategories'][number]; text: string } {
  const match = /^([^:]{2,40}):\s*(.+)$/s.exec(text);
  const fallback = template.barrierCategories.find((c) => c.id === 'other') ?? template.barrierCategories[0];
  if (!fallback) throw new Error('The template has no barrier categories');
  if (match) {
    const hint = (match[1] ?? '').trim().toLowerCase();
    const found = template.barrierCategories.find(
      (c) => c.id === hint || LANGUAGES.some((language) => c.label[language].toLowerCase().includes(hint)),
    );
    if (found) return { category: found, text: (match[2] ?? '').trim() };
  }
  return { category: fallback, text };
}
