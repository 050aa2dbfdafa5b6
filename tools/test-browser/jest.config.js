module.exports = { ...require('../../jest.preset.js'), displayName: '@dlthub/test-browser' };
