import {
  addDependenciesToPackageJson,
  logger,
  readNxJson,
  updateNxJson,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { finishGenerator } from '../../utils/finish';
import { addDlthubPlugin, PLUGIN_NAME } from '../../utils/nx-json';
import { dlthubVersion } from '../../utils/versions';
import type { InitGeneratorSchema } from './schema';

export const CLI_PACKAGE = '@dlthub/cli';

/**
 * Every inferred target runs the `dlthub` CLI, so the repository needs it. An existing entry (e.g. a
 * `file:` tarball before the packages are on a registry) is kept as it is.
 */
function addCli(tree: Tree): GeneratorCallback {
  const version = `^${dlthubVersion()}`;
  if (tree.exists('package.json')) {
    return addDependenciesToPackageJson(tree, {}, { [CLI_PACKAGE]: version }, 'package.json', true);
  }
  // Nx wrapper mode (no package.json): Nx installs `installation.plugins` into .nx/installation.
  const nxJson = readNxJson(tree);
  if (nxJson?.installation) {
    const plugins = nxJson.installation.plugins ?? {};
    if (!plugins[CLI_PACKAGE]) {
      nxJson.installation.plugins = { ...plugins, [CLI_PACKAGE]: version };
      updateNxJson(tree, nxJson);
    }
  } else {
    logger.warn(
      `No package.json at the repository root: install ${CLI_PACKAGE} yourself so the targets find \`dlthub\`.`,
    );
  }
  return () => undefined;
}

export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<GeneratorCallback> {
  if (!addDlthubPlugin(tree)) {
    logger.info(`${PLUGIN_NAME} is already listed in nx.json plugins.`);
  }
  const install = options.skipPackageJson ? () => undefined : addCli(tree);
  await finishGenerator(tree, options);
  return install;
}

export default initGenerator;
