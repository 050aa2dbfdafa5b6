// Real server processes and a browser: generous per-test time on a busy machine (loops are bounded by count).
module.exports = { ...require('../../jest.preset.js'), displayName: '@dlthub/control-plane', testTimeout: 60_000 };
