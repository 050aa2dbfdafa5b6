/** The last step every generator shares: format what it wrote (unless --skipFormat), as Nx generators do. */
import { formatFiles, type Tree } from '@nx/devkit';

export async function finishGenerator(tree: Tree, options: { skipFormat?: boolean }): Promise<void> {
  if (!options.skipFormat) await formatFiles(tree);
}
