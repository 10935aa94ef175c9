// Lint rules that guard the architecture as well as the style.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'docs/api/**',
      'bin/**',
      '*.config.js',
      'test/**/fixtures/**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain is pure: no I/O, no clock, no randomness, no outer layer; it returns errors, never throws.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ThrowStatement', message: 'Domain code returns Either; it does not throw.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/infra/**',
            '**/application/**',
            '**/projections/**',
            'fs',
            'node:*',
            'better-sqlite3',
            '@eventstore/*',
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time comes in with the command.' },
        { object: 'Math', property: 'random', message: 'Ids come in with the command.' },
      ],
    },
  },
  {
    files: ['src/projections/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/infra/**', '**/application/**'] }] },
  },
  {
    files: ['src/application/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/infra/**'] }] },
  },
  {
    // The HTTP server is a client of the facade: it imports the front door and its own folder only.
    files: ['src/infra/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./index$)',
              message:
                'The HTTP server is a client of the facade: import it from the front door (../../index).',
            },
          ],
        },
      ],
    },
  },
  {
    // The command line is a client of the facade: it imports the front door (src/index.ts), the HTTP
    // server's entry (src/http.ts), its own folder and the import's presentation; nothing of the core.
    files: ['src/infra/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^\\.\\./(?!\\.\\./index$|\\.\\./http$|http/serve$|import/(run-import|progress|summary)$)',
              message: 'The CLI is a client of the facade: import it from the front door (../../index).',
            },
          ],
        },
      ],
    },
  },
  {
    // The import's command line and its presentation, likewise.
    files: ['src/infra/import/run-import.ts', 'src/infra/import/progress.ts', 'src/infra/import/summary.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./index$|cli/[\\w-]+$)|^\\./(?!progress$|summary$)',
              message: 'The CLI is a client of the facade: import it from the front door (../../index).',
            },
          ],
        },
      ],
    },
  },
);
