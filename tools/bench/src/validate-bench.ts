/**
 * Cold `dlthub config validate` over every profile of the generated workspace (200 destinations × 4
 * profiles, real destination types, env overrides), as one process the way the CLI and Nx run it,
 * against `node` reading and parsing the same files with smol-toml. Medians of interleaved spawns.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Benchmark } from './benchmark';
import { BENCH_PROFILES, generateWorkspace, REAL_TYPES } from './generate-workspace';
import { median } from './measure';

const TARGET = 1.5;

function dlthubBin(): string {
  return path.join(path.dirname(require.resolve('@dlthub/cli/package.json')), 'bin', 'dlthub.js');
}

/** What the baseline process does: read and parse every file each profile reads, nothing else. */
function parseOnlyScript(files: string[]): string {
  const smolToml = require.resolve('smol-toml');
  return `const { parse } = require(${JSON.stringify(smolToml)});
const fs = require('node:fs');
let tables = 0;
for (const file of ${JSON.stringify(files)}) tables += Object.keys(parse(fs.readFileSync(file, 'utf8'))).length;
fs.writeSync(1, tables + '\\n');`;
}

function spawnMs(args: string[], cwd: string, env: NodeJS.ProcessEnv, expectStatus = 0): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== expectStatus)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(-2000)}`);
  return elapsed;
}

export const validateBenchmark: Benchmark = {
  name: 'validate',
  description: `cold dlthub config validate (4 profiles) vs node + smol-toml parsing the same files (target ≤ ${TARGET}×)`,
  run({ quick }) {
    const iterations = quick ? 5 : 15;
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-validate-bench-'));
    try {
      const workspace = generateWorkspace(base, 200, REAL_TYPES);
      fs.writeFileSync(path.join(workspace.rootDir, '.gitignore'), 'secrets.toml\n*.secrets.toml\n');
      const env = {
        PATH: process.env.PATH ?? '',
        DLTHUB_GLOBAL_DIR: workspace.globalDir,
        NO_COLOR: '1',
        ...workspace.env,
      };
      const files = BENCH_PROFILES.flatMap((profile) => workspace.filesByProfile[profile] ?? []);
      const profileFlags = BENCH_PROFILES.flatMap((profile) => ['--profile', profile]);
      const validate = [dlthubBin(), 'config', 'validate', ...profileFlags];
      const parseOnly = ['-e', parseOnlyScript(files)];
      // The generated values are placeholders for real hosts; validate reports nothing worse than that.
      const check = spawnSync(process.execPath, [...validate, '--json'], { cwd: workspace.rootDir, env });
      const validateStatus = check.status ?? -1;
      const report = JSON.parse(String(check.stdout)) as { profiles?: Array<{ destinations?: unknown[] }> };
      const checked = (report.profiles ?? []).reduce((sum, profile) => sum + (profile.destinations?.length ?? 0), 0);
      if (checked !== 200 * BENCH_PROFILES.length)
        throw new Error(`config validate checked ${checked} destinations: ${String(check.stderr).slice(-2000)}`);

      const samples = { parseOnly: [] as number[], validate: [] as number[] };
      spawnMs(parseOnly, workspace.rootDir, env);
      for (let round = 0; round < iterations; round++) {
        samples.parseOnly.push(spawnMs(parseOnly, workspace.rootDir, env));
        samples.validate.push(spawnMs(validate, workspace.rootDir, env, validateStatus));
      }
      const baseline = median(samples.parseOnly);
      const measured = median(samples.validate);
      const ratio = measured / baseline;
      return {
        ratio,
        target: TARGET,
        lines: [
          `workspace: 200 destinations × ${BENCH_PROFILES.length} profiles, ${files.length} TOML reads, ${Object.keys(workspace.env).length - 1} env overrides`,
          `node + smol-toml, parse only:      ${baseline.toFixed(1)} ms (median of ${iterations}, interleaved)`,
          `dlthub config validate (4 profiles): ${measured.toFixed(1)} ms (${checked} destinations checked)`,
          `ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET}×) ${ratio <= TARGET ? 'OK' : 'OVER TARGET'}`,
        ],
      };
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  },
};
