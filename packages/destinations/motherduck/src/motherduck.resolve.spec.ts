import { captureDlthubError, tomlTable, valuesOf } from '@dlthub/destination-kit/testing';
import { itRefusesSecretsInConfig, useDestinationWorkspace } from '@dlthub/destination-kit/testing';
import { motherduckDestination, plugin } from './index';

const TYPE = '[destination.cloud_duck]\ndestination_type = "motherduck"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('motherduck resolution', () => {
  it('resolves database and token from prod.secrets.toml with the default username', () => {
    ws().write(
      '.dlt/prod.secrets.toml',
      tomlTable('destination.cloud_duck.credentials', { database: 'analytics_md', password: 'md-token-123' }),
    );
    const resolved = ws().open({ profile: 'prod' }).resolveDestination('cloud_duck');
    expect(valuesOf(resolved.credentials)).toMatchObject({
      database: 'analytics_md',
      password: 'md-token-123',
      username: 'motherduck',
    });
    expect(resolved.credentials.username?.provider).toBe('default');
    expect(resolved.credentials.password?.file).toBe('.dlt/prod.secrets.toml');
  });

  it('defaults the database to my_db', () => {
    const resolved = ws()
      .open({ env: { DESTINATION__CLOUD_DUCK__CREDENTIALS__PASSWORD: 'tok' } })
      .resolveDestination('cloud_duck');
    expect(resolved.credentials.database).toMatchObject({ value: 'my_db', provider: 'default' });
  });

  it.each([
    ['md:///analytics?motherduck_token=tok-1', 'analytics', 'tok-1'],
    ['md:analytics?token=tok-2', 'analytics', 'tok-2'],
  ])('takes %s from env, moving the token to password', (native, database, password) => {
    const resolved = ws()
      .open({ env: { DESTINATION__CLOUD_DUCK__CREDENTIALS: native } })
      .resolveDestination('cloud_duck');
    expect(valuesOf(resolved.credentials)).toMatchObject({ database, password });
    expect(resolved.credentials.password?.matchedKey).toBe('destination.cloud_duck.credentials');
  });

  it('rejects a connection string without a database, naming key and file but not the token', () => {
    ws().write('.dlt/secrets.toml', '[destination.cloud_duck]\ncredentials = "md:?motherduck_token=hunter2-token"\n');
    const error = captureDlthubError(() => ws().open().resolveDestination('cloud_duck'));
    expect(error.code).toBe('ConfigValueCannotBeCoerced');
    expect(error.keyPath).toBe('destination.cloud_duck.credentials');
    expect(error.location?.file).toBe('.dlt/secrets.toml');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2-token');
  });

  it('names key and file for a read_only that is not a boolean', () => {
    const error = captureDlthubError(() =>
      ws()
        .open({ env: { DESTINATION__CLOUD_DUCK__CREDENTIALS__READ_ONLY: 'maybe' } })
        .resolveDestination('cloud_duck'),
    );
    expect(error.keyPath).toBe('destination.cloud_duck.credentials.read_only');
    expect(error.provider).toBe('Environment Variables');
  });

  itRefusesSecretsInConfig({
    workspace: ws,
    name: 'cloud_duck',
    configToml: TYPE,
    variants: motherduckDestination.credentialsSchemas,
  });
});
