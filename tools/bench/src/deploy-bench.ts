/**
 * Deployment client: (1) packaging a 2,000-file workspace (selection, SHA3 digests, manifest.yaml,
 * tar + gzip; timed in a process of its own, see package-timer.ts) vs `tar czf` of the same tree, and
 * the same packaging as the first of a fresh process (no target: a one-shot command's JIT warm-up);
 * (2) generating the manifest of a 50-job workspace vs `python3` parsing the same files with `ast` and
 * nothing else; (3) `dlthub run hello.py -f` (a job printing one line) on a local control plane started
 * here, from command to exit, vs `python3 hello.py`, and the same job with `dlthub local run hello.py -f`;
 * (4) `dlthub deploy` with nothing changed, from command to exit, in the 2,000-file workspace vs a one-job
 * workspace: what a workspace's size costs the command (no target; the per-file work of a deploy shows here);
 * (5) `dlthub run chatty.py -f`, a job printing 50,000 lines, vs `python3 chatty.py` (no target).
 * Medians, sides interleaved so machine load hits both alike. Targets: ≤ 1.5×, ≤ 2×, ≤ 10× (both runs).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateManifest } from '@dlthub/deployment';
import type { Benchmark } from './benchmark';
import { median } from './measure';
import { startPackageTimer, timeFirstBuild, type PackageTimer } from './package-timer';
import {
  benchOrgId,
  connectAndDeploy,
  connectAndWarmUp,
  DEPLOY_WORKSPACES,
  generateDeployableWorkspace,
  generateHelloWorkspace,
  startRemoteRunPlane,
  type RemoteRunSetup,
} from './remote-run';

export const PACKAGE_RATIO_TARGET = 1.5;
export const MANIFEST_RATIO_TARGET = 2;
export const LOCAL_RUN_RATIO_TARGET = 10;
export const REMOTE_RUN_RATIO_TARGET = 10;
const CHATTY_LINES = 50_000;
const CHATTY_PY = `if __name__ == "__main__":\n    for i in range(${CHATTY_LINES}):\n        print(f"line {i} of a chatty job")\n`;

function dlthubBin(): string {
  return path.join(path.dirname(require.resolve('@dlthub/cli/package.json')), 'bin', 'dlthub.js');
}

/** `files` source files in 20 packages, with a `.gitignore` and some ignored build output beside them. */
export function generatePackagingWorkspace(rootDir: string, files = 2000): void {
  const perDir = Math.ceil(files / 20);
  fs.writeFileSync(path.join(rootDir, '.gitignore'), '__pycache__/\n*.pyc\n.venv/\n');
  for (let dir = 0; dir < 20; dir++) {
    const dirPath = path.join(rootDir, `pkg_${dir}`);
    fs.mkdirSync(path.join(dirPath, '__pycache__'), { recursive: true });
    for (let index = 0; index < perDir && dir * perDir + index < files - 1; index++) {
      const body =
        `"""Module ${dir}.${index}."""\n\n` +
        `def f_${index}(x):\n    return x * ${index}\n\n`.repeat(20 + (index % 40));
      fs.writeFileSync(path.join(dirPath, `m_${index}.py`), body);
    }
    fs.writeFileSync(path.join(dirPath, '__pycache__', 'ignored.cpython-311.pyc'), 'x');
  }
  fs.writeFileSync(path.join(rootDir, 'README.md'), '# bench workspace\n');
}

/** `jobs` modules with one decorated job each (schedules, follow-ups, pipelines) and a `__deployment__.py`. */
export function generateJobsWorkspace(rootDir: string, jobs = 50): string[] {
  const names: string[] = [];
  for (let index = 0; index < jobs; index++) {
    const name = `job_${index}`;
    names.push(name);
    const trigger =
      index === 0
        ? 'trigger.every("5m")'
        : index % 3 === 0
          ? `trigger.schedule("${index % 60} * * * *")`
          : `job_${index - 1}.success`;
    const upstream = index === 0 || index % 3 === 0 ? '' : `from job_${index - 1} import job_${index - 1}\n`;
    const decorator =
      index % 2 === 0
        ? `@run.pipeline("pipeline_${index}", trigger=${trigger})`
        : `@run.job(trigger=${trigger}, expose={"tags": ["t${index % 5}"]})`;
    fs.writeFileSync(
      path.join(rootDir, `${name}.py`),
      `"""Job module ${index}."""\nimport dlt\nfrom dlt.hub import run\nfrom dlt.hub.run import trigger\n${upstream}\n\n` +
        `${decorator}\ndef ${name}(limit: int = dlt.config.value):\n    """Job ${index}."""\n    return limit\n\n\n` +
        `if __name__ == "__main__":\n    ${name}()\n`,
    );
  }
  fs.writeFileSync(
    path.join(rootDir, '__deployment__.py'),
    `"""Bench workspace"""\n${names.map((name) => `from ${name} import ${name}`).join('\n')}\n\n__all__ = ${JSON.stringify(names)}\n`,
  );
  return [...names.map((name) => `${name}.py`), '__deployment__.py'];
}

async function timeMs(task: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await task();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const deployBenchmark: Benchmark = {
  name: 'deploy',
  description:
    'code package vs `tar czf` (target ≤ 1.5×); manifest generation vs python3 ast parse (target ≤ 2×); `dlthub run hello.py -f` on a local control plane and `dlthub local run hello.py -f` vs `python3 hello.py` (target ≤ 10×); `dlthub deploy` unchanged, 2,000-file vs one-job workspace; `dlthub run chatty.py -f` (50,000 lines) vs python3',
  async run({ quick }) {
    const iterations = quick ? 3 : 9;
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-deploy-bench-'));
    let remote: RemoteRunSetup | undefined;
    let packageTimer: PackageTimer | undefined;
    try {
      const packagingRoot = path.join(base, 'packaging');
      fs.mkdirSync(packagingRoot);
      generatePackagingWorkspace(packagingRoot);
      const fileList = path.join(base, 'files.txt');
      const archive = path.join(base, 'baseline.tgz');
      const jobsRoot = path.join(base, 'jobs');
      fs.mkdirSync(jobsRoot);
      const jobFiles = generateJobsWorkspace(jobsRoot);
      // Same interpreter flags as the reader, so the baseline differs only in the work done.
      const parseOnly = 'import ast,sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f,"rb").read(), filename=f)';

      // Timed in a process that spawns nothing (see package-timer.ts); this first build warms it up.
      packageTimer = startPackageTimer();
      let packaged = await packageTimer.time(packagingRoot);
      // The baseline archives exactly the files the package ships.
      fs.writeFileSync(fileList, packaged.paths.join('\n') + '\n');
      const tarBaseline = () => execFileSync('tar', ['czf', archive, '-C', packagingRoot, '-T', fileList]);
      const parseBaseline = () =>
        execFileSync('python3', ['-I', '-S', '-c', parseOnly, ...jobFiles], { cwd: jobsRoot, stdio: 'ignore' });
      const helloRoot = path.join(base, 'hello');
      generateHelloWorkspace(helloRoot);
      const env = { PATH: process.env.PATH ?? '', HOME: base, DLTHUB_GLOBAL_DIR: path.join(base, 'global') };
      const bin = dlthubBin();
      const localRun = () =>
        execFileSync(process.execPath, [bin, 'local', 'run', 'hello.py', '-f'], { cwd: helloRoot, env, stdio: 'pipe' });
      const pythonRun = () => execFileSync('python3', ['hello.py'], { cwd: helloRoot, env, stdio: 'pipe' });
      if (localRun().toString() !== 'hello\n') throw new Error('dlthub local run hello.py did not print hello');
      const remoteRoot = path.join(base, 'remote');
      fs.mkdirSync(remoteRoot);
      remote = await startRemoteRunPlane(remoteRoot);
      const remoteEnv = remote.env;
      const remoteHello = path.join(remoteRoot, 'hello');
      generateHelloWorkspace(remoteHello);
      const orgId = await benchOrgId(remote.url);
      // The first run connects and uploads; the measured ones find code and configuration unchanged.
      if (connectAndWarmUp(bin, remoteHello, remoteEnv, orgId) !== 'hello\n')
        throw new Error('dlthub run hello.py -f did not print hello');
      const deployRoots = {
        small: path.join(remoteRoot, 'deploy-small'),
        large: path.join(remoteRoot, 'deploy-large'),
      };
      fs.mkdirSync(deployRoots.large);
      generatePackagingWorkspace(deployRoots.large);
      for (const size of ['small', 'large'] as const) {
        generateDeployableWorkspace(deployRoots[size]);
        connectAndDeploy(bin, deployRoots[size], remoteEnv, orgId, DEPLOY_WORKSPACES[size]);
      }
      const deploy = (size: 'small' | 'large') => () =>
        execFileSync(process.execPath, [bin, 'deploy'], { cwd: deployRoots[size], env: remoteEnv, stdio: 'pipe' });
      // A job whose output is most of its work: every line is stored by the control plane and streamed to the CLI.
      fs.writeFileSync(path.join(remoteHello, 'chatty.py'), CHATTY_PY);
      const chattyRemote = () =>
        execFileSync(process.execPath, [bin, 'run', 'chatty.py', '-f'], {
          cwd: remoteHello,
          env: remoteEnv,
          stdio: 'pipe',
          maxBuffer: 64 * 1024 * 1024,
        });
      const chattyPython = () =>
        execFileSync('python3', ['chatty.py'], { cwd: remoteHello, env, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
      if (chattyRemote().toString() !== chattyPython().toString())
        throw new Error('dlthub run chatty.py -f did not print what python3 chatty.py prints');
      const remoteRun = () =>
        execFileSync(process.execPath, [bin, 'run', 'hello.py', '-f'], {
          cwd: remoteHello,
          env: remoteEnv,
          stdio: 'pipe',
        });
      pythonRun();
      let jobCount = 0;
      tarBaseline();
      parseBaseline();
      jobCount = (await generateManifest(jobsRoot)).manifest.jobs.length;

      const samples = {
        tar: [] as number[],
        pack: [] as number[],
        ast: [] as number[],
        manifest: [] as number[],
        python: [] as number[],
        localRun: [] as number[],
        remoteRun: [] as number[],
        deploySmall: [] as number[],
        deployLarge: [] as number[],
        chattyPython: [] as number[],
        chattyRemote: [] as number[],
        tarBeside: [] as number[],
        firstPack: [] as number[],
      };
      for (let round = 0; round < iterations; round++) {
        samples.tar.push(await timeMs(tarBaseline));
        packaged = await packageTimer.time(packagingRoot);
        samples.pack.push(packaged.ms);
        samples.ast.push(await timeMs(parseBaseline));
        samples.manifest.push(await timeMs(() => generateManifest(jobsRoot)));
        samples.python.push(await timeMs(pythonRun));
        samples.localRun.push(await timeMs(localRun));
        samples.remoteRun.push(await timeMs(remoteRun));
      }
      // Rounds of their own, so that the lines above are measured as before, without the deploys' load.
      for (let round = 0; round < iterations; round++) {
        samples.deploySmall.push(await timeMs(deploy('small')));
        samples.deployLarge.push(await timeMs(deploy('large')));
        samples.chattyPython.push(await timeMs(chattyPython));
        samples.chattyRemote.push(await timeMs(chattyRemote));
      }
      // And the packaging a one-shot command pays, in a fresh process, with its own tar czf beside it.
      for (let round = 0; round < iterations; round++) {
        samples.tarBeside.push(await timeMs(tarBaseline));
        samples.firstPack.push(timeFirstBuild(packagingRoot));
      }
      const tarMs = median(samples.tar);
      const packMs = median(samples.pack);
      const astMs = median(samples.ast);
      const manifestMs = median(samples.manifest);
      const packRatio = packMs / tarMs;
      const manifestRatio = manifestMs / astMs;
      const pythonMs = median(samples.python);
      const localRunMs = median(samples.localRun);
      const localRunRatio = localRunMs / pythonMs;
      const remoteRunMs = median(samples.remoteRun);
      const remoteRunRatio = remoteRunMs / pythonMs;
      const deploySmallMs = median(samples.deploySmall);
      const deployLargeMs = median(samples.deployLarge);
      const chattyPythonMs = median(samples.chattyPython);
      const chattyRemoteMs = median(samples.chattyRemote);
      const tarBesideMs = median(samples.tarBeside);
      const firstPackMs = median(samples.firstPack);
      const verdict = (ratio: number, target: number) => (ratio <= target ? 'ok' : 'OVER TARGET');
      return {
        lines: [
          `code package: ${packaged.fileCount} files, ${(packaged.tarballBytes / 1024).toFixed(0)} KiB gz` +
            ` (tar czf: ${(fs.statSync(archive).size / 1024).toFixed(0)} KiB)`,
          `  buildCodePackage ${packMs.toFixed(1)} ms vs tar czf ${tarMs.toFixed(1)} ms → ${packRatio.toFixed(2)}× (target ≤ ${PACKAGE_RATIO_TARGET}×, ${verdict(packRatio, PACKAGE_RATIO_TARGET)})`,
          `  first buildCodePackage of a fresh process ${firstPackMs.toFixed(1)} ms vs tar czf ${tarBesideMs.toFixed(1)} ms → ${(firstPackMs / tarBesideMs).toFixed(2)}× (no target: what a one-shot command pays before the JIT has compiled its code; Node's start not counted)`,
          `manifest: ${jobCount} jobs from ${jobFiles.length} files`,
          `  generateManifest ${manifestMs.toFixed(1)} ms vs python3 ast.parse ${astMs.toFixed(1)} ms → ${manifestRatio.toFixed(2)}× (target ≤ ${MANIFEST_RATIO_TARGET}×, ${verdict(manifestRatio, MANIFEST_RATIO_TARGET)})`,
          `run: a job printing one line, from command to exit`,
          `  dlthub run hello.py -f ${remoteRunMs.toFixed(1)} ms vs python3 hello.py ${pythonMs.toFixed(1)} ms → ${remoteRunRatio.toFixed(2)}× (target ≤ ${REMOTE_RUN_RATIO_TARGET}×, ${verdict(remoteRunRatio, REMOTE_RUN_RATIO_TARGET)}; local control plane, API key)`,
          `  dlthub local run hello.py -f ${localRunMs.toFixed(1)} ms vs python3 hello.py ${pythonMs.toFixed(1)} ms → ${localRunRatio.toFixed(2)}× (target ≤ ${LOCAL_RUN_RATIO_TARGET}×, ${verdict(localRunRatio, LOCAL_RUN_RATIO_TARGET)})`,
          `deploy: \`dlthub deploy\` with code and configuration unchanged, from command to exit`,
          `  ${packaged.fileCount + 2}-file workspace ${deployLargeMs.toFixed(1)} ms vs one-job workspace ${deploySmallMs.toFixed(1)} ms → ${(deployLargeMs / deploySmallMs).toFixed(2)}× (no target: what the workspace's size costs the command)`,
          `run: a job printing ${CHATTY_LINES.toLocaleString('en-US')} lines, from command to exit`,
          `  dlthub run chatty.py -f ${chattyRemoteMs.toFixed(1)} ms vs python3 chatty.py ${chattyPythonMs.toFixed(1)} ms → ${(chattyRemoteMs / chattyPythonMs).toFixed(2)}× (no target: what storing and streaming each line costs)`,
          `(medians of ${iterations} interleaved rounds)`,
        ],
        // The packaging ratio is the headline; the manifest ratio is printed above with its own target.
        ratio: packRatio,
        target: PACKAGE_RATIO_TARGET,
      };
    } finally {
      await remote?.stop();
      await packageTimer?.stop();
      fs.rmSync(base, { recursive: true, force: true });
    }
  },
};
