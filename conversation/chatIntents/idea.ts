/** "idé: …" / "idea: …": an idea (bricolage) kept in the log, with its source when named ("idé (ansatte): …"). */
import { texts } from '../botTexts';
import { ideaSourceOf } from '../commandParser';
import { replyText } from '../reply';
import { onCase } from './chatIntent';

export const idea = onCase<'idea'>(async (app, turn, intent, here) => {
  if (!intent.text) return replyText(texts.needText);
  const { source, text } = ideaSourceOf(intent.text, here.template.ideaSources);
  await app.run(turn, here.state.caseId, {
    type: 'RecordIdea',
    ideaId: app.idFor(turn, 'idea'),
    text,
    ...(source !== undefined && { source: source.id }),
  });
  return replyText(source ? texts.ideaRecordedWithSource(source.label) : texts.ideaRecorded);
});
