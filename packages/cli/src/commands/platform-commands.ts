/** The platform half of the CLI: login, workspace binding, configuration sync and deploy. */
import type { CommandModule, CommandSpec, GroupSpec } from './types';

// Literal `require('./x')` per command (not a path built at run time), so the bundler finds every command
// file; the require still runs only when the command does.

const showOptions = [{ flags: '--no-browser', description: 'print the URL only; do not open a browser' }];
const loadShow = () => require('./workspace/show') as CommandModule;

export const platformGroups: readonly GroupSpec[] = [
  { name: 'auth', summary: 'Show how you are authenticated to the dltHub platform' },
  { name: 'workspace', summary: 'List remote workspaces and connect this repository to one' },
  { name: 'configuration', summary: 'Sync the synced profiles (prod, access, custom) to the remote workspace' },
];

export const platformCommands: readonly CommandSpec[] = [
  {
    path: ['login'],
    summary: 'Log in with the device flow (or --with-api-key, read from stdin)',
    options: [
      { flags: '--no-browser', description: 'do not open a browser; print the URL and code only' },
      { flags: '--no-wait', description: 'without a terminal, print the resume command and exit instead of waiting' },
      { flags: '--resume <device_code>', description: 'finish a login started without a terminal' },
      { flags: '--with-api-key', description: 'read an API key from stdin and store it in .dlt/secrets.toml' },
    ],
    load: () => require('./login') as CommandModule,
  },
  { path: ['logout'], summary: 'Remove the stored login token', load: () => require('./logout') as CommandModule },
  {
    path: ['auth', 'status'],
    summary: 'Show the user and the credential in use (masked)',
    isDefault: true,
    load: () => require('./auth/status') as CommandModule,
  },
  {
    path: ['auth', 'keys'],
    summary: 'List, create (prints the key once) or revoke your API keys: auth keys list|create <name>|revoke <id>',
    arguments: ['[action]', '[name_or_id]'],
    options: [{ flags: '--expires-in-days <n>', description: 'lifetime of a created key (1–365, default 90)' }],
    load: () => require('./auth/keys') as CommandModule,
  },
  {
    path: ['workspace', 'list'],
    summary: 'List the remote workspaces you can access, by organization',
    load: () => require('./workspace/list') as CommandModule,
  },
  {
    path: ['workspace', 'connect'],
    summary: 'Connect this repository to a remote workspace (picker grouped by organization on a terminal)',
    arguments: ['[name_or_id]'],
    options: [
      {
        flags: '--org-id <id>',
        description: 'organization of the workspace (required without a terminal when you belong to several)',
      },
      { flags: '--create', description: 'create the workspace when it does not exist' },
    ],
    load: () => require('./workspace/connect') as CommandModule,
  },
  {
    path: ['workspace', 'info'],
    summary: 'Show the local binding and the remote workspace',
    isDefault: true,
    load: () => require('./workspace/info') as CommandModule,
  },
  {
    path: ['workspace', 'show'],
    summary: "Open the connected workspace's page on the control plane's web UI (same as `dlthub show`)",
    options: showOptions,
    load: loadShow,
  },
  {
    path: ['show'],
    summary: "Open the connected workspace's page on the control plane's web UI in the browser",
    options: showOptions,
    load: loadShow,
  },
  {
    path: ['configuration', 'sync'],
    summary: 'Upload the synced profiles and workspace files (never dev or tests)',
    options: [{ flags: '--dry-run', description: 'list exactly what would be uploaded and upload nothing' }],
    load: () => require('./configuration/sync') as CommandModule,
  },
  {
    path: ['deploy'],
    summary:
      'Log in and connect when needed, upload the code package and configuration, reconcile the jobs (--show-manifest, --dry-run: offline)',
    options: [
      { flags: '--file <file>', description: 'deployment module instead of __deployment__.py' },
      {
        flags: '--show-manifest',
        description: 'print the generated manifest (YAML; JSON with --json) and send nothing',
      },
      {
        flags: '--dry-run',
        description: 'show what would be uploaded (code and configuration packages, manifest) without network or login',
      },
      { flags: '--workspace <name_or_id>', description: 'workspace to connect to when not connected yet' },
      { flags: '--org-id <id>', description: 'organization of that workspace' },
      { flags: '--create', description: 'create that workspace when it does not exist' },
      { flags: '--no-browser', description: 'do not open a browser during login' },
    ],
    load: () => require('./deploy') as CommandModule,
  },
];
