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
      dataset_table_separator: '___',
    });
    expect(resolved.credentials.secure?.provider).toBe('default');
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
});
