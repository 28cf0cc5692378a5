/**
 * Builds the dashboard tab into `dist/tab/`: the page (tab/index.html), its stylesheet, and one script
 * bundling tab/main.ts with @microsoft/teams-js (esbuild; no CDN, so the page's Content Security Policy
 * can allow only its own origin). `npm run build` runs it for Azure, `npm start` and the tests run it
 * before serving the tab. Takes well under a second.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
export const TAB_SOURCE_DIR = path.join(ROOT, 'tab');
export const TAB_BUILD_DIR = path.join(ROOT, 'dist', 'tab');

export async function buildTab(outDir: string = TAB_BUILD_DIR): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(TAB_SOURCE_DIR, 'main.ts')],
    outfile: path.join(outDir, 'dashboard.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Teams desktop (WebView2/Electron), the Teams web client's supported browsers, Teams mobile.
    target: ['chrome109', 'edge109', 'firefox115', 'safari15'],
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    tsconfig: path.join(TAB_SOURCE_DIR, 'tsconfig.json'),
    logLevel: 'warning',
  });
  copyFileSync(path.join(TAB_SOURCE_DIR, 'index.html'), path.join(outDir, 'index.html'));
  copyFileSync(path.join(TAB_SOURCE_DIR, 'dashboard.css'), path.join(outDir, 'dashboard.css'));
  return outDir;
}

if (require.main === module) {
  buildTab().then(
    (dir) => console.log(`Dashboard tab built into ${path.relative(process.cwd(), dir) || dir}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
