import { commands, groups } from './commands';
import type { CommandSpec } from './commands/types';
import type { GlobalOptions } from './context';
import { fastParse } from './fast-parse';
import { buildProgram } from './program';

/** What commander hands to the command for `argv`, or null when it rejects the line or prints help. */
async function viaCommander(
  argv: string[],
): Promise<{ path: string; args: string[]; options: Record<string, unknown>; globals: GlobalOptions } | null> {
  let captured: { path: string; args: string[]; options: Record<string, unknown>; globals: GlobalOptions } | null =
    null;
  const program = buildProgram({
    commands,
    groups,
    execute: async (spec: CommandSpec, args, options, globals) => {
      // optsWithGlobals also repeats the command's own options; compare the global ones.
      const globalKeys = ['C', 'profile', 'json', 'yes', 'nonInteractive', 'verbose'];
      const onlyGlobals = Object.fromEntries(Object.entries(globals).filter(([key]) => globalKeys.includes(key)));
      captured = { path: spec.path.join(' '), args, options, globals: onlyGlobals };
    },
  });
  program.configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch {
    return null;
  }
  return captured;
}

const lines: string[][] = [
  ['config', 'get', 'runtime.log_level'],
  ['--json', 'config', 'get', 'a.b', '--secret', '--reveal'],
  ['config', 'get', 'a.b', '--profile', 'prod'],
  ['-C', '/tmp/x', '-v', '-v', 'config', 'show', '--show-origin'],
  ['config', 'explain', 'password', '--sections', 'destination.w.credentials', '--secret'],
  ['init'],
  ['init', '--name', 'lake', '--dry-run', '--dependencies', 'pyproject', '--force'],
  ['init', '--dependencies', 'poetry'],
  ['profile'],
  ['--json', 'profile'],
  ['profile', 'use', 'prod', '-y'],
  ['profile', 'list', 'extra'],
  ['destination', 'add', 'w', '--type', 'duckdb', '--profile', 'dev', '--profile', 'prod'],
  ['destination', 'add', '--type', 'duckdb'],
  ['pipeline', 'init', '--list-sources'],
  ['pipeline', 'init', 'rest_api', 'duckdb', '--location', '/tmp/t'],
  ['local', 'clean', '--yes', '--skip-local-data-dir', '--non-interactive'],
  ['config', 'get', 'x', '--reveal=yes'],
  ['config', '--reveal', 'show'],
  ['config'],
  ['nope'],
  ['config', 'get'],
  ['--help'],
  ['init', '--help'],
  ['init', '--bogus'],
  ['-vy', 'profile'],
  ['local', 'run', 'hello.py', '-f'],
  ['--json', 'local', 'run', 'load', '-c', 'limit=5', '-c', 'api.url=x', '--job-ref', 'jobs.etl.load', '--refresh'],
  ['local', 'serve', '--file', 'apps.py', '--python', '/usr/bin/python3', '--dry-run'],
  ['deploy', '--show-manifest', '--file', 'jobs.py'],
  ['--json', 'deploy', '--dry-run'],
  ['deploy', '--file', 'jobs.py', '--workspace', 'w', '--org-id', 'o', '--create', '--no-browser'],
  ['run', 'hello', '-f', '--refresh'],
  ['--json', 'run', 'hello.py', '--job-ref', 'jobs.hello'],
  ['serve', 'apps.py', '--follow'],
  ['job', 'list', '--archived'],
  ['job', 'info', 'hello'],
  ['job', 'run', 'hello', '-f'],
  ['job', 'trigger', 'hello'],
  ['job', 'trigger', 'hello', 'tag:ingest', '--dry-run'],
  ['job', 'logs', 'hello', '3', '-f'],
  ['job', 'cancel', 'hello'],
  ['job', 'cancel', 'hello', 'tag:ingest', '--dry-run'],
  ['job', 'runs', 'list', '--running'],
  ['job', 'runs', 'info', 'hello', '2'],
  ['job', 'runs', 'cancel', 'hello'],
  ['workspace', 'deployment', 'list'],
  ['workspace', 'deployment', 'info', '2'],
  ['workspace', 'configuration', 'sync', '--dry-run'],
  ['show', '--no-browser'],
  ['--json', 'show'],
  ['workspace', 'show', '--no-browser'],
  ['configuration', 'sync', '--dry-run'],
];

describe('fastParse agrees with commander', () => {
  it.each(lines.map((argv) => ({ line: argv.join(' '), argv })))('$line', async ({ argv }) => {
    const fast = fastParse(argv, commands);
    const full = await viaCommander(argv);
    if (fast === null) return; // commander handles it, by construction the same as before
    expect(full).not.toBeNull();
    expect({ path: fast.spec.path.join(' '), args: fast.args, options: fast.options, globals: fast.globals }).toEqual(
      full,
    );
  });

  it('reaches three-word commands and several words of a variadic argument through commander', async () => {
    expect(await viaCommander(['job', 'runs', 'info', 'hello', '2'])).toMatchObject({
      path: 'job runs info',
      args: ['hello', '2'],
    });
    expect(await viaCommander(['workspace', 'configuration', 'sync', '--dry-run'])).toMatchObject({
      path: 'workspace configuration sync',
      options: { dryRun: true },
    });
    expect(await viaCommander(['job', 'trigger', 'hello', 'tag:ingest'])).toMatchObject({
      path: 'job trigger',
      args: ['hello', 'tag:ingest'],
    });
    expect(await viaCommander(['workspace', 'info'])).toMatchObject({ path: 'workspace info' });
  });

  it('takes the fast path for the everyday lines and leaves help and errors to commander', () => {
    expect(fastParse(['config', 'get', 'runtime.log_level'], commands)?.spec.path).toEqual(['config', 'get']);
    expect(fastParse(['--json', 'profile'], commands)?.spec.path).toEqual(['profile', 'info']);
    expect(fastParse(['local', 'run', 'x', '-c', 'a=1', '-c', 'b=2'], commands)?.options['config']).toEqual([
      'a=1',
      'b=2',
    ]);
    for (const argv of [
      ['--help'],
      ['init', '--bogus'],
      ['config', 'get'],
      ['nope'],
      ['init', '--dependencies', 'poetry'],
      ['config'],
    ]) {
      expect(fastParse(argv, commands)).toBeNull();
    }
  });
});
