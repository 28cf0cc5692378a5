/**
 * "gjenoppta" / "resume": a manager takes a paused case up again. The engine's effects say so and ask
 * the next question, as they do when the case is resumed on the dashboard.
 */
import { onCase } from './chatIntent';

export const resume = onCase<'resume'>(async (app, turn, _intent, here) => {
  const outcome = await app.run(turn, here.state.caseId, { type: 'ResumeCase' });
  await app.carryOut(turn, outcome);
  return undefined;
});
