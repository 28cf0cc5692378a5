// What each source folder may import: the one machine-readable copy of the "may import" column of the
// folders table in docs/architecture.md. The ESLint rule in ./boundaryRule.mjs holds the code to it, and
// test/docs/architecture.test.ts holds the table to it, so the code, the lint and the page cannot drift.
//
// An entry is a folder (`engine/`: anything in it, at any depth), one file (`engine/localized.ts`), `node:*`
// (Node's built-in modules, with or without the `node:` prefix), a package by name, or `*` (anything).
// A file may always import from its own folder, unless a rule for that file says otherwise (`files`).
// Imports are resolved by path: `../../bot/x` in `conversation/cardActions/` is `bot/x`.

/** @typedef {{ imports: readonly string[], why: string }} Boundary */

const bench = [
  'engine/',
  'storage/',
  'research/',
  'conversation/',
  'cards/',
  'bot/',
  'functions/',
  'runtime/',
  'config/',
  'local/',
  'test/',
  'node:*',
  '@azure/data-tables',
  'lokijs',
];

const runtime = [
  'application/',
  'auth/',
  'bot/',
  'cards/',
  'config/',
  'conversation/',
  'dashboard/',
  'engine/',
  'platform/',
  'research/',
  'storage/',
  'node:*',
];

/** @type {Readonly<Record<string, Boundary>>} */
export const folders = {
  engine: {
    imports: ['@noble/hashes'],
    why: 'The engine is pure: no Node built-ins, no Azure, bot or card library, nothing outside engine/ (it must replay anywhere).',
  },
  storage: {
    imports: ['engine/', 'platform/', '@azure/data-tables', 'node:*'],
    why: 'Storage knows only the engine, platform/ and the Azure SDK.',
  },
  application: {
    imports: ['engine/', 'storage/', 'platform/', 'node:*'],
    why: 'The application layer depends on the engine and the storage ports only: no Azure SDK, no bot.',
  },
  platform: {
    imports: ['node:*'],
    why: 'platform/ is what every layer may use: it knows nothing of the domain.',
  },
  research: {
    imports: ['engine/', 'storage/', 'application/', 'auth/', 'config/', 'csv-stringify', 'node:*'],
    why: 'research/ reads through the engine, the storage ports and the application service, never through the bot, the functions or the composition root.',
  },
  dashboard: {
    imports: ['engine/', 'storage/', 'research/', 'cards/', 'auth/', 'config/'],
    why: 'dashboard/ knows the engine, the storage ports, research/ and the card readers only, never the bot or HTTP.',
  },
  tab: {
    imports: ['dashboard/viewModel.ts', 'engine/localized.ts', '@microsoft/teams-js'],
    why: 'tab/ is browser code: only the shared view model, the locale rule and teams-js.',
  },
  auth: {
    imports: ['config/', 'engine/', 'platform/', 'jose'],
    why: 'auth/ turns a bearer token into a caller; it reads no storage.',
  },
  runtime: {
    imports: runtime,
    why: 'runtime/ is the composition root: it builds what the functions call, from everything below it.',
  },
  config: {
    imports: ['node:*'],
    why: 'config/ reads settings: it depends on nothing of the app.',
  },
  functions: {
    imports: [
      'runtime/',
      'application/',
      'engine/',
      'auth/',
      'bot/',
      'conversation/',
      'research/',
      'dashboard/',
      'storage/',
      'platform/',
      'config/',
      '@azure/functions',
      'node:*',
    ],
    why: 'functions/ are thin: they parse, call the service or the bot and translate errors; botbuilder only through runtime/ and bot/.',
  },
  bot: {
    imports: [
      'conversation/',
      'application/',
      'engine/',
      'cards/',
      'auth/',
      'platform/',
      'storage/',
      'config/',
      'botbuilder',
      'botframework-connector',
      'html-to-text',
    ],
    why: 'bot/ is the Teams edge, the only folder that imports botbuilder.',
  },
  conversation: {
    imports: ['application/', 'engine/', 'cards/', 'platform/', 'storage/'],
    why: 'conversation/ is what the bot says and does, free of botbuilder: it talks to Teams through its ports.',
  },
  cards: {
    imports: ['engine/', 'adaptivecards-templating'],
    why: 'cards/ are pure: they know the engine only.',
  },
  local: {
    imports: ['*'],
    why: 'local/ is the local stack, never deployed.',
  },
  scripts: {
    imports: [
      'auth/',
      'config/',
      'engine/',
      'research/',
      'runtime/',
      'storage/',
      'node:*',
      '@microsoft/app-manifest',
      'ajv',
      'ajv-draft-04',
      'ajv-formats',
      'esbuild',
      'pngjs',
      'yazl',
    ],
    why: 'scripts/ build, package and export through the app’s own modules; the local stack is not theirs to import.',
  },
  bench: {
    imports: bench,
    why: 'bench/ measures the app on the local stack and the test support; botbuilder only in floorBot.ts.',
  },
  test: {
    imports: ['*'],
    why: 'test/ may import anything.',
  },
  eslint: {
    imports: ['node:*'],
    why: 'eslint/ holds these rules: Node only.',
  },
};

/**
 * Files held to another list than their folder's. The list replaces the folder's, own folder included.
 * @type {Readonly<Record<string, Boundary>>}
 */
export const files = {
  'dashboard/viewModel.ts': {
    imports: [],
    why: 'viewModel.ts is types only, shared with the browser bundle: it imports nothing.',
  },
  'runtime/tables.ts': {
    imports: [...runtime, 'runtime/', '@azure/data-tables'],
    why: 'tables.ts makes the Table Storage clients the composition root hands to storage/.',
  },
  'bench/floorBot.ts': {
    imports: [...bench, 'bench/', 'botbuilder'],
    why: 'floorBot.ts is the bare botbuilder bot the bot’s cost is measured against.',
  },
};
