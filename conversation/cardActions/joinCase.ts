/** "Bli med": the acting person joins the case as a member. */
import { replyCard } from '../reply';
import { caseCard } from './cardAction';

export const joinCase = caseCard(async (app, turn, _data, here) => {
  const outcome = await app.run(turn, here.state.caseId, { type: 'JoinCase' });
  return replyCard(await app.statusCard(outcome.state, { language: here.language }));
});
