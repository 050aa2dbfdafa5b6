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
