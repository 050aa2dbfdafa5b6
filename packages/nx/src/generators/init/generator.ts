import { logger, type Tree } from '@nx/devkit';
import { addDlthubPlugin, PLUGIN_NAME } from '../../utils/nx-json';
import type { InitGeneratorSchema } from './schema';

export async function initGenerator(tree: Tree, _options: InitGeneratorSchema = {}): Promise<void> {
  if (!addDlthubPlugin(tree)) {
    logger.info(`${PLUGIN_NAME} is already listed in nx.json plugins; nothing to do.`);
  }
}

export default initGenerator;
