/** "Ny sak" on the welcome or help card: the open-case form. */
import { openCaseFormCard } from '../../cards';
import { openCaseFormData } from '../openCase';
import { replyCard } from '../reply';
import { anyCard } from './cardAction';

export const showOpenCaseForm = anyCard(async (app, turn, _data, here) =>
  replyCard(openCaseFormCard(await openCaseFormData(app, turn, here.language))),
);
