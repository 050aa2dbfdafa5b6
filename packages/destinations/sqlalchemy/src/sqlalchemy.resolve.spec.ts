import { captureDlthubError, useDestinationWorkspace, valuesOf } from '@dlthub/destination-kit/testing';
import { plugin } from './index';

const TYPE = '[destination.mysql]\ndestination_type = "sqlalchemy"\n';
const ws = useDestinationWorkspace(plugin, { '.dlt/config.toml': TYPE });

describe('sqlalchemy resolution', () => {
  it('takes the driver from the URL scheme of a connection string in env', () => {
    const resolved = ws()
      .open({ env: { DESTINATION__MYSQL__CREDENTIALS: 'mysql+pymysql://u:p@db:3306/dwh' } })
      .resolveDestination('mysql', { requireComplete: true });
    expect(valuesOf(resolved.credentials)).toMatchObject({ drivername: 'mysql+pymysql', host: 'db', port: 3306 });
  });

  it('reads engine_kwargs as a table from config.toml, defaults otherwise', () => {
    ws().write('.dlt/config.toml', `${TYPE}[destination.mysql.engine_kwargs]\npool_size = 5\n`);
    ws().write('.dlt/secrets.toml', '[destination.mysql.credentials]\ndrivername = "sqlite"\n');
    const resolved = ws().open().resolveDestination('mysql');
    expect(resolved.config.engine_kwargs).toMatchObject({ value: { pool_size: 5 }, provider: 'config.toml' });
    expect(resolved.config.create_primary_keys).toMatchObject({ value: false, provider: 'default' });
  });

  it('reports a missing drivername with the keys tried', () => {
    const error = captureDlthubError(() => ws().open().resolveDestination('mysql', { requireComplete: true }));
    expect(error.keyPath).toBe('destination.mysql.credentials.drivername');
    expect(error.message).toContain('DESTINATION__MYSQL__CREDENTIALS__DRIVERNAME');
  });
});

describe('sqlalchemy engine_kwargs (SqlalchemyClientConfiguration.on_resolved)', () => {
  const CREDENTIALS = '[destination.mysql.credentials]\ndrivername = "sqlite"\n';

  it("hands the destination's engine_kwargs to credentials without their own, keeping where they came from", () => {
    ws().write('.dlt/config.toml', `${TYPE}[destination.mysql.engine_kwargs]\npool_size = 5\n`);
    ws().write('.dlt/secrets.toml', CREDENTIALS);
    const resolved = ws().open().resolveDestination('mysql', { requireComplete: true });
    expect(resolved.credentials.engine_kwargs).toMatchObject({
      value: { pool_size: 5 },
      file: '.dlt/config.toml',
      matchedKey: 'destination.mysql.engine_kwargs',
    });
  });

  it("keeps the credentials' own engine_kwargs", () => {
    ws().write('.dlt/config.toml', `${TYPE}[destination.mysql.engine_kwargs]\npool_size = 5\n`);
    ws().write('.dlt/secrets.toml', `${CREDENTIALS}[destination.mysql.credentials.engine_kwargs]\necho = true\n`);
    const resolved = ws().open().resolveDestination('mysql');
    expect(resolved.credentials.engine_kwargs).toMatchObject({ value: { echo: true }, file: '.dlt/secrets.toml' });
  });

  it('takes the deprecated engine_args from env as engine_kwargs, for the destination and the credentials', () => {
    ws().write('.dlt/secrets.toml', CREDENTIALS);
    const resolved = ws()
      .open({ env: { DESTINATION__MYSQL__ENGINE_ARGS: '{"pool_recycle": 300}' } })
      .resolveDestination('mysql');
    expect(resolved.config.engine_kwargs).toMatchObject({
      value: { pool_recycle: 300 },
      provider: 'Environment Variables',
    });
    expect(resolved.credentials.engine_kwargs?.value).toEqual({ pool_recycle: 300 });
  });

  it('leaves partial credentials alone: the fix-up waits for a complete destination', () => {
    ws().write('.dlt/config.toml', `${TYPE}[destination.mysql.engine_kwargs]\npool_size = 5\n`);
    const resolved = ws().open().resolveDestination('mysql');
    expect(resolved.credentials.engine_kwargs).toMatchObject({ value: null, provider: 'default' });
  });

  it('refuses engine_args beside engine_kwargs, naming the key and file', () => {
    ws().write(
      '.dlt/config.toml',
      `${TYPE}[destination.mysql.engine_kwargs]\npool_size = 5\n[destination.mysql.engine_args]\npool_size = 6\n`,
    );
    ws().write('.dlt/secrets.toml', CREDENTIALS);
    const error = captureDlthubError(() => ws().open().resolveDestination('mysql'));
    expect(error).toMatchObject({ code: 'InvalidConfigValue', keyPath: 'destination.mysql.engine_args' });
    expect(error.location?.file).toBe('.dlt/config.toml');
    expect(error.message).toContain('engine_kwargs');
  });
});
