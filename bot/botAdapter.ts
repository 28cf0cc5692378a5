/**
 * The botbuilder `CloudAdapter` for this app, built from settings, secure by default, and the gate in
 * front of it that POST /api/messages goes through.
 *
 * Who may talk to the bot depends on the settings, decided once here:
 * - `authenticated` (a MicrosoftAppId is set): every request must carry a valid Bot Framework token for
 *   this app id (auth/botFrameworkTokens.ts). The gate checks it from the Authorization header before
 *   the body is read: a missing, malformed or forged token is refused with 401 before any bot code runs;
 *   when the signing keys cannot be fetched (with a deadline, one refresh shared by all requests), the
 *   answer is 503 with Retry-After, never a hang or a 500. After the body is parsed, the gate checks what
 *   needs the activity (the token's serviceUrl, the key's channel endorsements), then hands the adapter
 *   the verified claims: its authentication (`GatedBotFrameworkAuthentication`) uses them instead of
 *   validating again, and keeps botbuilder's own connector factory for the bot's outgoing calls.
 *   botbuilder's own token validation, which fetches key metadata with no deadline, is never used.
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
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  INVOKE_RESPONSE_KEY,
  StatusCodes,
  type Activity,
  type Request as BotRequest,
  type Response as BotResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type Claim,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import {
  activityMismatch,
  BotTokenRefusal,
  createBotTokenValidator,
  type BotTokenValidator,
  type VerifiedBotToken,
} from '../auth/botFrameworkTokens';
import { SigningKeySource, type SigningKeyLog } from '../auth/signingKeys';
import type { Settings } from '../config/settings';
import { consoleLogger, type Logger } from '../platform/logger';
import type { Localized } from '../engine';
import { languageOfLocale, type NorwegianForm } from '../engine/localized';

export type BotAuthMode = 'authenticated' | 'anonymous' | 'refusing';

/** Where the adapter reports problems: the app's one logger (platform/logger.ts). */
export type BotLogger = Logger;

export const consoleBotLogger: BotLogger = consoleLogger;

/** What the gate let in: nobody checked (anonymous mode), or a token whose signature and claims held. */
export type Admission =
  { readonly mode: 'anonymous' } | { readonly mode: 'authenticated'; readonly token: VerifiedBotToken };

/** POST /api/messages as the bot sees it; functions/messages.ts drives it. */
export interface BotRequestGate {
  /** Largest body /api/messages reads (MESSAGES_MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
  /**
   * Checks the Authorization header before the body is read. Throws `BotTokenRefusal` (401) or
   * `SigningKeysUnavailableError` (503); never waits longer than the key fetch deadline.
   */
  admit(authorization: string | null | undefined): Promise<Admission>;
  /**
   * Runs the turn for an admitted request whose body is parsed: first what needs the activity (throws
   * `BotTokenRefusal`), then the adapter, which answers through `response`.
   */
  process(
    admission: Admission,
    request: BotRequest & { body: Record<string, unknown> },
    response: BotResponse,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export interface BotAdapterSetup {
  adapter: CloudAdapter;
  authMode: BotAuthMode;
  /** The bot's app id ('' when anonymous): proactive messages are sent in its name. */
  appId: string;
  gate: BotRequestGate;
}

export type BotSettings = Pick<
  Settings,
  'microsoftApp' | 'isRunningInAzure' | 'signingKeys' | 'requestLimits'
> &
  Partial<Pick<Settings, 'writtenForm'>>;

/** What was said when a turn failed: nothing of the error itself, and no promise that was not kept. */
export const TURN_FAILED_TEXT: Localized = {
  nb: 'Noe feilet hos oss, og ingenting ble registrert. Prøv igjen; hvis det fortsetter, si fra til Teams-administratoren.',
  nn: 'Noko gjekk gale hos oss, og ingenting vart registrert. Prøv igjen; viss det held fram, sei frå til Teams-administratoren.',
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

/**
 * The adapter's authentication in the authenticated and refusing modes: incoming requests are checked by
 * our validator (deadlines, shared key refresh) or, when the gate has checked them already, not again;
 * everything outgoing (connector clients, user tokens) is botbuilder's own, from `inner`.
 */
class GatedBotFrameworkAuthentication extends BotFrameworkAuthentication {
  /** Tokens the gate verified, by the activity object it then handed to the adapter. */
  private readonly admitted = new WeakMap<object, VerifiedBotToken>();

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly validator: BotTokenValidator,
  ) {
    super();
  }

  admit(activity: object, token: VerifiedBotToken): void {
    this.admitted.set(activity, token);
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    let token = this.admitted.get(activity);
    if (token === undefined) {
      // Not through the gate (someone called `adapter.process` directly): the same checks, here.
      try {
        token = await this.validator.verify(authHeader);
      } catch (error) {
        if (error instanceof BotTokenRefusal)
          throw new AuthenticationError(error.message, StatusCodes.UNAUTHORIZED);
        throw error;
      }
      const problem = activityMismatch(token, activity as unknown as Record<string, unknown>);
      if (problem !== undefined)
        throw new AuthenticationError(`Unauthorized: ${problem}`, StatusCodes.UNAUTHORIZED);
    }
    // As botbuilder builds it (JwtTokenExtractor): one claim per payload entry, authenticated.
    const claims = Object.entries(token.claims).map(([type, value]) => ({ type, value }) as unknown as Claim);
    const claimsIdentity = new ClaimsIdentity(claims, true);
    return {
      // Replies go to the Bot Connector of the public cloud (ConfigurationBotFrameworkAuthentication
      // does not pass its inner authentication's `getOriginatingAudience` on: it throws).
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      // Skill calls are refused by the validator, so the caller is always the public Azure channel.
      callerId: CallerIdConstants.PublicAzureChannel,
      claimsIdentity,
      connectorFactory: this.inner.createConnectorFactory(claimsIdentity),
    };
  }

  override authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    return Promise.reject(
      new AuthenticationError('Streaming connections are not accepted by this bot', StatusCodes.UNAUTHORIZED),
    );
  }

  override authenticateChannelRequest(): Promise<ClaimsIdentity> {
    return Promise.reject(
      new AuthenticationError('Skill requests are not accepted by this bot', StatusCodes.UNAUTHORIZED),
    );
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): ReturnType<BotFrameworkAuthentication['createBotFrameworkClient']> {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return AuthenticationConstants.ToChannelFromBotOAuthScope;
  }
}

function keyLog(log: BotLogger): SigningKeyLog {
  return { warn: (message) => log.warn(message), info: (message) => (log.info ?? log.warn)(message) };
}

export function createBotAdapter(settings: BotSettings, options: { log?: BotLogger } = {}): BotAdapterSetup {
  const log = options.log ?? consoleBotLogger;
  const authMode = botAuthMode(settings);
  const { appId, appPassword, tenantId, appType } = settings.microsoftApp;
  const maxBodyBytes = settings.requestLimits.messagesMaxBodyBytes;
  let authentication: BotFrameworkAuthentication;
  let gate: BotRequestGate;
  if (authMode === 'refusing') {
    log.error(`The bot refuses every request: ${MISCONFIGURED_REASON}`);
    const refusal = (): Promise<never> =>
      Promise.reject(new BotTokenRefusal('the bot has no MicrosoftAppId but runs in Azure'));
    const gated = new GatedBotFrameworkAuthentication(
      new ConfigurationBotFrameworkAuthentication({}, new RefuseEveryone(MISCONFIGURED_REASON)),
      { verify: refusal },
    );
    authentication = gated;
    gate = {
      maxBodyBytes,
      admit: refusal,
      process: refusal,
    };
  } else {
    const credentials = {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
      MicrosoftAppType: appType,
      MicrosoftAppTenantId: tenantId,
    };
    // Settings are passed explicitly: nothing here reads process.env behind the settings module's back.
    const configured = new ConfigurationBotFrameworkAuthentication(
      { MicrosoftAppId: appId, MicrosoftAppTenantId: tenantId },
      new ConfigurationServiceClientCredentialFactory(credentials),
    );
    if (authMode === 'anonymous') {
      // Authentication is disabled (no app id): botbuilder's own answers an anonymous identity without
      // looking at any token or the network.
      authentication = configured;
      gate = {
        maxBodyBytes,
        admit: () => Promise.resolve({ mode: 'anonymous' }),
        process: (_admission, request, response, logic) => adapter.process(request, response, logic),
      };
    } else {
      const { signingKeys } = settings;
      const source = (issuerName: string, metadataUrl: string) =>
        new SigningKeySource({
          issuerName,
          metadataUrl,
          timeoutMs: signingKeys.fetchTimeoutMs,
          isRunningInAzure: settings.isRunningInAzure,
          log: keyLog(log),
        });
      const channelKeys = source('Bot Framework', signingKeys.botFrameworkMetadataUrl);
      const entraKeys = source('Entra ID (bot)', signingKeys.botEntraMetadataUrl);
      const validator = createBotTokenValidator({
        appId,
        tenantId,
        channelKeys: channelKeys.lookup,
        entraKeys: entraKeys.lookup,
      });
      const gated = new GatedBotFrameworkAuthentication(configured, validator);
      authentication = gated;
      gate = {
        maxBodyBytes,
        admit: async (authorization) => ({
          mode: 'authenticated',
          token: await validator.verify(authorization),
        }),
        process: async (admission, request, response, logic) => {
          if (admission.mode !== 'authenticated') throw new BotTokenRefusal('the request was not admitted');
          const problem = activityMismatch(admission.token, request.body);
          if (problem !== undefined) throw new BotTokenRefusal(problem);
          gated.admit(request.body, admission.token);
          await adapter.process(request, response, logic);
        },
      };
    }
  }
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = (context, error) => onTurnError(context, error, log, settings.writtenForm ?? 'nb');
  return { adapter, authMode, appId: authMode === 'authenticated' ? appId : '', gate };
}

async function onTurnError(
  context: TurnContext,
  error: unknown,
  log: BotLogger,
  writtenForm: NorwegianForm,
): Promise<void> {
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
      // Two languages, the reader's first and then English (or Bokmål for an English reader): the case's
      // language is unknown here, as the turn failed.
      const first = languageOfLocale(activity.locale, writtenForm);
      const second = first === 'en' ? writtenForm : 'en';
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
