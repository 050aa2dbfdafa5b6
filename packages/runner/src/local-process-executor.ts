/**
 * The embedded executor: each run is a Python process on this machine. It prepares the run directory,
 * chooses the profile, sets the run environment, starts `python -u python/launcher.py --run-id … --trigger …
 * --entry-point <json>` in its own process group, turns stdout/stderr into timestamped lines, enforces the
 * timeout (SIGTERM to the group, SIGKILL after the grace period), cancels on request, and for interactive
 * jobs hands out a loopback URL (through an activity proxy) and stops the app when it has been idle too long.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JobDefinition } from '@dlthub/deployment';
import {
  isTerminal,
  type Executor,
  type LogLine,
  type RunHandle,
  type RunRecord,
  type RunRequest,
  type RunStatus,
} from './executor';
import { declaredTimeout, runEnvironment, runtimeEntryPoint } from './environment';
import { splitLines } from './lines';
import { freePort, LOOPBACK, waitForPort } from './network';
import { configuredProfiles, dltDirOf, selectProfile } from './profile';
import { startProxy, type ActivityProxy } from './proxy';
import { resolvePython } from './python';
import { prepareRunDirectory } from './run-directory';

export const LAUNCHER_SCRIPT = path.join(__dirname, '..', 'python', 'launcher.py');

export interface LocalProcessExecutorOptions {
  /** Where package runs are extracted (`<runsDir>/<run id>`); default `<tmp>/dlthub-runs`. */
  runsDir?: string;
  /** Base environment of every run; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Interpreter for runs that name none. */
  python?: string;
  /** Keep extracted run directories after the run (they are deleted by default). */
  keepRunDirs?: boolean;
  /** Batch limit when the job declares none: null (the default) means no limit. The platform uses 7200. */
  defaultBatchTimeoutSeconds?: number | null;
  /** SIGTERM → SIGKILL grace when the job declares none; default 30. */
  defaultGracePeriodSeconds?: number;
  /** How long an interactive app may take to listen on its port; default 120 s. */
  interactiveStartSeconds?: number;
  /** How often idle interactive runs are checked; default 1000 ms. */
  idleCheckIntervalMs?: number;
}

const nowIso = () => new Date().toISOString();

class LocalRun implements RunHandle {
  readonly runId: string;
  readonly started: Promise<RunRecord>;
  readonly finished: Promise<RunRecord>;
  private state: RunRecord;
  private readonly lines: LogLine[] = [];
  private child: ChildProcess | null = null;
  private exited = false;
  /** Why the runner is stopping the process, and the status that ends the run. */
  private stopping: { reason: string; status: RunStatus } | null = null;
  private killTimer: NodeJS.Timeout | null = null;
  private limitTimer: NodeJS.Timeout | null = null;
  private proxy: ActivityProxy | null = null;
  private resolveStarted!: (record: RunRecord) => void;
  private resolveFinished!: (record: RunRecord) => void;
  private gracePeriodSeconds = 30;

  constructor(
    private readonly options: LocalProcessExecutorOptions & { runsDir: string },
    private readonly request: RunRequest,
    private readonly onDone: (run: LocalRun) => void,
  ) {
    this.runId = request.runId ?? randomUUID();
    const job = request.job;
    this.state = {
      run_id: this.runId,
      job_ref: job.job_ref,
      job_type: job.entry_point.job_type,
      status: 'pending',
      trigger: request.trigger ?? `manual:${job.job_ref}`,
      profile: request.profile ?? '',
      run_dir: null,
      command: null,
      pid: null,
      exit_code: null,
      signal: null,
      reason: null,
      url: null,
      port: null,
      interval_start: request.interval?.start ?? null,
      interval_end: request.interval?.end ?? null,
      time_created: nowIso(),
      time_started: null,
      time_ended: null,
      duration: null,
    };
    this.started = new Promise((resolve) => (this.resolveStarted = resolve));
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    queueMicrotask(() => {
      this.emitStatus();
      void this.execute().catch((error: unknown) =>
        this.finish('failed', error instanceof Error ? error.message : String(error)),
      );
    });
  }

  record(): RunRecord {
    return { ...this.state };
  }

  logs(): readonly LogLine[] {
    return this.lines;
  }

  async cancel(reason = 'cancelled on request'): Promise<RunRecord> {
    if (isTerminal(this.state.status)) return this.record();
    this.stop(reason, 'cancelled');
    return this.finished;
  }

  private emitStatus(): void {
    this.request.observer?.onStatus?.(this.record());
  }

  private setStatus(status: RunStatus): void {
    if (isTerminal(this.state.status)) return;
    this.state.status = status;
    this.emitStatus();
    if (status === 'running') this.resolveStarted(this.record());
  }

  private log(content: string, stream: 'stdout' | 'stderr', phase: 'program' | 'runner' = 'program'): void {
    const line: LogLine = { line_num: this.lines.length + 1, phase, stream, content, reported_at: nowIso() };
    this.lines.push(line);
    this.request.observer?.onLog?.(line, this.record());
  }

  private async execute(): Promise<void> {
    const { job } = this.request;
    this.setStatus('starting');
    const prepared = await prepareRunDirectory(this.request.source, {
      runsDir: this.options.runsDir,
      runId: this.runId,
    });
    this.state.run_dir = prepared.dir;
    if (prepared.created && !this.options.keepRunDirs)
      void this.finished.then(() => fs.rmSync(prepared.dir, { recursive: true, force: true }));
    if (this.finishIfStopping()) return;

    const choice = selectProfile(job, {
      requested: this.request.profile,
      configured: configuredProfiles(dltDirOf(prepared.dir)),
    });
    this.state.profile = choice.profile;
    if (choice.warning) this.log(`warning: ${choice.warning}`, 'stderr', 'runner');

    const interactive = job.entry_point.job_type === 'interactive';
    let appPort: number | null = null;
    if (interactive) {
      appPort = await freePort();
      this.proxy = await startProxy(appPort);
      this.state.port = appPort;
      this.state.url = `http://${LOOPBACK}:${this.proxy.port}/`;
    }
    const context = {
      runId: this.runId,
      trigger: this.state.trigger,
      profile: choice.profile,
      config: this.request.config,
      interval: this.request.interval,
      refresh: this.request.refresh,
      runArgs: appPort === null ? undefined : { port: appPort, base_path: '' },
    };
    const baseEnv = this.options.env ?? process.env;
    const python = resolvePython(prepared.dir, {
      python: this.request.python ?? this.options.python,
      env: baseEnv,
    });
    const argv = [
      ...python.argv,
      '-u',
      LAUNCHER_SCRIPT,
      '--run-id',
      this.runId,
      '--trigger',
      this.state.trigger,
      '--entry-point',
      JSON.stringify(runtimeEntryPoint(job, context)),
    ];
    this.state.command = argv;
    const env = { ...baseEnv, ...this.request.env, ...runEnvironment(job, context) };
    if (this.finishIfStopping()) return;

    const limits = this.limits(job);
    this.gracePeriodSeconds = limits.grace;
    const [command, ...commandArgs] = argv;
    if (command === undefined) throw new Error('no Python command to start');
    const child = spawn(command, commandArgs, {
      cwd: prepared.dir,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const streams = Promise.all([
      splitLines(child.stdout, (line) => this.log(line, 'stdout')),
      splitLines(child.stderr, (line) => this.log(line, 'stderr')),
    ]);
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    child.once('spawn', () => {
      this.state.pid = child.pid ?? null;
      this.state.time_started = nowIso();
      if (!interactive) {
        this.setStatus('running');
        if (limits.timeout !== null) this.armTimeout(limits.timeout);
      } else void this.awaitServing(appPort!, limits.timeout);
    });

    const outcome = await exit;
    this.exited = true;
    if (outcome.error) {
      const hint = python.via === 'default' ? ' (install Python 3 or pass --python)' : '';
      return this.finish('failed', `cannot start ${argv[0]}: ${outcome.error.message}${hint}`);
    }
    await streams;
    this.state.exit_code = outcome.code;
    this.state.signal = outcome.signal;
    if (this.finishIfStopping()) return;
    if (outcome.code === 0) return this.finish('completed', null);
    return this.finish(
      'failed',
      outcome.signal ? `the job was killed by ${outcome.signal}` : `the job exited with code ${outcome.code}`,
    );
  }

  /** A stop requested while the run was being set up ends it at the next step. */
  private finishIfStopping(): boolean {
    const stopping = this.stopping;
    if (stopping) this.finish(stopping.status, stopping.reason);
    return stopping !== null;
  }

  private limits(job: JobDefinition): { timeout: number | null; grace: number } {
    const declared = declaredTimeout(job);
    const interactive = job.entry_point.job_type === 'interactive';
    const timeout =
      this.request.timeoutSeconds !== undefined
        ? this.request.timeoutSeconds
        : (declared.timeout ?? (interactive ? null : (this.options.defaultBatchTimeoutSeconds ?? null)));
    const grace =
      this.request.gracePeriodSeconds ?? declared.gracePeriod ?? this.options.defaultGracePeriodSeconds ?? 30;
    return { timeout, grace };
  }

  private armTimeout(seconds: number): void {
    this.limitTimer = setTimeout(() => this.stop(`timed out after ${seconds} s`, 'failed'), seconds * 1000);
  }

  /** Interactive: running once the app accepts connections; then stopped after `idleSeconds` without use. */
  private async awaitServing(appPort: number, idleSeconds: number | null): Promise<void> {
    const limit = this.options.interactiveStartSeconds ?? 120;
    const startTimer = setTimeout(
      () => this.stop(`the app did not listen on port ${appPort} within ${limit} s`, 'failed'),
      limit * 1000,
    );
    const serving = await waitForPort(appPort, () => !this.exited && !this.stopping);
    clearTimeout(startTimer);
    if (!serving) return;
    this.setStatus('running');
    if (idleSeconds === null) return;
    const every = this.options.idleCheckIntervalMs ?? 1000;
    this.limitTimer = setInterval(() => {
      if (this.proxy && this.proxy.idleMs() >= idleSeconds * 1000)
        this.stop(`stopped after ${idleSeconds} s without requests`, 'completed');
    }, every);
  }

  /** SIGTERM to the run's process group now, SIGKILL after the grace period. */
  private stop(reason: string, status: RunStatus): void {
    if (this.stopping || isTerminal(this.state.status)) return;
    this.stopping = { reason, status };
    if (!this.child || this.exited || this.child.pid === undefined) return; // execute() finishes at its next step
    const pid = this.child.pid;
    this.log(
      `Run ${reason}: stopping the job (SIGTERM, SIGKILL after ${this.gracePeriodSeconds} s)`,
      'stderr',
      'runner',
    );
    signalGroup(pid, 'SIGTERM');
    this.killTimer = setTimeout(() => {
      if (!this.exited) {
        this.log(`The job did not stop within ${this.gracePeriodSeconds} s: SIGKILL`, 'stderr', 'runner');
        signalGroup(pid, 'SIGKILL');
      }
    }, this.gracePeriodSeconds * 1000);
  }

  private finish(status: RunStatus, reason: string | null): void {
    if (isTerminal(this.state.status)) return;
    for (const timer of [this.killTimer, this.limitTimer]) if (timer) clearTimeout(timer);
    // Whatever else the job started in its group goes with it.
    if (this.child?.pid !== undefined) signalGroup(this.child.pid, 'SIGKILL');
    const end = new Date();
    this.state.time_ended = end.toISOString();
    if (this.state.time_started)
      this.state.duration = (end.getTime() - new Date(this.state.time_started).getTime()) / 1000;
    this.state.reason = reason;
    this.state.status = status;
    const record = this.record();
    const closing = this.proxy ? this.proxy.close() : Promise.resolve();
    void closing.then(() => {
      this.emitStatus();
      this.resolveStarted(record);
      this.resolveFinished(record);
      this.onDone(this);
    });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

export class LocalProcessExecutor implements Executor {
  private readonly active = new Set<LocalRun>();
  private readonly options: LocalProcessExecutorOptions & { runsDir: string };

  constructor(options: LocalProcessExecutorOptions = {}) {
    this.options = { ...options, runsDir: options.runsDir ?? path.join(os.tmpdir(), 'dlthub-runs') };
  }

  start(request: RunRequest): RunHandle {
    const run = new LocalRun(this.options, request, (done) => this.active.delete(done));
    this.active.add(run);
    return run;
  }

  async close(): Promise<void> {
    await Promise.all([...this.active].map((run) => run.cancel('cancelled: the runner is shutting down')));
  }
}
