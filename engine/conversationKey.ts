/**
 * The conversation a case belongs to. In a Teams channel every thread has its own conversation id
 * ("19:…@thread.tacv2;messageid=…"); a project group's cases belong to the channel, whatever thread
 * they are talked about in, so the thread part is dropped. Replies still go to the thread they answer.
 * The dashboard tab names the same key: a channel tab's `channel.id`, a chat tab's `chat.id`.
 */
export function conversationKey(conversationId: string): string {
  return conversationId.split(';messageid=')[0] ?? conversationId;
}
