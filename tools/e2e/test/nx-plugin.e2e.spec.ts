/**
 * @dlthub/nx and the dlthub CLI as a user gets them: every publishable package packed, installed from
 * the tarballs into a fresh Nx workspace (same Nx version as this repository), then driven through
 * `npx nx` and `npx dlthub`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { createConsumerWorkspace, packRepository, readTree, repoNxVersion, run, type ConsumerWorkspace } from '../src';

/** Strips ANSI colours so assertions read what a user reads. */
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

function toml(path: string): Record<string, any> {
  return parse(readFileSync(path, 'utf-8')) as Record<string, any>;
}

let base: string;
let tarballs: Map<string, string>;

// One pack for every workspace below, right after the builds this target depends on.
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'dlthub-e2e-nx-'));
  tarballs = packRepository(join(base, 'tarballs')).tarballs;
});
afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('@dlthub/nx in a fresh Nx workspace', () => {
  let ws: ConsumerWorkspace;

  beforeAll(() => {
    ws = createConsumerWorkspace({ dir: join(base, 'consumer'), nxVersion: repoNxVersion(), tarballs });
  });

  it('init registers the plugin once', () => {
    ws.nx(['g', '@dlthub/nx:init']);
    ws.nx(['g', '@dlthub/nx:init']);
    expect(JSON.parse(readFileSync(join(ws.dir, 'nx.json'), 'utf-8')).plugins).toEqual(['@dlthub/nx']);
  });

  it('workspace --dry-run lists the files and writes none', () => {
    const result = ws.nx(['g', '@dlthub/nx:workspace', 'preview', '--dry-run']);
    expect(plain(result.output)).toMatch(/CREATE preview\/\.dlt\/config\.toml/);
    expect(plain(result.output)).toMatch(/no changes were made/);
    expect(existsSync(join(ws.dir, 'preview'))).toBe(false);
  });

  it('workspace scaffolds the dltHub workspace', () => {
    ws.nx(['g', '@dlthub/nx:workspace', 'analytics']);
    const dlt = join(ws.dir, 'analytics/.dlt');
    expect(existsSync(join(dlt, '.workspace'))).toBe(true);
    expect(toml(join(dlt, 'config.toml')).workspace.settings.name).toBe('analytics');
    expect(toml(join(ws.dir, 'analytics/pyproject.toml')).project.name).toBe('analytics');
    for (const profile of ['dev', 'prod', 'access']) {
      expect(toml(join(dlt, `${profile}.config.toml`)).destination.warehouse.destination_type).toBe('duckdb');
    }
    expect(readFileSync(join(ws.dir, 'analytics/.gitignore'), 'utf-8')).toMatch(/^\*\.secrets\.toml$/m);
  });

  it('destination adds a named destination to the workspace profiles, secrets only in *.secrets.toml', () => {
    ws.nx(['g', '@dlthub/nx:destination', 'lake', '--type', 'filesystem', '--workspace', 'analytics']);
    const dlt = join(ws.dir, 'analytics/.dlt');
    for (const profile of ['dev', 'prod', 'access']) {
      const config = toml(join(dlt, `${profile}.config.toml`));
      expect(config.destination.lake.destination_type).toBe('filesystem');
      expect(config.destination.lake.credentials).toBeUndefined();
    }
    const prodSecrets = readTree(dlt).get('prod.secrets.toml');
    expect(prodSecrets?.mode).toBe(0o600);
    expect(toml(join(dlt, 'prod.secrets.toml')).destination.lake.credentials).toBeDefined();
  });

  it('a bad option fails with one clear message and writes nothing', () => {
    const before = readTree(ws.dir);
    const result = ws.nx(['g', '@dlthub/nx:destination', 'x', '--type', 'nope', '--workspace', 'analytics'], {
      allowFailure: true,
    });
    expect(result.status).not.toBe(0);
    expect(plain(result.output)).toMatch(
      /Unknown destination type "nope" \(--type\)\.\s+Registered types: bigquery, duckdb, filesystem/,
    );
    expect(readTree(ws.dir)).toEqual(before);
  });

  it('inference turns the workspace into an Nx project with dlthub targets', () => {
    expect(JSON.parse(ws.nx(['show', 'projects', '--json']).stdout)).toContain('analytics');
    const project = JSON.parse(ws.nx(['show', 'project', 'analytics', '--json']).stdout);
    expect(project.root).toBe('analytics');
    expect(project.targets['dlthub-validate'].options).toEqual({ command: 'dlthub config validate', cwd: 'analytics' });
    expect(project.targets['dlthub-sync'].cache).toBe(false);
    expect(project.targets['dlthub-validate'].inputs).toEqual(['dlthubConfig']);
    expect(project.namedInputs.dlthubConfig).toContain('{projectRoot}/.dlt/*.config.toml');
    expect(JSON.stringify(project.namedInputs.dlthubConfig)).not.toContain('secrets');
  });

  it('dlthub-validate runs the CLI in the workspace and is cached on the config files', () => {
    const first = plain(ws.nx(['run', 'analytics:dlthub-validate']).output);
    expect(first).toMatch(/dlthub config validate/);
    expect(first).toMatch(/lake \(filesystem\)/);
    expect(first).toMatch(/warehouse \(duckdb\)/);
    expect(plain(ws.nx(['run', 'analytics:dlthub-validate']).output)).toMatch(/cache/i);
    const info = plain(ws.nx(['run', 'analytics:dlthub-info']).output);
    expect(info).toMatch(/analytics/);
  });

  it('profile and pipeline take their positional arguments; validate then asks for the placeholders', () => {
    ws.nx(['g', '@dlthub/nx:profile', 'staging', '--workspace', 'analytics']);
    expect(readFileSync(join(ws.dir, 'analytics/.dlt/staging.config.toml'), 'utf-8')).toMatch(/"staging" profile/);
    ws.nx(['g', '@dlthub/nx:pipeline', 'rest_api', 'warehouse', '--workspace', 'analytics']);
    expect(readFileSync(join(ws.dir, 'analytics/rest_api_pipeline.py'), 'utf-8')).toMatch(/warehouse/);

    const failing = ws.nx(['run', 'analytics:dlthub-validate'], { allowFailure: true });
    expect(failing.status).not.toBe(0);
    expect(plain(failing.output)).toMatch(/sources\.rest_api\.base_url/);

    for (const file of ['analytics/.dlt/config.toml', 'analytics/.dlt/secrets.toml']) {
      const path = join(ws.dir, file);
      writeFileSync(path, readFileSync(path, 'utf-8').replaceAll('"<configure me>"', '"https://api.example.com"'));
    }
    expect(ws.nx(['run', 'analytics:dlthub-validate']).status).toBe(0);
  });

  it('the workspace generator writes byte for byte what dlthub init plus destination add write', () => {
    const cases: Array<{ args: string[]; cli: string[]; profiles: Record<string, string> }> = [
      { args: [], cli: ['--dependencies', 'pyproject'], profiles: { dev: 'duckdb', prod: 'duckdb', access: 'duckdb' } },
      {
        args: ['--prod-destination', 'postgres', '--dependencies', 'requirements', '--profiles', 'dev,tests,staging'],
        cli: ['--dependencies', 'requirements'],
        profiles: { dev: 'duckdb', tests: 'duckdb', staging: 'postgres' },
      },
    ];
    cases.forEach((parity, index) => {
      const name = `parity${index}`;
      ws.nx(['g', '@dlthub/nx:workspace', name, '--directory', `gen/${name}`, ...parity.args]);
      // Outside the Nx workspace, so the two copies are not two projects of the same name.
      const cliDir = join(base, 'cli', name);
      mkdirSync(cliDir, { recursive: true });
      ws.dlthub(['-C', cliDir, 'init', '--name', name, ...parity.cli]);
      for (const [profile, type] of Object.entries(parity.profiles)) {
        ws.dlthub(['-C', cliDir, 'destination', 'add', 'warehouse', '--type', type, '--profile', profile]);
      }
      const generated = readTree(join(ws.dir, 'gen', name));
      expect([...generated.keys()]).toContain('.dlt/.workspace');
      expect(generated).toEqual(readTree(cliDir));
    });
  });

  it('destination-plugin adds a type that the CLI and the generators resolve', () => {
    ws.nx(['g', '@dlthub/nx:destination-plugin', 'clickhouse']);
    const rootPackage = JSON.parse(readFileSync(join(ws.dir, 'package.json'), 'utf-8'));
    expect(rootPackage.dlthub.plugins).toEqual(['./packages/destinations/clickhouse']);

    // The package's own tests pass right away, with what the workspace has installed.
    const ownTests = run('npm', ['test'], { cwd: join(ws.dir, 'packages/destinations/clickhouse') });
    expect(plain(ownTests.output)).toMatch(/# pass 5/);

    ws.nx([
      'g',
      '@dlthub/nx:destination',
      'olap',
      '--type',
      'clickhouse',
      '--workspace',
      'analytics',
      '--profiles',
      'prod',
    ]);
    expect(toml(join(ws.dir, 'analytics/.dlt/prod.config.toml')).destination.olap.destination_type).toBe('clickhouse');
    expect(toml(join(ws.dir, 'analytics/.dlt/prod.secrets.toml')).destination.olap.credentials.password).toBe(
      '<configure me>',
    );

    const list = plain(ws.dlthub(['destination', 'list']).output);
    expect(list).toMatch(/^clickhouse - clickhouse database \[@dlthub\/destination-clickhouse\]/m);
  });
});

/** The peer range is >=22 <25: the same plugin build, installed next to the newest Nx 22 and Nx 24. */
describe.each(['22.6.1', '24.0.6'])('@dlthub/nx with Nx %s', (nxVersion) => {
  let ws: ConsumerWorkspace;

  beforeAll(() => {
    ws = createConsumerWorkspace({ dir: join(base, `consumer-nx${nxVersion}`), nxVersion, tarballs });
  });

  it('generates, infers and runs the targets', () => {
    expect(ws.nx(['--version']).output).toContain(nxVersion);
    ws.nx(['g', '@dlthub/nx:init']);
    ws.nx(['g', '@dlthub/nx:workspace', 'analytics', '--prod-destination', 'postgres']);
    ws.nx([
      'g',
      '@dlthub/nx:destination',
      'lake',
      '--type',
      'filesystem',
      '--workspace',
      'analytics',
      '--profiles',
      'dev',
    ]);
    expect(toml(join(ws.dir, 'analytics/.dlt/prod.config.toml')).destination.warehouse.destination_type).toBe(
      'postgres',
    );
    expect(JSON.parse(ws.nx(['show', 'projects', '--json']).stdout)).toEqual(['analytics']);
    const validate = plain(ws.nx(['run', 'analytics:dlthub-validate']).output);
    expect(validate).toMatch(/lake \(filesystem\)/);
  });
});
