/**
 * A development-token key for this machine, so that right after `npm install` and `npm start` the
 * dashboard tab and the research API can be tried outside Teams without editing any settings.
 *
 * Used only when RESEARCH_DEV_TOKEN_KEY is not configured (environment or local.settings.json) and the
 * app is not running in Azure: a random key is created once under LOCAL_DATA_DIR (`dev-token-key`,
 * readable by its owner only) and put into the environment of this process. `npm run dev-token` reads
 * the same file, so the tokens it prints are accepted by the running stack. Azure never sees the file:
 * it is not deployed, and development tokens are refused there whatever the key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from './settings';

export const DEV_TOKEN_KEY_FILE = 'dev-token-key';

/**
 * Sets RESEARCH_DEV_TOKEN_KEY from the machine's key file when it is not configured; creates the file
 * when `create` is true. Returns where the key came from.
 */
export function useLocalDevTokenKey(
  settings: Pick<Settings, 'localDataDir' | 'research'>,
  options: { create: boolean },
): 'configured' | 'file' | 'created' | 'none' {
  if (settings.research.devTokenKey !== '') return 'configured';
  const file = path.resolve(settings.localDataDir, DEV_TOKEN_KEY_FILE);
  if (existsSync(file)) {
    process.env['RESEARCH_DEV_TOKEN_KEY'] = readFileSync(file, 'utf8').trim();
    return 'file';
  }
  if (!options.create) return 'none';
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  process.env['RESEARCH_DEV_TOKEN_KEY'] = key;
  return 'created';
}
