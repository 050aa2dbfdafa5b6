module.exports = { ...require('../../jest.preset.js'), displayName: '@dlthub/e2e', testTimeout: 300000, maxWorkers: 1 };
