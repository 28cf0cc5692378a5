/**
 * `npm run stage:functions` (after `npm run build`): puts what Azure Functions runs into
 * `.deploy/functions/` and zips it to `.deploy/functions.zip`, ready for
 * `az functionapp deployment source config-zip` or the toolkit's azureFunctions/zipDeploy.
 *
 * Why a staging folder: the deployed app needs `dist/`, `host.json`, `package.json` and the production
 * dependencies only. Zipping the working copy would ship the development tools too (about 490 MB of
 * node_modules instead of about 180 MB), and pruning them in place would break the developer's checkout.
 * So the production dependencies are installed afresh from package-lock.json in the staging folder.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';

const ROOT = path.resolve(__dirname, '..');
const DEPLOY_DIR = path.join(ROOT, '.deploy');
const STAGE_DIR = path.join(DEPLOY_DIR, 'functions');
const ZIP_PATH = path.join(DEPLOY_DIR, 'functions.zip');

/** What the Functions host reads: the compiled app, its host settings and the package manifest. */
const COPIED = ['dist', 'host.json', 'package.json', 'package-lock.json'];

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Every regular file under `dir`, relative to it; symlinks (node_modules/.bin) are left out. */
function filesUnder(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = prefix === '' ? entry : `${prefix}/${entry}`;
    const stats = lstatSync(path.join(dir, relative));
    if (stats.isSymbolicLink()) continue;
    if (stats.isDirectory()) files.push(...filesUnder(dir, relative));
    else if (stats.isFile()) files.push(relative);
  }
  return files;
}

function zipFolder(dir: string, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const zip = new ZipFile();
    const files = filesUnder(dir);
    for (const file of files) zip.addFile(path.join(dir, file), file);
    const out = createWriteStream(target);
    zip.outputStream.pipe(out).on('close', () => resolve(files.length));
    out.on('error', reject);
    zip.end();
  });
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'functions'))) {
    fail('dist/functions does not exist: run `npm run build` first.');
  }
  // tsc never deletes outputs: a function whose source was removed would still be deployed and run.
  const stale = filesUnder(path.join(ROOT, 'dist'))
    .filter((file) => file.endsWith('.js') && !file.startsWith('tab/'))
    .filter((file) => !existsSync(path.join(ROOT, file.replace(/\.js$/, '.ts'))));
  // The dashboard tab is a bundle (scripts/buildTab.ts), not a compiled copy of sources.
  if (!existsSync(path.join(ROOT, 'dist', 'tab', 'dashboard.js'))) {
    fail('dist/tab does not exist: run `npm run build`, which builds the dashboard tab too.');
  }
  if (stale.length > 0) {
    fail(
      `dist/ holds compiled files whose sources are gone (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', ...' : ''}). ` +
        'Delete dist/ and run `npm run build` again.',
    );
  }
  rmSync(DEPLOY_DIR, { recursive: true, force: true });
  mkdirSync(STAGE_DIR, { recursive: true });
  for (const item of COPIED) cpSync(path.join(ROOT, item), path.join(STAGE_DIR, item), { recursive: true });

  console.log('Installing the production dependencies in .deploy/functions ...');
  const npm = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
    cwd: STAGE_DIR,
    stdio: 'inherit',
    // npm is npm.cmd on Windows, which only a shell runs.
    shell: process.platform === 'win32',
  });
  if (npm.status !== 0) fail('npm ci --omit=dev failed in .deploy/functions (see above).');

  const count = await zipFolder(STAGE_DIR, ZIP_PATH);
  const megabytes = (statSync(ZIP_PATH).size / 1024 / 1024).toFixed(1);
  console.log(`Wrote ${path.relative(ROOT, ZIP_PATH)} (${count} files, ${megabytes} MB). Deploy it with:`);
  console.log(
    '  az functionapp deployment source config-zip -g <resource group> -n <function app> --src .deploy/functions.zip',
  );
}

main().catch((error: unknown) => fail(String(error)));
