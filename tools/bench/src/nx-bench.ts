/**
 * @dlthub/nx benchmark, in one fresh Nx workspace made from the packed packages (the e2e harness):
 * - `nx g @dlthub/nx:workspace` against `nx g @nx/js:lib` (a library without bundler, tests or lint);
 * - `nx show projects` over 500 generated dltHub workspaces with the plugin in nx.json against the
 *   same files without it.
 * Runs alternate between the two sides so machine noise hits both alike; medians are compared.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPackedConsumer, repoNxVersion, type ConsumerWorkspace } from '@dlthub/e2e';
import type { Benchmark, BenchReport } from './benchmark';
import { median } from './measure';

export const NX_RATIO_TARGET = 1.2;
export const GRAPH_WORKSPACES = 500;

function writeDltWorkspaces(root: string, count: number): void {
  for (let index = 0; index < count; index++) {
    const settings = join(root, 'workspaces', `ws${index}`, '.dlt');
    mkdirSync(settings, { recursive: true });
    writeFileSync(join(settings, '.workspace'), '');
    writeFileSync(join(settings, 'config.toml'), `[workspace.settings]\nname = "bench_ws${index}"\n`);
  }
}

function setPlugin(workspace: ConsumerWorkspace, enabled: boolean): void {
  const path = join(workspace.dir, 'nx.json');
  const nxJson = JSON.parse(readFileSync(path, 'utf-8')) as { plugins?: unknown[] };
  nxJson.plugins = enabled ? ['@dlthub/nx'] : [];
  writeFileSync(path, `${JSON.stringify(nxJson, null, 2)}\n`);
}

/** Alternating samples of two commands; the first round is a warm-up and is dropped. */
function alternate(iterations: number, first: (round: number) => number, second: (round: number) => number): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round <= iterations; round++) {
    // Swap the order every round so neither side always runs right after the other.
    let x: number;
    let y: number;
    if (round % 2 === 0) {
      x = first(round);
      y = second(round);
    } else {
      y = second(round);
      x = first(round);
    }
    if (round > 0) {
      a.push(x);
      b.push(y);
    }
  }
  return { a, b };
}

function showProjects(workspace: ConsumerWorkspace, plugin: boolean, expectAtLeast: number): number {
  setPlugin(workspace, plugin);
  const result = workspace.nx(['show', 'projects', '--json']);
  const projects = JSON.parse(result.stdout) as string[];
  if (projects.length < expectAtLeast) {
    throw new Error(`nx show projects listed ${projects.length} projects, expected at least ${expectAtLeast}.`);
  }
  return result.durationMs;
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

export function runNxBench(options: { quick: boolean }): BenchReport {
  const base = mkdtempSync(join(tmpdir(), 'dlthub-bench-nx-'));
  try {
    const workspace = createPackedConsumer(base, { extraDependencies: { '@nx/js': repoNxVersion() } });
    const iterations = options.quick ? 3 : 7;

    const generators = alternate(
      iterations,
      (round) => workspace.nx(['g', '@dlthub/nx:workspace', `gen_ws${round}`, '--directory', `gen/ws${round}`]).durationMs,
      (round) =>
        workspace.nx([
          'g', '@nx/js:lib', `libs/lib${round}`,
          '--bundler=none', '--unitTestRunner=none', '--linter=none', '--no-interactive',
        ]).durationMs,
    );
    rmSync(join(workspace.dir, 'gen'), { recursive: true, force: true });
    rmSync(join(workspace.dir, 'libs'), { recursive: true, force: true });

    writeDltWorkspaces(workspace.dir, GRAPH_WORKSPACES);
    const graph = alternate(
      iterations,
      () => showProjects(workspace, true, GRAPH_WORKSPACES),
      () => showProjects(workspace, false, 0),
    );

    const generatorRatio = median(generators.a) / median(generators.b);
    const graphRatio = median(graph.a) / median(graph.b);
    const verdict = (ratio: number): string => (ratio <= NX_RATIO_TARGET ? 'within' : 'OVER');
    return {
      ratio: Math.max(generatorRatio, graphRatio),
      target: NX_RATIO_TARGET,
      lines: [
        `setup: npm pack ${ms(workspace.packMs)}, npm install ${ms(workspace.installMs)} (nx ${repoNxVersion()}, no daemon)`,
        `nx g @dlthub/nx:workspace: median ${ms(median(generators.a))} over ${iterations} runs`,
        `nx g @nx/js:lib (baseline): median ${ms(median(generators.b))}`,
        `generator ratio: ${generatorRatio.toFixed(2)}x (target <= ${NX_RATIO_TARGET}x, ${verdict(generatorRatio)})`,
        `nx show projects, ${GRAPH_WORKSPACES} dltHub workspaces, with @dlthub/nx: median ${ms(median(graph.a))}`,
        `nx show projects, same files, without the plugin (baseline): median ${ms(median(graph.b))}`,
        `graph ratio: ${graphRatio.toFixed(2)}x (target <= ${NX_RATIO_TARGET}x, ${verdict(graphRatio)})`,
      ],
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

export const nxBenchmark: Benchmark = {
  name: 'nx',
  description: '@dlthub/nx: workspace generator vs @nx/js:lib, and project inference over 500 workspaces vs none',
  run: runNxBench,
};
