// What every plugin may do.
export { definePlugin } from '@dlthub/config-core';
