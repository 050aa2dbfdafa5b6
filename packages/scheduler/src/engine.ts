/**
 * The scheduler: fires jobs on their clock triggers (schedule/every/once), on follow-ups when an upstream run ends,
 * and on explicit requests (manual, tag broadcast); gates each fire (interval, freshness, concurrency) and commits it
 * through the store's `claimFire`, so several instances sharing a store fire each due time once.
 *
 * Restart rule: due times are recomputed from stored `lastFires`, so ticks that came due while no scheduler ran
 * are fired **once** on the next scan, as one catch-up fire at the latest missed due time (a schedule's window
 * reaches back to the last completed run, so the missed data is covered); the reasons name how many ticks it
 * stands for. Ticks missed while a job was paused are not caught up.
 */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from './clock';
import { DlthubError } from '@dlthub/config-core';
import { cronFloor, cronNext, isValidTimezone } from './cron';
import { checkFreshness } from './freshness';
import { computeWindow } from './interval';
import { freshnessUpstreams, jobConcurrency, jobTimezone, refKey, refreshPropagation } from './job';
import type { FireRecord, RefreshOrigin, RunSummary, ScheduledJob, SchedulerStore } from './port';
import { resolveJobs } from './selector';
import { formatUtcIso, isTimedTrigger, parseTrigger, type ParsedTrigger, type TimedTrigger } from './trigger';

export interface SchedulerOptions {
  store: SchedulerStore;
  clock?: Clock;
  /** Longest sleep between scans, so newly deployed jobs are seen; call `wake()` after a deploy to scan at once. */
  pollIntervalMs?: number;
  /** Errors of background work (a broken job definition, a failing store call); the scheduler keeps going. */
  onError?: (error: unknown) => void;
}

export interface TriggerOptions {
  /** Explicit `--refresh`: ignored (with a reason) for jobs whose refresh propagation is `block`. */
  refresh?: boolean;
  /** Identifies the request; retrying with the same id does not fire twice. */
  requestId?: string;
  /** Only jobs of this scope are matched (a control plane's workspace). */
  scope?: string;
  /** Profile override for the runs (reference §2.3). */
  profile?: string;
  /** Who asked, recorded on the runs. */
  requestedBy?: string;
}

interface FireRequest {
  trigger: string;
  parsed: ParsedTrigger;
  key: string;
  dueAt: Date;
  timed: boolean;
  refreshRequested?: boolean;
  extraReasons?: string[];
  requested?: { profile?: string; by?: string };
}

interface RosterEntry {
  job: ScheduledJob;
  timed: TimedTrigger[];
  /** Earliest next due time over the job's clock triggers; -Infinity until first computed. */
  nextDueMs: number;
}

interface Due {
  due?: Date;
  /** Ticks the catch-up fire stands for (1 = on time). */
  missed: number;
  next?: Date;
}

const iso = (date: Date) => date.toISOString();

export class Scheduler {
  private readonly store: SchedulerStore;
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Next schedule tick after a lower bound, by job and trigger: cron walks are the costly part of a scan. */
  private readonly nextTickCache = new Map<string, { lowerMs: number; nextMs: number | undefined }>();
  /** Jobs with clock triggers, ordered by next due time (a wake takes the due prefix, then re-inserts it). */
  private roster?: { listedAtMs: number; entries: Map<string, RosterEntry>; queue: RosterEntry[] };
  private rosterStale = false;
  private cancelTimer?: () => void;
  private unsubscribe?: () => void;
  private scanChain: Promise<unknown> = Promise.resolve();
  private running = false;

  constructor(options: SchedulerOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.onError = options.onError ?? ((error) => process.stderr.write(`scheduler: ${String(error)}\n`));
  }

  /** Starts scanning on the clock and listening for finished runs. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.store.onRunFinished((run) => void this.track(this.handleRunFinished(run)));
    this.armTimer(this.clock.now());
  }

  stop(): void {
    this.running = false;
    this.cancelTimer?.();
    this.unsubscribe?.();
  }

  /** Scans now (e.g. after a deploy changed the jobs). */
  wake(): void {
    this.rosterStale = true;
    if (this.running) this.armTimer(this.clock.now());
  }

  /** Resolves when no scan or follow-up started so far is still running. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Fires every clock trigger due at the clock's now; returns the committed fires and when the next one is due.
   * Scans of one instance never overlap.
   */
  scan(): Promise<{ fires: FireRecord[]; nextDueAt?: Date }> {
    const result = this.scanChain.then(() => this.scanOnce());
    this.scanChain = result.catch(() => undefined);
    return result;
  }

  /** Fires the jobs that `inputs` (selectors or job names) pick, each with its picked trigger, upstreams first. */
  async trigger(inputs: readonly string[], options: TriggerOptions = {}): Promise<FireRecord[]> {
    const requestId = options.requestId ?? randomUUID();
    const jobs = await this.store.listActiveJobs(scopeFilter(options.scope));
    const byRef = refIndex(jobs);
    const selected = orderByDependencies(resolveJobs(jobs, inputs, (job) => job.definition));
    const now = this.clock.now();
    const fires: FireRecord[] = [];
    for (const { job, trigger } of selected) {
      const fire = await this.fire(job, () => byRef, now, {
        trigger,
        parsed: parseTrigger(trigger),
        key: `request:${requestId}`,
        dueAt: now,
        timed: false,
        refreshRequested: options.refresh,
        requested: { profile: options.profile, by: options.requestedBy },
      });
      if (fire) fires.push(fire);
    }
    return fires;
  }

  /** Pauses the clock and follow-up triggers of the jobs `inputs` pick (in `scope`); returns their job_refs. */
  pause(inputs: readonly string[], scope?: string): Promise<string[]> {
    return this.setPaused(inputs, true, scope);
  }

  /** Resumes them; ticks missed while paused are not fired. */
  resume(inputs: readonly string[], scope?: string): Promise<string[]> {
    return this.setPaused(inputs, false, scope);
  }

  /** Follow-ups and refresh cascade for a finished run (called by the store's run-finished event). */
  async handleRunFinished(run: RunSummary): Promise<FireRecord[]> {
    const now = this.clock.now();
    const fires: FireRecord[] = [];
    const event =
      run.status === 'completed'
        ? `job.success:${run.jobRef}`
        : run.status === 'failed'
          ? `job.fail:${run.jobRef}`
          : undefined;
    if (event) {
      const followers = (await this.store.listActiveJobs({ ...scopeFilter(run.scope), trigger: event })).filter(
        (job) => !job.paused,
      );
      // Gates of the followers may read upstreams outside that list: fetch everything only when one has freshness.
      const needsAll = followers.some((job) => freshnessUpstreams(job.definition).length > 0);
      const byRef = refIndex(needsAll ? await this.store.listActiveJobs(scopeFilter(run.scope)) : followers);
      for (const job of followers) {
        try {
          const fire = await this.fire(job, () => byRef, now, {
            trigger: event,
            parsed: parseTrigger(event),
            key: `${event}@run:${run.runId}`,
            dueAt: run.finishedAt ?? now,
            timed: false,
          });
          if (fire) fires.push(fire);
        } catch (error) {
          this.onError(jobError(job, event, error));
        }
      }
    }
    if (run.status === 'completed') await this.cascadeRefresh(run);
    return fires;
  }

  private async setPaused(inputs: readonly string[], paused: boolean, scope?: string): Promise<string[]> {
    const jobs = await this.store.listActiveJobs(scopeFilter(scope));
    const now = this.clock.now();
    const refs: string[] = [];
    for (const { job } of resolveJobs(jobs, inputs, (entry) => entry.definition)) {
      await this.store.setPaused(job.id, paused, now);
      refs.push(job.definition.job_ref);
    }
    this.wake();
    return refs;
  }

  private track<T>(work: Promise<T>): Promise<T | undefined> {
    const guarded = work.catch((error: unknown) => {
      this.onError(error);
      return undefined;
    });
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
    return guarded;
  }

  private armTimer(at: Date): void {
    this.cancelTimer?.();
    this.cancelTimer = this.clock.setTimer(at, () => this.track(this.timerFired()));
  }

  private async timerFired(): Promise<void> {
    let nextDueAt: Date | undefined;
    try {
      nextDueAt = (await this.scan()).nextDueAt;
    } finally {
      if (this.running) {
        const poll = this.clock.now().getTime() + this.pollIntervalMs;
        this.armTimer(new Date(Math.min(poll, nextDueAt?.getTime() ?? poll)));
      }
    }
  }

  /**
   * One scan. The roster (every active job with its parsed clock triggers and next due time) is re-listed at most
   * every `pollIntervalMs` (or after `wake()`, pause, resume); between listings a wake only re-reads the jobs that
   * are due, fresh from the store, so pause state, `lastFires` and refresh marks are current when a job fires.
   */
  private async scanOnce(): Promise<{ fires: FireRecord[]; nextDueAt?: Date }> {
    const now = this.clock.now();
    const nowMs = now.getTime();
    if (!this.roster || this.rosterStale || nowMs - this.roster.listedAtMs >= this.pollIntervalMs) {
      this.rosterStale = false;
      const jobs = await this.store.listActiveJobs();
      this.roster = { listedAtMs: nowMs, entries: new Map(), queue: [] };
      for (const job of jobs) {
        try {
          const timed = (job.definition.triggers ?? []).map((trigger) => parseTrigger(trigger)).filter(isTimedTrigger);
          const entry = { job, timed, nextDueMs: -Infinity };
          this.roster.entries.set(job.id, entry);
          if (timed.length > 0) this.roster.queue.push(entry);
        } catch (error) {
          this.onError(error);
        }
      }
    }
    const { entries, queue } = this.roster;
    if (this.roster.listedAtMs === nowMs) {
      // Forget cached ticks of jobs that left (archived), so a long-lived scheduler does not grow.
      for (const key of this.nextTickCache.keys()) {
        if (!entries.has(key.slice(0, key.indexOf('\u0000')))) this.nextTickCache.delete(key);
      }
    }
    let dueCount = 0;
    while ((queue[dueCount]?.nextDueMs ?? Infinity) <= nowMs) dueCount++;
    const dueIds = queue.splice(0, dueCount).map((entry) => entry.job.id);
    const fires: FireRecord[] = [];
    if (dueIds.length > 0) {
      const fresh = new Map((await this.store.listActiveJobs({ ids: dueIds })).map((job) => [job.id, job]));
      // Freshness gates look upstreams up by ref; most jobs have none, so the map is built only when needed.
      let byRefCache: Map<string, ScheduledJob> | undefined;
      const byRef = () => (byRefCache ??= refIndex([...entries.values()].map((entry) => entry.job)));
      for (const id of dueIds) {
        const entry = entries.get(id)!;
        const job = fresh.get(id);
        if (!job) {
          entries.delete(id); // archived since the listing
          continue;
        }
        entry.job = job;
        byRefCache?.set(refKey(job.scope, job.definition.job_ref), job);
        let nextDueMs = Infinity;
        for (const trigger of entry.timed) {
          try {
            const { due, missed, next } = this.dueOf(job, trigger, now);
            if (next) nextDueMs = Math.min(nextDueMs, next.getTime());
            if (!due || job.paused) continue;
            const fire = await this.fire(job, byRef, now, {
              trigger: trigger.raw,
              parsed: trigger,
              key: `${trigger.raw}@${iso(due)}`,
              dueAt: due,
              timed: true,
              extraReasons: missed > 1 ? [`catch-up: one fire for ${missed} due times missed since the last fire`] : [],
            });
            if (fire) fires.push(fire);
          } catch (error) {
            // One broken job (bad time zone, bad interval bound, a failing store call) must not stop the others.
            this.onError(jobError(job, trigger.raw, error));
          }
        }
        entry.nextDueMs = nextDueMs;
        if (Number.isFinite(nextDueMs)) insertByDue(queue, entry);
      }
    }
    const nextDueMs = queue[0]?.nextDueMs;
    return { fires, nextDueAt: nextDueMs === undefined ? undefined : new Date(nextDueMs) };
  }

  /** The latest due time not yet handled (if any is due at `now`) and the next one after it. */
  private dueOf(job: ScheduledJob, trigger: TimedTrigger, now: Date): Due {
    const lastFire = job.lastFires[trigger.raw];
    const resumedMs = job.resumedAt?.getTime() ?? -Infinity;
    const nowMs = now.getTime();
    if (trigger.type === 'once') {
      // dlt fires a `once` time already past at deploy right away; it never fires twice.
      const dueMs = Math.max(trigger.at.getTime(), job.activatedAt.getTime());
      if (lastFire || dueMs < resumedMs) return { missed: 0 };
      return dueMs <= nowMs ? { due: new Date(dueMs), missed: 1 } : { missed: 0, next: new Date(dueMs) };
    }
    const lowerMs = Math.max(job.activatedAt.getTime(), resumedMs, lastFire?.getTime() ?? -Infinity);
    if (trigger.type === 'every') {
      // Periods count from activation, so every instance computes the same due times.
      const periodMs = trigger.seconds * 1000;
      const anchorMs = job.activatedAt.getTime();
      const latest = Math.floor((nowMs - anchorMs) / periodMs);
      const firstAfterLower = Math.floor((lowerMs - anchorMs) / periodMs) + 1;
      const next = new Date(anchorMs + (Math.max(latest, firstAfterLower - 1) + 1) * periodMs);
      if (latest < 1 || latest < firstAfterLower) return { missed: 0, next };
      return { due: new Date(anchorMs + latest * periodMs), missed: latest - firstAfterLower + 1, next };
    }
    const timezone = jobTimezone(job.definition);
    const cacheKey = `${job.id}\u0000${trigger.raw}\u0000${timezone}`;
    const nextMs = this.nextTick(cacheKey, trigger.cron, timezone, lowerMs);
    if (nextMs === undefined || nextMs > nowMs)
      return { missed: 0, next: nextMs === undefined ? undefined : new Date(nextMs) };
    const due = cronFloor(trigger.cron, timezone, now)!;
    const next = this.nextTick(cacheKey, trigger.cron, timezone, due.getTime());
    const missed = nextMs === due.getTime() ? 1 : countTicks(trigger.cron, timezone, new Date(nextMs), due);
    return { due, missed, next: next === undefined ? undefined : new Date(next) };
  }

  private nextTick(cacheKey: string, cron: string, timezone: string, lowerMs: number): number | undefined {
    const cached = this.nextTickCache.get(cacheKey);
    if (cached && cached.lowerMs === lowerMs) return cached.nextMs;
    const nextMs = cronNext(cron, timezone, new Date(lowerMs))?.getTime();
    this.nextTickCache.set(cacheKey, { lowerMs, nextMs });
    return nextMs;
  }

  /** Gates one fire and commits it; undefined when another instance committed it first. */
  private async fire(
    job: ScheduledJob,
    byRef: () => ReadonlyMap<string, ScheduledJob>,
    now: Date,
    request: FireRequest,
  ): Promise<FireRecord | undefined> {
    const definition = job.definition;
    const timezone = jobTimezone(definition);
    if (!isValidTimezone(timezone)) {
      throw new DlthubError('InvalidConfigValue', `Invalid require.timezone '${timezone}' of ${definition.job_ref}`, {
        keyPath: 'require.timezone',
        hint: 'Use an IANA time zone name such as Europe/Berlin.',
      });
    }
    const reasons = [...(request.extraReasons ?? [])];
    const lastCompleted = await this.store.lastCompletedRun(job.id);
    const policy = refreshPropagation(definition);
    let refreshOrigin: RefreshOrigin | undefined;
    if (request.refreshRequested && policy === 'block') {
      reasons.push(`refresh ignored: ${definition.job_ref} has refresh_propagation 'block'`);
    } else if (request.refreshRequested) refreshOrigin = 'explicit';
    if (!refreshOrigin && !lastCompleted) refreshOrigin = 'first_run';
    if (!refreshOrigin && job.refreshPending && policy !== 'block') refreshOrigin = 'cascade';
    const refresh = refreshOrigin !== undefined;

    let status: FireRecord['status'] = 'triggered';
    let window: { start: Date; end: Date } | undefined;
    const computed = computeWindow({
      job: definition,
      fired: request.parsed,
      at: request.dueAt,
      timed: request.timed,
      lastCompletedEnd: lastCompleted ? new Date(lastCompleted.context.interval_end) : undefined,
      refresh,
    });
    if (computed.ok) window = computed;
    else {
      status = computed.status;
      reasons.push(computed.reason);
    }
    if (window && freshnessUpstreams(definition).length > 0) {
      const verdict = await checkFreshness(job, byRef(), this.store, now);
      if (verdict.status) {
        status = verdict.status;
        reasons.push(...verdict.reasons);
      }
    }
    const result = await this.store.claimFire({
      jobId: job.id,
      jobRef: definition.job_ref,
      trigger: request.trigger,
      key: request.key,
      timed: request.timed,
      dueAt: request.dueAt,
      firedAt: this.clock.now(),
      status,
      reasons,
      concurrency: jobConcurrency(definition),
      requested: request.requested,
      run:
        status === 'triggered' && window
          ? {
              context: {
                trigger: request.trigger,
                refresh,
                interval_start: formatUtcIso(window.start),
                interval_end: formatUtcIso(window.end),
                interval_timezone: timezone,
              },
              refreshOrigin,
              propagatesRefresh:
                policy === 'always' ||
                (policy !== 'block' && (refreshOrigin === 'explicit' || refreshOrigin === 'first_run')),
            }
          : undefined,
    });
    if (!result.claimed) return undefined;
    const { claimed: _claimed, ...record } = result;
    return record;
  }

  /**
   * Refresh cascade (reference §4.2): a completed run that originated a refresh (first run, explicit `--refresh`)
   * or any completed run of an `always` job marks every job downstream along freshness edges to refresh on its next
   * run; `block` jobs neither receive nor pass it on, nor originate it.
   */
  private async cascadeRefresh(run: RunSummary): Promise<void> {
    if (!run.propagatesRefresh) return;
    const marked: string[] = [];
    const queue = [run.jobRef];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const ref = queue.shift()!;
      for (const job of await this.store.listActiveJobs({
        ...scopeFilter(run.scope),
        freshness: `job.is_fresh:${ref}`,
      })) {
        const jobRef = job.definition.job_ref;
        if (seen.has(jobRef)) continue;
        seen.add(jobRef);
        if (refreshPropagation(job.definition) === 'block') continue;
        marked.push(job.id);
        queue.push(jobRef);
      }
    }
    if (marked.length > 0) await this.store.markRefreshPending(marked);
  }
}

const scopeFilter = (scope: string | undefined) => (scope === undefined ? {} : { scope });

function refIndex(jobs: readonly ScheduledJob[]): Map<string, ScheduledJob> {
  return new Map(jobs.map((job) => [refKey(job.scope, job.definition.job_ref), job]));
}

function jobError(job: ScheduledJob, trigger: string, error: unknown): Error {
  return new Error(`${job.definition.job_ref} (${trigger}): ${(error as Error).message ?? String(error)}`, {
    cause: error,
  });
}

function insertByDue(queue: RosterEntry[], entry: RosterEntry): void {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((queue[middle]?.nextDueMs ?? Infinity) <= entry.nextDueMs) low = middle + 1;
    else high = middle;
  }
  queue.splice(low, 0, entry);
}

/** Ticks in `[from, to]`, counted up to a bound: it only words a reason. */
function countTicks(cron: string, timezone: string, from: Date, to: Date): number {
  let count = 1;
  for (
    let tick = cronNext(cron, timezone, from);
    tick && tick <= to && count < 1000;
    tick = cronNext(cron, timezone, tick)
  ) {
    count++;
  }
  return count;
}

/** Upstreams (by follow-up or freshness edge) before their downstreams; otherwise input order. */
function orderByDependencies<T extends { job: ScheduledJob }>(selected: readonly T[]): T[] {
  const refs = new Set(selected.map((entry) => entry.job.definition.job_ref));
  const upstreamsOf = (entry: T) =>
    [
      ...freshnessUpstreams(entry.job.definition),
      ...(entry.job.definition.triggers ?? [])
        .filter((trigger) => trigger.startsWith('job.success:') || trigger.startsWith('job.fail:'))
        .map((trigger) => trigger.slice(trigger.indexOf(':') + 1)),
    ].filter((ref) => refs.has(ref));
  const ordered: T[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const byRef = new Map(selected.map((entry) => [entry.job.definition.job_ref, entry]));
  const visit = (entry: T) => {
    const ref = entry.job.definition.job_ref;
    if (placed.has(ref) || visiting.has(ref)) return;
    visiting.add(ref);
    for (const upstream of upstreamsOf(entry)) visit(byRef.get(upstream)!);
    visiting.delete(ref);
    placed.add(ref);
    ordered.push(entry);
  };
  for (const entry of selected) visit(entry);
  return ordered;
}
