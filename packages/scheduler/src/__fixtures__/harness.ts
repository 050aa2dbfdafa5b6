/** A scheduler on a controlled clock over the in-memory store, with helpers to end runs as a runner would. */
import { ManualClock } from '../clock';
import { Scheduler } from '../engine';
import type { JobDefinition } from '../job';
import { InMemorySchedulerStore } from '../memory-store';
import type { RunStatus } from '../port';

export const T0 = new Date('2026-03-02T00:00:00Z');

export function harness(definitions: JobDefinition[], options: { start?: Date } = {}) {
  const clock = new ManualClock(options.start ?? T0);
  const store = new InMemorySchedulerStore();
  const ids = new Map(definitions.map((definition) => [definition.job_ref, store.addJob(definition, clock.now())]));
  const errors: unknown[] = [];
  const newScheduler = () => new Scheduler({ store, clock, onError: (error) => errors.push(error) });
  const scheduler = newScheduler();
  const id = (ref: string) => ids.get(ref)!;
  return {
    clock,
    store,
    scheduler,
    errors,
    newScheduler,
    id,
    runsOf: (ref: string) => store.runs(id(ref)),
    firesOf: (ref: string) => store.firesOf(id(ref)),
    /** Ends every unfinished run with `status` at the clock's now, then lets follow-ups settle. */
    async finishAll(status: RunStatus = 'completed', ...schedulers: Scheduler[]) {
      for (const run of store.runs()) {
        if (['pending', 'starting', 'running'].includes(run.status)) store.setRunStatus(run.runId, status, clock.now());
      }
      for (const each of schedulers.length > 0 ? schedulers : [scheduler]) await each.idle();
    },
    async finish(ref: string, status: RunStatus, ...schedulers: Scheduler[]) {
      const run = store.runs(id(ref)).at(-1)!;
      store.setRunStatus(run.runId, status, clock.now());
      for (const each of schedulers.length > 0 ? schedulers : [scheduler]) await each.idle();
    },
  };
}

export const at = (iso: string) => new Date(iso);
