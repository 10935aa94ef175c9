/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  // The examples import the package by its name, as an embedder's code does.
  moduleNameMapper: { '^govrec$': '<rootDir>/src/index.ts', '^govrec/(esdb|http)$': '<rootDir>/src/$1.ts' },
  testTimeout: 30000,
};
