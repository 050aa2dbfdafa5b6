export { runCase, runCases, listCaseIds, formatResult, formatSummary, type CaseResult, type RunSummary } from './runner';
export { loadRunnerRegistry, PLUGIN_SOURCES, type RunnerRegistry } from './registry';
export { jsonEqual } from './compare';
export type * from './case-format';
