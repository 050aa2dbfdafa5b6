/** The local half of the CLI: everything that needs no platform. */
import type { CommandModule, CommandSpec, GroupSpec, OptionSpec } from './types';

// Literal `require('./x')` per command (not a path built at run time), so the bundler finds every command
// file; the require still runs only when the command does.

/** Shared by `local run` and `local serve` (reference deployments.md §5). */
const LOCAL_LAUNCH_OPTIONS: readonly OptionSpec[] = [
  { flags: '--file <file>', description: 'run a job of this Python file (ad hoc) instead of __deployment__.py' },
  { flags: '-f, --follow', description: 'stream the logs until the run ends (local runs always do)' },
  { flags: '--job-ref <ref>', description: 'pick this job when the selector matches several' },
  {
    flags: '-c, --config <key=value>',
    description: 'a config value of the job, JOBS__… (repeatable)',
    repeatable: true,
  },
  { flags: '--start <iso>', description: 'interval start passed to the job' },
  { flags: '--end <iso>', description: 'interval end passed to the job' },
  { flags: '--refresh', description: 'tell the job to refresh (run_context["refresh"])' },
  { flags: '--python <path>', description: 'Python interpreter (default: uv project env, .venv, python3)' },
  { flags: '--dry-run', description: 'print the plan (job, trigger, launcher, profile, command) and do not launch' },
];

export const localGroups: readonly GroupSpec[] = [
  { name: 'profile', summary: 'Show, list and pin profiles' },
  { name: 'config', summary: 'Show, explain and validate configuration' },
  { name: 'destination', summary: 'List destination types and add named destinations' },
  { name: 'pipeline', summary: 'Create pipelines from templates' },
  { name: 'local', summary: 'Run jobs on this machine with the local profile; local workspace info and cleanup' },
  { name: 'plugin', summary: 'Register plugin packages in dlthub.plugins' },
];

export const localCommands: readonly CommandSpec[] = [
  {
    path: ['init'],
    summary: 'Scaffold a dltHub workspace in the current directory',
    options: [
      { flags: '--name <name>', description: 'workspace name (default: directory name)' },
      {
        flags: '--force',
        description: 're-initialize an existing workspace (never overwrites config.toml or secrets.toml)',
      },
      { flags: '--dry-run', description: 'print the file plan and write nothing' },
      {
        flags: '--dependencies <system>',
        description: 'dependency file to write',
        choices: ['auto', 'pyproject', 'requirements'],
        defaultValue: 'auto',
      },
    ],
    load: () => require('./init/init') as CommandModule,
  },
  {
    path: ['profile', 'info'],
    summary: 'Show the active profile, its files and dirs',
    isDefault: true,
    load: () => require('./profile/info') as CommandModule,
  },
  {
    path: ['profile', 'list'],
    summary: 'List profiles (current, pinned, configured)',
    load: () => require('./profile/list') as CommandModule,
  },
  {
    path: ['profile', 'use'],
    summary: 'Pin a profile for this workspace (.dlt/profile-name)',
    arguments: ['<name>'],
    load: () => require('./profile/use') as CommandModule,
  },
  {
    path: ['profile', 'unpin'],
    summary: 'Remove the pinned profile',
    load: () => require('./profile/unpin') as CommandModule,
  },
  {
    path: ['config', 'show'],
    summary: 'Show the merged configuration of the active profile',
    options: [
      { flags: '--show-origin', description: 'show the file and line of every value' },
      { flags: '--reveal', description: 'print secret values unmasked' },
    ],
    load: () => require('./config/show') as CommandModule,
  },
  {
    path: ['config', 'get'],
    summary: 'Get one value at an exact dotted path (dlt.config / dlt.secrets semantics)',
    arguments: ['<dotted.path>'],
    options: [
      { flags: '--secret', description: 'read only secret-capable providers (dlt.secrets)' },
      { flags: '--reveal', description: 'print a secret value unmasked' },
    ],
    load: () => require('./config/get') as CommandModule,
  },
  {
    path: ['config', 'explain'],
    summary: 'Show every (provider, key) tried for a field, the winner marked',
    arguments: ['<key>'],
    options: [
      { flags: '--sections <a.b.c>', description: 'sections the field is declared in', defaultValue: '' },
      { flags: '--destination <name>', description: 'explain a field of a named destination (config or credentials)' },
      { flags: '--secret', description: 'treat the field as a secret' },
      { flags: '--reveal', description: 'print a secret value unmasked' },
    ],
    load: () => require('./config/explain') as CommandModule,
  },
  {
    path: ['config', 'validate'],
    summary: 'Check destinations, secret placement, placeholders and .gitignore (--profile, repeatable)',
    options: [
      { flags: '--synced', description: 'validate every synced profile (what configuration sync uploads)' },
      { flags: '--show-origin', description: "show each destination field's value and where it came from" },
      { flags: '--reveal', description: 'print secret values unmasked (with --show-origin)' },
    ],
    load: () => require('./config/validate') as CommandModule,
  },
  {
    path: ['destination', 'list'],
    summary: 'List registered destination types and their fields',
    load: () => require('./destination/list') as CommandModule,
  },
  {
    path: ['destination', 'add'],
    summary: 'Add a named destination to profiles (--profile, repeatable; default: the active one)',
    arguments: ['<name>'],
    options: [
      { flags: '--type <type>', description: 'destination type (see destination list)' },
      { flags: '--dry-run', description: 'print the file plan and write nothing' },
    ],
    load: () => require('./destination/add') as CommandModule,
  },
  {
    path: ['pipeline', 'init'],
    summary: 'Create <source>_pipeline.py from a core source, template or verified source (dlt init)',
    arguments: ['[source]', '[destination]'],
    options: [
      { flags: '--list-sources', description: 'list core sources, templates and verified sources' },
      {
        flags: '--location <git-url-or-dir>',
        description: 'verified-sources repository (default: https://github.com/dlt-hub/verified-sources.git)',
      },
      { flags: '--branch <branch>', description: 'branch of the verified-sources repository' },
      { flags: '--force', description: 'overwrite an existing pipeline script and source folder' },
      { flags: '--dry-run', description: 'print the file plan and write nothing' },
    ],
    load: () => require('./pipeline/init') as CommandModule,
  },
  {
    path: ['plugin', 'add'],
    summary: 'List a plugin package (name or path) in dlthub.plugins of package.json, after checking it loads',
    arguments: ['<module>'],
    load: () => require('./plugin/add') as CommandModule,
  },
  {
    path: ['local', 'info'],
    summary: 'Workspace, profile, dirs and configuration locations',
    load: () => require('./local/info') as CommandModule,
  },
  {
    path: ['local', 'run'],
    summary: 'Run a batch job here with the active local profile, no control plane (exit 1 when it fails)',
    arguments: ['[selector_or_job_ref]'],
    options: LOCAL_LAUNCH_OPTIONS,
    load: () => require('./local/run') as CommandModule,
  },
  {
    path: ['local', 'serve'],
    summary: 'Serve an interactive job here on a loopback URL until Ctrl+C or its idle timeout',
    arguments: ['[selector_or_job_ref]'],
    options: LOCAL_LAUNCH_OPTIONS.filter((option) => !/--(start|end|refresh)/.test(option.flags)),
    load: () => require('./local/serve') as CommandModule,
  },
  {
    path: ['local', 'clean'],
    summary: "Delete the active profile's pipeline state and local data dirs",
    options: [{ flags: '--skip-local-data-dir', description: 'keep the locally loaded data dir' }],
    load: () => require('./local/clean') as CommandModule,
  },
];
