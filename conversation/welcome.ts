/**
 * The bot was added to a chat or channel: the welcome card, once (Teams sends both installationUpdate
 * and conversationUpdate on install), and the way back to the conversation kept for proactive messages.
 */
import { welcomeCard } from '../cards';
import type { ConversationApp } from './app';
import { placeOf, type Turn } from './turn';

export async function welcome(app: ConversationApp, turn: Turn): Promise<void> {
  let first = false;
  await app.book.update(placeOf(turn), (record) => {
    first = record.welcomedAt === undefined;
    return { ...record, welcomedAt: record.welcomedAt ?? turn.at, language: turn.language };
  });
  if (first) await turn.chat.post({ card: welcomeCard(turn.language) });
}
