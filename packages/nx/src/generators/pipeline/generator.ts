import type { Tree } from '@nx/devkit';
import { DlthubError } from '@dlthub/config-core';
import { applyPlan, displayPath, planPipelineInit, type FilePlan } from '@dlthub/scaffold';
import { withHintInMessage } from '../../utils/errors';
import { finishGenerator } from '../../utils/finish';
import { loadGeneratorRegistry } from '../../utils/registry';
import { treeHost } from '../../utils/tree-host';
import { resolveDltWorkspace, type DltWorkspaceProject } from '../../utils/workspace-projects';
import type { PipelineGeneratorSchema } from './schema';

export interface NormalizedPipelineOptions {
  source: string;
  destination: string;
  location?: string;
  workspace: DltWorkspaceProject;
}

export async function normalizeOptions(
  tree: Tree,
  options: PipelineGeneratorSchema,
): Promise<NormalizedPipelineOptions> {
  const source = options.source?.trim() ?? '';
  const destination = options.destination?.trim() ?? '';
  if (source === '' || destination === '') {
    throw new DlthubError('Usage', 'A pipeline needs a source and a destination.', {
      hint: 'Run `nx g @dlthub/nx:pipeline <source> <destination> --workspace <project>`, e.g. `github warehouse`.',
    });
  }
  const workspace = await resolveDltWorkspace(tree, options.workspace);
  return { source, destination, workspace, ...(options.location ? { location: options.location } : {}) };
}

/** applyPlan's hint names the CLI's --force, which this generator does not have: say what to do here. */
function assertNoConflict(plan: FilePlan, source: string): void {
  const conflicts = plan.files.filter((file) => file.action === 'CONFLICT');
  if (conflicts.length === 0) return;
  throw new DlthubError(
    'Conflict',
    `Nothing was written: ${conflicts.map((file) => `${displayPath(plan, file.path)} (${file.reason ?? 'exists'})`).join(', ')}.`,
    {
      hint: `Delete or rename the existing ${source}_pipeline.py, or pass another source name (the script is named <source>_pipeline.py).`,
    },
  );
}

export async function pipelineGenerator(tree: Tree, rawOptions: PipelineGeneratorSchema): Promise<void> {
  await withHintInMessage(async () => {
    const options = await normalizeOptions(tree, rawOptions);
    const registry = loadGeneratorRegistry(tree);
    const host = treeHost(tree);
    // Source and destination names are checked by the planner before anything is written.
    const plan = planPipelineInit(host, {
      directory: options.workspace.root,
      source: options.source,
      destination: options.destination,
      registry,
      ...(options.location ? { location: options.location } : {}),
    });
    assertNoConflict(plan, options.source);
    applyPlan(host, plan);
    await finishGenerator(tree, rawOptions);
  });
}

export default pipelineGenerator;
