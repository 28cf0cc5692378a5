// Type-aware lint. The import rules hold the architecture (docs/architecture.md): the engine is pure,
// storage knows nothing of the bot or functions, and so on.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltinNames = [
  'fs',
  'path',
  'crypto',
  'http',
  'https',
  'os',
  'child_process',
  'util',
  'stream',
  'events',
  'url',
  'buffer',
  'timers',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.data/**',
      'coverage/**',
      'test-results/**',
      '**/*.js',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // Plain JavaScript modules (this config, CI scripts) are outside the tsconfig: lint them untyped.

  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  // Plain JavaScript modules (this config, CI scripts) are outside the tsconfig: lint them untyped.
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: null },
      globals: { console: 'readonly', process: 'readonly' },
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinNames.map((name) => ({
            name,
            message: 'The engine is pure: no Node built-ins (it must replay anywhere).',
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'The engine is pure: no Node built-ins (it must replay anywhere).',
            },
            {
              group: ['@azure/*', 'botbuilder*', 'adaptivecards*'],
              message: 'The engine knows no Azure, bot or card library.',
            },
            {
              group: [
                '../storage/*',
                '../application/*',
                '../bot/*',
                '../functions/*',
                '../cards/*',
                '../runtime/*',
                '../config/*',
                '../local/*',
              ],
              message: 'The engine imports nothing outside engine/.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No clock in the engine: time comes in with the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No clock in the engine: time comes in with the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'No randomness in the engine: ids come in with the command.',
        },
        {
          selector: "CallExpression[callee.object.name='crypto'][callee.property.name='randomUUID']",
          message: 'No random ids in the engine: ids come in with the command.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'The engine does no I/O or scheduling.' },
        { name: 'fetch', message: 'The engine does no I/O.' },
        { name: 'process', message: 'The engine reads no environment.' },
      ],
    },
  },
  {
    files: ['storage/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../bot/*', '../functions/*', '../cards/*', '../application/*', 'botbuilder*'],
              message: 'Storage knows only the engine and the Azure SDK.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../bot/*', '../functions/*', '../cards/*', 'botbuilder*', '@azure/*'],
              message: 'The application layer depends on the engine and storage ports only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Research exports are projections of the log: they read through the storage ports and the engine
    // (and record memos through the application service), never through the bot, the functions or the
    // composition root, so the CLI and the API share exactly the same code.
    files: ['research/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../bot/*',
                '../functions/*',
                '../cards/*',
                '../runtime/*',
                '../../bot/*',
                '../../functions/*',
                '../../runtime/*',
                'botbuilder*',
                '@azure/*',
              ],
              message: 'research/ knows the engine, the storage ports and the application service only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Token checking knows settings and jose; what a caller may read is decided in research/.
    files: ['auth/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../bot/*',
                '../functions/*',
                '../cards/*',
                '../runtime/*',
                '../storage/*',
                '../research/*',
                'botbuilder*',
                '@azure/*',
              ],
              message: 'auth/ turns a bearer token into a caller; it reads no storage.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard's reads: projections of the log like research/, never through the bot or HTTP.
    files: ['dashboard/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../bot/*', '../functions/*', '../runtime/*', '../tab/*', 'botbuilder*', '@azure/*'],
              message: 'dashboard/ knows the engine, the storage ports, research/ and the card readers only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The view model is shared with the browser bundle: it may import nothing at all.
    files: ['dashboard/viewModel.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['*', '.*/**'], message: 'viewModel.ts is types only, shared with the browser.' },
          ],
        },
      ],
    },
  },
  {
    // The page runs in the browser: teams-js and the shared view model, nothing from the server.
    files: ['tab/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                '../*',
                '!../dashboard',
                '!../dashboard/viewModel',
                '!../engine',
                '!../engine/localized',
                '@azure/*',
                'botbuilder*',
              ],
              message:
                'tab/ is browser code: it may import only ../dashboard/viewModel, ../engine/localized and @microsoft/teams-js.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
