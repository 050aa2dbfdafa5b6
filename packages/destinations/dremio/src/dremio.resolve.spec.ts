import { captureDlthubError, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.dremio]\ndestination_type = "dremio"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('dremio resolution', () => {
  it('resolves a grpc:// string from secrets.toml with the default port 32010', () => {
    ws().write('.dlt/secrets.toml', '[destination.dremio]\ncredentials = "grpc://u:p@dremio/lake"\n');
    const resolved = ws().open().resolveDestination('dremio', { requireComplete: true });
    expect(resolved.credentials.port).toMatchObject({ value: 32010, provider: 'default' });
    expect(resolved.credentials.database).toMatchObject({ value: 'lake', file: '.dlt/secrets.toml' });
    expect(resolved.config.keep_staged_files).toMatchObject({ value: true, provider: 'default' });
  });

  it('reads a stage name from env and names the file of a bad value', () => {
    const ok = ws()
      .open({ env: { DESTINATION__DREMIO__STAGE_NAME: 'lake.stage' } })
      .resolveDestination('dremio');
    expect(ok.config.stage_name?.value).toBe('lake.stage');
    ws().write('.dlt/config.toml', `${TYPE}keep_staged_files = "sometimes"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('dremio'));
    expect(error.keyPath).toBe('destination.dremio.keep_staged_files');
    expect(error.location?.file).toBe('.dlt/config.toml');
  });
});
