/**
 * Runs jobs on this control plane through `@dlthub/runner`'s Executor: a run recorded `pending` is started
 * from its deployment's code package and its configuration (TOML texts written as `.dlt/`), and every status
 * change and output line the runner reports is written to the store, in order, in batches (one transaction
 * per batch, lines before the status that follows them, so a terminal run always has all of its lines).
 */
import { EventEmitter } from 'node:events';
import {
  ConfigurationContentSchema,
  isTerminalRunStatus,
  type ConfigurationContent,
  type JobDefinition,
} from '@dlthub/api-schema';
import type { Executor, LogLine, RunHandle, RunRecord } from '@dlthub/runner';
import { deploymentTarball } from '../deployments/deployment-records';
import type { StoredRun, StoredRunLog } from '../state';
import type { Store } from '../store/types';
import { appendRunLogs, updateRun } from './run-records';

/** Configuration texts → file names in `.dlt/` (empty files are left out). */
export function configurationFiles(content: ConfigurationContent): Record<string, string> {
  const files: Record<string, string> = {};
  const add = (name: string, text: string) => {
    if (text !== '') files[name] = text;
  };
  add('config.toml', content.workspace.config);
  add('secrets.toml', content.workspace.secrets);
  for (const [profile, pair] of Object.entries(content.profiles)) {
    add(`${profile}.config.toml`, pair.config);
    add(`${profile}.secrets.toml`, pair.secrets);
  }
  return files;
}

function statusPatch(record: RunRecord): Partial<StoredRun> {
  return {
    status: record.status,
    profile: record.profile,
    reason: record.reason,
    exit_code: record.exit_code,
    time_started: record.time_started,
    time_ended: record.time_ended,
    duration: record.duration,
    // The app's address matters only while it answers; an ended run keeps no dead link.
    app_url: isTerminalRunStatus(record.status) ? null : record.url,
  };
}

/**
 * How long an output line waits for the lines after it before they are written together. Each batch is a
 * transaction, and on SQLite each commit a disk sync: for a job printing 200,000 lines one `write` at a time,
 * committing each read of its pipe took the control plane 1.9 s of commits, batches 0.5 s.
 */
const lineBatchMs = 25;

/** Writes one run's updates to the store one batch at a time, in the order they came. */
class RunRecorder {
  private lines: StoredRunLog[] = [];
  private ended = false;
  private patch: Partial<StoredRun> | null = null;
  private scheduled = false;
  private lineTimer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly runId: string,
    private readonly changed: () => void,
    private readonly log: (line: string) => void,
    private readonly finished: (run: StoredRun) => void,
  ) {}

  line(line: LogLine): void {
    this.lines.push({ run_id: this.runId, ...line, stream: line.stream, phase: line.phase });
    this.lineTimer ??= setTimeout(() => this.schedule(), lineBatchMs);
  }

  /** A status change is written at once, with the lines before it. */
  status(patch: Partial<StoredRun>): void {
    this.patch = { ...this.patch, ...patch };
    this.schedule();
  }

  /** Resolves once everything reported so far is stored. */
  drained(): Promise<void> {
    if (this.lineTimer) this.schedule();
    return this.chain;
  }

  private schedule(): void {
    clearTimeout(this.lineTimer);
    this.lineTimer = undefined;
    if (this.scheduled) return;
    this.scheduled = true;
    this.chain = this.chain.then(async () => {
      this.scheduled = false;
      const lines = this.lines.map(({ run_id, line_num, phase, stream, content, reported_at }) => ({
        run_id,
        line_num,
        phase,
        stream,
        content,
        reported_at,
      }));
      const patch = this.patch;
      this.lines = [];
      this.patch = null;
      let stored: StoredRun | undefined;
      try {
        stored = await this.store.write(async (tx) => {
          await appendRunLogs(tx, lines);
          return patch ? updateRun(tx, this.runId, patch) : undefined;
        });
      } catch (error) {
        this.log(`recording run ${this.runId} failed: ${String(error)}`);
      }
      this.changed();
      // Told once, after the terminal status is stored with every line before it (follow-ups read it).
      if (stored && isTerminalRunStatus(stored.status) && !this.ended) {
        this.ended = true;
        this.finished(stored);
      }
    });
  }
}

/** The reason a run stopped by a user's request ends with. */
export const cancelledOnRequest = 'cancelled on request';

export interface RunServiceOptions {
  store: Store;
  executor: Executor;
  /** Interpreter of every run (else the runner's choice: uv, the run's .venv, python3). */
  python?: string;
  log?: (line: string) => void;
}

export class RunService {
  private readonly handles = new Map<string, { handle: RunHandle; recorder: RunRecorder }>();
  private readonly events = new EventEmitter();
  private readonly finishedListeners = new Set<(run: StoredRun, jobRef: string) => void>();

  constructor(private readonly options: RunServiceOptions) {
    this.events.setMaxListeners(0);
  }

  /** Calls `listener` with each run of this process once its terminal status is stored; returns the unsubscribe. */
  onFinished(listener: (run: StoredRun, jobRef: string) => void): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /**
   * Starts a run recorded `pending` with its trigger, window (`interval_*`) and refresh; a failure to prepare it
   * fails the run with the reason.
   */
  async launch(run: StoredRun, definition: JobDefinition, request: { profile?: string } = {}): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    const finished = (stored: StoredRun) => {
      for (const listener of this.finishedListeners) listener(stored, definition.job_ref);
    };
    const recorder = new RunRecorder(this.options.store, run.id, () => this.events.emit(run.id), log, finished);
    let sources: { code: Buffer; configuration: ConfigurationContent | null };
    try {
      sources = await this.options.store.read(async (tx) => {
        const code = await deploymentTarball(tx, run.deployment_id);
        const text = run.configuration_id ? await tx.configurationContent(run.configuration_id) : undefined;
        return { code, configuration: text ? ConfigurationContentSchema.parse(JSON.parse(text)) : null };
      });
    } catch (error) {
      recorder.status({ status: 'failed', reason: `The run could not be prepared: ${(error as Error).message}` });
      return recorder.drained();
    }
    const handle = this.options.executor.start({
      runId: run.id,
      job: definition,
      trigger: run.trigger,
      profile: request.profile,
      refresh: run.refresh ?? false,
      interval:
        run.interval_start && run.interval_end
          ? { start: run.interval_start, end: run.interval_end, timezone: run.interval_timezone ?? 'UTC' }
          : undefined,
      python: this.options.python,
      source: {
        kind: 'packages',
        code: sources.code,
        configurationFiles: sources.configuration ? configurationFiles(sources.configuration) : {},
      },
      observer: {
        onStatus: (record) => recorder.status(statusPatch(record)),
        onLog: (line) => recorder.line(line),
      },
    });
    this.handles.set(run.id, { handle, recorder });
    void handle.finished.then(async () => {
      await recorder.drained();
      this.handles.delete(run.id);
    });
  }

  /** Cancels a run this process runs and waits until the store has its end; false when it runs elsewhere. */
  async cancel(runId: string): Promise<boolean> {
    const held = this.handles.get(runId);
    if (!held) return false;
    await held.handle.cancel(cancelledOnRequest);
    await held.recorder.drained();
    return true;
  }

  /** Resolves at the next stored change of the run, or after `timeoutMs` (runs of other instances are polled). */
  changed(runId: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.events.off(runId, done);
        this.events.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.events.once(runId, done);
      this.events.once('close', done);
    });
  }

  /** Cancels every run of this process and waits until their ends are stored. */
  async close(): Promise<void> {
    const held = [...this.handles.values()];
    await this.options.executor.close();
    await Promise.all(held.map(({ recorder }) => recorder.drained()));
    this.events.emit('close');
  }
}
