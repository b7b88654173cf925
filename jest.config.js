// Two projects: fast unit specs beside the code, and integration/e2e specs in test/ that talk to a real
// Kafka broker and a real Redis (started by tools/with-infra.js). Run them separately with --selectProjects.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  // kafkajs' read_committed filter fix, for the kafkajs that specs and tests load (libs/kafkajs/README.md).
  setupFiles: ['<rootDir>/libs/kafkajs/jest-setup.ts'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/tools/**/*.spec.ts',
        '<rootDir>/packages/*/src/**/*.spec.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/jest-setup.ts'],
    },
  ],
};
