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
/** The plugin's own work (reading names and files) over a plugin returning the same projects. */
export const PLUGIN_SHARE_TARGET = 1.05;
export const GRAPH_WORKSPACES = 500;

function writeDltWorkspaces(root: string, count: number): void {
  for (let index = 0; index < count; index++) {
    const settings = join(root, 'workspaces', `ws${index}`, '.dlt');
    mkdirSync(settings, { recursive: true });
    writeFileSync(join(settings, '.workspace'), '');
    writeFileSync(join(settings, 'config.toml'), `[workspace.settings]\nname = "bench_ws${index}"\n`);
  }
}

function setPlugins(workspace: ConsumerWorkspace, plugins: string[]): void {
  const path = join(workspace.dir, 'nx.json');
  const nxJson = JSON.parse(readFileSync(path, 'utf-8')) as { plugins?: unknown[] };
  nxJson.plugins = plugins;
  writeFileSync(path, `${JSON.stringify(nxJson, null, 2)}\n`);
}

/**
 * Samples of several commands taken in rotation (the order shifts every round, so no side always
 * runs right after another); the first round is a warm-up and is dropped.
 */
function rotate(iterations: number, commands: ReadonlyArray<(round: number) => number>): number[][] {
  const samples = commands.map((): number[] => []);
  for (let round = 0; round <= iterations; round++) {
    for (let step = 0; step < commands.length; step++) {
      const index = (round + step) % commands.length;
      const duration = commands[index](round);
      if (round > 0) samples[index].push(duration);
    }
  }
  return samples;
}

/**
 * Two reference plugins on the same glob, installed like @dlthub/nx: `empty` returns nothing (what
 * any isolated Nx plugin costs: worker start, file matching); `floor` is a do-nothing plugin that
 * returns the same 500 projects, names, tags and targets as @dlthub/nx but reads no file (what Nx
 * itself spends on them). @dlthub/nx over `floor` is the plugin's own share.
 */
const REFERENCE_PLUGINS: Record<'empty' | 'floor', string> = {
  empty: "const createNodesV2 = ['**/.dlt/.workspace', (files) => files.map((file) => [file, {}])];",
  floor: [
    "const { dirname } = require('node:path');",
    'const target = (command, cwd, dependsOn) => ({',
    "  executor: 'nx:run-commands',",
    '  options: { command, cwd },',
    '  cache: false,',
    '  ...(dependsOn ? { dependsOn } : {}),',
    "  metadata: { description: command, technologies: ['dlthub'] },",
    '});',
    "const createNodesV2 = ['**/.dlt/.workspace', (files) => files.map((file) => {",
    '  const root = dirname(dirname(file));',
    "  const cli = 'node ../../node_modules/@dlthub/cli/bin/dlthub.js';",
    '  const targets = {',
    "    'dlthub-info': target(cli + ' local info', root),",
    "    'dlthub-validate': target(cli + ' config validate', root),",
    "    'dlthub-validate-synced': target(cli + ' config validate --synced', root),",
    "    'dlthub-sync': target(cli + ' configuration sync', root, ['dlthub-validate-synced']),",
    "    deploy: target(cli + ' deploy', root, ['dlthub-validate-synced']),",
    '  };',
    "  const name = 'bench_' + root.split('/').pop();",
    "  return [file, { projects: { [root]: { name, targets, tags: ['dlthub:workspace'], metadata: { technologies: ['dlthub', 'python'] } } } }];",
    '})];',
  ].join('\n'),
};

function installReferencePlugin(workspace: ConsumerWorkspace, kind: 'empty' | 'floor'): string {
  const name = `bench-${kind}-plugin`;
  // In node_modules like @dlthub/nx: a local .js path would make Nx register a transpiler first.
  const dir = join(workspace.dir, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '0.0.0', main: 'index.js' }));
  writeFileSync(
    join(dir, 'index.js'),
    `${REFERENCE_PLUGINS[kind]}\nmodule.exports = { createNodesV2, createNodes: createNodesV2 };\n`,
  );
  return name;
}

function showProjects(workspace: ConsumerWorkspace, plugins: string[], expectAtLeast: number): number {
  setPlugins(workspace, plugins);
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
    const iterations = options.quick ? 3 : 11;

    const [dlthubGenerator, jsLibGenerator] = rotate(iterations, [
      (round) =>
        workspace.nx(['g', '@dlthub/nx:workspace', `gen_ws${round}`, '--directory', `gen/ws${round}`]).durationMs,
      (round) =>
        workspace.nx([
          'g',
          '@nx/js:lib',
          `libs/lib${round}`,
          '--bundler=none',
          '--unitTestRunner=none',
          '--linter=none',
          '--no-interactive',
        ]).durationMs,
    ]) as [number[], number[]];
    rmSync(join(workspace.dir, 'gen'), { recursive: true, force: true });
    rmSync(join(workspace.dir, 'libs'), { recursive: true, force: true });

    writeDltWorkspaces(workspace.dir, GRAPH_WORKSPACES);
    const emptyPlugin = installReferencePlugin(workspace, 'empty');
    const floorPlugin = installReferencePlugin(workspace, 'floor');
    // Every sample rewrites nx.json, so Nx recomputes the project graph each time on every side.
    const [withPlugin, withoutPlugin, withEmpty, withFloor] = rotate(iterations, [
      () => showProjects(workspace, ['@dlthub/nx'], GRAPH_WORKSPACES),
      () => showProjects(workspace, [], 0),
      () => showProjects(workspace, [emptyPlugin], 0),
      () => showProjects(workspace, [floorPlugin], GRAPH_WORKSPACES),
    ]) as [number[], number[], number[], number[]];

    const generatorRatio = median(dlthubGenerator) / median(jsLibGenerator);
    const graphRatio = median(withPlugin) / median(withoutPlugin);
    const shareRatio = median(withPlugin) / median(withFloor);
    const verdict = (ratio: number): string => (ratio <= NX_RATIO_TARGET ? 'within' : 'OVER');
    return {
      ratio: Math.max(generatorRatio, graphRatio),
      target: NX_RATIO_TARGET,
      lines: [
        `setup: npm pack ${ms(workspace.packMs)}, npm install ${ms(workspace.installMs)} (nx ${repoNxVersion()}, no daemon)`,
        `nx g @dlthub/nx:workspace: median ${ms(median(dlthubGenerator))} over ${iterations} runs`,
        `nx g @nx/js:lib (baseline): median ${ms(median(jsLibGenerator))}`,
        `generator ratio: ${generatorRatio.toFixed(2)}x (target <= ${NX_RATIO_TARGET}x, ${verdict(generatorRatio)}); ` +
          `best runs ${(Math.min(...dlthubGenerator) / Math.min(...jsLibGenerator)).toFixed(2)}x`,
        `nx show projects, ${GRAPH_WORKSPACES} dltHub workspaces, with @dlthub/nx: median ${ms(median(withPlugin))}`,
        `nx show projects, same files, without the plugin (baseline): median ${ms(median(withoutPlugin))}`,
        `graph ratio: ${graphRatio.toFixed(2)}x (target <= ${NX_RATIO_TARGET}x, ${verdict(graphRatio)}); ` +
          `best runs ${ms(Math.min(...withPlugin))} vs ${ms(Math.min(...withoutPlugin))} = ${(Math.min(...withPlugin) / Math.min(...withoutPlugin)).toFixed(2)}x`,
        `  reference: a plugin returning nothing ${ms(median(withEmpty))}; ` +
          `a do-nothing plugin returning the same ${GRAPH_WORKSPACES} projects and targets ${ms(median(withFloor))} ` +
          `(${(median(withFloor) / median(withoutPlugin)).toFixed(2)}x: Nx's own cost of that many inferred projects)`,
        `plugin share: @dlthub/nx over that do-nothing plugin ${shareRatio.toFixed(2)}x (target <= ${PLUGIN_SHARE_TARGET}x, ${shareRatio <= PLUGIN_SHARE_TARGET ? 'within' : 'OVER'})`,
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
