/**
 * `dlthub config validate`: every named destination of the profile through its plugin; secrets sitting
 * in config files; `<configure me>` placeholders left in; secrets files git would commit. Several
 * profiles (`--profile a --profile b`, `--synced`) are validated in one run, each on its own.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MergedNode, ResolvedDestination, Workspace } from '@dlthub/config-core';
import type { Context } from '../../context';
import { assertProfileArgument, workspaceNotFound } from '../../context';
import { core, workspaceCore } from '../../core';
import { maskSecret } from '@dlthub/config-core/mask';
import { looksSecret } from '../../secrets-mask';
import { dependencyIssues, type DestinationConfig } from './requirements-check';

export interface Issue {
  kind: 'destination' | 'secret-in-config' | 'placeholder' | 'gitignore' | 'dependency';
  message: string;
  file?: string;
  line?: number | null;
  key?: string;
}

interface DestinationCheck {
  name: string;
  type: string | null;
  ok: boolean;
  error?: string;
  hint?: string;
  placeholders?: string[];
  /** With --show-origin: where each field's value came from (provider `default` when nothing set it). */
  fields?: FieldOrigin[];
}

interface FieldOrigin {
  field: string;
  value: unknown;
  provider: string | null;
  key: string | null;
  file: string | null;
  line: number | null;
}

function fieldOrigins(resolved: ResolvedDestination, reveal: boolean): FieldOrigin[] {
  const secret = new Set(resolved.secretFields);
  const entries = [
    ...Object.entries(resolved.config).map(([field, source]) => ({ field, source, isSecret: false })),
    ...Object.entries(resolved.credentials).map(([field, source]) => ({
      field: `credentials.${field}`,
      source,
      isSecret: secret.has(field),
    })),
  ];
  return entries.map(({ field, source, isSecret }) => ({
    field,
    value: isSecret && !reveal && source.value != null ? maskSecret(source.value) : (source.value ?? null),
    provider: source.provider,
    // The winning attempt is the last one tried; its provider's own spelling (an env variable's name).
    key: source.found ? (source.tried.at(-1)?.nativeKey ?? source.matchedKey) : null,
    file: source.file,
    line: source.line,
  }));
}

function originText(origin: FieldOrigin): string {
  if (origin.provider === 'default') return 'default';
  if (origin.file) return `${origin.file}${origin.line ? `:${origin.line}` : ''} (${origin.key ?? ''})`;
  return `${origin.provider ?? 'unset'}${origin.key ? ` ${origin.key}` : ''}`;
}

const PLACEHOLDER = '<configure me>';

function walk(
  node: MergedNode,
  visit: (path: string[], leaf: Extract<MergedNode, { kind: 'value' }>) => void,
  path: string[] = [],
): void {
  if (node.kind === 'value') visit(path, node);
  else for (const [key, child] of Object.entries(node.entries)) walk(child, visit, [...path, key]);
}

const at = (file: string, line: number | null) => `${file}${line ? `:${line}` : ''}`;

function fileIssues(workspace: Workspace): Issue[] {
  const issues: Issue[] = [];
  walk(workspace.mergedView('config'), (keyPath, leaf) => {
    // A credentials table, or a secret-typed name, in config.toml breaks dlt's secret rule (§3.5, §9).
    if (keyPath.includes('credentials') || looksSecret(keyPath)) {
      issues.push({
        kind: 'secret-in-config',
        key: keyPath.join('.'),
        file: leaf.file,
        line: leaf.line,
        message: `${at(leaf.file, leaf.line)}: ${keyPath.join('.')} looks like a secret in a config file; move it to the matching secrets.toml.`,
      });
    }
  });
  walk(workspace.mergedView(), (keyPath, leaf) => {
    if (leaf.value === PLACEHOLDER) {
      issues.push({
        kind: 'placeholder',
        key: keyPath.join('.'),
        file: leaf.file,
        line: leaf.line,
        message: `${at(leaf.file, leaf.line)}: ${keyPath.join('.')} is still "${PLACEHOLDER}"; fill it in.`,
      });
    }
  });
  return issues;
}

const gitRepoAnswers = new Map<string, boolean>();

/** Asked once per directory and run: several profiles share the answer. */
function isGitRepo(dir: string): boolean {
  let answer = gitRepoAnswers.get(dir);
  if (answer === undefined) gitRepoAnswers.set(dir, (answer = askGitIsRepo(dir)));
  return answer;
}

function askGitIsRepo(dir: string): boolean {
  try {
    return (
      execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() === 'true'
    );
  } catch {
    return false;
  }
}

function gitignoreIssues(workspace: Workspace): Issue[] {
  if (!isGitRepo(workspace.rootDir)) return [];
  let names: string[];
  try {
    names = fs.readdirSync(workspace.settingsDir).filter((name) => core().isSecretsFile(name));
  } catch {
    return [];
  }
  const issues: Issue[] = [];
  for (const name of names) {
    const file = path.join(workspace.settingsDir, name);
    const shown = path.relative(workspace.rootDir, file).split(path.sep).join('/');
    const { isIgnoredByGit, isTrackedByGit } = require('@dlthub/platform/git') as typeof import('@dlthub/platform/git');
    // A tracked file is never "ignored" to git, whatever .gitignore says: that is its own problem.
    if (isTrackedByGit(file)) {
      issues.push({
        kind: 'gitignore',
        file: shown,
        message: `${shown} is tracked by git, so its secrets get committed; run \`git rm --cached ${shown}\` (keep it in .gitignore).`,
      });
    } else if (isIgnoredByGit(file) === false) {
      issues.push({
        kind: 'gitignore',
        file: shown,
        message: `${shown} is not covered by .gitignore; add "*.secrets.toml" and "secrets.toml" to it.`,
      });
    }
  }
  return issues;
}

interface ProfileReport {
  profile: string | null;
  ok: boolean;
  destinations: DestinationCheck[];
  issues: Issue[];
}

interface ValidateOptions {
  showOrigin: boolean;
  reveal: boolean;
}

function validateWorkspace(context: Context, workspace: Workspace, options: ValidateOptions): ProfileReport {
  // Resolved once here; the dependency check reads the same configs.
  const configs: DestinationConfig[] = [];
  const destinations = workspace.destinationNames().map((name): DestinationCheck => {
    try {
      const resolved = workspace.resolveDestination(name);
      const config = Object.fromEntries(
        Object.entries(resolved.config).map(([field, source]) => [field, source.value]),
      );
      configs.push({ name, type: resolved.destinationType, config });
      const placeholders = Object.entries({ ...resolved.config, ...resolved.credentials })
        .filter(([, field]) => field.value === PLACEHOLDER)
        .map(([field]) => field);
      return {
        name,
        type: resolved.destinationType,
        ok: true,
        ...(placeholders.length ? { placeholders } : {}),
        ...(options.showOrigin ? { fields: fieldOrigins(resolved, options.reveal) } : {}),
      };
    } catch (error) {
      const { isDlthubError } = core();
      if (!isDlthubError(error)) throw error;
      return { name, type: null, ok: false, error: error.message, ...(error.hint ? { hint: error.hint } : {}) };
    }
  });
  const issues: Issue[] = [
    ...destinations
      .filter((entry) => !entry.ok)
      .map((entry): Issue => ({
        kind: 'destination',
        key: `destination.${entry.name}`,
        message: `destination ${entry.name}: ${entry.error ?? ''}`,
      })),
    ...fileIssues(workspace),
    ...gitignoreIssues(workspace),
    ...dependencyIssues(workspace, context.registry(), configs),
  ];
  return { profile: workspace.profile, ok: issues.length === 0, destinations, issues };
}

function reportLines(out: Context['out'], report: ProfileReport): string[] {
  const { destinations, issues } = report;
  return [
    `Profile ${report.profile}: ${destinations.length} destination(s)`,
    ...destinations.flatMap((entry) =>
      entry.ok
        ? [
            `  ${out.style('green', 'ok')}    ${entry.name} (${entry.type})`,
            ...(entry.fields ?? []).map(
              (origin) =>
                `          ${origin.field} = ${JSON.stringify(origin.value)}  ${out.style('dim', `# ${originText(origin)}`)}`,
            ),
          ]
        : [`  ${out.style('red', 'error')} ${entry.name}: ${entry.error ?? ''}`],
    ),
    ...(issues.length > 0
      ? ['', `${issues.length} problem(s):`, ...issues.map((issue) => `  - ${issue.message}`)]
      : ['No problems found.']),
  ];
}

/** What sync uploads: the synced profiles that have files (prod, access, profiles jobs require). */
function syncedProfiles(context: Context, workspace: Workspace): string[] {
  const { collectConfiguration, syncedProfilesOf } = require('@dlthub/platform') as typeof import('@dlthub/platform');
  return collectConfiguration(workspace, syncedProfilesOf(context.registry()), context.env).profiles;
}

/**
 * `--profile a --profile b` and `--synced` select several profiles, validated one after the other;
 * none (or one --profile) validates the active profile as before.
 */
function selectedProfiles(context: Context, options: Record<string, unknown>): string[] | null {
  if (!options.synced && context.profiles.length <= 1) return null;
  for (const profile of context.profiles) assertProfileArgument(profile, '--profile');
  const chosen = options.synced ? syncedProfiles(context, openProfile(context, context.profiles[0])) : [];
  return [...new Set([...context.profiles, ...chosen])];
}

function openProfile(context: Context, profile: string | undefined): Workspace {
  const { env } = context;
  const workspace = workspaceCore().openWorkspace({
    cwd: context.cwd,
    env,
    profile,
    globalDir: env.DLTHUB_GLOBAL_DIR ? path.resolve(env.DLTHUB_GLOBAL_DIR) : undefined,
    registry: context.registry(),
  });
  if (workspace.mode !== 'workspace') throw workspaceNotFound(context.cwd);
  return workspace;
}

function failure(problems: number, profiles: string, hint: string | undefined): Error {
  const { DlthubError } = core();
  return new DlthubError('InvalidConfigValue', `Validation found ${problems} problem(s) in profile ${profiles}.`, {
    hint,
  });
}

export function run(context: Context, _args: string[] = [], options: Record<string, unknown> = {}): void {
  const { out } = context;
  const shown: ValidateOptions = { showOrigin: Boolean(options.showOrigin), reveal: Boolean(options.reveal) };
  const profiles = selectedProfiles(context, options);
  if (profiles === null) {
    const report = validateWorkspace(context, context.requireWorkspace({ registry: true }), shown);
    out.result(report, () => reportLines(out, report));
    if (!report.ok) throw failure(report.issues.length, `${report.profile}`, report.issues[0]?.message);
    return;
  }
  const reports = profiles.map((profile) => validateWorkspace(context, openProfile(context, profile), shown));
  const failed = reports.filter((report) => !report.ok);
  out.result({ ok: failed.length === 0, profiles: reports }, () =>
    reports.length === 0
      ? ['No synced profile has configuration files; nothing to validate.']
      : reports.flatMap((report, index) => [...(index > 0 ? [''] : []), ...reportLines(out, report)]),
  );
  if (failed.length > 0) {
    const problems = failed.reduce((sum, report) => sum + report.issues.length, 0);
    throw failure(problems, failed.map((report) => report.profile).join(', '), failed[0]?.issues[0]?.message);
  }
}
