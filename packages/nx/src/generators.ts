export { initGenerator } from './generators/init/generator';
export type { InitGeneratorSchema } from './generators/init/schema';
