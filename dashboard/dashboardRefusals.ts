/**
 * The dashboard API's own refusals and the reading of its query parameters, in Norwegian Bokmål, Nynorsk
 * and English with stable codes; the HTTP adapter translates their kinds like every other domain error.
 */
import { ForbiddenError } from '../engine/errors';
import { conversationKey } from '../engine/conversationKey';
import { localized } from '../engine/localized';
import { researchRefusals } from '../research/researchRefusals';

export const dashboardRefusals = {
  notInCase: (caseId: string) =>
    new ForbiddenError(
      'notInCase',
      localized(
        `Du er ikke med i saken «${caseId}». Skriv i samtalen der saken føres, eller be eieren om å legge deg til.`,
        `Du er ikkje med i saka «${caseId}». Skriv i samtalen der saka blir ført, eller be eigaren om å leggje deg til.`,
        `You are not part of case "${caseId}". Write in the conversation the case lives in, or ask its owner to add you.`,
      ),
      { caseId },
    ),
};

/** Longest conversation id accepted: Teams ids are well under 200 characters. */
const MAX_CONVERSATION_ID = 512;

/**
 * The team channel or chat a list is for: the tab passes the channel or chat id from its Teams context,
 * which is the key the bot files a conversation's cases under (engine/conversationKey.ts).
 */
export function parseConversationId(value: string | null): string | undefined {
  if (value === null || value === '') return undefined;
  // eslint-disable-next-line no-control-regex
  if (value.length > MAX_CONVERSATION_ID || /[\u0000-\u001f\u007f]/.test(value)) {
    throw researchRefusals.invalidParameter('conversation', value.slice(0, 80), 'a Teams channel or chat id');
  }
  return conversationKey(value);
}
