/**
 * The commands that run and inspect what is deployed (reference deployments.md §1, §5): `run`, `serve`,
 * `job …`, `workspace deployment …` and `workspace configuration …`. Three-word commands (`job runs list`)
 * sit in nested groups.
 */
import type { CommandModule, CommandSpec, GroupSpec, OptionSpec } from './types';

// Literal `require('./x')` per command (not a path built at run time), so the bundler finds every command
// file; the require still runs only when the command does.

/** Shared by `run` and `serve` (and `job run|serve`): job selection as `local run`, plus the walk-through flags. */
const LAUNCH_OPTIONS: readonly OptionSpec[] = [
  { flags: '--file <file>', description: 'run a job of this Python file (ad hoc: deployed first, archives nothing)' },
  { flags: '-f, --follow', description: 'stream the logs until the run ends (exit 1 when it failed or was cancelled)' },
  { flags: '--job-ref <ref>', description: 'pick this job when the selector matches several' },
  { flags: '--workspace <name_or_id>', description: 'workspace to connect to when not connected yet' },
  { flags: '--org-id <id>', description: 'organization of that workspace' },
  { flags: '--create', description: 'create that workspace when it does not exist' },
  { flags: '--no-browser', description: 'do not open a browser during login' },
];
const RUN_OPTIONS: readonly OptionSpec[] = [
  ...LAUNCH_OPTIONS,
  { flags: '--refresh', description: 'tell the job to refresh (run_context["refresh"])' },
];

const loadRun = () => require('./run') as CommandModule;
const loadServe = () => require('./serve') as CommandModule;
const loadConfigurationSync = () => require('./configuration/sync') as CommandModule;

export const remoteGroups: readonly GroupSpec[] = [
  { name: 'job', summary: 'Deployed jobs: list, inspect, run, trigger, pause, resume, logs, cancel' },
  { name: 'job runs', summary: 'Runs of deployed jobs: list, info, cancel' },
  { name: 'workspace deployment', summary: 'Code package versions of the connected workspace' },
  { name: 'workspace configuration', summary: 'Configuration versions of the connected workspace' },
];

export const remoteCommands: readonly CommandSpec[] = [
  {
    path: ['run'],
    summary: 'Deploy, then run a batch job on the control plane (file.py: ad hoc); -f follows its logs',
    arguments: ['[selector_or_job_ref]'],
    options: RUN_OPTIONS,
    load: loadRun,
  },
  {
    path: ['serve'],
    summary: 'Deploy, then serve an interactive job on the control plane (file.py: ad hoc); -f follows its logs',
    arguments: ['[selector_or_job_ref]'],
    options: LAUNCH_OPTIONS,
    load: loadServe,
  },
  {
    path: ['job', 'list'],
    summary: 'List the deployed jobs (archived ones with --archived)',
    options: [{ flags: '--archived', description: 'include jobs removed from the manifest (history kept)' }],
    load: () => require('./job/list') as CommandModule,
  },
  {
    path: ['job', 'info'],
    summary: "Show a deployed job's definition and latest run",
    arguments: ['<job>'],
    load: () => require('./job/info') as CommandModule,
  },
  {
    path: ['job', 'run'],
    summary: 'Same as `dlthub run`',
    arguments: ['[selector_or_job_ref]'],
    options: RUN_OPTIONS,
    load: loadRun,
  },
  {
    path: ['job', 'serve'],
    summary: 'Same as `dlthub serve`',
    arguments: ['[selector_or_job_ref]'],
    options: LAUNCH_OPTIONS,
    load: loadServe,
  },
  {
    path: ['job', 'trigger'],
    summary: 'Fire deployed jobs by name or selector (never deploys)',
    arguments: ['<selector_or_job...>'],
    options: [
      { flags: '--refresh', description: 'tell the jobs to refresh' },
      { flags: '--dry-run', description: 'list the jobs that would be fired and fire none' },
    ],
    load: () => require('./job/trigger') as CommandModule,
  },
  {
    path: ['job', 'pause'],
    summary: 'Stop the schedules and follow-ups of deployed jobs (runs on demand still start)',
    arguments: ['<selector_or_job...>'],
    load: () => require('./job/pause') as CommandModule,
  },
  {
    path: ['job', 'resume'],
    summary: 'Fire paused jobs again from their next due time',
    arguments: ['<selector_or_job...>'],
    load: () => require('./job/resume') as CommandModule,
  },
  {
    path: ['job', 'logs'],
    summary: 'Print the logs of a run (latest by default); -f follows an active run to its end',
    arguments: ['<job>', '[run_number]'],
    options: [{ flags: '-f, --follow', description: 'stream the logs until the run ends' }],
    load: () => require('./job/logs') as CommandModule,
  },
  {
    path: ['job', 'cancel'],
    summary: 'Cancel every active run of deployed jobs, by name or selector, in one request',
    arguments: ['<selector_or_job...>'],
    options: [{ flags: '--dry-run', description: 'list the runs that would be cancelled and cancel none' }],
    load: () => require('./job/cancel') as CommandModule,
  },
  {
    path: ['job', 'runs', 'list'],
    summary: 'List runs, newest first (of one job when given)',
    arguments: ['[job]'],
    options: [{ flags: '--running', description: 'only runs that have not ended' }],
    load: () => require('./job/runs-list') as CommandModule,
  },
  {
    path: ['job', 'runs', 'info'],
    summary: 'Show a run of a job (latest by default)',
    arguments: ['<job>', '[run_number]'],
    load: () => require('./job/runs-info') as CommandModule,
  },
  {
    path: ['job', 'runs', 'cancel'],
    summary: 'Cancel one run of a job (latest by default); an ended run is refused',
    arguments: ['<job>', '[run_number]'],
    load: () => require('./job/runs-cancel') as CommandModule,
  },
  {
    path: ['workspace', 'deployment', 'list'],
    summary: 'List the code package versions, newest first',
    load: () => require('./workspace/deployment-list') as CommandModule,
  },
  {
    path: ['workspace', 'deployment', 'info'],
    summary: 'Show a code package version (latest by default) and its files',
    arguments: ['[version]'],
    load: () => require('./workspace/deployment-info') as CommandModule,
  },
  {
    path: ['workspace', 'configuration', 'list'],
    summary: 'List the configuration versions, newest first',
    load: () => require('./workspace/configuration-list') as CommandModule,
  },
  {
    path: ['workspace', 'configuration', 'info'],
    summary: 'Show a configuration version (latest by default)',
    arguments: ['[version]'],
    load: () => require('./workspace/configuration-info') as CommandModule,
  },
  {
    path: ['workspace', 'configuration', 'sync'],
    summary: 'Upload the synced profiles and workspace files (same as `dlthub configuration sync`)',
    options: [{ flags: '--dry-run', description: 'list exactly what would be uploaded and upload nothing' }],
    load: loadConfigurationSync,
  },
];
