/** "skjema" / "form": the current stage's documentation as one form, prefilled. */
import { replyCard } from '../reply';
import { onCase } from './chatIntent';

export const stageForm = onCase<'stageForm'>(async (app, _turn, _intent, here) =>
  replyCard(await app.stageForm(here.state)),
);
