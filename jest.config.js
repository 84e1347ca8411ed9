/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.cjs'],
  // Real PostgreSQL and Redis on a 2-core machine: two workers keep the services unsaturated.
  maxWorkers: 2,
};
