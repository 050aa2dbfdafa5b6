module.exports = { ...require('../../../jest.preset.js'), displayName: '@dlthub/destination-dremio' };
