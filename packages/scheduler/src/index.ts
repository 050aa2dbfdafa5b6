export {
  parseTrigger,
  normalizeTrigger,
  normalizeTriggers,
  isTimedTrigger,
  formatUtcIso,
  parseTimestamp,
  isSelectorExpression,
  TRIGGER_TYPES,
  triggerType,
  humanizeTrigger,
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
export {
  isSelector,
  matchTriggers,
  pickTrigger,
  selectJobs,
  resolveJobRef,
  resolveJobs,
  type SelectedJob,
} from './selector';
export { fnmatch } from './fnmatch';
export { expandJobEventSelectors } from './follow-up-selectors';
export { Scheduler, type SchedulerOptions, type TriggerOptions } from './engine';
export { ManualClock, systemClock, type Clock } from './clock';
export { InMemorySchedulerStore } from './memory-store';
export { computeWindow, cadenceOf, type WindowRequest, type WindowResult } from './interval';
export { checkFreshness, type FreshnessVerdict } from './freshness';
export { TERMINAL_RUN_STATUSES } from './port';
export type {
  SchedulerStore,
  ScheduledJob,
  FireClaim,
  FireRecord,
  FireStatus,
  ClaimResult,
  RunContext,
  JobFilter,
  RunStatus,
  RunSummary,
  RefreshOrigin,
} from './port';
/** The error type of trigger, selector and job-name failures, so callers can tell them from their own. */
export { DlthubError } from '@dlthub/config-core';
