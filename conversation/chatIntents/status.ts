/** "status": where the case stands, as a card. */
import { replyCard } from '../reply';
import { onCase } from './chatIntent';

export const status = onCase<'status'>(async (app, _turn, _intent, here) =>
  replyCard(await app.statusCard(here.state)),
);
