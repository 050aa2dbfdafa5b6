import { captureDlthubError, tomlTable, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.vectors]\ndestination_type = "lancedb"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('lancedb resolution', () => {
  it("resolves keys from secrets.toml and dlt's defaults for region, embedding, vector field and sentinel table", () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.vectors.credentials', { api_key: 'k', embedding_model_provider_api_key: 'ek' }),
    );
    const resolved = ws().open().resolveDestination('vectors', { requireComplete: true });
    expect(resolved.credentials.region).toMatchObject({ value: 'us-east-1', provider: 'default' });
    expect(resolved.credentials.uri).toMatchObject({ value: null, provider: 'default' });
    expect(valuesOf(resolved.config)).toMatchObject({
      lance_uri: null,
      dataset_separator: '___',
      embedding_model_provider: 'cohere',
      embedding_model: 'embed-english-v3.0',
      embedding_model_dimensions: null,
      vector_field_name: 'vector',
      sentinel_table_name: 'dltSentinelTable',
    });
  });

  it('resolves with nothing configured: every credential is optional in dlt', () => {
    const resolved = ws().open().resolveDestination('vectors', { requireComplete: true });
    expect(resolved.credentialsVariant).toBe('lancedb');
  });

  it('reads lance_uri from config.toml and the read consistency interval from env', () => {
    ws().write('.dlt/config.toml', `${TYPE}lance_uri = "db://analytics"\n`);
    const resolved = ws()
      .open({ env: { DESTINATION__VECTORS__CREDENTIALS__READ_CONSISTENCY_INTERVAL: '2.5' } })
      .resolveDestination('vectors');
    expect(resolved.config.lance_uri).toMatchObject({ value: 'db://analytics', file: '.dlt/config.toml', line: 3 });
    expect(resolved.credentials.read_consistency_interval).toMatchObject({
      value: 2.5,
      provider: 'Environment Variables',
    });
  });

  it('reads the provider from env and refuses one outside the literal, naming key and file', () => {
    const ok = ws()
      .open({ env: { DESTINATION__VECTORS__EMBEDDING_MODEL_PROVIDER: 'ollama' } })
      .resolveDestination('vectors');
    expect(ok.config.embedding_model_provider?.value).toBe('ollama');
    ws().write('.dlt/config.toml', `${TYPE}embedding_model_provider = "acme"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('vectors'));
    expect(error.keyPath).toBe('destination.vectors.embedding_model_provider');
    expect(error.location).toMatchObject({ file: '.dlt/config.toml', line: 3 });
  });
});
