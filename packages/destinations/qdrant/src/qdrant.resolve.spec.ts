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

  it('reads client options as a table and names key and file of a bad batch size', () => {
    ws().write('.dlt/config.toml', `${TYPE}[destination.qdrant.options]\nport = 6334\nprefer_grpc = true\n`);
    expect(ws().open().resolveDestination('qdrant').config.options?.value).toEqual({ port: 6334, prefer_grpc: true });
    ws().write('.dlt/config.toml', `${TYPE}upload_batch_size = "big"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('qdrant'));
    expect(error.keyPath).toBe('destination.qdrant.upload_batch_size');
    expect(error.location?.file).toBe('.dlt/config.toml');
  });
});
