import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Sandbox } from './helpers';
import { BIN, sandbox, writeWorkspace } from './helpers';

/** Runs `dlthub <args>` on a pseudo-terminal (util-linux `script`), typing `keys`. */
function runOnTerminal(
  box: Sandbox,
  args: string[],
  keys: string,
  env: Record<string, string> = {},
): { code: number | null; output: string } {
  const command = [process.execPath, BIN, ...args].map((part) => `'${part}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: box.dir,
    input: keys,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: box.globalDir, DLTHUB_GLOBAL_DIR: box.globalDir, TERM: 'xterm', ...env },
  });
  return { code: result.status, output: result.stdout };
}

describe('dlthub local', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, { '.dlt/dev.config.toml': '' });
    box.write('.dlt/state/dev/pipelines/orders/state.json', '{}');
    box.write('.dlt/data/dev/warehouse.duckdb', 'db');
    box.write('.dlt/state/prod/pipelines/kept/state.json', '{}');
  });
  afterEach(() => box.cleanup());

  it('info: workspace, profile, dirs, locations found and probed, pipelines', () => {
    const result = box.run(['local', 'info']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Workspace shop:');
    expect(result.stdout).toContain(`  Pipelines and other working data: ${box.dir}/.dlt/state/dev`);
    expect(result.stdout).toContain('Profiles with configs or pipelines: dev, prod');
    expect(result.stdout).toContain('    .dlt/dev.config.toml (profile: dev)');
    expect(result.stdout).toContain('5 location(s) were probed but not found. Use -v to see details.');
    expect(result.stdout).toContain('Local pipelines: orders');
    const verbose = box.run(['-v', 'local', 'info']);
    expect(verbose.stdout).toContain(`    ${box.globalDir}/dev.secrets.toml (global, profile: dev, not found)`);
    const json = JSON.parse(box.run(['--json', 'local', 'info']).stdout) as {
      pipelines: string[];
      locations: unknown[];
    };
    expect(json.pipelines).toEqual(['orders']);
    expect(json.locations).toHaveLength(8);
  });

  it('clean without a terminal and without -y fails and deletes nothing', () => {
    const before = box.snapshot();
    const result = box.run(['local', 'clean']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('- .dlt/data/dev (locally loaded data)');
    expect(result.stderr).toMatch(/hint: Pass --yes to proceed without a prompt\.\n$/);
    expect(box.snapshot()).toEqual(before);
  });

  it('clean on a terminal asks; "no" cancels with exit 130, "yes" cleans', () => {
    const before = box.snapshot();
    const declined = runOnTerminal(box, ['local', 'clean'], 'n\r');
    expect(declined.code).toBe(130);
    expect(declined.output).toContain('Do you want to proceed?');
    expect(declined.output).toContain('Cancelled: nothing was deleted.');
    expect(box.snapshot()).toEqual(before);

    const accepted = runOnTerminal(box, ['local', 'clean'], 'y\r');
    expect(accepted.code).toBe(0);
    expect(accepted.output).toContain('Done.');
    expect(fs.readdirSync(path.join(box.dir, '.dlt/data/dev'))).toEqual([]);
  });

  it('colours output on a terminal only, and never with NO_COLOR', () => {
    const ESC = '\u001b[';
    expect(runOnTerminal(box, ['profile', 'list'], '').output).toContain(`${ESC}1mdev${ESC}22m`);
    const plain = runOnTerminal(box, ['profile', 'list'], '', { NO_COLOR: '1' });
    expect(plain.code).toBe(0);
    expect(plain.output).toContain('* dev (current) (configured)');
    expect(plain.output).not.toContain(ESC);
    expect(box.run(['profile', 'list']).stdout).not.toContain(ESC);
  });

  it('clean -y empties only the current profile dirs', () => {
    const result = box.run(['-y', 'local', 'clean']);
    expect(result.code).toBe(0);
    expect(fs.readdirSync(path.join(box.dir, '.dlt/state/dev'))).toEqual([]);
    expect(fs.readdirSync(path.join(box.dir, '.dlt/data/dev'))).toEqual([]);
    expect(box.exists('.dlt/state/prod/pipelines/kept/state.json')).toBe(true);
    expect(box.exists('.dlt/config.toml')).toBe(true);
  });

  it('clean refuses dirs outside the workspace', () => {
    fs.writeFileSync(path.join(box.globalDir, 'precious.txt'), 'keep');
    const result = box.run(['-y', 'local', 'clean'], { env: { DLT_DATA_DIR: box.globalDir } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: Refusing to clean .*global \(pipeline working folders\): it is not a folder inside the workspace\./,
    );
    expect(fs.readFileSync(path.join(box.globalDir, 'precious.txt'), 'utf8')).toBe('keep');
    expect(box.exists('.dlt/data/dev/warehouse.duckdb')).toBe(true);
  });
});
