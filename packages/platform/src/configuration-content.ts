/**
 * What `configuration sync` uploads (dlt-semantics §2.6): the synced profiles — those the registry
 * declares `scope: 'synced'` (`prod`, `access`) and every custom profile a job decorator in the
 * workspace's Python files references with `require={"profile": "..."}` (read by python-jobs.ts) — as
 * the text of `.dlt/<profile>.config.toml` / `.secrets.toml`, plus the workspace-scoped
 * `.dlt/config.toml` / `.dlt/secrets.toml`. `dev` and `tests` stay local, always. The CLI's own
 * credentials (`[runtime] api_key` / `auth_token`) are stripped from every file before upload.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  configurationContentHash,
  configurationMaxBytes,
  profileNamePattern,
  type ConfigurationContent,
  type TomlPair,
} from '@dlthub/api-schema';
import {
  DlthubError,
  isMachineOnlyProfile,
  removeTomlKey,
  type Env,
  type Registry,
  type Workspace,
} from '@dlthub/config-core';
import { readJobDecorators, type ProfileReference } from './python-jobs';

export type { ProfileReference } from './python-jobs';

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

export interface SyncedFile {
  /** Relative to the workspace root, `/`-separated (e.g. `.dlt/prod.secrets.toml`). */
  path: string;
  scope: 'workspace' | 'profile';
  profile: string | null;
  /** e.g. "referenced by jobs/report.py:7" or "runtime.api_key left out". */
  note?: string;
}

export interface CollectedConfiguration {
  content: ConfigurationContent;
  contentHash: string;
  /** Bytes of the upload body's content (the server caps it at 1 MB). */
  size: number;
  files: SyncedFile[];
  profiles: string[];
  /** Files under `.dlt/` that stay local, with why. */
  notSynced: Array<{ path: string; reason: string }>;
  warnings: string[];
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DlthubError('FileReadError', `Cannot read ${file}: ${(error as Error).message}`, {
      location: { file },
      cause: error,
    });
  }
}

/** The CLI's own credentials are for this machine: the platform runtime gets its own, so they are never uploaded. */
const localCredentialKeys = [
  ['runtime', 'api_key'],
  ['runtime', 'auth_token'],
  ['workspace', 'runtime', 'api_key'],
  ['workspace', 'runtime', 'auth_token'],
] as const;

function withoutLocalCredentials(text: string, shown: string): { text: string; removed: string[] } {
  const removed: string[] = [];
  let current = text;
  for (const key of localCredentialKeys) {
    const next = removeTomlKey(current, key, { file: shown });
    if (next !== current) removed.push(key.join('.'));
    current = next;
  }
  return { text: current, removed };
}

const profileFilePattern = /^([^.]+)\.(config|secrets)\.toml$/;

/** Profiles the registry declares synced, in registry order. */
export function syncedProfilesOf(registry: Registry): string[] {
  return registry.profileNames().filter((name) => registry.getProfile(name)?.scope === 'synced');
}

export function collectConfiguration(
  workspace: Workspace,
  syncedProfiles: readonly string[],
  env: Env,
): CollectedConfiguration {
  const settingsDir = workspace.settingsDir;
  const shownOf = (name: string) => toPosix(path.relative(workspace.rootDir, path.join(settingsDir, name)));
  const files: SyncedFile[] = [];
  const warnings: string[] = [];

  const workspaceConfigRaw = readIfExists(path.join(settingsDir, 'config.toml'));
  const strippedConfig = withoutLocalCredentials(workspaceConfigRaw ?? '', shownOf('config.toml'));
  const workspaceConfig = workspaceConfigRaw === null ? null : strippedConfig.text;
  const workspaceSecretsRaw = readIfExists(path.join(settingsDir, 'secrets.toml'));
  let workspaceSecrets = workspaceSecretsRaw ?? '';
  if (workspaceConfig !== null)
    files.push({
      path: shownOf('config.toml'),
      scope: 'workspace',
      profile: null,
      ...(strippedConfig.removed.length ? { note: `${strippedConfig.removed.join(', ')} left out` } : {}),
    });
  if (workspaceSecretsRaw !== null) {
    const stripped = withoutLocalCredentials(workspaceSecretsRaw, shownOf('secrets.toml'));
    workspaceSecrets = stripped.text;
    files.push({
      path: shownOf('secrets.toml'),
      scope: 'workspace',
      profile: null,
      ...(stripped.removed.length ? { note: `${stripped.removed.join(', ')} left out` } : {}),
    });
  }

  const reading = readJobDecorators(workspace.rootDir, env);
  for (const problem of reading.problems)
    warnings.push(`${problem.file}:${problem.line}: ${problem.message}; its job decorators were not read.`);
  const references = reading.references;
  const referencedBy = new Map<string, ProfileReference>();
  for (const reference of references) {
    if (isMachineOnlyProfile(reference.profile)) {
      warnings.push(
        `${reference.file}:${reference.line} requires profile "${reference.profile}", a local profile that is never synced.`,
      );
      continue;
    }
    // The control plane's own rule for profile names it accepts (api-schema), checked before upload.
    if (!profileNamePattern.test(reference.profile)) {
      throw new DlthubError(
        'InvalidProfileName',
        `${reference.file}:${reference.line} requires profile "${reference.profile}", which is not a valid profile name for syncing.`,
        {
          location: { file: reference.file, line: reference.line },
          hint: 'Rename the profile in that job decorator and in its .dlt/<profile>.*.toml files.',
        },
      );
    }
    if (!referencedBy.has(reference.profile)) referencedBy.set(reference.profile, reference);
  }

  const candidates = [
    ...syncedProfiles,
    ...[...referencedBy.keys()].filter((name) => !syncedProfiles.includes(name)).sort(),
  ];
  const profiles: Record<string, TomlPair> = {};
  for (const profile of candidates) {
    const config = readIfExists(path.join(settingsDir, `${profile}.config.toml`));
    const secrets = readIfExists(path.join(settingsDir, `${profile}.secrets.toml`));
    const reference = referencedBy.get(profile);
    const note = reference ? `referenced by ${reference.file}:${reference.line}` : undefined;
    if (config === null && secrets === null) {
      if (reference)
        warnings.push(
          `Profile "${profile}" is ${note} but has no ${shownOf(`${profile}.config.toml`)} or .secrets.toml; jobs using it get the workspace files only.`,
        );
      continue;
    }
    const strippedConfig = withoutLocalCredentials(config ?? '', shownOf(`${profile}.config.toml`));
    const strippedSecrets = withoutLocalCredentials(secrets ?? '', shownOf(`${profile}.secrets.toml`));
    profiles[profile] = { config: strippedConfig.text, secrets: strippedSecrets.text };
    const noteWith = (removed: string[]) =>
      [note, removed.length ? `${removed.join(', ')} left out` : undefined].filter(Boolean).join('; ');
    if (config !== null) {
      const text = noteWith(strippedConfig.removed);
      files.push({
        path: shownOf(`${profile}.config.toml`),
        scope: 'profile',
        profile,
        ...(text ? { note: text } : {}),
      });
    }
    if (secrets !== null) {
      const text = noteWith(strippedSecrets.removed);
      files.push({
        path: shownOf(`${profile}.secrets.toml`),
        scope: 'profile',
        profile,
        ...(text ? { note: text } : {}),
      });
    }
  }

  const notSynced: Array<{ path: string; reason: string }> = [];
  for (const name of fs.existsSync(settingsDir) ? fs.readdirSync(settingsDir).sort() : []) {
    const match = profileFilePattern.exec(name);
    const profile = match?.[1];
    if (profile === undefined || profiles[profile]) continue;
    notSynced.push({
      path: shownOf(name),
      reason: isMachineOnlyProfile(profile)
        ? `profile ${profile} is local`
        : `profile ${profile} is not referenced by any job`,
    });
  }

  const content: ConfigurationContent = {
    profiles,
    workspace: { config: workspaceConfig ?? '', secrets: workspaceSecrets },
  };
  const size = Buffer.byteLength(JSON.stringify(content), 'utf8');
  if (size > configurationMaxBytes) {
    throw new DlthubError(
      'Api',
      `The configuration is ${size} bytes; the platform accepts at most ${configurationMaxBytes}.`,
      {
        hint: 'Move large values (e.g. data files) out of the .dlt TOML files.',
      },
    );
  }
  return {
    content,
    contentHash: configurationContentHash(content),
    size,
    files,
    profiles: Object.keys(profiles),
    notSynced,
    warnings,
  };
}
