// `npm test` runs both projects. The integration project alone has a global setup that makes sure
// PostgreSQL and the local Kafka broker answer; Jest runs it only when an integration test is selected.
const { pathsToModuleNameMapper } = require('./tools/jest/paths-to-module-name-mapper');
const swcTransform = require('./jest.swc');

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swcTransform },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.int\\.spec\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools,e2e}/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/tools/jest/integration-global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/tools/jest/integration-timeout.js'],
    },
  ],
};
