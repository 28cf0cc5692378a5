/**
 * What the browser tests share: `npm start`'s real entry point in a child process, free ports, and
 * Debian's headless Chromium driven by playwright-core with nothing allowed off this machine.
 *
 * Chromium: CHROMIUM_PATH, else /usr/bin/chromium. .ci/run installs it. A missing browser fails the
 * test, in CI and elsewhere, with a message saying how to install it: a browser test never skips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { freePort } from './ports';

export { freePort };

export const root = path.resolve(__dirname, '../..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Cleanups run last in, first out after the test file; each may fail alone. */
export type Cleanups = (() => Promise<void> | void)[];

export interface Stack {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** `npm start` (local/start.ts through tsx) with its own data folder under `temp`. */
export function startStack(temp: string, env: Record<string, string>, cleanups: Cleanups): Stack {
  const inherited = { ...process.env };
  // The child starts its own storage (and playground), whatever the developer's shell says.
  for (const name of [
    'TABLES_CONNECTION_STRING',
    'AzureWebJobsStorage',
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'PLAYGROUND',
    'M365_AGENTS_PLAYGROUND_CONFIG_PATH',
    'RESEARCH_DEV_TOKEN_KEY',
  ])
    delete inherited[name];
  const workDir = path.join(temp, 'cwd');
  mkdirSync(workDir, { recursive: true });
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'local/start.ts')], {
    cwd: workDir,
    env: { ...inherited, LOCAL_DATA_DIR: path.join(temp, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // If the test ends early: SIGKILL; a playground child notices its parent is gone and exits too.
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, output: () => output, exit };
}

/** How to get the browser the browser tests drive. */
const INSTALL_CHROMIUM =
  "install Debian's chromium (apt-get install -y chromium; .ci/run does this in CI) or set CHROMIUM_PATH";

/** Chromium must be there: a test that needs it fails, saying how to install it, and never skips. */
export function requireChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath} (CHROMIUM_PATH): ${INSTALL_CHROMIUM}.`);
  }
}

/**
 * Headless Chromium with a fresh profile. Requests to anything but loopback are refused and collected
 * in the returned set, so a test can say exactly what would have left the machine.
 */
export async function launchChromium(
  profile: string,
  cleanups: Cleanups,
  options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; outside: Set<string> }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: options.viewport ?? { width: 1400, height: 1000 },
    acceptDownloads: options.acceptDownloads ?? false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  });
  cleanups.push(() => context.close());
  const outside = new Set<string>();
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (['localhost', '127.0.0.1'].includes(host)) return route.continue();
    outside.add(host);
    return route.abort();
  });
  return { context, outside };
}

/**
 * Answers teams-js' request for its list of valid domains (the one address outside the app the tab's
 * Content Security Policy allows) as Microsoft's CDN does, so no test reaches the internet and the page
 * loads without a failed request in its console. Returns the requests it answered.
 */
export async function answerTeamsJsValidDomains(context: BrowserContext, url: string): Promise<string[]> {
  const answered: string[] = [];
  // Registered after launchChromium's route, so it is asked first (Playwright runs the newest route first).
  await context.route(url, (route) => {
    answered.push(route.request().url());
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*' },
      body: JSON.stringify({
        validOrigins: [
          'teams.microsoft.com',
          '*.teams.microsoft.com',
          'teams.cloud.microsoft',
          '*.cloud.microsoft',
          'outlook.office.com',
          '*.office.com',
          'outlook.office365.com',
          '*.microsoft365.com',
          'teams.live.com',
        ],
      }),
    });
  });
  return answered;
}
