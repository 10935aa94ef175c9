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
);
