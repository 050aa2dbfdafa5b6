export {
  parseTrigger,
  normalizeTrigger,
  normalizeTriggers,
  isTimedTrigger,
  formatUtcIso,
  parseTimestamp,
  TRIGGER_TYPES,
} from './trigger';
export type { ParsedTrigger, TimedTrigger, TriggerType, TriggerInput } from './trigger';
export { parsePeriodSeconds, MIN_EVERY_SECONDS } from './duration';
export { isCronExpression, cronNext, cronFloor, cronPrevious, isValidTimezone } from './cron';
export {
  effectiveTriggers,
  defaultTrigger,
  manualFireTrigger,
  jobType,
  jobTimezone,
  jobConcurrency,
  refreshPropagation,
  freshnessUpstreams,
} from './job';
export type { JobDefinition, JobType, RefreshPropagation } from './job';
export { isSelector, matchTriggers, pickTrigger, selectJobs, type SelectedJob } from './selector';
export { fnmatch } from './fnmatch';
