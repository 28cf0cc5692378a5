/** "pause, fordi …" and "stopp, fordi …": a manager pauses or stops the case, with the reason on record. */
import type { CaseCommand } from '../../engine';
import { onCase } from './chatIntent';

export const haltCase = onCase<'pause' | 'stop'>(async (app, turn, intent, here) => {
  const command: CaseCommand =
    intent.kind === 'pause'
      ? { type: 'PauseCase', reason: intent.reason }
      : { type: 'StopCase', reason: intent.reason };
  const outcome = await app.run(turn, here.state.caseId, command);
  await app.carryOut(turn, outcome);
  return undefined;
});
