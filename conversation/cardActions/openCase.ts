/** The open-case form was submitted: opens the case and shows its status card. */
import { parseOpenCaseSubmission } from '../../cards';
import { ValidationError } from '../../engine';
import { openCase as open } from '../openCase';
import { replyCard } from '../reply';
import { anyCard } from './cardAction';

export const openCase = anyCard(async (app, turn, data) => {
  const submission = parseOpenCaseSubmission(data);
  if ('error' in submission) throw new ValidationError('invalidForm', submission.error);
  const state = await open(app, turn, {
    title: submission.title,
    managerIds: submission.managerIds,
    language: submission.language ?? turn.language,
    ...(submission.unit !== undefined && { unit: submission.unit }),
    ...(submission.municipality !== undefined && { municipality: submission.municipality }),
    ...(submission.templateId !== undefined && { templateId: submission.templateId }),
  });
  return replyCard(await app.statusCard(state));
});
