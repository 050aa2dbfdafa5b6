export {
  runCase,
  runCases,
  listCaseIds,
  formatResult,
  formatSummary,
  type CaseResult,
  type RunSummary,
} from './runner';
export { loadRunnerRegistry, type RunnerRegistry } from './registry';
export { jsonEqual } from './compare';
export type * from './case-format';
export { sharedCasesDir, CASES_ENV, DEFAULT_CASES } from './cases-dir';
