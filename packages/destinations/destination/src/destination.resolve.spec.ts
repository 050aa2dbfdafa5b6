import { captureDlthubError, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.sink]\ndestination_type = "destination"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('custom destination resolution', () => {
  it('resolves the callable from config.toml and batching from env, with defaults', () => {
    ws().write('.dlt/config.toml', `${TYPE}destination_callable = "sinks.print_rows"\n`);
    const resolved = ws()
      .open({ env: { DESTINATION__SINK__BATCH_SIZE: '100' } })
      .resolveDestination('sink');
    expect(resolved.config.destination_callable).toMatchObject({ value: 'sinks.print_rows', file: '.dlt/config.toml' });
    expect(resolved.config.batch_size).toMatchObject({ value: 100, provider: 'Environment Variables' });
    expect(resolved.config.loader_file_format).toMatchObject({ value: 'typed-jsonl', provider: 'default' });
    expect(resolved.config.max_table_nesting).toMatchObject({ value: 0, provider: 'default' });
  });

  it('names key and provider of a batch size that is not an integer', () => {
    const error = captureDlthubError(() =>
      ws()
        .open({ env: { DESTINATION__SINK__BATCH_SIZE: 'ten' } })
        .resolveDestination('sink'),
    );
    expect(error.keyPath).toBe('destination.sink.batch_size');
    expect(error.provider).toBe('Environment Variables');
  });
});
