/**
 * Opening a workspace (dlt §1, §2): detect `<cwd>/<settings>/.workspace` (not searched upwards),
 * choose the profile, read the active TOML files, build the provider chain
 * (env → secrets.toml → config.toml → registry extras) and compute name and working dirs.
 * All I/O inputs (cwd, env, global dir) are injected; reading happens here, writing never.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { autoCast } from './coerce';
import { collectDestinationNames, createDestinationContext, resolveDestination } from './destination';
import { DlthubError } from './errors';
import { resolveGlobalDir } from './global-dir';
import { buildMergedView } from './merged-view';
import { chooseProfile, DEFAULT_SETTINGS_FOLDER } from './profile';
import { createEnvProvider } from './providers/env';
import { adaptExtraProvider } from './providers/extra';
import type { ConfigProvider } from './providers/provider';
import { createTomlFamilyProvider, type TomlFamilyProvider } from './providers/toml';
import { lookupExact, resolveAtPaths, resolveField, splitDottedPath, withValue } from './resolve';
import { resolveRuntime, resolveRuntimeKey } from './runtime';
import type { OpenWorkspaceOptions, ProfileSource, Resolved, TomlFamily, TomlFileInfo, Workspace } from './types';

export const WORKSPACE_MARKER = '.workspace';
/** dlt's name for a workspace whose folder has no basename. */
const FALLBACK_WORKSPACE_NAME = '_dlt';

function isRegularFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** Whether `<dir>/<settings folder>/.workspace` is a regular file. */
export function isWorkspaceDir(dir: string, settingsFolder = DEFAULT_SETTINGS_FOLDER): boolean {
  return isRegularFile(path.resolve(dir, settingsFolder, WORKSPACE_MARKER));
}

function workspaceNotFound(cwd: string, settingsFolder: string): DlthubError {
  const shown = path.basename(cwd) || cwd;
  return new DlthubError(
    'WorkspaceNotFound',
    `Workspace could not be found in \`${shown}\` (\`${cwd}\`). To enable workspace, create an empty file with the name \`${WORKSPACE_MARKER}\` in \`${settingsFolder}\` settings folder.`,
    {
      hint: `Run: mkdir -p ${settingsFolder} && touch ${settingsFolder}/${WORKSPACE_MARKER}   (profiles need workspace mode)`,
    },
  );
}

/** The active files of one family, in precedence order (dlt §2.4). */
export function familyFiles(options: {
  family: TomlFamily;
  profile: string | null;
  rootDir: string;
  settingsDir: string;
  globalDir: string;
}): TomlFileInfo[] {
  const base = `${options.family}.toml`;
  const files: TomlFileInfo[] = [];
  for (const [location, dir] of [
    ['project', options.settingsDir],
    ['global', options.globalDir],
  ] as const) {
    const names: [string, string | null][] = options.profile
      ? [
          [`${options.profile}.${base}`, options.profile],
          [base, null],
        ]
      : [[base, null]];
    // File names are plain (profile names have no path characters): the dir's display path is computed once.
    const shownDir = location === 'project' ? path.relative(options.rootDir, dir).split(path.sep).join('/') : dir;
    for (const [name, profile] of names) {
      const filePath = path.join(dir, name);
      files.push({
        family: options.family,
        location,
        profile,
        path: filePath,
        displayPath: location === 'project' ? (shownDir === '' ? name : `${shownDir}/${name}`) : filePath,
        exists: false,
      });
    }
  }
  return files;
}

function stringSetting(resolved: Resolved): string | undefined {
  return resolved.found && typeof resolved.value === 'string' && resolved.value !== '' ? resolved.value : undefined;
}

export function openWorkspace(options: OpenWorkspaceOptions): Workspace {
  const env = options.env;
  const cwd = path.resolve(options.cwd);
  const settingsFolder = env.DLT_CONFIG_FOLDER || DEFAULT_SETTINGS_FOLDER;
  const isWorkspace = isWorkspaceDir(cwd, settingsFolder);
  if (!isWorkspace && options.profile !== undefined) throw workspaceNotFound(cwd, settingsFolder);
  // dlt: after detection, DLT_PROJECT_DIR replaces the run dir.
  const rootDir = env.DLT_PROJECT_DIR ? path.resolve(cwd, env.DLT_PROJECT_DIR) : cwd;
  const settingsDir = path.resolve(rootDir, settingsFolder);
  const globalDir = path.resolve(options.globalDir ?? resolveGlobalDir({ env, homeDir: options.homeDir }));
  const registry = options.registry;

  let profile: string | null = null;
  let profileSource: ProfileSource | null = null;
  let pinnedProfile: string | null = null;
  if (isWorkspace) {
    const choice = chooseProfile({ explicit: options.profile, env, rootDir, settingsFolder, registry });
    profile = choice.profile;
    profileSource = choice.source;
    pinnedProfile = choice.pinned;
  }

  const fileOptions = { profile, rootDir, settingsDir, globalDir };
  const configFiles = familyFiles({ family: 'config', ...fileOptions });
  const secretsFiles = familyFiles({ family: 'secrets', ...fileOptions });
  // Secrets are read before config so an error in either is reported in provider order.
  const secrets = createTomlFamilyProvider('secrets', secretsFiles);
  const config = createTomlFamilyProvider('config', configFiles);
  const families: Record<TomlFamily, TomlFamilyProvider> = { config, secrets };
  const extras = (registry?.providers ?? []).map((definition) =>
    adaptExtraProvider(definition, { profile, workspaceDir: isWorkspace ? rootDir : null, env }),
  );
  const providers: ConfigProvider[] = [
    createEnvProvider(env, { secretsDir: options.secretsDir }),
    secrets,
    config,
    ...extras,
  ];
  const secretProviders = providers.filter((provider) => provider.supportsSecrets);
  const destinations = createDestinationContext(providers, registry);

  const settingPaths = (key: string) =>
    isWorkspace
      ? [
          ['workspace', 'settings', key],
          ['settings', key],
        ]
      : [['settings', key]];
  const setting = (key: string) => stringSetting(resolveAtPaths(providers, settingPaths(key)));

  // An empty WORKSPACE__SETTINGS__NAME falls back to the folder name (dlt §9).
  const name = (isWorkspace ? setting('name') : undefined) ?? (path.basename(rootDir) || FALLBACK_WORKSPACE_NAME);

  let dataDir: string;
  let localDir: string;
  if (isWorkspace) {
    const workingDir = setting('working_dir');
    const localSetting = setting('local_dir');
    // Configured dirs are not suffixed by the profile; only the defaults are (dlt §2.5).
    dataDir = env.DLT_DATA_DIR
      ? path.resolve(rootDir, env.DLT_DATA_DIR)
      : workingDir
        ? path.resolve(rootDir, workingDir)
        : path.join(settingsDir, 'state', profile!);
    localDir = env.DLT_LOCAL_DIR
      ? path.resolve(rootDir, env.DLT_LOCAL_DIR)
      : localSetting
        ? path.resolve(rootDir, localSetting)
        : path.join(settingsDir, 'data', profile!);
  } else {
    // Classic run context: pipelines live in the global dir, local data in the run dir.
    dataDir = env.DLT_DATA_DIR ? path.resolve(rootDir, env.DLT_DATA_DIR) : globalDir;
    localDir = env.DLT_LOCAL_DIR ? path.resolve(rootDir, env.DLT_LOCAL_DIR) : rootDir;
  }

  const castResolved = (resolved: Resolved): Resolved =>
    resolved.found ? withValue(resolved, autoCast(resolved.value)) : resolved;

  return {
    mode: isWorkspace ? 'workspace' : 'classic',
    rootDir,
    settingsDir,
    name,
    profile,
    profileSource,
    pinnedProfile,
    dataDir,
    localDir,
    globalDir,
    files: [...configFiles, ...secretsFiles],
    providerNames: providers.map((provider) => provider.name),
    registry,
    resolveField: (lookup) => resolveField(providers, lookup),
    get: (dotted) => castResolved(lookupExact(providers, splitDottedPath(dotted))),
    getSecret: (dotted) => castResolved(lookupExact(secretProviders, splitDottedPath(dotted))),
    resolveDestination: (destinationName, destinationOptions) =>
      resolveDestination(destinations, destinationName, destinationOptions),
    destinationNames: () =>
      collectDestinationNames(
        [secrets, config],
        Object.keys(env).filter((key) => env[key] !== undefined && env[key] !== ''),
      ),
    runtime: () => resolveRuntime(providers, isWorkspace),
    runtimeValue: (key: string) => resolveRuntimeKey(providers, key, isWorkspace),
    mergedView: (family) => buildMergedView(families, family),
  };
}
