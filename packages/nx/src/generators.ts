export { initGenerator } from './generators/init/generator';
export type { InitGeneratorSchema } from './generators/init/schema';
export { workspaceGenerator } from './generators/workspace/generator';
export type { WorkspaceGeneratorSchema } from './generators/workspace/schema';
