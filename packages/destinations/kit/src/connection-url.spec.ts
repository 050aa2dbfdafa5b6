import { DlthubError } from '@dlthub/config-core';
import { formatConnectionUrl, parseConnectionUrl, redactConnectionUrl, urlScheme } from './connection-url';

describe('parseConnectionUrl', () => {
  it('splits every part of a full URL', () => {
    expect(
      parseConnectionUrl('postgresql://loader:s3cret@db.example.com:5433/analytics?connect_timeout=20&sslmode=require'),
    ).toEqual({
      drivername: 'postgresql',
      username: 'loader',
      password: 's3cret',
      host: 'db.example.com',
      port: 5433,
      database: 'analytics',
      query: { connect_timeout: '20', sslmode: 'require' },
    });
  });

  it('returns only the parts that are present', () => {
    expect(parseConnectionUrl('postgresql://stage_user@stage-host:6432/stage')).toEqual({
      drivername: 'postgresql',
      username: 'stage_user',
      host: 'stage-host',
      port: 6432,
      database: 'stage',
    });
    expect(parseConnectionUrl('md:///my_db')).toEqual({ drivername: 'md', database: 'my_db' });
  });

  it('percent-decodes user, password and query, keeps database paths', () => {
    const url = parseConnectionUrl('postgresql+psycopg2://us%40er:p%40ss%3Aw@[::1]:5432/db?application_name=a%20b');
    expect(url).toMatchObject({
      drivername: 'postgresql+psycopg2',
      username: 'us@er',
      password: 'p@ss:w',
      host: '::1',
    });
    expect(url.query).toEqual({ application_name: 'a b' });
    expect(parseConnectionUrl('duckdb:////abs/path/file.duckdb').database).toBe('/abs/path/file.duckdb');
    expect(parseConnectionUrl('duckdb:///rel/file.duckdb').database).toBe('rel/file.duckdb');
    // An empty path names an empty database (SQLAlchemy's ""), no path none at all.
    expect(parseConnectionUrl('postgresql://u:p@h:5432/').database).toBe('');
    expect(parseConnectionUrl('postgresql://u:p@h:5432').database).toBeUndefined();
  });

  it('rejects a non-numeric port without echoing the password', () => {
    let error: unknown;
    try {
      parseConnectionUrl('postgresql://u:topsecret@h:abc/db', { example: 'postgresql://user:password@host:5432/db' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DlthubError);
    expect((error as DlthubError).code).toBe('ConfigValueCannotBeCoerced');
    expect((error as DlthubError).message).toContain('port "abc"');
    expect((error as DlthubError).message).not.toContain('topsecret');
    expect((error as DlthubError).hint).toContain('postgresql://user:password@host:5432/db');
  });

  it('rejects strings that are not URLs and bad percent-encodings', () => {
    expect(() => parseConnectionUrl('not a url')).toThrow(/not of the form driver:\/\//);
    expect(() => parseConnectionUrl('postgresql://u:%zz@h/db')).toThrow(/percent-encoding/);
  });
});

describe('redactConnectionUrl', () => {
  it('masks only the password', () => {
    expect(redactConnectionUrl('postgresql://u:p4ss@h:1/db')).toBe('postgresql://u:***@h:1/db');
    expect(redactConnectionUrl('postgresql://u@h/db')).toBe('postgresql://u@h/db');
    expect(redactConnectionUrl('md:///db?motherduck_token=t0k&x=1')).toBe('md:///db?motherduck_token=***&x=1');
    expect(redactConnectionUrl('snowflake://u@acc/db?private_key_passphrase=pp&role=R')).toBe(
      'snowflake://u@acc/db?private_key_passphrase=***&role=R',
    );
    expect(redactConnectionUrl('hunter2')).toBe('<7 characters, not shown>');
  });
});

describe('urlScheme', () => {
  it.each([
    ['s3://bucket/x', 's3'],
    ['GS://bucket', 'gs'],
    ['file:///tmp/x', 'file'],
    ['abfss://c@acc.dfs.core.windows.net/p', 'abfss'],
    ['_storage', null],
    ['/var/data', null],
    ['C:\\data', null],
  ])('%s → %s', (url, scheme) => {
    expect(urlScheme(url)).toBe(scheme);
  });
});

describe('formatConnectionUrl', () => {
  const url =
    'postgresql://us%40er:p%40ssword-long-1234@db.example.com:5433/analytics?connect_timeout=20&sslkey_password=kp-secret-9876';

  it('masks the password and secret query values by default', () => {
    const printed = formatConnectionUrl(parseConnectionUrl(url));
    expect(printed).toBe(
      'postgresql://us%40er:****1234@db.example.com:5433/analytics?connect_timeout=20&sslkey_password=****',
    );
    expect(printed).not.toContain('p@ssword');
    expect(printed).not.toContain('kp-secret');
  });

  it('round-trips when secrets are revealed on purpose', () => {
    expect(parseConnectionUrl(formatConnectionUrl(parseConnectionUrl(url), { revealSecrets: true }))).toEqual(
      parseConnectionUrl(url),
    );
    expect(formatConnectionUrl({ drivername: 'md', database: 'db' })).toBe('md:///db');
    expect(formatConnectionUrl({ drivername: 'postgresql', host: '::1', port: 5432 })).toBe('postgresql://[::1]:5432');
  });
});
