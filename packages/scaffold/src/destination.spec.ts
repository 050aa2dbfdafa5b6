import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseToml } from '@dlthub/config-core/toml';
import { testRegistry } from './__fixtures__/registry';
import { planAddDestination } from './destination';
import { memoryFileHost, nodeFileHost } from './file-host';
import { applyPlan } from './plan';
import { planAddProfile } from './profile';

/** Generated TOML read back the way every package reads it. */
const parse = (text: string) => parseToml(text, 'generated.toml');

const registry = testRegistry();

describe('planAddDestination', () => {
  it('writes the type and the local scaffold to dev, the synced scaffold to prod, credentials only to secrets files', () => {
    const host = memoryFileHost();
    applyPlan(
      host,
      planAddDestination(host, {
        directory: '',
        name: 'warehouse',
        type: 'postgres',
        profiles: ['dev', 'prod'],
        registry,
      }),
    );
    const read = (file: string) => parse(host.read(file) ?? '');
    expect(read('.dlt/dev.config.toml')).toEqual({ destination: { warehouse: { destination_type: 'postgres' } } });
    expect(read('.dlt/prod.config.toml')).toEqual({
      destination: { warehouse: { destination_type: 'postgres', create_indexes: true } },
    });
    expect(read('.dlt/dev.secrets.toml')).toEqual({
      destination: {
        warehouse: {
          credentials: { host: 'localhost', database: 'dev_db', username: 'loader', password: '<configure me>' },
        },
      },
    });
    expect(read('.dlt/prod.secrets.toml')).toEqual({
      destination: {
        warehouse: { credentials: { host: '<configure me>', database: 'prod_db', password: '<configure me>' } },
      },
    });
    expect(host.read('.dlt/prod.config.toml')).toMatch(/^# Configuration of the "prod" profile/);
    expect(host.modes.get('.dlt/prod.secrets.toml')).toBe(0o600);
    expect(host.read('.dlt/config.toml')).toBeNull();
  });

  it("merges the destination's Python requirements into the project's dependency file", () => {
    const pyproject = '[project]\nname = "w"\ndependencies = [\n    "dlt[hub]>=1.27.2,<2",\n    "duckdb>=0.9",\n]\n';
    const host = memoryFileHost('/w', { 'pyproject.toml': pyproject });
    const options = { directory: '', name: 'warehouse', type: 'postgres', profiles: ['prod'], registry };
    const plan = planAddDestination(host, options);
    expect(plan.files.find((file) => file.path === 'pyproject.toml')).toMatchObject({
      action: 'UPDATE',
      reason: 'added dlt[postgres]',
    });
    applyPlan(host, plan);
    expect(host.read('pyproject.toml')).toBe(pyproject.replace('dlt[hub]', 'dlt[hub,postgres]'));
    expect(planAddDestination(host, options).files.find((file) => file.path === 'pyproject.toml')?.action).toBe('KEEP');

    // filesystem: the fsspec driver follows the profile's bucket_url scheme.
    const lake = memoryFileHost('/w', { 'requirements.txt': 'dlt>=1.27\n' });
    const plan2 = planAddDestination(lake, {
      directory: '',
      name: 'lake',
      type: 'filesystem',
      profiles: ['dev'],
      registry,
    });
    expect(plan2.files.find((file) => file.path === 'requirements.txt')?.content).toBe('dlt[filesystem]>=1.27\n');
    // No dependency file: nothing is created, the plan says what to add.
    const bare = planAddDestination(memoryFileHost(), options);
    expect(bare.files.map((file) => file.path)).not.toContain('requirements.txt');
    expect(bare.notes).toEqual([
      'No pyproject.toml or requirements.txt here; add to your dependencies: dlt[postgres]>=1.27.2,<2',
    ]);
  });

  it('treats a custom profile as synced (prod scaffold)', () => {
    const host = memoryFileHost();
    applyPlan(
      host,
      planAddDestination(host, { directory: 'ws', name: 'w', type: 'filesystem', profiles: ['staging'], registry }),
    );
    expect(parse(host.read('ws/.dlt/staging.config.toml') ?? '')).toEqual({
      destination: { w: { destination_type: 'filesystem', bucket_url: 's3://bucket' } },
    });
    expect(host.exists('ws/.dlt/staging.secrets.toml')).toBe(false);
  });

  it('keeps existing keys and reports KEEP when nothing is missing', () => {
    const host = memoryFileHost('/w', {
      '.dlt/dev.config.toml': '[destination.warehouse]\ndestination_type = "duckdb"\n',
    });
    const plan = planAddDestination(host, {
      directory: '',
      name: 'warehouse',
      type: 'duckdb',
      profiles: ['dev'],
      registry,
    });
    expect(plan.files).toEqual([{ path: '.dlt/dev.config.toml', action: 'KEEP', reason: 'keys already present' }]);
  });

  it('rejects unknown types listing the registered ones, and bad names', () => {
    const host = memoryFileHost();
    expect(() =>
      planAddDestination(host, { directory: '', name: 'w', type: 'oracle', profiles: ['dev'], registry }),
    ).toThrow(
      expect.objectContaining({
        code: 'UnknownDestinationType',
        hint: 'Registered types: duckdb, filesystem, postgres.',
      }),
    );
    expect(() =>
      planAddDestination(host, { directory: '', name: 'w', type: 'duckdb', profiles: ['../x'], registry }),
    ).toThrow(expect.objectContaining({ code: 'InvalidProfileName' }));
    expect(() =>
      planAddDestination(host, { directory: '', name: 'Bad-Name', type: 'duckdb', profiles: ['dev'], registry }),
    ).toThrow(expect.objectContaining({ code: 'Usage' }));
  });
});

describe('destination add on commented files (real disk)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaffold-dest-'));
    fs.mkdirSync(path.join(dir, '.dlt'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('changes only the lines it adds: every original line stays, in order, byte for byte', () => {
    const config = '# prod settings\r\n[destination.old]   # legacy\r\ndestination_type = "duckdb"\r\n\r\n# end\r\n';
    const secrets = "# keep me\n[destination.warehouse.credentials]\nhost = 'db.internal' # already set\n";
    fs.writeFileSync(path.join(dir, '.dlt/prod.config.toml'), config);
    fs.writeFileSync(path.join(dir, '.dlt/prod.secrets.toml'), secrets, { mode: 0o600 });
    const host = nodeFileHost(dir);
    applyPlan(
      host,
      planAddDestination(host, { directory: '', name: 'warehouse', type: 'postgres', profiles: ['prod'], registry }),
    );

    const newConfig = fs.readFileSync(path.join(dir, '.dlt/prod.config.toml'), 'utf8');
    expect(
      newConfig.startsWith(
        '# prod settings\r\n[destination.old]   # legacy\r\ndestination_type = "duckdb"\r\n\r\n# end',
      ),
    ).toBe(true);
    expect(newConfig.slice(config.trimEnd().length)).toBe(
      '\r\n\r\n[destination.warehouse]\r\ndestination_type = "postgres"\r\ncreate_indexes = true\r\n',
    );
    const newSecrets = fs.readFileSync(path.join(dir, '.dlt/prod.secrets.toml'), 'utf8');
    expect(newSecrets).toBe(`${secrets}database = "prod_db"\npassword = "<configure me>"\n`);
  });

  it('planAddProfile creates the profile file once, with a header', () => {
    const host = nodeFileHost(dir);
    applyPlan(host, planAddProfile(host, { directory: '', profile: 'tests', registry }));
    const text = fs.readFileSync(path.join(dir, '.dlt/tests.config.toml'), 'utf8');
    expect(text).toContain('profile assumed when running tests');
    expect(text).toContain('Local only');
    expect(planAddProfile(host, { directory: '', profile: 'tests', registry }).files[0]?.action).toBe('KEEP');
  });
});
