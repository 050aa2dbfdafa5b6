/** Periods of `every:` triggers: `30s`, `5m`, `1.5h`, `1d`, or a bare number of seconds (dlt's `parse_period_seconds`). */

const unitSeconds = { s: 1, m: 60, h: 3600, d: 86400 } as const satisfies Record<string, number>;
const periodPattern = /^(\d+(?:\.\d+)?)\s*([smhd])$/;

/** Seconds in `period`, or undefined when it is not a period. */
export function parsePeriodSeconds(period: string): number | undefined {
  const text = period.trim();
  const match = periodPattern.exec(text);
  if (match) return Number(match[1]) * unitSeconds[match[2] as keyof typeof unitSeconds];
  if (text === '') return undefined;
  const seconds = Number(text);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Shortest `every:` period dlt accepts. */
export const MIN_EVERY_SECONDS = 60;
