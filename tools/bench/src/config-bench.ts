/**
 * Config engine benchmark: open a generated workspace (200 named destinations × 4 profiles,
 * env overrides) and resolve every field of every destination, against reading and parsing the
 * same files with smol-toml alone, in the same process. Reports medians, the ratio and peak memory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { openWorkspace } from '@dlthub/config-core';
import type { Benchmark, BenchReport } from './benchmark';
import { BENCH_PROFILES, benchRegistry, generateWorkspace, type GeneratedWorkspace } from './generate-workspace';
import { formatMb, memoryPeak, peakRssBytes, time } from './measure';

export const CONFIG_RATIO_TARGET = 2;

/** Opens every profile and resolves every destination field; returns how many fields were resolved. */
export function resolveEverything(
  workspace: GeneratedWorkspace,
  registry = benchRegistry(),
): { destinations: number; fields: number } {
  let destinations = 0;
  let fields = 0;
  for (const profile of BENCH_PROFILES) {
    const opened = openWorkspace({
      cwd: workspace.rootDir,
      env: workspace.env,
      globalDir: workspace.globalDir,
      profile,
      registry,
    });
    for (const name of opened.destinationNames()) {
      const resolved = opened.resolveDestination(name);
      destinations++;
      fields += Object.keys(resolved.config).length + Object.keys(resolved.credentials).length;
    }
  }
  return { destinations, fields };
}

/** Opens every profile (reads, parses, merges the files) without resolving anything. */
export function openEverything(workspace: GeneratedWorkspace, registry = benchRegistry()): number {
  let names = 0;
  for (const profile of BENCH_PROFILES) {
    names += openWorkspace({
      cwd: workspace.rootDir,
      env: workspace.env,
      globalDir: workspace.globalDir,
      profile,
      registry,
    }).destinationNames().length;
  }
  return names;
}

export function parseEverything(workspace: GeneratedWorkspace): number {
  let tables = 0;
  for (const profile of BENCH_PROFILES) {
    for (const file of workspace.filesByProfile[profile])
      tables += Object.keys(parse(fs.readFileSync(file, 'utf8'))).length;
  }
  return tables;
}

export function runConfigBench(options: { quick: boolean; destinations?: number }): BenchReport {
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-bench-config-'));
  try {
    const workspace = generateWorkspace(baseDir, options.destinations ?? 200);
    const registry = benchRegistry();
    // Steady state is what a long-lived process (the Nx daemon, a language server, a test run) sees:
    // both sides get the same warm-up. The first run in a fresh process is printed too.
    const iterations = options.quick ? 3 : 30;
    const warmup = options.quick ? 1 : 20;
    const peak = memoryPeak();
    let counts = { destinations: 0, fields: 0 };
    const coldBaseline = time(() => parseEverything(workspace), { warmup: 0, iterations: 1 });
    const coldEngine = time(() => resolveEverything(workspace, registry), { warmup: 0, iterations: 1 });
    // Baseline measured before and after the engine, so machine noise hits both alike.
    const baseline = time(() => parseEverything(workspace), { warmup, iterations, onSample: peak.sample });
    const engine = time(() => (counts = resolveEverything(workspace, registry)), {
      warmup,
      iterations,
      onSample: peak.sample,
    });
    const openOnly = time(() => openEverything(workspace, registry), { warmup, iterations, onSample: peak.sample });
    const baselineAgain = time(() => parseEverything(workspace), { warmup: 0, iterations, onSample: peak.sample });
    const baselineMs = Math.min(baseline.medianMs, baselineAgain.medianMs);
    const ratio = engine.medianMs / baselineMs;
    const coldRatio = coldEngine.medianMs / coldBaseline.medianMs;
    const fileCount = Object.values(workspace.filesByProfile).reduce((sum, files) => sum + files.length, 0);
    const envOverrides = Object.keys(workspace.env).length - 1;
    return {
      ratio,
      target: CONFIG_RATIO_TARGET,
      lines: [
        `workspace: ${workspace.destinationNames.length} destinations × ${BENCH_PROFILES.length} profiles, ${fileCount} TOML reads (${(workspace.totalTomlBytes / 1024).toFixed(0)} KB), ${envOverrides} env overrides`,
        `smol-toml read+parse only       median ${baselineMs.toFixed(2)} ms (${iterations} runs after ${warmup} warm-up runs)`,
        `openWorkspace only              median ${openOnly.medianMs.toFixed(2)} ms (read, parse, merge, list names)`,
        `openWorkspace + resolve all     median ${engine.medianMs.toFixed(2)} ms (${counts.destinations} destinations, ${counts.fields} fields, with provenance)`,
        `first run in this process       ${coldEngine.medianMs.toFixed(2)} ms vs ${coldBaseline.medianMs.toFixed(2)} ms parse only: ${coldRatio.toFixed(2)}× (module load and JIT included)`,
        `ratio ${ratio.toFixed(2)}× steady state (target ≤ ${CONFIG_RATIO_TARGET}×) ${ratio <= CONFIG_RATIO_TARGET ? 'OK' : 'OVER TARGET'}`,
        `peak RSS ${formatMb(peakRssBytes())}, peak heap used ${formatMb(peak.heapUsedBytes)}`,
      ],
    };
  } finally {
    fs.rmSync(baseDir, { recursive: true, force: true });
  }
}

export const configBenchmark: Benchmark = {
  name: 'config',
  description: 'open a workspace and resolve every destination field vs smol-toml parsing alone',
  run: runConfigBench,
};
