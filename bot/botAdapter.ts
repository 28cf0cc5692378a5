/**
 * The botbuilder `CloudAdapter` for this app, built from settings, secure by default.
 *
 * Who may talk to the bot depends on the settings, decided once here:
 * - `authenticated` (a MicrosoftAppId is set): every request must carry a valid Bot Framework token for
 *   this app id; a missing or malformed token is refused with 401 by the adapter itself, before any bot
 *   code runs and without a network call.
 * - `anonymous` (no app id, and not running in Azure): local development with the Agents Playground or
 *   the tests, which send no token. Requests are not authenticated.
 * - `refusing` (no app id, but running in Azure): a deployment that forgot its bot registration. Running
 *   anonymous there would let anyone on the internet post activities as any user, so every request is
 *   refused with 401 and the reason is logged once, when the adapter is built.
 *
 * When a turn fails, `onTurnError` logs the error with the activity's id and type and, for a message,
 * tells the people in the chat that nothing was recorded; it never shows them the error itself.
 */
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  INVOKE_RESPONSE_KEY,
  type TurnContext,
} from 'botbuilder';
import type { Settings } from '../config/settings';
import type { Localized } from '../engine';
import { languageOfLocale } from './turn';

export type BotAuthMode = 'authenticated' | 'anonymous' | 'refusing';

/** Where the adapter reports problems; the Functions host collects console output in Azure. */
export interface BotLogger {
  error(message: string, details?: Readonly<Record<string, unknown>>): void;
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
}

export const consoleBotLogger: BotLogger = {
  error: (message, details) => console.error(message, details ?? {}),
  warn: (message, details) => console.warn(message, details ?? {}),
};

export interface BotAdapterSetup {
  adapter: CloudAdapter;
  authMode: BotAuthMode;
  /** The bot's app id ('' when anonymous): proactive messages are sent in its name. */
  appId: string;
}

export type BotSettings = Pick<Settings, 'microsoftApp' | 'isRunningInAzure'>;

/** What was said when a turn failed: nothing of the error itself, and no promise that was not kept. */
export const TURN_FAILED_TEXT: Localized = {
  nb: 'Noe feilet hos oss, og ingenting ble registrert. Prøv igjen; hvis det fortsetter, si fra til Teams-administratoren.',
  en: 'Something failed on our side and nothing was recorded. Please try again; if it keeps failing, tell your Teams administrator.',
};

const MISCONFIGURED_REASON =
  'MicrosoftAppId is empty, but the app runs in Azure (WEBSITE_INSTANCE_ID or WEBSITE_SITE_NAME is set). ' +
  'Every request to /api/messages is refused with 401 until MicrosoftAppId (and MicrosoftAppPassword, or a ' +
  'managed identity with MicrosoftAppType=UserAssignedMSI) is configured: an anonymous bot on the internet ' +
  'would accept activities from anyone.';

export function botAuthMode(settings: BotSettings): BotAuthMode {
  if (settings.microsoftApp.appId !== '') return 'authenticated';
  return settings.isRunningInAzure ? 'refusing' : 'anonymous';
}

/**
 * Credentials that authenticate nobody: authentication is never "disabled", no app id is valid, and no
 * outgoing credentials exist. With them the adapter answers every request 401 through its own
 * `AuthenticationError` path, and a proactive send fails instead of going out unauthenticated.
 */
class RefuseEveryone extends ConfigurationServiceClientCredentialFactory {
  constructor(private readonly reason: string) {
    super({});
  }

  override isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(false);
  }

  override isValidAppId(): Promise<boolean> {
    return Promise.resolve(false);
  }

  override createCredentials(
    ..._args: Parameters<ConfigurationServiceClientCredentialFactory['createCredentials']>
  ): ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']> {
    return Promise.reject(new Error(`The bot cannot send: ${this.reason}`));
  }
}

export function createBotAdapter(settings: BotSettings, options: { log?: BotLogger } = {}): BotAdapterSetup {
  const log = options.log ?? consoleBotLogger;
  const authMode = botAuthMode(settings);
  const { appId, appPassword, tenantId, appType } = settings.microsoftApp;
  let authentication: ConfigurationBotFrameworkAuthentication;
  if (authMode === 'refusing') {
    log.error(`The bot refuses every request: ${MISCONFIGURED_REASON}`);
    authentication = new ConfigurationBotFrameworkAuthentication(
      {},
      new RefuseEveryone(MISCONFIGURED_REASON),
    );
  } else {
    const credentials = {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
      MicrosoftAppType: appType,
      MicrosoftAppTenantId: tenantId,
    };
    // Settings are passed explicitly: nothing here reads process.env behind the settings module's back.
    authentication = new ConfigurationBotFrameworkAuthentication(
      { MicrosoftAppId: appId, MicrosoftAppTenantId: tenantId },
      new ConfigurationServiceClientCredentialFactory(credentials),
    );
  }
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = (context, error) => onTurnError(context, error, log);
  return { adapter, authMode, appId: authMode === 'authenticated' ? appId : '' };
}

async function onTurnError(context: TurnContext, error: unknown, log: BotLogger): Promise<void> {
  const activity = context.activity;
  log.error('A bot turn failed', {
    activityId: activity.id,
    type: activity.type,
    ...(activity.name !== undefined && { name: activity.name }),
    conversationId: activity.conversation?.id,
    error,
  });
  try {
    if (activity.type === 'message') {
      // Both languages, the reader's first: the case's language is unknown here, as the turn failed.
      const first = languageOfLocale(activity.locale);
      const second = first === 'nb' ? 'en' : 'nb';
      await context.sendActivity({
        type: ActivityTypes.Message,
        text: `${TURN_FAILED_TEXT[first]}\n\n${TURN_FAILED_TEXT[second]}`,
      });
    } else if (activity.type === 'invoke' && context.turnState.get(INVOKE_RESPONSE_KEY) === undefined) {
      // Without an invoke response the adapter would answer 501 "not implemented", which misleads
      // whoever reads the channel's logs; the client shows its own "something went wrong".
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500 } });
    }
  } catch (sendError) {
    // The connector may be what failed; the turn's error is logged above, this one only adds to it.
    log.error('Could not tell the conversation that a turn failed', {
      activityId: activity.id,
      error: sendError,
    });
  }
}
