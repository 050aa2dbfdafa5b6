import { DlthubError } from './errors';
import { parseToml } from './toml';

function errorOf(run: () => unknown): DlthubError {
  try {
    run();
  } catch (error) {
    if (error instanceof DlthubError) return error;
    throw error;
  }
  throw new Error('expected a DlthubError');
}

describe('parseToml', () => {
  it('returns the document of valid TOML', () => {
    expect(parseToml('[runtime]\nname = "shop"\n', 'config.toml')).toEqual({ runtime: { name: 'shop' } });
  });

  it('names file:line:col of a syntax error in the message, the hint and the location', () => {
    const error = errorOf(() => parseToml('[runtime]\nname = "shop"\nbroken = \n', '.dlt/config.toml'));
    expect(error.code).toBe('TomlProviderRead');
    expect(error.message).toMatch(/^Cannot read \.dlt\/config\.toml:3:10: invalid TOML: \S/);
    expect(error.hint).toBe('Fix the syntax at .dlt/config.toml:3:10.');
    expect(error.location).toEqual({ file: '.dlt/config.toml', line: 3, column: 10 });
    expect(error.where).toBe('.dlt/config.toml:3:10');
  });

  it('names the provider family and takes a hint built from the position', () => {
    const error = errorOf(() =>
      parseToml('a = [1,\n', 'prod.secrets.toml', { provider: 'secrets.toml', hint: (where) => `Look at ${where}.` }),
    );
    expect(error.message).toMatch(/^Cannot read secrets\.toml file prod\.secrets\.toml:2:1: invalid TOML: /);
    expect(error).toMatchObject({ provider: 'secrets.toml', hint: 'Look at prod.secrets.toml:2:1.' });
  });

  it('counts duplicate keys as invalid TOML', () => {
    expect(errorOf(() => parseToml('a = 1\na = 2\n', 'x.toml')).location).toMatchObject({ file: 'x.toml', line: 2 });
  });
});
