/**
 * Local development only: "act as" another member of the chat. The Agents Playground always sends as
 * its one configured user, so without this no manager could decide a gate in it. A message
 * `opptre som Kari Olsen` / `act as Kari Olsen` makes every later activity of that sender in that
 * conversation (messages and card clicks) arrive as the named member, exactly as Teams would send it for
 * them (their Teams id, name and Entra id from the conversation's member list); `opptre som meg` /
 * `act as me` ends it.
 *
 * The bot honours it only in anonymous mode (no app id and not in Azure: `requireEntraId` is false),
 * which is refused anywhere else (bot/botAdapter.ts); with a token, the words are an ordinary message.
 * It lives at the Teams edge because it rewrites what the channel says about the sender, before anything
 * else reads the activity; the conversation layer never knows.
 */
import type { TurnContext } from 'botbuilder';
import { escapeMarkdown } from '../cards';
import type { Member, Members } from '../conversation/chat';
import { texts } from '../conversation/botTexts';
import type { Language, NorwegianForm } from '../engine/localized';

const ACT_AS = /^(opptre som|act as)\s+(.+?)[.!]?$/i;
const MYSELF = /^(?:meg|meg selv|me|myself)$/i;

export class LocalActAs {
  /** Conversation id + the real sender's Teams id → the member they act as. */
  private readonly acting = new Map<string, Member>();

  /** `writtenForm`: the municipality's written form, which «opptre som» (both forms' words) answers in. */
  constructor(private readonly writtenForm: NorwegianForm = 'nb') {}

  /**
   * Answers an `act as` message (true), or leaves the activity to the bot (false). `text` is the
   * message without the bot's mention.
   */
  async handle(context: TurnContext, text: string, members: Members): Promise<boolean> {
    const match = ACT_AS.exec(text.trim());
    if (!match?.[1] || !match[2]) return false;
    // Answered in the language of the words, as a new case is.
    const language: Language = match[1].toLowerCase() === 'act as' ? 'en' : this.writtenForm;
    const key = keyOf(context);
    const wanted = match[2].trim();
    if (MYSELF.test(wanted)) {
      this.acting.delete(key);
      await context.sendActivity(
        texts.actAsEnded(escapeMarkdown(context.activity.from?.name ?? ''))[language],
      );
      return true;
    }
    let roster: Member[];
    try {
      roster = await members.all();
    } catch {
      roster = [];
    }
    const found = roster.filter((member) => sameName(member.name, wanted));
    const member = found.length === 1 ? found[0] : undefined;
    if (!member) {
      await context.sendActivity(
        texts.actAsUnknown(
          wanted,
          roster.map((m) => m.name),
        )[language],
      );
      return true;
    }
    if (member.teamsUserId === context.activity.from?.id) this.acting.delete(key);
    else this.acting.set(key, member);
    await context.sendActivity(texts.actAsStarted(escapeMarkdown(member.name))[language]);
    return true;
  }

  /** Makes the activity arrive as the member its sender acts as, if any. */
  apply(context: TurnContext): void {
    const member = this.acting.get(keyOf(context));
    if (!member) return;
    context.activity.from = {
      id: member.teamsUserId,
      name: member.name,
      ...(member.aadObjectId !== undefined && { aadObjectId: member.aadObjectId }),
    };
  }
}

function keyOf(context: TurnContext): string {
  return `${context.activity.conversation?.id ?? ''}\n${context.activity.from?.id ?? ''}`;
}

function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim();
  return fold(a) === fold(b) || fold(a).split(' ')[0] === fold(b);
}
