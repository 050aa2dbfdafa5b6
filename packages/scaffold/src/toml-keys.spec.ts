import { parseToml } from '@dlthub/config-core/toml';
import { DlthubError } from '@dlthub/config-core';
import { addTomlKey, hasTomlPath } from './toml-keys';

/** Generated TOML read back the way every package reads it. */
const parse = (text: string) => parseToml(text, 'generated.toml');

describe('addTomlKey', () => {
  const commented = [
    '# team config, do not reorder',
    '[runtime]',
    "log_level = 'INFO'   # keep the quotes",
    '',
    '# destinations below',
    '[destination.warehouse]',
    'destination_type = "duckdb" # local',
    '# trailing note',
    '',
    '[sources.x]',
    'a = 1',
    '',
  ].join('\n');

  it('adds a key to an existing table after its last key line and changes no other line', () => {
    const result = addTomlKey(commented, ['destination', 'warehouse', 'dataset_name'], 'analytics', 'f.toml');
    const before = commented.split('\n');
    const after = result.split('\n');
    expect(after).toHaveLength(before.length + 1);
    expect(after[7]).toBe('dataset_name = "analytics"');
    expect([...after.slice(0, 7), ...after.slice(8)]).toEqual(before);
  });

  it('appends a missing table at the end, keeping every existing byte as a prefix', () => {
    const result = addTomlKey(
      commented,
      ['destination', 'lake', 'credentials', 'password'],
      '<configure me>',
      'f.toml',
      'fill this in!',
    );
    expect(result.startsWith(commented.trimEnd())).toBe(true);
    expect(result.slice(commented.trimEnd().length)).toBe(
      '\n\n[destination.lake.credentials]\npassword = "<configure me>"  # fill this in!\n',
    );
    expect(parse(result)).toMatchObject({ destination: { lake: { credentials: { password: '<configure me>' } } } });
  });

  it('keeps CRLF line endings', () => {
    const text = '[a]\r\nx = 1\r\n';
    expect(addTomlKey(text, ['a', 'y'], true, 'f.toml')).toBe('[a]\r\nx = 1\r\ny = true\r\n');
  });

  it('returns the text unchanged when the key exists', () => {
    expect(addTomlKey(commented, ['runtime', 'log_level'], 'WARNING', 'f.toml')).toBe(commented);
  });

  it('adds root keys before the first table', () => {
    const result = addTomlKey('# c\n\n[a]\nx = 1\n', ['license'], 'k', 'f.toml');
    expect(result.endsWith('license = "k"\n\n[a]\nx = 1\n')).toBe(true);
    expect(parse(result)).toEqual({ license: 'k', a: { x: 1 } });
  });

  it('adds next to dotted keys that define the table', () => {
    const dotted = '[destination]\nwarehouse.destination_type = "duckdb"\n';
    expect(addTomlKey(dotted, ['destination', 'warehouse', 'dataset_name'], 'x', '.dlt/dev.config.toml')).toBe(
      `${dotted}warehouse.dataset_name = "x"\n`,
    );
  });

  it('refuses paths through arrays of tables, naming the file', () => {
    const text = '[[sources.items]]\nname = "a"\n';
    expect(() => addTomlKey(text, ['sources', 'items', 'url'], 'x', '.dlt/config.toml')).toThrow(
      expect.objectContaining({ code: 'WriteRefused' }),
    );
  });

  it('names file, line and column of a syntax error', () => {
    let caught: unknown;
    try {
      hasTomlPath('[a]\nx = \n', ['a', 'x'], '.dlt/config.toml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DlthubError);
    expect((caught as DlthubError).where).toBe('.dlt/config.toml:2:5');
  });
});
