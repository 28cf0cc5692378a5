/** "Status" on a card, and a status card's own refresh: the case as it stands now. */
import { replyCard } from '../reply';
import { caseCard } from './cardAction';

export const showStatus = caseCard(async (app, _turn, _data, here) =>
  replyCard(await app.statusCard(here.state, { language: here.language })),
);
