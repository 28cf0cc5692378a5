/**
 * `npm run package [-- --env <name>]`: builds the Teams app package for an environment and says what it
 * filled in and where the ZIP is. The environment defaults to TEAMSFX_ENV, else `local`.
 *
 * Values come from the process environment, then `env/.env.<name>` (the Microsoft 365 Agents Toolkit's
 * file), then defaults; see scripts/appPackage.ts for the checks. Exits 1 with every problem listed
 * when the package cannot be built, and writes nothing then.
 */
import path from 'node:path';
import { format } from 'node:util';
import { isWrittenForm } from '../config/settings';
import { buildAppPackage, defaultValueSources, PackageError, resolvePackageValues, ROOT } from './appPackage';

const USAGE = `Usage: npm run package [-- --env <name>]

Builds appPackage/build/appPackage.<name>.zip (manifest.json, nb.json, nn.json, en.json, color.png,
outline.png) from manifest/, validated offline against the official Teams schema.

Values, from the environment or env/.env.<name>:
  TEAMS_APP_ID            the Teams app's GUID (a fixed default for "local" only)
  BOT_ID                  the bot's Entra application (client) id; MicrosoftAppId is read too
  BOT_DOMAIN              the Functions app's host, e.g. myapp.azurewebsites.net
  DEVELOPER_NAME, DEVELOPER_WEBSITE_URL, PRIVACY_URL, TERMS_OF_USE_URL   (defaults provided)
  MUNICIPALITY_WRITTEN_FORM   nn makes Nynorsk the app's default language in Teams (nb by default)`;

function parseArgs(argv: readonly string[]): { envName: string } | 'help' {
  let envName = process.env['TEAMSFX_ENV']?.trim() || 'local';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--env') {
      const next = argv[i + 1];
      if (next === undefined) throw new PackageError(['--env needs a name, e.g. --env dev']);
      envName = next;
      i++;
    } else if (arg.startsWith('--env=')) {
      envName = arg.slice('--env='.length);
    } else {
      throw new PackageError([`unknown argument "${arg}"\n\n${USAGE}`]);
    }
  }
  return { envName };
}

/** MUNICIPALITY_WRITTEN_FORM from the first source that has it (the environment, then env/.env.<name>). */
function writtenFormOf(sources: ReturnType<typeof defaultValueSources>): 'nb' | 'nn' {
  const value = sources
    .map((source) => source.values['MUNICIPALITY_WRITTEN_FORM']?.trim().toLowerCase())
    .find((found) => found !== undefined && found !== '');
  if (value === undefined) return 'nb';
  if (isWrittenForm(value)) return value;
  throw new PackageError([`MUNICIPALITY_WRITTEN_FORM must be nb or nn (got "${value}")`]);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  const { envName } = args;
  const sources = defaultValueSources(envName);
  const resolved = resolvePackageValues(envName, sources);
  const writtenForm = writtenFormOf(sources);
  const built = await buildAppPackage({ envName, values: resolved.values, writtenForm });

  const width = Math.max(...resolved.report.map((entry) => entry.name.length));
  console.log(`Teams app package for environment "${envName}" (default language ${writtenForm}):`);
  for (const entry of resolved.report) {
    console.log(`  ${entry.name.padEnd(width)}  ${entry.value}  (from ${entry.from})`);
  }
  for (const warning of resolved.warnings) console.warn(`  warning: ${warning}`);
  console.log(
    `  manifest v${built.manifestVersion} and its localisation files are valid against the official ` +
      'schemas bundled with @microsoft/app-manifest (checked offline); icons are 192×192 and 32×32 (transparent)',
  );
  console.log(`Wrote ${path.relative(ROOT, built.zipPath)} (${built.entries.join(', ')})`);
  console.log(`  and the filled manifest, for reading, at ${path.relative(ROOT, built.manifestPath)}`);
  console.log(
    'Upload the ZIP in Teams (Apps → Manage your apps → Upload an app → Upload a custom app) or, for the ' +
      'whole organisation, in the Teams admin center (Teams apps → Manage apps → Upload new app).',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof PackageError ? error.message : format(error));
  process.exit(1);
});
