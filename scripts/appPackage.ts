/**
 * Builds the Teams app package (the ZIP an administrator uploads) from the template in manifest/.
 * `scripts/packageApp.ts` is the command line around it (`npm run package`); the tests call it directly.
 *
 * What it does, in order, stopping with every problem listed at once:
 * 1. Resolves the values of the `${{NAME}}` placeholders in manifest/manifest.json. The syntax is the
 *    Microsoft 365 Agents Toolkit's, so the toolkit's `teamsApp/zipAppPackage` and this script read the
 *    same template and the same `env/.env.<env>` files.
 * 2. Fills them in, and refuses a manifest with a placeholder left or a value that is not of its kind.
 * 3. Validates the filled manifest against the official JSON schema of its `manifestVersion` as bundled
 *    in `@microsoft/app-manifest`, offline. The schema is loaded from the package's files and handed to
 *    the validator, so the validator never reaches for the network; a version the package does not
 *    bundle (1.18) is an error, not a download.
 * 4. Validates the localisation files against the bundled localisation schema of the same version, and
 *    checks the limits Teams enforces beyond the schema (at most 10 commands per list, titles of at most
 *    32 characters, descriptions of at most 128).
 * 5. Checks the icons: 192×192 colour, 32×32 outline with an alpha channel, only white or transparent.
 * 6. Writes `appPackage/build/appPackage.<env>.zip` with the five files at the root, and the filled
 *    manifest beside it for reading.
 *
 * Why this file is long (about 600 lines): the package is built in one pass of fill, validate and zip,
 * and each of its checks lists every problem at once; it is a build script, not product code.
 *
 * Why one file (~600 lines): the steps above share the resolved values and one list of problems, and the
 * tests call it as one function; each step is its own function below.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import type { JSONSchemaType } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { ZipFile } from 'yazl';
import { LOCAL_SETTINGS_FILE, readLocalSettingsValues } from '../config/settings';

export const ROOT = path.resolve(__dirname, '..');
export const MANIFEST_DIR = path.join(ROOT, 'manifest');
export const OUTPUT_DIR = path.join(ROOT, 'appPackage', 'build');
export const ENV_DIR = path.join(ROOT, 'env');

/** Every placeholder the template may use; anything else in `${{…}}` is refused. */
export const PLACEHOLDERS = [
  'TEAMS_APP_ID',
  'BOT_ID',
  'BOT_DOMAIN',
  'DEVELOPER_NAME',
  'DEVELOPER_WEBSITE_URL',
  'PRIVACY_URL',
  'TERMS_OF_USE_URL',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
export type PackageValues = Record<PlaceholderName, string>;

/**
 * The Teams app id used for the `local` environment when none is set. Fixed, so a package rebuilt
 * locally updates the app already sideloaded instead of adding a second copy; other environments must
 * set their own (the toolkit's teamsApp/create writes it into env/.env.<env>).
 */
export const LOCAL_TEAMS_APP_ID = 'db3c636e-5e46-4a94-9f85-59da6409bcec';

/** Teams' limits for bot commands; the schema allows more, Teams' validation does not. */
export const COMMAND_LIMITS = { perList: 10, title: 32, description: 128 } as const;

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** Thrown for anything that stops the package being built; `problems` lists each one. */
export class PackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The Teams app package was not built:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PackageError';
  }
}

/** One place values come from, highest precedence first, with a name for the report. */
export interface ValueSource {
  name: string;
  values: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedValue {
  name: PlaceholderName;
  value: string;
  from: string;
}

export interface ResolvedValues {
  values: PackageValues;
  report: ResolvedValue[];
  warnings: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A DNS host name with at least one dot; no scheme, port or path (Teams' validDomains takes hosts). */
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * Reads a toolkit environment file (`KEY=VALUE` lines, `#` comments, optional quotes), or `undefined`
 * when there is none. The toolkit writes these files itself (teamsApp/create, arm/deploy outputs).
 */
export function readEnvFile(filePath: string): Record<string, string> | undefined {
  if (!existsSync(filePath)) return undefined;
  const values: Record<string, string> = {};
  for (const rawLine of readFileSync(filePath, 'utf8').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!;
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    values[match[1]!] = value;
  }
  return values;
}

/**
 * Where the values come from for an environment, highest first: the process environment, then
 * `env/.env.<env>` (the toolkit's file), then for `local` only the bot's app id from
 * `local.settings.json` (the file `npm start` reads), so a developer with a bot registration for a
 * tunnel does not type it twice.
 */
export function defaultValueSources(
  envName: string,
  processEnv: NodeJS.ProcessEnv = process.env,
): ValueSource[] {
  const sources: ValueSource[] = [{ name: 'the environment', values: processEnv }];
  const envFile = path.join(ENV_DIR, `.env.${envName}`);
  const fileValues = readEnvFile(envFile);
  if (fileValues) sources.push({ name: path.relative(ROOT, envFile), values: fileValues });
  if (envName === 'local') {
    const local = readLocalSettingsValues(path.join(ROOT, LOCAL_SETTINGS_FILE));
    if (local?.['MicrosoftAppId']) {
      sources.push({
        name: `${LOCAL_SETTINGS_FILE} (MicrosoftAppId)`,
        values: { BOT_ID: local['MicrosoftAppId'] },
      });
    }
  }
  return sources;
}

/**
 * Decides every placeholder's value, or throws a PackageError naming each missing or malformed one
 * and where to set it. Pure: the sources are passed in.
 */
export function resolvePackageValues(envName: string, sources: readonly ValueSource[]): ResolvedValues {
  const problems: string[] = [];
  const warnings: string[] = [];
  const report: ResolvedValue[] = [];
  const envFile = `env/.env.${envName}`;

  const lookup = (...names: string[]): { value: string; from: string } | undefined => {
    for (const source of sources) {
      for (const name of names) {
        const value = source.values[name]?.trim();
        // Say which name supplied it when it is not the placeholder's own (MicrosoftAppId for BOT_ID).
        if (value) return { value, from: name === names[0] ? source.name : `${source.name}, as ${name}` };
      }
    }
    return undefined;
  };
  const take = (name: PlaceholderName, found: { value: string; from: string } | undefined): string => {
    if (found === undefined) return '';
    report.push({ name, value: found.value, from: found.from });
    return found.value;
  };

  // The Teams app id: stable default for local sideloading only.
  let teamsAppId = take('TEAMS_APP_ID', lookup('TEAMS_APP_ID'));
  if (teamsAppId === '') {
    if (envName === 'local') {
      teamsAppId = take('TEAMS_APP_ID', { value: LOCAL_TEAMS_APP_ID, from: 'default for local' });
    } else {
      problems.push(
        `TEAMS_APP_ID is not set for "${envName}": put a new GUID in ${envFile} (for example the output of ` +
          `node -e "console.log(crypto.randomUUID())"), or let the toolkit's teamsApp/create write it; ` +
          'keep it when you rebuild, so Teams updates the app instead of adding a second one',
      );
    }
  } else if (!GUID.test(teamsAppId)) {
    problems.push(`TEAMS_APP_ID must be a GUID (got "${teamsAppId}")`);
  }

  // The bot's Entra app id: the same value as the Functions app's MicrosoftAppId setting.
  const botId = take('BOT_ID', lookup('BOT_ID', 'MicrosoftAppId'));
  if (botId === '') {
    problems.push(
      `BOT_ID is not set: the application (client) id of the bot's Entra app registration, the same value ` +
        `as the Functions app's MicrosoftAppId. Set BOT_ID (or MicrosoftAppId) in the environment or in ${envFile}`,
    );
  } else if (!GUID.test(botId)) {
    problems.push(`BOT_ID must be a GUID, the Entra application (client) id (got "${botId}")`);
  }

  // The host serving /api/messages and /api/tab. A URL is accepted and reduced to its host.
  let botDomain = take('BOT_DOMAIN', lookup('BOT_DOMAIN'));
  if (botDomain === '') {
    problems.push(
      `BOT_DOMAIN is not set: the host name of the Functions app, for example ` +
        `innovasjon-func-abc123.azurewebsites.net (the BOT_DOMAIN output of infra/main.bicep). Set it in ` +
        `the environment or in ${envFile}`,
    );
  } else {
    const asUrl = /^https?:\/\//i.test(botDomain) ? safeUrl(botDomain) : undefined;
    if (asUrl) {
      warnings.push(`BOT_DOMAIN was a URL ("${botDomain}"); using its host "${asUrl.hostname}"`);
      botDomain = asUrl.hostname;
      report[report.length - 1]!.value = botDomain;
    }
    if (!HOST.test(botDomain)) {
      problems.push(
        `BOT_DOMAIN must be a public host name without scheme, port or path (got "${botDomain}"); ` +
          'Teams cannot reach localhost, so a local package needs a tunnel host',
      );
    }
  }

  const hostUrl = HOST.test(botDomain) ? `https://${botDomain}/api/tab` : '';
  const withDefault = (name: PlaceholderName, fallback: string, why: string): string => {
    const found = lookup(name);
    if (found) return take(name, found);
    if (envName !== 'local') warnings.push(`${name} is not set; using ${JSON.stringify(fallback)}. ${why}`);
    return take(name, { value: fallback, from: 'default' });
  };
  const developerName = withDefault(
    'DEVELOPER_NAME',
    'Innovasjonsporter',
    'Set it to the municipality or department that runs the app (at most 32 characters).',
  );
  const websiteUrl = withDefault('DEVELOPER_WEBSITE_URL', hostUrl, 'Set it to a page about the service.');
  const privacyUrl = withDefault(
    'PRIVACY_URL',
    hostUrl,
    "Set it to the municipality's privacy statement (personvernerklæring) before users see the app.",
  );
  const termsUrl = withDefault('TERMS_OF_USE_URL', hostUrl, 'Set it to the terms of use of the service.');

  if (envName !== 'local') {
    for (const [name, url] of [
      ['DEVELOPER_WEBSITE_URL', websiteUrl],
      ['PRIVACY_URL', privacyUrl],
      ['TERMS_OF_USE_URL', termsUrl],
    ] as const) {
      // env/.env.dev ships with example.com pages so the toolkit can fill the manifest out of the box.
      if (/^https?:\/\/([^/]*\.)?example\.(com|org|net)(\/|$)/i.test(url)) {
        warnings.push(
          `${name} is still the example ${url}; set it to your own page before users see the app.`,
        );
      }
    }
  }
  if (developerName.length > 32) {
    problems.push(`DEVELOPER_NAME must be at most 32 characters (got ${developerName.length})`);
  }
  for (const [name, url] of [
    ['DEVELOPER_WEBSITE_URL', websiteUrl],
    ['PRIVACY_URL', privacyUrl],
    ['TERMS_OF_USE_URL', termsUrl],
  ] as const) {
    if (url !== '' && !/^https:\/\//i.test(url))
      problems.push(`${name} must be an https:// URL (got "${url}")`);
  }

  if (problems.length > 0) throw new PackageError(problems);
  return {
    values: {
      TEAMS_APP_ID: teamsAppId,
      BOT_ID: botId,
      BOT_DOMAIN: botDomain,
      DEVELOPER_NAME: developerName,
      DEVELOPER_WEBSITE_URL: websiteUrl,
      PRIVACY_URL: privacyUrl,
      TERMS_OF_USE_URL: termsUrl,
    },
    report,
    warnings,
  };
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The placeholder names a text uses, each once, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/**
 * Replaces every `${{NAME}}` with its value, escaped for a JSON string (the template is JSON, and a
 * developer name may hold a quote). Unknown names are refused rather than left in the package.
 */
export function fillPlaceholders(template: string, values: PackageValues): string {
  const unknown = placeholdersIn(template).filter(
    (name) => !(PLACEHOLDERS as readonly string[]).includes(name),
  );
  if (unknown.length > 0) {
    throw new PackageError(
      unknown.map((name) => `the manifest uses \${{${name}}}, which packaging does not know how to fill`),
    );
  }
  return template.replace(PLACEHOLDER, (_match, name: string) =>
    JSON.stringify(values[name as PlaceholderName]).slice(1, -1),
  );
}

/** The bundled schemas of `@microsoft/app-manifest`, e.g. build/json-schemas/teams/v1.30. */
export function bundledSchemaDir(manifestVersion: string): string {
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(packageDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`);
}

function appManifestPackageVersion(): string {
  const file = require.resolve('@microsoft/app-manifest/package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * The official schema for a manifest version, from the package's files. Throws when the package does
 * not bundle it: falling back to a download would make the result depend on the network (and it fails
 * here).
 */
export function loadBundledSchema(
  manifestVersion: string,
  file: 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json',
): Record<string, unknown> {
  const schemaFile = path.join(bundledSchemaDir(manifestVersion), file);
  if (!existsSync(schemaFile)) {
    throw new PackageError([
      `${file} for manifest version ${manifestVersion} is not bundled with @microsoft/app-manifest ` +
        `${appManifestPackageVersion()}; refusing to download it. Use a bundled version (1.30 is).`,
    ]);
  }
  return JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
}

function manifestVersionOf(manifest: unknown): string {
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  if (typeof version !== 'string' || !/^\d+\.\d+$|^devPreview$/.test(version)) {
    throw new PackageError([`the manifest has no valid manifestVersion (got ${JSON.stringify(version)})`]);
  }
  return version;
}

/** Schema errors of the filled manifest against its version's bundled official schema (offline). */
export async function validateManifestSchema(manifest: unknown): Promise<string[]> {
  const schema = loadBundledSchema(manifestVersionOf(manifest), 'MicrosoftTeams.schema.json');
  // The schema is passed in, so AppManifestUtils never calls its fetchSchema (the network).
  return AppManifestUtils.validateAgainstSchema(
    manifest as AppManifest,
    schema as unknown as JSONSchemaType<AppManifest>,
  );
}

/** Schema errors of a localisation file against the bundled localisation schema (offline). */
export function validateLocalizationSchema(localization: unknown, manifestVersion: string): string[] {
  const schema = loadBundledSchema(manifestVersion, 'MicrosoftTeams.Localization.schema.json');
  // The validator settings AppManifestUtils uses for the draft-04 Teams schemas, plus non-unicode
  // patterns: the localisation schema's key patterns (`…\b]\.description$`) are valid JavaScript
  // regular expressions only without the `u` flag that ajv adds by default.
  const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  if (validate(localization)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

interface ManifestCommand {
  title: string;
  description?: string;
}
interface ManifestCommandList {
  scopes: string[];
  commands: ManifestCommand[];
}

/** The bot's command lists, as the manifest declares them. */
export function commandListsOf(manifest: unknown): ManifestCommandList[] {
  const bots = (manifest as { bots?: { commandLists?: ManifestCommandList[] }[] }).bots ?? [];
  return bots[0]?.commandLists ?? [];
}

/** Teams' limits that the schema does not hold (it allows 12 commands and 128-character titles). */
export function checkCommandLimits(manifest: unknown): string[] {
  const problems: string[] = [];
  const seenScopes = new Set<string>();
  commandListsOf(manifest).forEach((list, i) => {
    if (list.commands.length > COMMAND_LIMITS.perList) {
      problems.push(`commandLists[${i}] has ${list.commands.length} commands; Teams shows at most 10`);
    }
    for (const scope of list.scopes) {
      if (seenScopes.has(scope)) problems.push(`scope "${scope}" has more than one command list`);
      seenScopes.add(scope);
    }
    list.commands.forEach((command, j) => {
      if (command.title.length > COMMAND_LIMITS.title) {
        problems.push(`commandLists[${i}].commands[${j}].title is longer than 32 characters`);
      }
      if ((command.description ?? '').length > COMMAND_LIMITS.description) {
        problems.push(`commandLists[${i}].commands[${j}].description is longer than 128 characters`);
      }
    });
  });
  return problems;
}

/** The localisation keys the manifest's translatable strings have (names, tab names, commands). */
export function localizableKeys(manifest: unknown): string[] {
  const keys = ['name.short', 'name.full', 'description.short', 'description.full'];
  const tabs = (manifest as { staticTabs?: { name?: string }[] }).staticTabs ?? [];
  tabs.forEach((tab, i) => {
    if (tab.name !== undefined) keys.push(`staticTabs[${i}].name`);
  });
  commandListsOf(manifest).forEach((list, i) =>
    list.commands.forEach((command, j) => {
      keys.push(`bots[0].commandLists[${i}].commands[${j}].title`);
      if (command.description !== undefined)
        keys.push(`bots[0].commandLists[${i}].commands[${j}].description`);
    }),
  );
  const extensions = (manifest as { composeExtensions?: { commands?: { description?: string }[] }[] })
    .composeExtensions;
  (extensions?.[0]?.commands ?? []).forEach((command, j) => {
    keys.push(`composeExtensions[0].commands[${j}].title`);
    if (command.description !== undefined) keys.push(`composeExtensions[0].commands[${j}].description`);
  });
  return keys;
}

/** Limits the localisation schema does not hold for command titles and descriptions. */
export function checkLocalizationLimits(file: string, localization: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(localization)) {
    if (typeof value !== 'string') continue;
    if (/\.commands\[\d+\]\.title$/.test(key) && value.length > COMMAND_LIMITS.title) {
      problems.push(`${file}: ${key} is longer than 32 characters`);
    }
    if (/\.commands\[\d+\]\.description$/.test(key) && value.length > COMMAND_LIMITS.description) {
      problems.push(`${file}: ${key} is longer than 128 characters`);
    }
  }
  return problems;
}

/** Problems with an icon file: its size, and for the outline icon its transparency and colour. */
export function checkIcon(file: string, bytes: Buffer, kind: 'color' | 'outline'): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    return [`${file} is not a readable PNG: ${(error as Error).message}`];
  }
  const size = kind === 'color' ? COLOR_ICON_SIZE : OUTLINE_ICON_SIZE;
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) {
    problems.push(`${file} is ${png.width}×${png.height}; Teams requires ${size}×${size}`);
  }
  if (kind === 'outline') {
    if (!hasAlphaChannel(bytes)) {
      problems.push(`${file} has no alpha channel; the outline icon must be transparent`);
    }
    let transparent = 0;
    let white = 0;
    let other = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
      else other++;
    }
    if (other > 0) problems.push(`${file} has ${other} pixels that are neither white nor fully transparent`);
    if (transparent === 0) problems.push(`${file} has no transparent background`);
    if (white === 0) problems.push(`${file} has no white pixels: it would show nothing`);
  }
  return problems;
}

/**
 * Whether a PNG stores transparency: its IHDR colour type (byte 25) is grey+alpha (4) or RGBA (6), or
 * it is paletted (3) with a tRNS chunk. Read from the header because pngjs decodes everything to RGBA.
 */
export function hasAlphaChannel(bytes: Buffer): boolean {
  const colorType = bytes[25];
  return colorType === 4 || colorType === 6 || (colorType === 3 && bytes.includes('tRNS'));
}

export interface BuildOptions {
  envName: string;
  values: PackageValues;
  manifestDir?: string;
  outputDir?: string;
  /**
   * The municipality's written form of Norwegian (MUNICIPALITY_WRITTEN_FORM). Teams picks a manifest's
   * strings by the client's language, and no Teams client speaks Nynorsk: for `nn` the package makes
   * Nynorsk its default language (the manifest's own strings are nn.json's) and leaves Bokmål out, so a
   * Norwegian client shows the app in Nynorsk; an English one still gets en.json.
   */
  writtenForm?: 'nb' | 'nn';
}

/** The manifest's localisation as the package ships it, for the municipality's written form. */
interface LocalizationInfo {
  defaultLanguageTag: string;
  defaultLanguageFile?: string;
  additionalLanguages?: { languageTag: string; file: string }[];
}

/**
 * The manifest with Nynorsk as its default language: each string nn.json names replaces the manifest's
 * own (its keys are paths such as `bots[0].commandLists[0].commands[1].title`), nn.json becomes the
 * default file, and the Bokmål file is left out. Problems (a key that names nothing) are listed.
 */
export function withNynorskDefault(
  manifest: Record<string, unknown>,
  nynorsk: Record<string, unknown>,
  problems: string[],
): Record<string, unknown> {
  const copy = structuredClone(manifest);
  for (const [key, value] of Object.entries(nynorsk)) {
    if (key === '$schema' || typeof value !== 'string') continue;
    const steps = key.split(/\.|\[(\d+)\]/).filter((step) => step !== undefined && step !== '');
    let target: unknown = copy;
    for (const step of steps.slice(0, -1)) {
      target = (target as Record<string, unknown> | undefined)?.[step];
    }
    const last = steps.at(-1);
    if (typeof target !== 'object' || target === null || last === undefined || !(last in target)) {
      problems.push(`nn.json names ${key}, which the manifest does not have`);
      continue;
    }
    (target as Record<string, unknown>)[last] = value;
  }
  const info = copy['localizationInfo'] as LocalizationInfo | undefined;
  const nn = info?.additionalLanguages?.find((language) => language.languageTag.startsWith('nn'));
  if (info === undefined || nn === undefined) {
    problems.push("MUNICIPALITY_WRITTEN_FORM=nn needs nn.json among the manifest's additional languages");
    return copy;
  }
  copy['localizationInfo'] = {
    defaultLanguageTag: 'nn-NO',
    defaultLanguageFile: nn.file,
    additionalLanguages: (info.additionalLanguages ?? []).filter(
      (language) => language !== nn && !/^(nb|no)\b/i.test(language.languageTag),
    ),
  } satisfies LocalizationInfo;
  return copy;
}

export interface BuiltPackage {
  zipPath: string;
  /** The filled manifest, written beside the ZIP for reading. */
  manifestPath: string;
  /** The ZIP's entries, in order. */
  entries: string[];
  manifestVersion: string;
}

/** A fixed timestamp for every entry, so the same inputs give a byte-identical ZIP. */
const ZIP_MTIME = new Date('2024-01-01T00:00:00Z');

/**
 * Fills, validates and zips. Throws a PackageError listing every problem found; writes nothing then.
 */
export async function buildAppPackage(options: BuildOptions): Promise<BuiltPackage> {
  const manifestDir = options.manifestDir ?? MANIFEST_DIR;
  const outputDir = options.outputDir ?? OUTPUT_DIR;
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(options.envName)) {
    throw new PackageError([`"${options.envName}" is not an environment name (letters, digits, - and _)`]);
  }
  const template = readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8');
  const filledText = fillPlaceholders(template, options.values);
  const problems: string[] = [];
  const filled = JSON.parse(filledText) as Record<string, unknown>;
  const manifest =
    options.writtenForm === 'nn'
      ? withNynorskDefault(
          filled,
          JSON.parse(readFileSync(path.join(manifestDir, 'nn.json'), 'utf8')) as Record<string, unknown>,
          problems,
        )
      : filled;
  const manifestVersion = manifestVersionOf(manifest);

  const left = placeholdersIn(filledText);
  if (left.length > 0) problems.push(`placeholders left unfilled: ${left.join(', ')}`);
  problems.push(...(await validateManifestSchema(manifest)).map((error) => `manifest.json ${error}`));
  problems.push(...checkCommandLimits(manifest));

  const files: { name: string; bytes: Buffer }[] = [
    { name: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  ];

  // Localisation files go in as they are, like the toolkit's zipAppPackage does: no placeholders.
  const info = manifest['localizationInfo'] as
    { defaultLanguageFile?: string; additionalLanguages?: { file: string }[] } | undefined;
  const languageFiles = [
    ...(info?.defaultLanguageFile ? [info.defaultLanguageFile] : []),
    ...(info?.additionalLanguages ?? []).map((language) => language.file),
  ];
  const keys = localizableKeys(manifest);
  for (const file of languageFiles) {
    const full = path.join(manifestDir, file);
    if (!existsSync(full)) {
      problems.push(
        `${file} is named in localizationInfo but does not exist in ${path.relative(ROOT, manifestDir)}`,
      );
      continue;
    }
    const bytes = readFileSync(full);
    const text = bytes.toString('utf8');
    if (placeholdersIn(text).length > 0) {
      problems.push(`${file} holds placeholders; localisation files are packaged as they are`);
    }
    const localization = JSON.parse(text) as Record<string, unknown>;
    problems.push(
      ...validateLocalizationSchema(localization, manifestVersion).map((error) => `${file} ${error}`),
    );
    problems.push(...checkLocalizationLimits(file, localization));
    const missing = keys.filter((key) => typeof localization[key] !== 'string');
    if (missing.length > 0) problems.push(`${file} lacks translations for: ${missing.join(', ')}`);
    files.push({ name: file, bytes });
  }

  const icons = manifest['icons'] as { color: string; outline: string };
  for (const [kind, file] of [
    ['color', icons.color],
    ['outline', icons.outline],
  ] as const) {
    const full = path.join(manifestDir, file);
    if (!existsSync(full)) {
      problems.push(`icon ${file} does not exist in ${path.relative(ROOT, manifestDir)}`);
      continue;
    }
    const bytes = readFileSync(full);
    problems.push(...checkIcon(file, bytes, kind));
    files.push({ name: file, bytes });
  }
  for (const { name } of files) {
    // Teams reads the files at the root of the package; a path would point outside it.
    if (name.includes('/') || name.includes('\\'))
      problems.push(`${name} must be a file name at the package root`);
  }
  if (problems.length > 0) throw new PackageError(problems);

  mkdirSync(outputDir, { recursive: true });
  const zipPath = path.join(outputDir, `appPackage.${options.envName}.zip`);
  const manifestPath = path.join(outputDir, `manifest.${options.envName}.json`);
  writeFileSync(zipPath, await zipFiles(files));
  writeFileSync(manifestPath, files[0]!.bytes);
  return { zipPath, manifestPath, entries: files.map((file) => file.name), manifestVersion };
}

function zipFiles(files: readonly { name: string; bytes: Buffer }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    for (const file of files) zip.addBuffer(file.bytes, file.name, { mtime: ZIP_MTIME, mode: 0o100644 });
    zip.end();
  });
}
