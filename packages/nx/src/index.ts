export { createDependencies, createNodes, createNodesV2 } from './plugins/plugin';
export type { DlthubPluginOptions } from './plugins/plugin';
