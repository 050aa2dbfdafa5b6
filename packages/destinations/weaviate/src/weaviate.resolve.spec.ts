import { captureDlthubError, tomlTable, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.weaviate]\ndestination_type = "weaviate"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('weaviate resolution', () => {
  it('resolves url and headers from secrets.toml, the vectorizer and timeouts by default', () => {
    ws().write(
      '.dlt/secrets.toml',
      `${tomlTable('destination.weaviate.credentials', { url: 'https://w' })}[destination.weaviate.credentials.additional_headers]\nX-OpenAI-Api-Key = "o"\n`,
    );
    const resolved = ws().open().resolveDestination('weaviate');
    expect(resolved.credentials.url).toMatchObject({ value: 'https://w', provider: 'secrets.toml' });
    expect(resolved.credentials.additional_headers?.value).toEqual({ 'X-OpenAI-Api-Key': 'o' });
    expect(resolved.config.vectorizer).toMatchObject({ value: 'text2vec-openai', provider: 'default' });
    expect(resolved.config.read_timeout?.value).toBe(180);
  });

  it('coerces env values and refuses a consistency outside the literal', () => {
    const ok = ws()
      .open({ env: { DESTINATION__WEAVIATE__BATCH_CONSISTENCY: 'QUORUM', DESTINATION__WEAVIATE__CONN_TIMEOUT: '2.5' } })
      .resolveDestination('weaviate');
    expect(ok.config.conn_timeout?.value).toBe(2.5);
    const error = captureDlthubError(() =>
      ws()
        .open({ env: { DESTINATION__WEAVIATE__BATCH_CONSISTENCY: 'SOME' } })
        .resolveDestination('weaviate'),
    );
    expect(error.keyPath).toBe('destination.weaviate.batch_consistency');
    expect(error.provider).toBe('Environment Variables');
  });
});
