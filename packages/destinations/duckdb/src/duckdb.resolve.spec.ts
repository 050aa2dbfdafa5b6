import { captureDlthubError, valuesOf } from '@dlthub/destination-kit/testing';
import { itRefusesSecretsInConfig, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { duckdbDestination, plugin } from './index';

const TYPE = '[destination.lake]\ndestination_type = "duckdb"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('duckdb resolution', () => {
  it('resolves typed option fields from TOML', () => {
    ws().write(
      '.dlt/secrets.toml',
      '[destination.lake.credentials]\ndatabase = "data/lake.duckdb"\nread_only = true\nextensions = ["spatial"]\npragmas = ["enable_progress_bar"]\n[destination.lake.credentials.global_config]\nthreads = 4\n',
    );
    const resolved = ws().open().resolveDestination('lake');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      database: 'data/lake.duckdb',
      read_only: true,
      extensions: ['spatial'],
      pragmas: ['enable_progress_bar'],
      global_config: { threads: 4 },
    });
  });

  it('coerces env strings field by field (bool words, JSON lists and dicts)', () => {
    const resolved = ws()
      .open({
        env: {
          DESTINATION__LAKE__CREDENTIALS__DATABASE: 'lake.duckdb',
          DESTINATION__LAKE__CREDENTIALS__READ_ONLY: 'yes',
          DESTINATION__LAKE__CREDENTIALS__EXTENSIONS: '["spatial", "httpfs"]',
          DESTINATION__LAKE__CREDENTIALS__LOCAL_CONFIG: '{"search_path": "main"}',
        },
      })
      .resolveDestination('lake');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      database: 'lake.duckdb',
      read_only: true,
      extensions: ['spatial', 'httpfs'],
      local_config: { search_path: 'main' },
    });
  });

  it.each([
    ['duckdb:///data/lake.duckdb', 'data/lake.duckdb'],
    ['data/plain.duckdb', 'data/plain.duckdb'],
    [':pipeline:', ':pipeline:'],
  ])('takes %s from env as the whole credentials', (native, database) => {
    const resolved = ws()
      .open({ env: { DESTINATION__LAKE__CREDENTIALS: native } })
      .resolveDestination('lake');
    expect(resolved.credentials.database).toMatchObject({
      value: database,
      matchedKey: 'destination.lake.credentials',
    });
    expect(resolved.credentials.read_only).toMatchObject({ value: false, provider: 'default' });
  });

  it('needs no credentials at all (the file goes to the profile data dir)', () => {
    const resolved = ws().open().resolveDestination('lake');
    expect(resolved.credentials.database?.found).toBe(false);
    expect(resolved.config.create_indexes).toMatchObject({ value: false, provider: 'default' });
  });

  it.each([
    ['read_only = "sometimes"', 'destination.lake.credentials.read_only'],
    ['extensions = "spatial"', 'destination.lake.credentials.extensions'],
  ])('names key and file for %s', (line, keyPath) => {
    ws().write('.dlt/secrets.toml', `[destination.lake.credentials]\n${line}\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('lake'));
    expect(error.code).toBe('ConfigValueCannotBeCoerced');
    expect(error.keyPath).toBe(keyPath);
    expect(error.location).toMatchObject({ file: '.dlt/secrets.toml', line: 2 });
  });

  it('rejects a connection string of another destination', () => {
    const error = captureDlthubError(() =>
      ws()
        .open({ env: { DESTINATION__LAKE__CREDENTIALS: 'md:///db?motherduck_token=hunter2-token' } })
        .resolveDestination('lake'),
    );
    expect(error.keyPath).toBe('destination.lake.credentials');
    expect(error.provider).toBe('Environment Variables');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2-token');
  });

  itRefusesSecretsInConfig({
    workspace: ws,
    name: 'lake',
    configToml: TYPE,
    variants: duckdbDestination.credentialsSchemas,
  });
});
