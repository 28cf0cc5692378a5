/** An approval card's refresh: deciders see the decision view, everyone else the status of the review. */
import { replyCard } from '../reply';
import { caseCard } from './cardAction';

export const refreshApproval = caseCard(async (app, turn, data, here) =>
  replyCard(await app.approvalView(turn, here.state, Number(data.requestSeq), { language: here.language })),
);
