import { captureDlthubError, tomlTable, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.events]\ndestination_type = "clickhouse"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('clickhouse resolution', () => {
  it("resolves the host from secrets.toml and keeps dlt's defaults with provenance `default`", () => {
    ws().write('.dlt/secrets.toml', tomlTable('destination.events.credentials', { host: 'ch', password: 'pw' }));
    const resolved = ws().open().resolveDestination('events');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      host: 'ch',
      port: 9440,
      http_port: 8443,
      username: 'default',
      database: 'default',
      secure: 1,
    });
    expect(resolved.credentials.secure?.provider).toBe('default');
    expect(valuesOf(resolved.config)).toMatchObject({
      dataset_table_separator: '___',
      dataset_sentinel_table_name: 'dlt_sentinel_table',
      table_engine_type: 'merge_tree',
    });
    expect(resolved.config.table_engine_type?.provider).toBe('default');
  });

  it('coerces env values: secure must be 0 or 1', () => {
    const ok = ws()
      .open({ env: { DESTINATION__EVENTS__CREDENTIALS__HOST: 'h', DESTINATION__EVENTS__CREDENTIALS__SECURE: '0' } })
      .resolveDestination('events');
    expect(ok.credentials.secure).toMatchObject({ value: 0, provider: 'Environment Variables' });
    const error = captureDlthubError(() =>
      ws()
        .open({ env: { DESTINATION__EVENTS__CREDENTIALS__SECURE: '2' } })
        .resolveDestination('events'),
    );
    expect(error.keyPath).toBe('destination.events.credentials.secure');
  });

  it('takes the connection string from secrets.toml, query values lifted into their fields', () => {
    ws().write('.dlt/secrets.toml', '[destination.events]\ncredentials = "clickhouse://u:p@h:9000/db?secure=0"\n');
    const resolved = ws().open().resolveDestination('events');
    expect(resolved.credentials.secure).toMatchObject({ value: 0, provider: 'secrets.toml' });
    expect(resolved.credentials.port?.value).toBe(9000);
  });

  it("reads the table engine from the destination's config, not from its credentials", () => {
    ws().write(
      '.dlt/config.toml',
      `${TYPE}table_engine_type = "replicated_merge_tree"\ndataset_table_separator = "__"\n`,
    );
    const resolved = ws().open().resolveDestination('events');
    expect(resolved.config.table_engine_type).toMatchObject({ value: 'replicated_merge_tree', line: 3 });
    expect(resolved.config.dataset_table_separator?.value).toBe('__');
    expect(resolved.credentials.dataset_table_separator).toBeUndefined();
    ws().write('.dlt/config.toml', `${TYPE}table_engine_type = "log"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('events'));
    expect(error.keyPath).toBe('destination.events.table_engine_type');
    expect(error.location?.file).toBe('.dlt/config.toml');
  });

  it('takes GCS interoperability keys as plain credential fields', () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.events.credentials', {
        host: 'ch',
        gcp_access_key_id: 'GOOG1',
        gcp_secret_access_key: 'hmac',
      }),
    );
    const resolved = ws().open().resolveDestination('events');
    expect(valuesOf(resolved.credentials)).toMatchObject({ gcp_access_key_id: 'GOOG1', gcp_secret_access_key: 'hmac' });
  });
});
