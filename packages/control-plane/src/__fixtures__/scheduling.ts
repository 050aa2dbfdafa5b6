/**
 * A control plane on a controlled clock with a workspace whose code is plain Python modules (real `python3`
 * processes), for the scheduler's end-to-end specs. Each module prints the trigger and the window it got.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPaths, type Run } from '@dlthub/api-schema';
import { ManualClock } from '@dlthub/scheduler';
import { startControlPlane, type ControlPlaneOptions, type RunningControlPlane } from '../server';
import { aliceToken, api, demoSeed, uploadCode } from './harness';

export const T0 = '2026-03-02T00:00:00Z';

/** Prints what the run context gave the job: the trigger and the interval, as environment variables. */
const reporter = (extra = '') =>
  `import os, sys\nif __name__ == "__main__":\n    print(os.environ["DLTHUB_TRIGGER"], os.environ.get("DLT_INTERVAL_START"), os.environ.get("DLT_INTERVAL_END"), flush=True)\n${extra}`;

/** The code package every scheduling spec deploys: `jobs.<module>` runs `python -m <module>`. */
export function schedulingCode(goFile: string): Record<string, string> {
  const code: Record<string, string> = {};
  for (const name of ['tick', 'other', 'a', 'b', 'c', 'good', 'never', 'keep', 'drop']) code[`${name}.py`] = reporter();
  code['bad.py'] = reporter('    sys.exit(1)\n');
  code['onfail.py'] = reporter();
  // Runs until the test creates the file: how long it runs is up to the test, not to a sleep.
  code['waiter.py'] = reporter(
    `    import time\n    while not os.path.exists(${JSON.stringify(goFile)}):\n        time.sleep(0.05)\n`,
  );
  return code;
}

export interface SchedulingPlane {
  plane: RunningControlPlane;
  clock: ManualClock;
  workspace: string;
  goFile: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Runs of a job, oldest first. */
  runsOf(jobRef: string): Promise<Run[]>;
  /** Moves the clock (its timers run on the way), then waits until every run and follow-up has ended. */
  advanceTo(iso: string): Promise<void>;
  settle(): Promise<void>;
  deploy(jobs: unknown[]): Promise<{ status: number; body: any }>;
  restart(clock: ManualClock): Promise<void>;
}

/** Uploads the code and a configuration to the demo seed's `marketing` workspace of `plane`. */
export async function prepareWorkspace(
  plane: RunningControlPlane,
  dir: string,
  goFile: string,
): Promise<{ workspace: string }> {
  const list = await api(plane.url, 'GET', apiPaths.workspaces(), { token: aliceToken });
  const workspace = list.body.items.find((w: { name: string }) => w.name === 'marketing').id as string;
  await uploadCode(plane.url, workspace, dir, schedulingCode(goFile));
  return { workspace };
}

/** Waits (bounded) until no run of the workspace is active and the scheduler has nothing in flight. */
export async function settle(planes: RunningControlPlane[], workspace: string): Promise<void> {
  const [first] = planes;
  if (!first) return;
  for (let attempt = 0; attempt < 1200; attempt++) {
    for (const each of planes) await each.scheduler.idle();
    const runs = await api(first.url, 'GET', `${apiPaths.workspaceRuns(workspace)}?limit=100`, { token: aliceToken });
    const active = (runs.body.items as Run[]).filter((run) => ['pending', 'starting', 'running'].includes(run.status));
    if (active.length === 0) {
      for (const each of planes) await each.scheduler.idle();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('runs did not end within 60 s');
}

export async function startSchedulingPlane(
  dir: string,
  clock: ManualClock,
  options: Partial<ControlPlaneOptions> = {},
): Promise<SchedulingPlane> {
  const goFile = join(dir, 'go');
  let plane = await startControlPlane({ dataDir: join(dir, 'data'), seed: demoSeed, clock, ...options });
  const { workspace } = await prepareWorkspace(plane, dir, goFile);
  const call = (method: string, path: string, body?: unknown) =>
    api(plane.url, method, path, { token: aliceToken, body });
  const handle: SchedulingPlane = {
    get plane() {
      return plane;
    },
    get clock() {
      return clock;
    },
    workspace,
    goFile,
    call,
    async runsOf(jobRef) {
      const page = await call('GET', `${apiPaths.workspaceRuns(workspace)}?job=${jobRef}&limit=100`);
      return [...(page.body.items as Run[])].reverse();
    },
    async settle() {
      await settle([plane], workspace);
    },
    async advanceTo(iso) {
      await clock.advanceTo(iso);
      await settle([plane], workspace);
    },
    deploy: (jobs) => call('POST', apiPaths.workspaceDeploy(workspace), { jobs }),
    async restart(next) {
      await plane.close();
      clock = next;
      plane = await startControlPlane({ dataDir: join(dir, 'data'), clock, ...options });
      // The scheduler scans on start: its first timer is due at the clock's now.
      await clock.advance(0);
      await settle([plane], workspace);
    },
  };
  return handle;
}

/** What a job printed: `<trigger> <interval_start> <interval_end>`. */
export async function printed(scheduling: SchedulingPlane, run: Run): Promise<string> {
  const logs = await scheduling.call('GET', apiPaths.workspaceRunLogs(scheduling.workspace, run.id));
  return (logs.body.items as { content: string }[]).map((line) => line.content).join('\n');
}

export function createGoFile(scheduling: SchedulingPlane): void {
  writeFileSync(scheduling.goFile, 'go');
}
