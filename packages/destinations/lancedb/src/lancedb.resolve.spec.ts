import { captureDlthubError, tomlTable, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.vectors]\ndestination_type = "lancedb"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('lancedb resolution', () => {
  it('resolves keys from secrets.toml, the local uri and the embedding settings by default', () => {
    ws().write(
      '.dlt/secrets.toml',
      tomlTable('destination.vectors.credentials', { api_key: 'k', embedding_model_provider_api_key: 'ek' }),
    );
    const resolved = ws().open().resolveDestination('vectors', { requireComplete: true });
    expect(resolved.credentials.uri).toMatchObject({ value: './.lancedb', provider: 'default' });
    expect(valuesOf(resolved.config)).toMatchObject({
      embedding_model_provider: 'cohere',
      embedding_model: 'embed-english-v3.0',
      embedding_model_dimensions: 1024,
    });
  });

  it('reads the provider from env and refuses one outside the literal, naming key and file', () => {
    const ok = ws()
      .open({ env: { DESTINATION__VECTORS__EMBEDDING_MODEL_PROVIDER: 'openai' } })
      .resolveDestination('vectors');
    expect(ok.config.embedding_model_provider?.value).toBe('openai');
    ws().write('.dlt/config.toml', `${TYPE}embedding_model_provider = "acme"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('vectors'));
    expect(error.keyPath).toBe('destination.vectors.embedding_model_provider');
    expect(error.location).toMatchObject({ file: '.dlt/config.toml', line: 3 });
  });
});
