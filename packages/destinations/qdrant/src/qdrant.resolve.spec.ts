import { captureDlthubError, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.qdrant]\ndestination_type = "qdrant"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('qdrant resolution', () => {
  it('resolves qd_location from env and batching defaults', () => {
    const resolved = ws()
      .open({ env: { DESTINATION__QDRANT__QD_LOCATION: 'https://q.example.com' } })
      .resolveDestination('qdrant');
    expect(resolved.config.qd_location).toMatchObject({
      value: 'https://q.example.com',
      provider: 'Environment Variables',
    });
    expect(valuesOf(resolved.config)).toMatchObject({
      embedding_batch_size: 32,
      upload_batch_size: 64,
      model: 'BAAI/bge-small-en',
    });
    expect(resolved.config.upload_max_retries?.provider).toBe('default');
  });

  it('reads qd_path from config.toml and the older credentials path from secrets.toml', () => {
    ws().write('.dlt/config.toml', `${TYPE}qd_path = "vectors"\n`);
    ws().write('.dlt/secrets.toml', '[destination.qdrant.credentials]\npath = "old_vectors"\n');
    const resolved = ws().open().resolveDestination('qdrant');
    expect(resolved.config.qd_path).toMatchObject({ value: 'vectors', file: '.dlt/config.toml' });
    expect(resolved.credentials.path).toMatchObject({ value: 'old_vectors', file: '.dlt/secrets.toml' });
  });

  it('refuses an in-memory location, naming key and provider', () => {
    const error = captureDlthubError(() =>
      ws()
        .open({ env: { DESTINATION__QDRANT__CREDENTIALS__LOCATION: ':memory:' } })
        .resolveDestination('qdrant'),
    );
    expect(error).toMatchObject({
      code: 'InvalidConfigValue',
      keyPath: 'destination.qdrant.credentials.location',
      provider: 'Environment Variables',
    });
  });

  it('reads client options in their own section from TOML and env, the rest at their defaults', () => {
    ws().write('.dlt/config.toml', `${TYPE}[destination.qdrant.options]\nport = 6334\nprefer_grpc = true\n`);
    const resolved = ws()
      .open({ env: { DESTINATION__QDRANT__OPTIONS__TIMEOUT: '30' } })
      .resolveDestination('qdrant');
    expect(resolved.config['options.port']).toMatchObject({
      value: 6334,
      file: '.dlt/config.toml',
      matchedKey: 'destination.qdrant.options.port',
    });
    expect(resolved.config['options.prefer_grpc']?.value).toBe(true);
    expect(resolved.config['options.timeout']).toMatchObject({ value: 30, provider: 'Environment Variables' });
    expect(resolved.config['options.grpc_port']).toMatchObject({ value: 6334, provider: 'default' });
    expect(resolved.config['options.https']).toMatchObject({ value: false, provider: 'default' });
    expect(resolved.config['options.host']).toMatchObject({ value: null, provider: 'default' });
  });

  it('names key and file of a bad client option and of a bad batch size', () => {
    ws().write('.dlt/config.toml', `${TYPE}[destination.qdrant.options]\nport = "rest"\n`);
    const option = captureDlthubError(() => ws().open().resolveDestination('qdrant'));
    expect(option.keyPath).toBe('destination.qdrant.options.port');
    expect(option.location).toMatchObject({ file: '.dlt/config.toml', line: 4 });
    ws().write('.dlt/config.toml', `${TYPE}upload_batch_size = "big"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('qdrant'));
    expect(error.keyPath).toBe('destination.qdrant.upload_batch_size');
    expect(error.location?.file).toBe('.dlt/config.toml');
  });

  it('takes the older credentials location and path for unset qd_location and qd_path', () => {
    ws().write('.dlt/secrets.toml', '[destination.qdrant.credentials]\nlocation = "https://old.example.com"\n');
    const resolved = ws()
      .open({ env: { DESTINATION__QDRANT__CREDENTIALS__PATH: 'old_vectors' } })
      .resolveDestination('qdrant');
    expect(resolved.config.qd_location).toMatchObject({
      value: 'https://old.example.com',
      file: '.dlt/secrets.toml',
      matchedKey: 'destination.qdrant.credentials.location',
    });
    expect(resolved.config.qd_path).toMatchObject({ value: 'old_vectors', provider: 'Environment Variables' });
  });

  it('keeps a configured qd_location over the credentials location', () => {
    ws().write('.dlt/config.toml', `${TYPE}qd_location = "https://new.example.com"\n`);
    ws().write('.dlt/secrets.toml', '[destination.qdrant.credentials]\nlocation = "https://old.example.com"\n');
    const resolved = ws().open().resolveDestination('qdrant');
    expect(resolved.config.qd_location).toMatchObject({ value: 'https://new.example.com', file: '.dlt/config.toml' });
  });
});
