/**
 * After `init`, secrets files must be ignored by git whatever the user's .gitignore said before: a
 * negation such as `!.dlt/secrets.toml` or `!*.secrets.toml` would let `git add -A` stage them. A root
 * .gitignore is fixed by repeating the dlt rules at its end (the last matching rule wins); a negation
 * elsewhere (a nested .gitignore) is refused with the rule that causes it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DlthubError, writeFileAtomic } from '@dlthub/config-core';

/** Representative paths: the workspace secrets and any profile's secrets. */
const SECRET_PATHS = ['.dlt/secrets.toml', '.dlt/prod.secrets.toml'];
const RULES = ['secrets.toml', '*.secrets.toml'];

/** The rule deciding `relative` (`file:line:pattern`), or null when no rule matches it. */
function decidingRule(rootDir: string, relative: string): { rule: string; ignored: boolean } | null {
  const result = spawnSync('git', ['check-ignore', '-v', '--no-index', '--', relative], {
    cwd: rootDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (result.error || (result.status !== 0 && result.status !== 1)) return null;
  const line = (result.stdout ?? '').split('\n')[0] ?? '';
  if (!line) return { rule: '', ignored: false };
  const rule = line.split('\t')[0] ?? '';
  const pattern = rule.split(':').slice(2).join(':');
  return { rule, ignored: !pattern.startsWith('!') };
}

function insideGit(rootDir: string): boolean {
  const result = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], {
    cwd: rootDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return result.status === 0 && result.stdout.trim() === 'true';
}

/** Returns a note when .gitignore was fixed; throws when the secrets stay un-ignored. */
export function ensureSecretsIgnored(rootDir: string, gitignoreMarker: string): string | null {
  if (!insideGit(rootDir)) return null;
  const unignored = () =>
    SECRET_PATHS.map((relative) => ({ relative, decision: decidingRule(rootDir, relative) })).filter(
      ({ decision }) => decision !== null && !decision.ignored,
    );
  const before = unignored();
  if (before.length === 0) return null;
  const gitignore = path.join(rootDir, '.gitignore');
  const text = fs.existsSync(gitignore) ? fs.readFileSync(gitignore, 'utf8') : '';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : newline;
  const addition = [`${gitignoreMarker} (again: a rule above un-ignored secrets)`, ...RULES].join(newline);
  writeFileAtomic(gitignore, `${text}${separator}${addition}${newline}`);
  const after = unignored();
  if (after.length === 0) {
    return `.gitignore un-ignored ${before.map(({ relative }) => relative).join(', ')} (${before
      .map(({ decision }) => decision?.rule || 'no rule')
      .join('; ')}); the dlt rules were added again at its end.`;
  }
  const { relative, decision } = after[0];
  throw new DlthubError(
    'WriteRefused',
    `${relative} would not be ignored by git${decision?.rule ? ` (${decision.rule})` : ''}, so secrets could be committed.`,
    {
      location: { file: decision?.rule.split(':')[0] || '.gitignore' },
      hint: `Remove that rule, then run \`dlthub init\` again (or add "${RULES.join('" and "')}" where it takes effect).`,
    },
  );
}
