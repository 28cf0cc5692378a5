/** "neste" / "next": asks the next open question of the stage, skipped ones again when nothing else is open. */
import { onCase } from './chatIntent';

export const nextQuestion = onCase<'nextQuestion'>(async (app, turn, _intent, here) => {
  await app.askNext(turn, here.state, here.template, { reaskSkipped: true });
  return undefined;
});
