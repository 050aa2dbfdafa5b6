/**
 * Time for the scheduler, injectable so tests and benchmarks move it by hand instead of sleeping.
 * `setTimer` returns a cancel function; a callback's promise is awaited by `ManualClock`.
 */
export interface Clock {
  now(): Date;
  setTimer(at: Date, callback: () => unknown): () => void;
}

/** Node's setTimeout caps delays at 2^31-1 ms (~24.8 days); longer waits re-arm. */
const maxTimeoutMs = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(at, callback) {
    let handle: NodeJS.Timeout;
    const arm = () => {
      const delay = at.getTime() - Date.now();
      handle = setTimeout(delay > maxTimeoutMs ? arm : callback, Math.max(0, Math.min(delay, maxTimeoutMs)));
      handle.unref?.();
    };
    arm();
    return () => clearTimeout(handle);
  },
};

interface PendingTimer {
  at: number;
  order: number;
  callback: () => unknown;
}

/** A clock that only moves when told to; due timers run in time order and their promises are awaited. */
export class ManualClock implements Clock {
  protected current: number;
  private timers: PendingTimer[] = [];
  private order = 0;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimer(at: Date, callback: () => unknown): () => void {
    const timer = { at: at.getTime(), order: this.order++, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((entry) => entry !== timer);
    };
  }

  /** Earliest pending timer, if any. */
  nextTimerAt(): Date | undefined {
    const next = this.earliest();
    return next ? new Date(next.at) : undefined;
  }

  /** Moves time to `target`, running every timer due on the way at its own time. */
  async advanceTo(target: Date | string): Promise<void> {
    const targetMs = new Date(target).getTime();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > targetMs) break;
      this.timers = this.timers.filter((entry) => entry !== next);
      this.current = Math.max(this.current, next.at);
      await next.callback();
    }
    this.current = Math.max(this.current, targetMs);
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(new Date(this.current + ms));
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.timers) {
      if (!best || timer.at < best.at || (timer.at === best.at && timer.order < best.order)) best = timer;
    }
    return best;
  }
}
