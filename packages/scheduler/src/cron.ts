/**
 * Cron arithmetic for `schedule:` triggers, on croner (time-zone aware, DST rules of Vixie cron).
 * Only standard 5-field expressions (and croner's `@hourly`-style nicknames) are accepted: croniter's and croner's
 * 6-field forms put seconds at opposite ends, so allowing them would change meaning between dlt and this package.
 * Compiled patterns are cached: building one and walking it is the costly part of a scheduler tick.
 */
import { Cron } from 'croner';

const compiled = new Map<string, Cron>();

export function compileCron(expression: string, timezone = 'UTC'): Cron {
  const key = `${timezone}\u0000${expression}`;
  let cron = compiled.get(key);
  if (!cron) {
    cron = new Cron(expression, { mode: '5-part', timezone, paused: true });
    compiled.set(key, cron);
  }
  return cron;
}

/** The reason croner rejects `expression`, or undefined when it is a valid 5-field cron. */
export function cronError(expression: string): string | undefined {
  try {
    compileCron(expression.trim());
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^CronPattern: /, '');
  }
}

export function isCronExpression(expression: string): boolean {
  return cronError(expression) === undefined;
}

/** First tick strictly after `after`. */
export function cronNext(expression: string, timezone: string, after: Date): Date | undefined {
  return compileCron(expression, timezone).nextRun(after) ?? undefined;
}

/** Latest tick at or before `at` (dlt's `cron_floor`). */
export function cronFloor(expression: string, timezone: string, at: Date): Date | undefined {
  // croner's previousRuns counts a tick earlier in the reference's own second; one ms past `at` makes `at` itself count.
  return compileCron(expression, timezone).previousRuns(1, new Date(at.getTime() + 1))[0];
}

/** Latest tick strictly before `before`. */
export function cronPrevious(expression: string, timezone: string, before: Date): Date | undefined {
  return cronFloor(expression, timezone, new Date(before.getTime() - 1));
}

/** True when `timezone` is an IANA zone name this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
