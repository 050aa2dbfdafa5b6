import { definePlugin } from '@dlthub/config-core';
import { builtinProfiles } from './profiles';

export const profilesPlugin = definePlugin({ name: '@dlthub/profiles', profiles: builtinProfiles });
/** Same value under the name discovery looks for first. */
export const plugin = profilesPlugin;
