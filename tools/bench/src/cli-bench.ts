/**
 * Cold start of the `dlthub` binary: `dlthub --version`, and `dlthub config get runtime.log_level` in a
 * scaffolded workspace, each as a ratio to `node -e 0` measured in the same run (medians, interleaved so
 * machine load hits both sides alike). Target: ≤ 1.5×.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Benchmark } from './benchmark';
import { median } from './measure';

const TARGET = 1.5;

function dlthubBin(): string {
  const cliPackage = require.resolve('@dlthub/cli/package.json');
  return path.join(path.dirname(cliPackage), 'bin', 'dlthub.js');
}

/** The same read without the CLI: config-core's read entry opened and asked directly (attribution). */
function coreOnlyScript(): string {
  const readEntry = require.resolve('@dlthub/config-core/read');
  return `const w = require(${JSON.stringify(readEntry)}).openWorkspace({ cwd: process.cwd(), env: {} });
require('node:fs').writeSync(1, String(w.get('runtime.log_level').value) + '\\n');`;
}

function spawnMs(args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} failed (${result.status}): ${String(result.stderr)}`);
  return elapsed;
}

export const cliBenchmark: Benchmark = {
  name: 'cli',
  description: 'dlthub cold start vs `node -e 0` (median of N spawns, target ≤ 1.5×)',
  run({ quick }) {
    const iterations = quick ? 7 : 21;
    const bin = dlthubBin();
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-cli-bench-'));
    const workspace = path.join(base, 'bench');
    fs.mkdirSync(workspace);
    const env = { PATH: process.env.PATH ?? '', HOME: base, DLTHUB_GLOBAL_DIR: path.join(base, 'global') };
    try {
      spawnMs([bin, 'init', '--dependencies', 'requirements'], workspace, env);
      const cases = {
        baseline: ['-e', '0'],
        version: [bin, '--version'],
        configGet: [bin, 'config', 'get', 'runtime.log_level'],
        coreOnly: ['-e', coreOnlyScript()],
      };
      const samples: Record<keyof typeof cases, number[]> = { baseline: [], version: [], configGet: [], coreOnly: [] };
      // One unmeasured round warms the file cache for all three.
      for (const args of Object.values(cases)) spawnMs(args, workspace, env);
      for (let round = 0; round < iterations; round++) {
        for (const [name, args] of Object.entries(cases) as Array<[keyof typeof cases, string[]]>) {
          samples[name].push(spawnMs(args, workspace, env));
        }
      }
      const baseline = median(samples.baseline);
      const version = median(samples.version);
      const configGet = median(samples.configGet);
      const coreOnly = median(samples.coreOnly);
      const ratio = Math.max(version, configGet) / baseline;
      const verdict = (value: number) => (value / baseline <= TARGET ? 'ok' : `over target ${TARGET}×`);
      const label = (text: string) => text.padEnd(38);
      return {
        ratio,
        target: TARGET,
        lines: [
          `${label('node -e 0:')}${baseline.toFixed(1)} ms (median of ${iterations}, interleaved)`,
          `${label('dlthub --version:')}${version.toFixed(1)} ms  ratio ${(version / baseline).toFixed(2)}×  ${verdict(version)}`,
          `${label('dlthub config get runtime.log_level:')}${configGet.toFixed(1)} ms  ratio ${(configGet / baseline).toFixed(2)}×  ${verdict(configGet)}`,
          `${label('  same read, config-core alone:')}${coreOnly.toFixed(1)} ms  ratio ${(coreOnly / baseline).toFixed(2)}×  (no CLI: the floor for config get)`,
        ],
      };
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  },
};
