module.exports = { ...require('../../jest.preset.js'), displayName: '@dlthub/platform' };
