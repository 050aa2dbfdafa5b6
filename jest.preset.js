// Shared Jest settings: swc transform (fast, no type check; `typecheck` does that),
// Node environment, and the source export condition so tests run on src/ without a build.
module.exports = {
  testEnvironment: 'node',
  testEnvironmentOptions: {
    customExportConditions: ['@dlthub/source', 'node', 'node-addons'],
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 2,
  // The summary reporter records counts for the one total line `npm test` closes with.
  reporters: ['default', require.resolve('./tools/test-summary/reporter.js')],
};
