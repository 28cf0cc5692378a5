/** "gjenoppta" / "resume": a manager takes a paused case up again; the next question is asked. */
import { texts } from '../botTexts';
import { onCase } from './chatIntent';

export const resume = onCase<'resume'>(async (app, turn, _intent, here) => {
  const outcome = await app.run(turn, here.state.caseId, { type: 'ResumeCase' });
  await app.say(turn, texts.resumed, here.language);
  await app.carryOut(turn, outcome);
  return undefined;
});
