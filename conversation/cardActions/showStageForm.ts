/** "Dokumenter" on a card: the current stage's form, prefilled. */
import { replyCard } from '../reply';
import { caseCard } from './cardAction';

export const showStageForm = caseCard(async (app, _turn, _data, here) =>
  replyCard(await app.stageForm(here.state, { language: here.language })),
);
