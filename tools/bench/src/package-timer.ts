/**
 * Times `buildCodePackage` in a Node process of its own that never spawns anything. The bench process
 * spawns `tar czf` (and python3, dlthub) between samples, and every spawn forks it: afterwards each heap
 * page it writes takes a copy-on-write fault. A build right after a spawn took about 35 ms more (1,900
 * more page faults) than the same build after another build, a cost of the bench's own spawn that
 * neither `tar czf` (a fresh process) nor the CLI (which does not fork before packaging) pays.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { buildCodePackage } from '@dlthub/deployment';

export interface PackageTiming {
  ms: number;
  fileCount: number;
  tarballBytes: number;
  paths: string[];
}

export interface PackageTimer {
  time(rootDir: string): Promise<PackageTiming>;
  stop(): Promise<void>;
}

/** Starts the timing process (this module, run as a script). */
export function startPackageTimer(): PackageTimer {
  const child: ChildProcess = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    async time(rootDir) {
      child.send(rootDir);
      // once() with a signal removes its listener when the other side of the race wins.
      const settled = new AbortController();
      const exited = once(child, 'exit', { signal: settled.signal }).then(() => {
        throw new Error('The buildCodePackage timing process exited.');
      });
      exited.catch(() => undefined);
      try {
        const [reply] = (await Promise.race([once(child, 'message'), exited])) as [PackageTiming | { error: string }];
        if ('error' in reply) throw new Error(`buildCodePackage failed in the timing process: ${reply.error}`);
        return reply;
      } finally {
        settled.abort();
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.disconnect();
      await once(child, 'exit');
    },
  };
}

/**
 * Times the first `buildCodePackage` of a fresh Node process, as a one-shot command like `dlthub deploy` runs
 * it: its code not yet compiled by the JIT, its heap still growing. Node's own start is not counted.
 */
export function timeFirstBuild(rootDir: string): number {
  const output = execFileSync(process.execPath, [__filename, '--once', rootDir], { maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(output.toString()) as PackageTiming).ms;
}

async function timeOnce(rootDir: string): Promise<PackageTiming> {
  const start = process.hrtime.bigint();
  const built = await buildCodePackage(rootDir);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return {
    ms,
    fileCount: built.fileCount,
    tarballBytes: built.tarball.length,
    paths: built.manifest.files.map((file) => file.relative_path),
  };
}

if (require.main === module && process.argv[2] === '--once') {
  timeOnce(process.argv[3]!).then(
    (timing) => process.stdout.write(JSON.stringify(timing)),
    (error: unknown) => {
      console.error(`buildCodePackage failed in the timing process: ${String(error)}`);
      process.exitCode = 1;
    },
  );
} else if (require.main === module && process.send) {
  process.on('message', (rootDir: string) => {
    timeOnce(rootDir).then(
      (timing) => process.send!(timing),
      (error: unknown) => process.send!({ error: String(error) }),
    );
  });
}
