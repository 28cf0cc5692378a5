/**
 * The app's settings, typed and checked once at the edge.
 *
 * Where a value comes from, highest first: the process environment (App Settings in Azure, or whatever
 * the shell sets), then the "Values" of `local.settings.json` in the working directory (the file Azure
 * Functions Core Tools reads; never read when running in Azure, where it is not deployed), then defaults.
 * An empty string counts as unset, so a blank line in a settings file never overrides a default.
 *
 * Malformed values are reported all at once, each naming the setting and where it came from, so one
 * fix-and-retry round is enough. Secret values (connection strings, passwords) are never echoed.
 *
 * Why this file is longer than 400 lines: every setting is read, defaulted and checked here, once, so
 * that one fix-and-retry round reports every malformed value.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
const MICROSOFT_APP_TYPES: readonly MicrosoftAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

/** The Azurite connection string every Azure SDK and Core Tools understands. */
export const DEVELOPMENT_STORAGE = 'UseDevelopmentStorage=true';

export interface Settings {
  /** Connection string of the Table Storage account holding the case logs. */
  tablesConnectionString: string;
  /** Which setting supplied `tablesConnectionString`; shown in the start banner instead of the secret. */
  tablesConnectionStringFrom: 'TABLES_CONNECTION_STRING' | 'AzureWebJobsStorage' | 'default';
  /** Prepended to every table name, so several installations can share one storage account. */
  tablePrefix: string;
  /** Bot registration. An empty app id means the bot accepts unauthenticated requests (local only). */
  microsoftApp: { appId: string; appPassword: string; tenantId: string; appType: MicrosoftAppType };
  /** Folder for local state (Azurite's data file); relative to the working directory. */
  localDataDir: string;
  /** Port of the local Functions host (`npm start`); 0 picks a free one. */
  port: number;
  /** Interface the local host binds to. Loopback by default: an anonymous bot must not face the network. */
  host: string;
  /** Port of the Azurite table service that `npm start` runs for `UseDevelopmentStorage=true`. */
  azuriteTablePort: number;
  /** True inside Azure App Service / Functions, which always set these variables. */
  isRunningInAzure: boolean;
  /** The research API (functions/research*.ts): who may call it and how much one request may export. */
  research: ResearchSettings;
  /** How large a request body may be; larger ones are refused with 413 before or while being read. */
  requestLimits: RequestLimits;
  /** Where the signing keys of incoming tokens come from, and how long fetching them may take. */
  signingKeys: SigningKeySettings;
  /**
   * The municipality's written form of Norwegian (MUNICIPALITY_WRITTEN_FORM, `nb` or `nn`; `nb` by
   * default): what a Norwegian Teams or browser locale gets, since Teams has no Nynorsk interface.
   */
  writtenForm: WrittenForm;
}

/** Norway's two written forms (the same list as `NORWEGIAN_FORMS` in engine/localized.ts). */
export type WrittenForm = 'nb' | 'nn';

export function isWrittenForm(value: string): value is WrittenForm {
  return value === 'nb' || value === 'nn';
}

/**
 * Request body limits, in bytes. Teams' own limits on what it posts are far below these (a message is at
 * most about 28 KB, an Adaptive Card action carries its inputs): anything larger is not an activity and
 * is refused on its declared length, or cut off once it passes the limit, before it costs memory.
 */
export interface RequestLimits {
  /** POST /api/messages (MESSAGES_MAX_BODY_BYTES, 256 KiB by default). */
  messagesMaxBodyBytes: number;
  /** The dashboard's and the research API's POST bodies (API_MAX_BODY_BYTES, 128 KiB by default). */
  apiMaxBodyBytes: number;
}

/**
 * The OpenID Connect metadata documents whose `jwks_uri` key sets sign the tokens the app accepts. The
 * defaults are Microsoft's; tests point them at local servers (plain http is accepted only for a
 * loopback host, and never in Azure).
 */
export interface SigningKeySettings {
  /** Bot Framework channel tokens (BOT_OPENID_METADATA_URL). */
  botFrameworkMetadataUrl: string;
  /** Entra-issued tokens to the bot, for single-tenant bots (BOT_ENTRA_OPENID_METADATA_URL). */
  botEntraMetadataUrl: string;
  /**
   * Entra ID tokens for the research API and the dashboard (ENTRA_OPENID_METADATA_URL; by default the
   * tenant's v2.0 metadata, empty while no tenant is configured).
   */
  entraMetadataUrl: string;
  /**
   * Deadline of one refresh of a key set, metadata and keys together (SIGNING_KEYS_TIMEOUT_MS, 3000 by
   * default): a request that has to wait for keys still gets its answer inside Teams' 5 s invoke limit.
   */
  fetchTimeoutMs: number;
}

/** Bot Framework's public-cloud metadata, as botbuilder's `AuthenticationConstants` name it. */
export const BOT_FRAMEWORK_OPENID_METADATA_URL =
  'https://login.botframework.com/v1/.well-known/openidconfiguration';
/** The metadata botbuilder uses for Entra-issued tokens to a bot (the same keys for every tenant). */
export const BOT_ENTRA_OPENID_METADATA_URL =
  'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration';

/** The tenant's own Entra ID metadata (v2.0 endpoint). */
export function entraOpenIdMetadataUrl(tenantId: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
}

/**
 * Whether a key or metadata URL may be fetched: https always; plain http only for a loopback host outside
 * Azure (the tests' local stand-ins), since keys fetched in the clear could be swapped by anyone between.
 */
export function isAcceptableKeyUrl(value: string, isRunningInAzure: boolean): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'http:' && loopback && !isRunningInAzure;
}

/**
 * Settings of the research API. Production callers present Microsoft Entra ID tokens issued for
 * `entraAudience` in `entraTenantId`; local callers may present development tokens signed with
 * `devTokenKey` (see auth/devTokens.ts), accepted only outside Azure.
 */
export interface ResearchSettings {
  /** The Entra tenant whose tokens are accepted (ENTRA_TENANT_ID, else MicrosoftAppTenantId). */
  entraTenantId: string;
  /** The app id (or `api://…` URI) tokens must be issued for (ENTRA_AUDIENCE, else MicrosoftAppId). */
  entraAudience: string;
  /** The app role every research caller needs (RESEARCHER_APP_ROLE). */
  researcherAppRole: string;
  /** The app role that may ask for real names with `?names=real` (REAL_NAMES_APP_ROLE). */
  realNamesAppRole: string;
  /**
   * HS256 key for development tokens (RESEARCH_DEV_TOKEN_KEY); empty turns development tokens off. Never
   * honoured in Azure, whatever the value (see `devTokensAccepted`).
   */
  devTokenKey: string;
  /** Most cases one export request may hold (RESEARCH_MAX_EXPORT_CASES). */
  maxExportCases: number;
  /** Most events one export request may hold (RESEARCH_MAX_EXPORT_EVENTS); more goes through the CLI. */
  maxExportEvents: number;
  /**
   * The municipality's time zone (MUNICIPALITY_TIME_ZONE, an IANA name; Europe/Oslo by default): times
   * people read in exports are written in it, with the offset. Machine-readable times stay UTC.
   */
  timeZone: string;
}

/** Where the municipalities this app serves keep their clocks. */
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** HS256 needs a key of at least 256 bits; a shorter one would be guessable. */
export const MIN_DEV_TOKEN_KEY_LENGTH = 32;

/**
 * Development tokens are accepted only when a key is configured AND the app does not run in Azure: a
 * key copied into App Settings by mistake must not open the research API to self-made tokens.
 */
export function devTokensAccepted(settings: Pick<Settings, 'isRunningInAzure' | 'research'>): boolean {
  return !settings.isRunningInAzure && settings.research.devTokenKey !== '';
}

/** One place settings come from, with a name used in error messages. */
export interface SettingsSource {
  name: string;
  values: Readonly<Record<string, string | undefined>>;
}

/** Thrown for malformed settings; `problems` lists each one separately. */
export class SettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid settings:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SettingsError';
  }
}

export const LOCAL_SETTINGS_FILE = 'local.settings.json';

/**
 * Builds settings from sources given highest precedence first. Pure: no file or environment access,
 * so tests can state exactly what each source holds.
 */
export function parseSettings(sources: readonly SettingsSource[]): Settings {
  const problems: string[] = [];
  const lookup = (name: string): { value: string; from: string } | undefined => {
    for (const source of sources) {
      const value = source.values[name];
      if (value !== undefined && value.trim() !== '') return { value: value.trim(), from: source.name };
    }
    return undefined;
  };
  const text = (name: string, fallback: string): string => lookup(name)?.value ?? fallback;
  const port = (name: string, fallback: number): number => {
    const found = lookup(name);
    if (found === undefined) return fallback;
    const parsed = /^\d{1,5}$/.test(found.value) ? Number(found.value) : NaN;
    if (!(parsed >= 0 && parsed <= 65535)) {
      problems.push(
        `${name} must be a port number from 0 to 65535 (got "${found.value}" from ${found.from})`,
      );
      return fallback;
    }
    return parsed;
  };

  let tablesConnectionStringFrom: Settings['tablesConnectionStringFrom'] = 'default';
  let tablesConnectionString = DEVELOPMENT_STORAGE;
  for (const name of ['TABLES_CONNECTION_STRING', 'AzureWebJobsStorage'] as const) {
    const found = lookup(name);
    if (found === undefined) continue;
    tablesConnectionString = found.value;
    tablesConnectionStringFrom = name;
    // Every storage connection string is a list of key=value pairs; anything else is a paste error.
    // The value itself may hold an account key, so it is not repeated in the message.
    if (!/^([A-Za-z]+=[^;]*;?)+$/.test(found.value)) {
      problems.push(
        `${name} (from ${found.from}) is not a connection string: expected key=value pairs separated by ";"`,
      );
    }
    break;
  }

  const tablePrefix = text('TABLE_PREFIX', '');
  // Table names must start with a letter and hold only letters and digits (max 63 characters);
  // refusing a bad prefix here beats a 400 from the storage service on the first write.
  if (!/^([A-Za-z][A-Za-z0-9]{0,39})?$/.test(tablePrefix)) {
    problems.push(
      `TABLE_PREFIX must start with a letter and contain only letters and digits, at most 40 (got "${tablePrefix}")`,
    );
  }

  const appTypeFound = lookup('MicrosoftAppType');
  const appType = MICROSOFT_APP_TYPES.find(
    (t) => t.toLowerCase() === (appTypeFound?.value ?? 'MultiTenant').toLowerCase(),
  );
  if (appType === undefined && appTypeFound !== undefined) {
    problems.push(
      `MicrosoftAppType must be one of ${MICROSOFT_APP_TYPES.join(', ')} ` +
        `(got "${appTypeFound.value}" from ${appTypeFound.from})`,
    );
  }
  const microsoftApp = {
    appId: text('MicrosoftAppId', ''),
    appPassword: text('MicrosoftAppPassword', ''),
    tenantId: text('MicrosoftAppTenantId', ''),
    appType: appType ?? 'MultiTenant',
  };
  if (microsoftApp.appType === 'SingleTenant' && microsoftApp.tenantId === '') {
    problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }
  if (microsoftApp.appPassword !== '' && microsoftApp.appId === '') {
    // A password without an id would silently leave the bot anonymous.
    problems.push('MicrosoftAppPassword is set but MicrosoftAppId is empty');
  }

  const count = (name: string, fallback: number, max: number): number => {
    const found = lookup(name);
    if (found === undefined) return fallback;
    const parsed = /^\d{1,9}$/.test(found.value) ? Number(found.value) : NaN;
    if (!(parsed >= 1 && parsed <= max)) {
      problems.push(
        `${name} must be a whole number from 1 to ${max} (got "${found.value}" from ${found.from})`,
      );
      return fallback;
    }
    return parsed;
  };
  const devTokenKey = text('RESEARCH_DEV_TOKEN_KEY', '');
  if (devTokenKey !== '' && devTokenKey.length < MIN_DEV_TOKEN_KEY_LENGTH) {
    // The key itself is a secret: say how long it must be, not what it is.
    problems.push(`RESEARCH_DEV_TOKEN_KEY must be at least ${MIN_DEV_TOKEN_KEY_LENGTH} characters long`);
  }
  const timeZone = text('MUNICIPALITY_TIME_ZONE', DEFAULT_TIME_ZONE);
  if (!isKnownTimeZone(timeZone)) {
    problems.push(`MUNICIPALITY_TIME_ZONE must be an IANA time zone such as Europe/Oslo (got "${timeZone}")`);
  }
  const writtenForm = text('MUNICIPALITY_WRITTEN_FORM', 'nb').toLowerCase();
  if (!isWrittenForm(writtenForm)) {
    problems.push(`MUNICIPALITY_WRITTEN_FORM must be nb (Bokmål) or nn (Nynorsk) (got "${writtenForm}")`);
  }
  const research: ResearchSettings = {
    entraTenantId: text('ENTRA_TENANT_ID', microsoftApp.tenantId),
    entraAudience: text('ENTRA_AUDIENCE', microsoftApp.appId),
    researcherAppRole: text('RESEARCHER_APP_ROLE', 'Research.Read'),
    realNamesAppRole: text('REAL_NAMES_APP_ROLE', 'Research.RealNames'),
    devTokenKey,
    maxExportCases: count('RESEARCH_MAX_EXPORT_CASES', 500, 100_000),
    maxExportEvents: count('RESEARCH_MAX_EXPORT_EVENTS', 250_000, 100_000_000),
    timeZone: isKnownTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE,
  };

  const isRunningInAzure =
    lookup('WEBSITE_INSTANCE_ID') !== undefined || lookup('WEBSITE_SITE_NAME') !== undefined;
  const bytes = (name: string, fallback: number): number => {
    const found = lookup(name);
    if (found === undefined) return fallback;
    const parsed = /^\d{1,9}$/.test(found.value) ? Number(found.value) : NaN;
    if (!(parsed >= 1024 && parsed <= 100 * 1024 * 1024)) {
      problems.push(
        `${name} must be a number of bytes from 1024 to 104857600 (got "${found.value}" from ${found.from})`,
      );
      return fallback;
    }
    return parsed;
  };
  const requestLimits: RequestLimits = {
    messagesMaxBodyBytes: bytes('MESSAGES_MAX_BODY_BYTES', 256 * 1024),
    apiMaxBodyBytes: bytes('API_MAX_BODY_BYTES', 128 * 1024),
  };
  const keyUrl = (name: string, fallback: string): string => {
    const found = lookup(name);
    if (found === undefined) return fallback;
    if (!isAcceptableKeyUrl(found.value, isRunningInAzure)) {
      problems.push(
        `${name} must be an https URL (plain http only for a loopback host outside Azure; got ` +
          `"${found.value}" from ${found.from})`,
      );
      return fallback;
    }
    return found.value;
  };
  const timeoutFound = lookup('SIGNING_KEYS_TIMEOUT_MS');
  let fetchTimeoutMs = 3000;
  if (timeoutFound !== undefined) {
    const parsed = /^\d{1,5}$/.test(timeoutFound.value) ? Number(timeoutFound.value) : NaN;
    if (parsed >= 100 && parsed <= 10_000) fetchTimeoutMs = parsed;
    else
      problems.push(
        `SIGNING_KEYS_TIMEOUT_MS must be a number of milliseconds from 100 to 10000 ` +
          `(got "${timeoutFound.value}" from ${timeoutFound.from})`,
      );
  }
  const signingKeys: SigningKeySettings = {
    botFrameworkMetadataUrl: keyUrl('BOT_OPENID_METADATA_URL', BOT_FRAMEWORK_OPENID_METADATA_URL),
    botEntraMetadataUrl: keyUrl('BOT_ENTRA_OPENID_METADATA_URL', BOT_ENTRA_OPENID_METADATA_URL),
    entraMetadataUrl: keyUrl(
      'ENTRA_OPENID_METADATA_URL',
      research.entraTenantId === '' ? '' : entraOpenIdMetadataUrl(research.entraTenantId),
    ),
    fetchTimeoutMs,
  };

  const settings: Settings = {
    tablesConnectionString,
    tablesConnectionStringFrom,
    tablePrefix,
    microsoftApp,
    localDataDir: text('LOCAL_DATA_DIR', '.data'),
    port: port('PORT', 7071),
    host: text('HOST', '127.0.0.1'),
    azuriteTablePort: port('AZURITE_TABLE_PORT', 10002),
    isRunningInAzure,
    research,
    requestLimits,
    signingKeys,
    writtenForm: isWrittenForm(writtenForm) ? writtenForm : 'nb',
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

/**
 * Reads the "Values" of a Functions-style `local.settings.json`, or `undefined` when there is none.
 * Numbers and booleans are accepted as Core Tools does; anything else is refused by name.
 */
export function readLocalSettingsValues(filePath: string): Record<string, string> | undefined {
  if (!existsSync(filePath)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    throw new SettingsError([`${filePath} is not valid JSON: ${(error as Error).message}`]);
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new SettingsError([`${filePath} must hold a JSON object`]);
  const file = parsed as { IsEncrypted?: unknown; Values?: unknown };
  if (file.IsEncrypted === true) {
    throw new SettingsError([
      `${filePath} is encrypted; run "func settings decrypt" or write it unencrypted`,
    ]);
  }
  if (file.Values === undefined) return {};
  if (typeof file.Values !== 'object' || file.Values === null || Array.isArray(file.Values)) {
    throw new SettingsError([`"Values" in ${filePath} must be an object of names to strings`]);
  }
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(file.Values)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values[name] = String(value);
    } else {
      problems.push(`"Values.${name}" in ${filePath} must be a string`);
    }
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return values;
}

export interface LoadSettingsOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Folder holding `local.settings.json`; the working directory by default. */
  cwd?: string;
}

/** Settings from the environment, then `local.settings.json` (outside Azure), then defaults. */
export function loadSettings(options: LoadSettingsOptions = {}): Settings {
  const env = options.env ?? process.env;
  const sources: SettingsSource[] = [{ name: 'the environment', values: env }];
  const inAzure = ['WEBSITE_INSTANCE_ID', 'WEBSITE_SITE_NAME'].some(
    (name) => (env[name] ?? '').trim() !== '',
  );
  if (!inAzure) {
    const file = path.join(options.cwd ?? process.cwd(), LOCAL_SETTINGS_FILE);
    const values = readLocalSettingsValues(file);
    if (values !== undefined) sources.push({ name: LOCAL_SETTINGS_FILE, values });
  }
  return parseSettings(sources);
}
