/** "hopp over" / "skip": leaves the pending question for later and asks the next one. */
import { texts } from '../botTexts';
import { pendingQuestionOf } from './answering';
import { onCase } from './chatIntent';

export const skip = onCase<'skip'>(async (app, turn, _intent, here) => {
  const { pending, prompt } = pendingQuestionOf(here);
  await app.say(turn, texts.skipped(prompt.label), here.state.language);
  await app.askNext(turn, here.state, here.template, {
    reaskSkipped: false,
    skipped: [...new Set([...pending.skipped, pending.promptId])],
  });
  return undefined;
});
