/**
 * The Teams edge: the botbuilder `TeamsActivityHandler` that wires Teams events to the conversation
 * layer, and nothing else. A message goes to the chat intents (conversation/chatTurn.ts), a card click
 * to the card verbs (conversation/cardTurn.ts), an install to the welcome. Every turn runs within its
 * budget (Teams waits about 15 s for a message and 5 s for a card action), and its connector calls are
 * bounded by it. botbuilder is imported only in bot/: moving to the Microsoft 365 Agents SDK is a change
 * of this folder.
 */
import type {
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  MessagingExtensionAction,
  MessagingExtensionActionResponse,
  TurnContext,
} from 'botbuilder';
import { CardFactory, TeamsActivityHandler } from 'botbuilder';
import { isTimeout, withDeadline } from '../platform/deadline';
import { consoleLogger } from '../platform/logger';
import { ConversationApp, type BotServices, type ConversationParts } from '../conversation/app';
import { botParts } from '../conversation/botParts';
import { handleCardAction, type CardAnswer } from '../conversation/cardTurn';
import { handleMessage } from '../conversation/chatTurn';
import { handleMessageAction, type DialogAnswer } from '../conversation/messageActionTurn';
import {
  decideOutsideChat,
  type OutsideDecision,
  type OutsideDecisionDependencies,
  type OutsideDecisionResult,
} from '../conversation/decideOutsideChat';
import { resumeOutsideChat, type OutsideResume } from '../conversation/resumeOutsideChat';
import type { EffectRunner } from '../conversation/effectRunner';
import type { IdentityOptions } from '../conversation/identity';
import type { Turn } from '../conversation/turn';
import { welcome } from '../conversation/welcome';
import { boundConnectorCalls } from './connectorDeadline';
import { LocalActAs } from './localActAs';
import { proactiveChats, type ProactiveAdapter, type ProactiveRetryOptions } from './proactive';
import { readActedOnMessage } from './messagePayload';
import { readTurn, turnChat, turnMembers } from './teamsTurn';

export type { BotServices } from '../conversation/app';
export type { OutsideDecision, OutsideDecisionResult } from '../conversation/decideOutsideChat';
export type { OutsideResume } from '../conversation/resumeOutsideChat';

/**
 * How long a turn may take. Teams waits about 15 s for the answer to a message and 5 s for the answer to
 * a card action (then shows an error and may send the activity again); each turn ends well inside that,
 * and every storage and connector call in it is bounded by what is left (platform/deadline.ts).
 */
export const TURN_BUDGET_MS = { message: 12_000, invoke: 4_500 } as const;

/** Where proactive messages come from: the adapter and the bot's app id ('' when anonymous). */
export interface ProactiveSender {
  adapter: ProactiveAdapter;
  appId: string;
  retry?: ProactiveRetryOptions;
}

export class InnovationBot extends TeamsActivityHandler {
  readonly app: ConversationApp;
  /** Local development only (anonymous mode): acting as another member of the chat. */
  private readonly actAs: LocalActAs | undefined;

  constructor(
    services: BotServices,
    parts: ConversationParts = botParts(services, services.logger ?? consoleLogger),
    options: Partial<IdentityOptions> = {},
  ) {
    super();
    const requireEntraId = options.requireEntraId ?? true;
    this.app = new ConversationApp(services, parts, { requireEntraId });
    this.actAs = requireEntraId ? undefined : new LocalActAs(this.app.writtenForm);
    this.onMessage(async (context, next) => {
      await this.guarded(context, async () => {
        if (this.actAs) {
          const text = readTurn(
            context,
            this.app.services.clock().toISOString(),
            this.app.writtenForm,
          ).textWithoutMentions;
          if (await this.actAs.handle(context, text, turnMembers(context, this.app.logger))) return;
          this.actAs.apply(context);
        }
        await handleMessage(this.app, await this.begin(context), isConnectorFailure);
      });
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.guarded(context, async () => welcome(this.app, await this.begin(context, false)));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some(
        (m) => m.id === context.activity.recipient.id,
      );
      if (botAdded)
        await this.guarded(context, async () => welcome(this.app, await this.begin(context, false)));
      await next();
    });
  }

  /** Every turn runs within its budget, and its connector calls are bounded by it. */
  override run(context: TurnContext): Promise<void> {
    const budget = context.activity.type === 'invoke' ? TURN_BUDGET_MS.invoke : TURN_BUDGET_MS.message;
    return withDeadline(budget, () => {
      boundConnectorCalls(context);
      return super.run(context);
    });
  }

  /** The effect runner, for the reminder run and the outbox timer (they deliver through it too). */
  get effects(): EffectRunner {
    return this.app.runner;
  }

  /** A gate decided on the dashboard (conversation/decideOutsideChat.ts), told in a proactive chat. */
  decideOutsideChat(sender: ProactiveSender, request: OutsideDecision): Promise<OutsideDecisionResult> {
    return decideOutsideChat(this.outside(sender), request);
  }

  /** A paused case resumed on the dashboard (conversation/resumeOutsideChat.ts), told in a proactive chat. */
  resumeOutsideChat(sender: ProactiveSender, request: OutsideResume): Promise<OutsideDecisionResult> {
    return resumeOutsideChat(this.outside(sender), request);
  }

  private outside(sender: ProactiveSender): OutsideDecisionDependencies {
    return {
      cases: this.app.services.cases,
      effects: this.app.runner,
      chats: proactiveChats(sender.adapter, sender.appId, sender.retry),
      clock: this.app.services.clock,
      logger: this.app.logger,
    };
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    try {
      this.actAs?.apply(context);
      return invokeResponse(await handleCardAction(this.app, await this.begin(context), value));
    } catch (error) {
      // Only the turn's beginning can fail here (who acts, storage down): the card turn answers the rest.
      return invokeResponse({ message: this.errorFor(context, error) });
    }
  }

  /** A message action's dialog asked for (`composeExtension/fetchTask`). */
  protected override handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return this.messageAction(context, action, 'open');
  }

  /** What a message action's dialog submitted (`composeExtension/submitAction`). */
  protected override handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return this.messageAction(context, action, 'submit');
  }

  private async messageAction(
    context: TurnContext,
    action: MessagingExtensionAction,
    phase: 'open' | 'submit',
  ): Promise<MessagingExtensionActionResponse> {
    try {
      this.actAs?.apply(context);
      const turn = await this.begin(context);
      return dialogResponse(
        await handleMessageAction(this.app, turn, {
          commandId: action.commandId,
          phase,
          message: readActedOnMessage(action.messagePayload),
          data: action.data,
        }),
      );
    } catch (error) {
      // Only the turn's beginning can fail here (who acts, storage down): the message action answers the rest.
      return dialogResponse({ message: this.errorFor(context, error) });
    }
  }

  /** An error at a turn's edge in words, in the language the activity's locale asks for. */
  private errorFor(context: TurnContext, error: unknown): string {
    const { language } = readTurn(context, this.app.services.clock().toISOString(), this.app.writtenForm);
    return this.app.errorText(error, { activityId: context.activity.id, type: context.activity.type })[
      language
    ];
  }

  private begin(context: TurnContext, identify = true): Promise<Turn> {
    const facts = readTurn(context, this.app.services.clock().toISOString(), this.app.writtenForm);
    return this.app.beginTurn(facts, turnChat(context), turnMembers(context, this.app.logger), { identify });
  }

  private async guarded(context: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (isConnectorFailure(error)) {
        // A reply the Bot Connector refused after its own retries. Another message would go the same way,
        // and its words ("nothing was saved") would be wrong when the command was recorded before the
        // reply failed. A redelivery of the activity records nothing twice and replies again.
        this.app.logger.error('The Bot Connector refused a reply; the turn ends without one', {
          activityId: context.activity.id,
          type: context.activity.type,
          error,
        });
        return;
      }
      await context.sendActivity(this.errorFor(context, error));
    }
  }
}

/**
 * A call to the Bot Connector that failed. Storage translates its own errors and timeouts
 * (StorageUnavailableError), so a RestError or an abort that reaches a turn's edge comes from the
 * connector (or the turn's deadline cutting a call short).
 */
function isConnectorFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'RestError' || isTimeout(error));
}

function invokeResponse(answer: CardAnswer): AdaptiveCardInvokeResponse {
  if ('card' in answer) {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: answer.card as Record<string, unknown>,
    };
  }
  // Shown by Teams as a message over the card; the card (and what the person typed into it) stays.
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: answer.message as unknown as Record<string, unknown>,
  };
}

/** A dialog Teams shows (a task module with an Adaptive Card), or a message in its place. */
function dialogResponse(answer: DialogAnswer): MessagingExtensionActionResponse {
  if ('dialog' in answer) {
    return {
      task: {
        type: 'continue',
        value: { title: answer.dialog.title, card: CardFactory.adaptiveCard(answer.dialog.card) },
      },
    };
  }
  return { task: { type: 'message', value: answer.message } };
}
