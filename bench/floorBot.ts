/**
 * The floor every turn is measured against: the cheapest bot that still does what any recording bot must
 * do. It runs on the same CloudAdapter, behind the same HTTP endpoint, on the same Azurite, and per turn
 * does one point read and one transaction (an upsert of one new row) in the conversation's partition,
 * then replies once: a message for a message, the invoke response for a card action.
 *
 * Anything the real bot costs beyond this is the price of its own work (deciding, the hash chain, the
 * state snapshot, the conversation record, cards), which is what the turn-cost ratios show.
 */
import type { TableClient } from '@azure/data-tables';
import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { encodeKey } from '../storage/tableKeys';
import { getEntityIfExists } from '../storage/tableStorage';

/** The row the floor reads every turn (as the real bot reads a case's head). */
export const FLOOR_HEAD_ROW = 'H';

export class FloorBot extends TeamsActivityHandler {
  /** Turns that reached the bot, for the sanity checks of the runner. */
  turns = 0;

  constructor(private readonly table: TableClient) {
    super();
    this.onMessage(async (context, next) => {
      await this.storageWork(context);
      await context.sendActivity({ type: 'message', text: `ok ${context.activity.id ?? ''}` });
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    _value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await this.storageWork(context);
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'ok' }] },
    };
  }

  private async storageWork(context: TurnContext): Promise<void> {
    this.turns += 1;
    const partitionKey = encodeKey(context.activity.conversation.id);
    await getEntityIfExists(this.table, partitionKey, FLOOR_HEAD_ROW);
    await this.table.submitTransaction([
      [
        'upsert',
        {
          partitionKey,
          rowKey: `E${encodeKey(context.activity.id ?? String(this.turns))}`,
          type: context.activity.type,
          text: context.activity.text ?? context.activity.name ?? '',
        },
      ],
    ]);
  }
}

/** Creates the floor's table and the row every floor turn of a conversation reads. */
export async function seedFloorConversation(table: TableClient, conversationId: string): Promise<void> {
  await table.upsertEntity({
    partitionKey: encodeKey(conversationId),
    rowKey: FLOOR_HEAD_ROW,
    version: 0,
  });
}
