/**
 * @dlthub/nx and the dlthub CLI as a user gets them: every publishable package packed and installed
 * from the tarballs into repositories made by `create-nx-workspace --preset=ts` at the lowest Nx the
 * peer range claims that installs here and at this repository's Nx (the newest create-nx-workspace
 * on the registry), plus a plain npm-workspaces repository at the top of the range. Each repository
 * is created once and driven through every generator, the graph, `nx affected`, the targets and the
 * cache checks. This machine has no `uv` and no Python package index: `install` must fail, clearly.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import {
  createConsumerWorkspace,
  createNxWorkspace,
  packRepository,
  readTree,
  repoNxVersion,
  run,
  type ConsumerWorkspace,
  type PackedRepository,
  type RunResult,
} from '../src';

/** Strips ANSI colours so assertions read what a user reads. */
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

function toml(path: string): Record<string, any> {
  return parse(readFileSync(path, 'utf-8')) as Record<string, any>;
}

/** The lowest `create-nx-workspace` of the peer range (>=22) on the registry. */
const LOWEST_NX = '22.0.0';

let base: string;
let packed: PackedRepository;

// One pack for every repository below, right after the builds this target depends on.
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'dlthub-e2e-nx-'));
  packed = packRepository(join(base, 'tarballs'));
});
afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

/** What the task printed, without Nx's frame (timings, summaries, hints), to compare two runs. */
function taskOutput(result: RunResult): string {
  return plain(result.output)
    .split('\n')
    .filter(
      (line) =>
        line.trim() !== '' &&
        !/\bNX\b|nx run|Run duration|^\s*Cache:|Critical path|Recoverable time|Hint:|Failed tasks|^\s*-\s+\S+:\S+|Warning: command|Successfully ran|Nx read the output|Recommendation/.test(
          line,
        ),
    )
    .join('\n');
}

describe.each([LOWEST_NX, repoNxVersion()])(
  '@dlthub/nx in a create-nx-workspace %s --preset=ts repository',
  (nxVersion) => {
    let ws: ConsumerWorkspace;
    const globalDir = () => join(base, `global-${nxVersion}`);
    /** Every run sees the same global dir, so the tests can change it (root's default is /var/dlt). */
    const nx = (args: string[], options: { allowFailure?: boolean } = {}) =>
      ws.nx(args, { env: { DLTHUB_GLOBAL_DIR: globalDir() }, ...options });
    const file = (relative: string) => join(ws.dir, relative);
    const edit = (relative: string, change: (text: string) => string) =>
      writeFileSync(file(relative), change(readFileSync(file(relative), 'utf-8')));

    /** `nx run` twice, from the cache if Nx may and with --skip-nx-cache: the same status and output. */
    function expectCacheAgrees(target: string): RunResult {
      const cached = nx(['run', target], { allowFailure: true });
      const fresh = nx(['run', target, '--skip-nx-cache'], { allowFailure: true });
      expect(plain(cached.output)).not.toMatch(/existing outputs match the cache|local cache/);
      expect(cached.status).toBe(fresh.status);
      expect(taskOutput(cached)).toBe(taskOutput(fresh));
      return fresh;
    }

    beforeAll(() => {
      mkdirSync(globalDir(), { recursive: true });
      ws = createNxWorkspace({
        baseDir: join(base, `nx-${nxVersion}`),
        name: 'repo',
        nxVersion,
        tarballs: packed.tarballs,
        installEnv: packed.installEnv,
      });
    }, 1_800_000);

    it('init registers the plugin once and keeps the installed @dlthub/cli', () => {
      expect(nx(['--version']).output).toContain(nxVersion);
      nx(['g', '@dlthub/nx:init']);
      nx(['g', '@dlthub/nx:init']);
      const plugins = JSON.parse(readFileSync(file('nx.json'), 'utf-8')).plugins;
      expect(plugins.filter((entry: unknown) => entry === '@dlthub/nx')).toHaveLength(1);
      expect(JSON.parse(readFileSync(file('package.json'), 'utf-8')).devDependencies['@dlthub/cli']).toMatch(/^file:/);
      // One @nx/devkit, the repository's own: @dlthub/nx brings no second copy.
      expect(existsSync(file('node_modules/@dlthub/nx/node_modules/@nx/devkit'))).toBe(false);
      expect(JSON.parse(readFileSync(file('node_modules/@nx/devkit/package.json'), 'utf-8')).version).toBe(nxVersion);
    });

    it('workspace, profile, destination and pipeline generators build a workspace project with Python targets', () => {
      const dry = nx(['g', '@dlthub/nx:workspace', 'preview', '--dry-run']);
      expect(plain(dry.output)).toMatch(/CREATE preview\/\.dlt\/config\.toml/);
      nx(['g', '@dlthub/nx:workspace', 'analytics']);
      expect(toml(file('analytics/.dlt/config.toml')).workspace.settings.name).toBe('analytics');
      nx(['g', '@dlthub/nx:profile', 'staging', '--workspace', 'analytics']);
      nx(['g', '@dlthub/nx:destination', 'lake', '--type', 'filesystem', '--workspace', 'analytics']);
      expect(toml(file('analytics/.dlt/prod.config.toml')).destination.lake.destination_type).toBe('filesystem');
      nx(['g', '@dlthub/nx:pipeline', 'rest_api', 'warehouse', '--workspace', 'analytics']);
      const conflict = nx(['g', '@dlthub/nx:pipeline', 'rest_api', 'warehouse', '--workspace', 'analytics'], {
        allowFailure: true,
      });
      expect(conflict.status).not.toBe(0);
      expect(plain(conflict.output)).toMatch(/Delete or rename the existing rest_api_pipeline\.py/);
      mkdirSync(file('analytics/tests'));
      writeFileSync(file('analytics/tests/test_pipeline.py'), 'def test_nothing():\n    pass\n');

      expect(JSON.parse(nx(['show', 'projects', '--json']).stdout)).toContain('analytics');
      const project = JSON.parse(nx(['show', 'project', 'analytics', '--json']).stdout);
      expect(Object.keys(project.targets)).toEqual(
        expect.arrayContaining([
          'dlthub-validate',
          'dlthub-validate-synced',
          'deploy',
          'install',
          'run-rest_api',
          'test',
        ]),
      );
      expect(project.targets['run-rest_api'].dependsOn).toEqual(['install']);
      expect(project.targets.deploy.dependsOn).toEqual(['dlthub-validate-synced']);
      expect(project.targets['dlthub-sync'].dependsOn).toEqual(['dlthub-validate-synced']);
      for (const target of ['dlthub-info', 'dlthub-validate', 'install', 'test']) {
        expect(project.targets[target].cache).toBe(false);
      }
    });

    it('install fails with a clear message without uv, and so does a pipeline run that needs it', () => {
      const install = nx(['run', 'analytics:install'], { allowFailure: true });
      expect(install.status).not.toBe(0);
      expect(plain(install.output)).toMatch(
        /uv is not installed, and this workspace declares its dependencies in pyproject\.toml/,
      );
      const pipeline = nx(['run', 'analytics:run-rest_api'], { allowFailure: true });
      expect(pipeline.status).not.toBe(0);
      expect(plain(pipeline.output)).toMatch(/uv is not installed/);
    });

    it('validate runs the CLI, and --synced validation runs before sync', () => {
      const failing = nx(['run', 'analytics:dlthub-validate'], { allowFailure: true });
      expect(failing.status).not.toBe(0);
      expect(plain(failing.output)).toMatch(/sources\.rest_api\.base_url/);
      for (const toml of ['analytics/.dlt/config.toml', 'analytics/.dlt/secrets.toml']) {
        edit(toml, (text) => text.replaceAll('"<configure me>"', '"https://api.example.com"'));
      }
      const passing = plain(nx(['run', 'analytics:dlthub-validate']).output);
      expect(passing).toMatch(/warehouse \(duckdb\)/);
      // Sync would upload prod with placeholder credentials: it stops at the validation it depends on.
      const sync = nx(['run', 'analytics:dlthub-sync'], { allowFailure: true });
      expect(sync.status).not.toBe(0);
      expect(plain(sync.output)).toMatch(/analytics:dlthub-validate-synced/);
      expect(plain(sync.output)).toMatch(/Profile prod:/);
    });

    it('destination-plugin joins the npm workspaces and its test and typecheck targets really run', () => {
      nx(['g', '@dlthub/nx:destination-plugin', 'starrocks']);
      const rootPackage = JSON.parse(readFileSync(file('package.json'), 'utf-8'));
      expect(rootPackage.dlthub.plugins).toEqual(['./packages/destinations/starrocks']);
      expect(rootPackage.workspaces).toContain('packages/destinations/*');
      const pkg = JSON.parse(readFileSync(file('packages/destinations/starrocks/package.json'), 'utf-8'));
      nx(['run-many', '-t', 'test', 'typecheck', '-p', pkg.name]);
      // The graph builds from inside the new package too.
      const fromInside = ws.nx(['show', 'projects', '--json'], { cwd: file('packages/destinations/starrocks') });
      expect(JSON.parse(fromInside.stdout)).toEqual(expect.arrayContaining([pkg.name, 'analytics']));

      nx([
        'g',
        '@dlthub/nx:destination',
        'olap',
        '--type',
        'starrocks',
        '--workspace',
        'analytics',
        '--profiles',
        'dev',
      ]);
      edit('analytics/.dlt/dev.secrets.toml', (text) => text.replaceAll('"<configure me>"', '"x"'));
      expect(nx(['run', 'analytics:dlthub-validate']).status).toBe(0);
      const list = plain(ws.dlthub(['destination', 'list']).output);
      expect(list).toMatch(/^starrocks - starrocks database/m);
    });

    it('nx affected follows dlthub.plugins and Python imports between workspaces', () => {
      nx(['g', '@dlthub/nx:workspace', 'helpers']);
      mkdirSync(file('helpers/helpers_lib'));
      writeFileSync(file('helpers/helpers_lib/__init__.py'), 'BASE_URL = "https://api.example.com"\n');
      edit('analytics/rest_api_pipeline.py', (text) => `from helpers_lib import BASE_URL\n${text}`);
      run('git', ['add', '-A'], { cwd: ws.dir });
      run('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', 'commit', '-qm', 'workspaces'], {
        cwd: ws.dir,
      });
      const affected = (): string[] =>
        JSON.parse(nx(['show', 'projects', '--affected', '--base=HEAD', '--json']).stdout);

      edit('packages/destinations/starrocks/src/index.js', (text) => `${text}\n// changed\n`);
      expect(affected()).toEqual(expect.arrayContaining(['analytics', 'helpers']));
      run('git', ['checkout', '--', '.'], { cwd: ws.dir });

      edit('helpers/helpers_lib/__init__.py', (text) => `${text}TIMEOUT = 5\n`);
      expect(affected().sort()).toEqual(['analytics', 'helpers']);
      run('git', ['checkout', '--', '.'], { cwd: ws.dir });
    });

    describe('the next nx run says what a run without the cache says, after a change to', () => {
      it('a secrets file', () => {
        expectCacheAgrees('analytics:dlthub-validate');
        // Secrets files are ignored by git, so the test keeps the original itself.
        const original = readFileSync(file('analytics/.dlt/secrets.toml'), 'utf-8');
        edit('analytics/.dlt/secrets.toml', (text) => text.replace('"https://api.example.com"', '"<configure me>"'));
        expect(readFileSync(file('analytics/.dlt/secrets.toml'), 'utf-8')).not.toBe(original);
        expect(expectCacheAgrees('analytics:dlthub-validate').status).not.toBe(0);
        writeFileSync(file('analytics/.dlt/secrets.toml'), original);
        expect(expectCacheAgrees('analytics:dlthub-validate').status).toBe(0);
      });

      it("a local plugin's schema", () => {
        edit('packages/destinations/starrocks/src/index.js', (text) =>
          text.replaceAll("'starrocks'", "'starrocks_v2'"),
        );
        const after = expectCacheAgrees('analytics:dlthub-validate');
        expect(after.status).not.toBe(0);
        expect(plain(after.output)).toMatch(/olap/);
        run('git', ['checkout', '--', 'packages'], { cwd: ws.dir });
      });

      it('the global dir', () => {
        writeFileSync(join(globalDir(), 'config.toml'), '[sources.global_only]\ntoken = "<configure me>"\n');
        const after = expectCacheAgrees('analytics:dlthub-validate');
        expect(after.status).not.toBe(0);
        expect(plain(after.output)).toMatch(/sources\.global_only\.token/);
        rmSync(join(globalDir(), 'config.toml'));
        expect(expectCacheAgrees('analytics:dlthub-validate').status).toBe(0);
      });

      it("a pipeline run's state", () => {
        expect(plain(expectCacheAgrees('analytics:dlthub-info').output)).toMatch(/No local pipelines yet/);
        mkdirSync(file('analytics/.dlt/state/dev/pipelines/rest_api_pipeline'), { recursive: true });
        expect(plain(expectCacheAgrees('analytics:dlthub-info').output)).toMatch(/Local pipelines: rest_api_pipeline/);
      });
    });

    it('a workspace named in dev.config.toml has the same name in Nx and in the CLI; --workspace takes it', () => {
      nx(['g', '@dlthub/nx:workspace', 'naming']);
      writeFileSync(file('naming/.dlt/dev.config.toml'), '[workspace.settings]\nname = "sales_dev"\n', { flag: 'a' });
      const cliName = JSON.parse(ws.dlthub(['--json', '-C', 'naming', 'local', 'info']).stdout).name;
      expect(cliName).toBe('sales_dev');
      expect(JSON.parse(nx(['show', 'projects', '--json']).stdout)).toContain('sales_dev');
      nx(['g', '@dlthub/nx:profile', 'qa', '--workspace', 'sales_dev']);
      expect(readFileSync(file('naming/.dlt/qa.config.toml'), 'utf-8')).toMatch(/"qa" profile/);
    });

    if (nxVersion === repoNxVersion()) {
      it('the workspace generator writes byte for byte what dlthub init plus destination add write', () => {
        nx(['g', '@dlthub/nx:workspace', 'parity', '--directory', 'gen/parity', '--prod-destination', 'postgres']);
        // Outside the Nx workspace, so the two copies are not two projects of the same name.
        const cliDir = join(base, 'cli', 'parity');
        mkdirSync(cliDir, { recursive: true });
        ws.dlthub(['-C', cliDir, 'init', '--name', 'parity', '--dependencies', 'pyproject']);
        for (const [profile, type] of Object.entries({ dev: 'duckdb', prod: 'postgres', access: 'postgres' })) {
          ws.dlthub(['-C', cliDir, 'destination', 'add', 'warehouse', '--type', type, '--profile', profile]);
        }
        expect(readTree(file('gen/parity'))).toEqual(readTree(cliDir));
      });
    }
  },
);

/** The top of the peer range, in a plain npm-workspaces repository (no create-nx-workspace for Nx 24 here). */
describe('@dlthub/nx with Nx 24 in an npm-workspaces repository', () => {
  it('generates, infers and runs the targets', () => {
    const ws = createConsumerWorkspace({
      dir: join(base, 'consumer-nx24'),
      nxVersion: '24.0.6',
      tarballs: packed.tarballs,
      installEnv: packed.installEnv,
      packageJson: { workspaces: ['packages/*'] },
    });
    expect(ws.nx(['--version']).output).toContain('24.0.6');
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
    expect(JSON.parse(ws.nx(['show', 'projects', '--json']).stdout)).toEqual(['analytics']);
    expect(plain(ws.nx(['run', 'analytics:dlthub-validate']).output)).toMatch(/lake \(filesystem\)/);
  });
});
