/**
 * The folders table of docs/architecture.md, the import list the lint is generated from
 * (eslint/boundaries.mjs) and the lint itself say the same thing: the page names exactly the folders and
 * packages the list allows, every source folder has a row, and ESLint refuses an import the list does
 * not allow, at any depth.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { files, folders } from '../../eslint/boundaries.mjs';

const root = path.resolve(__dirname, '../..');

interface FolderRow {
  folder: string;
  mayImport: string;
}

/** The rows of the table under "## Folders": folder name (without the slash) and the last cell. */
function folderRows(): FolderRow[] {
  const page = readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
  const section = page.slice(page.indexOf('## Folders'), page.indexOf('\n## ', page.indexOf('## Folders') + 1));
  return section
    .split('\n')
    .filter((line) => /^\| `[^`]+\/` \|/.test(line))
    .map((line) => {
      const cells = line.split(' | ');
      return {
        folder: /^\| `([^`]+)\/`/.exec(line)![1]!,
        mayImport: cells[cells.length - 1]!.replace(/\s*\|\s*$/, ''),
      };
    });
}

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const packageNames = new Set([...Object.keys(packageJson.dependencies), ...Object.keys(packageJson.devDependencies)]);
const listedPackages = new Set(
  Object.values({ ...folders, ...files }).flatMap((boundary) =>
    boundary.imports.filter((entry) => !entry.includes('/') || entry.startsWith('@')),
  ),
);

/**
 * The import entries a cell names: backticked folders and files of the app (`engine/`,
 * `engine/localized.ts`), `node:*`, and packages; prose in backticks (`Date.now()`, a file of the folder
 * itself) is not an entry. "anything" is `*`.
 */
function entriesNamed(cell: string, ownFolder: string): string[] {
  if (cell === 'anything') return ['*'];
  const names = [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
  return names.filter((name) => {
    if (name === 'node:*') return true;
    if (packageNames.has(name) || listedPackages.has(name)) return true;
    const top = /^([a-z]+)\//.exec(name)?.[1];
    return top !== undefined && top !== ownFolder && top in folders;
  });
}

/** What a folder may import: its list, and what a file of it may import besides. */
function allowedFor(folder: string): string[] {
  const overrides = Object.entries(files)
    .filter(([file]) => file.startsWith(`${folder}/`))
    .flatMap(([, boundary]) => boundary.imports);
  const own = `${folder}/`;
  return [...new Set([...folders[folder]!.imports, ...overrides])].filter((entry) => entry !== own);
}

/** The top folders that hold code the lint sees. */
function sourceFolders(): string[] {
  const skipped = new Set(['node_modules', 'dist', 'coverage', 'test-results']);
  const holdsCode = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) =>
      entry.isDirectory()
        ? !skipped.has(entry.name) && holdsCode(path.join(dir, entry.name))
        : /\.(?:ts|mts|mjs)$/.test(entry.name),
    );
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !skipped.has(entry.name))
    .map((entry) => entry.name)
    .filter((name) => holdsCode(path.join(root, name)));
}

describe('the folders table of docs/architecture.md', () => {
  const rows = folderRows();

  it('has a row for every folder in the import list, and the list an entry for every folder with code', () => {
    const documented = rows.map((row) => row.folder);
    expect(documented).toEqual(expect.arrayContaining(Object.keys(folders)));
    expect(Object.keys(folders).sort()).toEqual(sourceFolders().sort());
    const withoutCode = rows.filter((row) => !(row.folder in folders));
    expect(withoutCode.length, 'rows of folders without code (manifest/, infra/)').toBeGreaterThan(0);
    expect(withoutCode.map((row) => `${row.folder}: ${row.mayImport}`)).toEqual(
      withoutCode.map((row) => `${row.folder}: —`),
    );
  });

  it.each(Object.keys(folders))('names what %s/ may import, exactly as eslint/boundaries.mjs', (folder) => {
    const row = rows.find((candidate) => candidate.folder === folder)!;
    expect(new Set(entriesNamed(row.mayImport, folder))).toEqual(new Set(allowedFor(folder)));
  });

  it('holds files named in eslint/boundaries.mjs that exist', () => {
    for (const file of Object.keys(files)) expect(existsSync(path.join(root, file)), file).toBe(true);
    for (const folder of Object.keys(folders)) expect(statSync(path.join(root, folder)).isDirectory()).toBe(true);
  });
});

describe('the import rule', () => {
  // The project's own configuration, without type information: a probe file need not be in a tsconfig.
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: [
      { files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked },
      { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, project: null } } },
    ],
  });

  async function boundaryErrors(file: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
    return result!.messages
      .filter((message) => message.ruleId === 'boundaries/imports' || message.fatal)
      .map((message) => message.message);
  }

  it.each([
    ['conversation/cardActions/probe.ts', "import { InnovationBot } from '../../bot/innovationBot';", 'bot/innovationBot'],
    ['conversation/chatIntents/probe.ts', "export { proactiveChats } from '../../bot/proactive';", 'bot/proactive'],
    ['conversation/probe.ts', "export const load = () => import('../bot/innovationBot.js');", 'bot/innovationBot'],
    ['functions/shared/probe.ts', "import { startFunctionsHost } from '../../local/functionsHost';", 'local/'],
    ['scripts/probe.ts', "import { startAzuriteTables } from '../local/azurite';", 'local/'],
    ['engine/probe.ts', "import { readFileSync } from 'node:fs';", 'Node built-in'],
    ['engine/probe.ts', "import { readFileSync } from 'fs';", 'Node built-in'],
    ['engine/probe.ts', "import type { Settings } from '../config/settings';", 'config/'],
    ['storage/probe.ts', "import { TurnContext } from 'botbuilder';", 'botbuilder'],
    ['application/probe.ts', "import { TableClient } from '@azure/data-tables';", '@azure/data-tables'],
    ['research/formats/probe.ts', "import type { BotRuntime } from '../../runtime/bot';", 'runtime/'],
    ['tab/probe.ts', "import { dashboardService } from '../dashboard/dashboardService';", 'dashboard/'],
    ['dashboard/viewModel.ts', "import type { Localized } from '../engine/localized';", 'engine/localized'],
    ['cards/probe.ts', "const bot = require('../bot/innovationBot');", 'bot/innovationBot'],
    ['runtime/probe.ts', "import { TableClient } from '@azure/data-tables';", '@azure/data-tables'],
  ])('refuses, in %s, %s', async (file, source, named) => {
    const errors = await boundaryErrors(file, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(named);
  });

  it.each([
    ['conversation/cardActions/probe.ts', "import { isDomainError } from '../../engine/errors';"],
    ['conversation/cardActions/probe.ts', "import { reply } from '../reply';"],
    ['functions/shared/probe.ts', "export const load = () => import('../../runtime/bot.js');"],
    ['tab/probe.ts', "import type { CaseView } from '../dashboard/viewModel';"],
    ['engine/probe.ts', "import { sha256 } from '@noble/hashes/sha256';"],
    ['bench/floorBot.ts', "import { TurnContext } from 'botbuilder';"],
    ['runtime/tables.ts', "import { TableClient } from '@azure/data-tables';"],
    ['test/conversation/probe.ts', "import { startFunctionsHost } from '../../local/functionsHost';"],
  ])('allows, in %s, %s', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });

  it('refuses a file in a folder that has no boundaries', async () => {
    const errors = await boundaryErrors('newfolder/probe.ts', 'export const x = 1;');
    expect(errors).toEqual([expect.stringContaining('newfolder/ has no boundaries')]);
  });
});
