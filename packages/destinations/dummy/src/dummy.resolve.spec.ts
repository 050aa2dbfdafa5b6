import { captureDlthubError, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.nowhere]\ndestination_type = "dummy"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('dummy resolution', () => {
  it('has no credentials; probabilities come from TOML and env, the rest by default', () => {
    ws().write('.dlt/config.toml', `${TYPE}fail_prob = 0.25\n`);
    const resolved = ws()
      .open({ env: { DESTINATION__NOWHERE__TIMEOUT: '3' } })
      .resolveDestination('nowhere', { requireComplete: true });
    expect(resolved.credentialsVariant).toBeNull();
    expect(resolved.config.fail_prob).toMatchObject({ value: 0.25, provider: 'config.toml', line: 3 });
    expect(resolved.config.timeout).toMatchObject({ value: 3, provider: 'Environment Variables' });
    expect(resolved.config.loader_file_format).toMatchObject({ value: 'jsonl', provider: 'default' });
    expect(resolved.config.create_followup_jobs).toMatchObject({ value: false, provider: 'default' });
  });

  it('refuses an unknown loader file format, naming key and file', () => {
    ws().write('.dlt/config.toml', `${TYPE}loader_file_format = "xml"\n`);
    const error = captureDlthubError(() => ws().open().resolveDestination('nowhere'));
    expect(error.keyPath).toBe('destination.nowhere.loader_file_format');
    expect(error.location).toMatchObject({ file: '.dlt/config.toml', line: 3 });
  });
});
