/**
 * `npm run dev-token -- --oid <person id> [--roles Research.Read,Research.RealNames] [--hours 8]`
 *
 * Prints a development token for the research API, signed with RESEARCH_DEV_TOKEN_KEY from the
 * environment or local.settings.json. The API accepts it only while it runs outside Azure with that key
 * configured (auth/researchAuthenticator.ts). `--oid` is the person the token speaks for: the id the bot
 * recorded for them (their Entra object id), who must hold the researcher role in a case to read it
 * (the case's owner types `forsker @navn` in the chat).
 *
 * The token goes to stdout alone, so `TOKEN=$(npm run -s dev-token -- --oid …)` works; hints go to stderr.
 */
import { parseArgs } from 'node:util';
import { signDevToken } from '../auth/devTokens';
import { devTokensAccepted, loadSettings } from '../config/settings';
import { useLocalDevTokenKey } from '../config/devTokenKey';

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      oid: { type: 'string' },
      roles: { type: 'string', default: 'Research.Read' },
      hours: { type: 'string', default: '8' },
      name: { type: 'string' },
    },
    strict: true,
  });
  // The key `npm start` made for this machine, when none is configured (config/devTokenKey.ts).
  useLocalDevTokenKey(loadSettings(), { create: false });
  const settings = loadSettings();
  if (settings.isRunningInAzure) throw new Error('development tokens are never accepted in Azure');
  if (!devTokensAccepted(settings)) {
    throw new Error(
      'RESEARCH_DEV_TOKEN_KEY is not set, and `npm start` has not made a key for this machine yet. Run ' +
        '`npm start` once, or add a key (32 characters or more) to "Values" in local.settings.json ' +
        '(see local.settings.example.json) and restart `npm start`.',
    );
  }
  const oid = values.oid?.trim();
  if (!oid) throw new Error('give the person id the token speaks for: --oid <Entra object id>');
  const hours = Number(values.hours);
  if (!(hours > 0 && hours <= 24 * 30)) throw new Error('--hours must be a number from 0 to 720');
  const roles = (values.roles ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  const token = await signDevToken(
    settings.research.devTokenKey,
    { oid, roles, ...(values.name !== undefined && { name: values.name }) },
    { expiresInSeconds: Math.round(hours * 3600) },
  );
  process.stdout.write(`${token}\n`);
  process.stderr.write(
    `Development token for ${oid} with ${roles.join(', ') || 'no roles'}, valid ${hours} h. Try:\n` +
      `  curl -H "Authorization: Bearer $TOKEN" http://localhost:${settings.port}/api/research/cases\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`dev-token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
