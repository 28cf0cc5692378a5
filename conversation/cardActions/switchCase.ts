/** "Bytt til denne saken": makes the card's case the conversation's active case. */
import { replyCard } from '../reply';
import { caseCard } from './cardAction';

export const switchCase = caseCard(async (app, turn, _data, here) => {
  await app.makeActive(turn, here.state.caseId);
  return replyCard(await app.statusCard(here.state, { language: here.language }));
});
