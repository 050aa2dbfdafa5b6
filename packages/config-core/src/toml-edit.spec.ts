import fc from 'fast-check';
import { parse, stringify } from 'smol-toml';
import { DlthubError } from './errors';
import { hasTomlKey, removeTomlKey, setTomlValue } from './toml-edit';

const TEMPLATE = [
  '# put your configuration values here',
  '',
  '[runtime]',
  'log_level = "WARNING"  # the system log level of dlt',
  '# use the dlthub_telemetry setting to enable/disable anonymous usage data reporting',
  'dlthub_telemetry = true',
  '',
  '[destination.warehouse]',
  "destination_type = 'duckdb'   ",
  'credentials = { database = "dev.duckdb", read_only = false }',
  '',
  '# sources below',
  '[sources.github]',
  'repos = [',
  '  "dlt",   # main',
  '  "verified-sources",',
  ']',
  'site."google.com" = true',
  '"quoted key" = 1',
  '',
  '[[jobs.daily]]',
  'name = "a"',
  '',
  '[[jobs.daily]]',
  'name = "b"',
  '',
].join('\n');

const lines = (text: string) => text.split('\n');

/** The template's lines with `edits` applied: [index, deleteCount, ...inserted]. */
function expectedLines(text: string, ...edits: [number, number, ...string[]][]): string[] {
  const result = lines(text);
  for (const [index, deleteCount, ...inserted] of [...edits].sort((left, right) => right[0] - left[0])) {
    result.splice(index, deleteCount, ...inserted);
  }
  return result;
}

function refusal(run: () => unknown): DlthubError {
  try {
    run();
  } catch (error) {
    if (error instanceof DlthubError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function withValue(document: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
  let table = copy;
  for (const part of path.slice(0, -1)) table = (table[part] ??= {}) as Record<string, unknown>;
  table[path[path.length - 1]] = value;
  return copy;
}

function pruneEmptyTables(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([name, item]) => [name, pruneEmptyTables(item)] as const)
    .filter(
      ([, item]) =>
        !(typeof item === 'object' && item !== null && !Array.isArray(item) && Object.keys(item).length === 0),
    );
  return Object.fromEntries(entries);
}

const plain = (text: string) => JSON.parse(JSON.stringify(parse(text))) as Record<string, unknown>;

describe('setTomlValue: only the lines involved change', () => {
  it('replaces a value in place, keeping its trailing comment', () => {
    const after = setTomlValue(TEMPLATE, ['runtime', 'log_level'], 'INFO');
    expect(lines(after)).toEqual(expectedLines(TEMPLATE, [3, 1, 'log_level = "INFO"  # the system log level of dlt']));
  });

  it('keeps literal quoting and the whitespace of other lines', () => {
    const after = setTomlValue(TEMPLATE, ['destination', 'warehouse', 'destination_type'], 'postgres');
    expect(lines(after)).toEqual(expectedLines(TEMPLATE, [8, 1, "destination_type = 'postgres'   "]));
  });

  it('adds a missing key at the end of its table, before blank lines and comments', () => {
    const after = setTomlValue(TEMPLATE, ['runtime', 'workspace_id'], 'ws_123');
    expect(lines(after)).toEqual(expectedLines(TEMPLATE, [6, 0, 'workspace_id = "ws_123"']));
    const afterSources = setTomlValue(TEMPLATE, ['sources', 'github', 'owner'], 'dlt-hub');
    expect(lines(afterSources)).toEqual(expectedLines(TEMPLATE, [19, 0, 'owner = "dlt-hub"']));
  });

  it('creates a missing table at the end of the document', () => {
    const after = setTomlValue(TEMPLATE, ['destination', 'lake', 'credentials', 'database'], 'lake.duckdb');
    expect(lines(after)).toEqual(
      expectedLines(TEMPLATE, [26, 0, '[destination.lake.credentials]', 'database = "lake.duckdb"', '']),
    );
  });

  it('writes a plain object as a table with one line per key', () => {
    const after = setTomlValue('a = 1\n', ['destination', 'pg', 'credentials'], {
      host: 'h',
      port: 5432,
      password: 'p"w\\',
    });
    expect(after).toBe('a = 1\n\n[destination.pg.credentials]\nhost = "h"\nport = 5432\npassword = "p\\"w\\\\"\n');
    expect(plain(after)).toEqual({
      a: 1,
      destination: { pg: { credentials: { host: 'h', port: 5432, password: 'p"w\\' } } },
    });
  });

  it('edits inside an inline table by rewriting that one line', () => {
    const after = setTomlValue(TEMPLATE, ['destination', 'warehouse', 'credentials', 'read_only'], true);
    expect(lines(after)).toEqual(
      expectedLines(TEMPLATE, [9, 1, 'credentials = { database = "dev.duckdb", read_only = true }']),
    );
  });

  it('replaces a multi-line array by its new value, leaving other lines', () => {
    const after = setTomlValue(TEMPLATE, ['sources', 'github', 'repos'], ['only']);
    expect(lines(after)).toEqual(expectedLines(TEMPLATE, [13, 4, 'repos = ["only"]']));
  });

  it('handles dotted and quoted keys', () => {
    const dotted = setTomlValue(TEMPLATE, ['sources', 'github', 'site', 'google.com'], false);
    expect(lines(dotted)).toEqual(expectedLines(TEMPLATE, [17, 1, 'site."google.com" = false']));
    const sibling = setTomlValue(TEMPLATE, ['sources', 'github', 'site', 'dlthub.com'], true);
    expect(lines(sibling)).toEqual(expectedLines(TEMPLATE, [18, 0, 'site."dlthub.com" = true']));
    const quoted = setTomlValue(TEMPLATE, ['sources', 'github', 'quoted key'], 2);
    expect(lines(quoted)).toEqual(expectedLines(TEMPLATE, [18, 1, '"quoted key" = 2']));
  });

  it('adds root keys after the last root key, or before the first table and its comments', () => {
    expect(setTomlValue('# top\n\n# about runtime\n[runtime]\nx = 1\n', ['license'], 'L')).toBe(
      '# top\n\nlicense = "L"\n\n# about runtime\n[runtime]\nx = 1\n',
    );
    expect(setTomlValue('a = 1\n\n[t]\nx = 1\n', ['b'], 2)).toBe('a = 1\nb = 2\n\n[t]\nx = 1\n');
    expect(setTomlValue('', ['a'], 1)).toBe('a = 1\n');
    expect(setTomlValue('', ['t', 'a'], 1)).toBe('[t]\na = 1\n');
    expect(setTomlValue('x = 1', ['t', 'a'], 1)).toBe('x = 1\n\n[t]\na = 1\n');
  });

  it('keeps CRLF line endings and trailing whitespace', () => {
    const crlf =
      '# secrets\r\n[destination.pg.credentials]\r\nhost = "h"   \r\npassword = "old"\r\n\r\n[other]\r\nx = 1\r\n';
    expect(setTomlValue(crlf, ['destination', 'pg', 'credentials', 'password'], 'new')).toBe(
      crlf.replace('"old"', '"new"'),
    );
    expect(setTomlValue(crlf, ['destination', 'pg', 'credentials', 'port'], 5433)).toBe(
      crlf.replace('password = "old"\r\n', 'password = "old"\r\nport = 5433\r\n'),
    );
    expect(setTomlValue(crlf, ['runtime', 'api_key'], 'k')).toBe(`${crlf}\r\n[runtime]\r\napi_key = "k"\r\n`);
  });

  it('refuses paths through arrays of tables, and tables replaced by scalars, changing nothing', () => {
    const arrayTables = refusal(() => setTomlValue(TEMPLATE, ['jobs', 'daily', 'name'], 'c'));
    expect(arrayTables.code).toBe('WriteRefused');
    expect(arrayTables.message).toContain('`jobs.daily` is an array of tables');
    expect(arrayTables.hint).toContain('line 21');
    expect(refusal(() => setTomlValue(TEMPLATE, ['runtime'], 'x')).message).toContain('`runtime` is a table');
    expect(refusal(() => setTomlValue(TEMPLATE, ['runtime', 'log_level', 'x'], 1)).message).toContain(
      'holds a value, not a table',
    );
    expect(refusal(() => setTomlValue(TEMPLATE, ['a'], null)).code).toBe('InvalidConfigValue');
  });

  it('names the file and position when the input is not valid TOML', () => {
    const error = refusal(() => setTomlValue('[a\nb = 1\n', ['a', 'b'], 2, { file: '.dlt/config.toml' }));
    expect(error).toMatchObject({ code: 'TomlProviderRead', location: { file: '.dlt/config.toml', line: 1 } });
  });

  it('serializes strings, numbers, booleans, arrays, inline tables and dates so they parse back', () => {
    const values: [string, unknown][] = [
      ['s', 'tab\there "q" back\\slash\nnew line é 🚀 \u0001'],
      ['i', -42],
      ['f', 3.25],
      ['b', false],
      ['a', [1, 'two', [3], { k: 'v' }]],
      ['t', { 'dotted.key': 1, nested: { deep: true } }],
    ];
    let text = '';
    for (const [key, value] of values) text = setTomlValue(text, ['v', key], value);
    expect(plain(text)).toEqual({ v: Object.fromEntries(values) });
    const dates = parse('d = 1979-05-27\nt = 07:32:00\nodt = 1979-05-27T07:32:00Z\n') as Record<string, unknown>;
    let dateText = '';
    for (const [key, value] of Object.entries(dates)) dateText = setTomlValue(dateText, [key], value);
    expect(dateText).toBe('d = 1979-05-27\nt = 07:32:00.000\nodt = 1979-05-27T07:32:00.000Z\n');
  });

  it('any successful set re-parses to the document with that value (property)', () => {
    const segment = fc.constantFrom(
      'runtime',
      'destination',
      'warehouse',
      'credentials',
      'sources',
      'github',
      'site',
      'new',
      'a.b',
      'jobs',
    );
    const value = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 3 }),
    );
    const original = plain(TEMPLATE);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), value, (path, newValue) => {
        let after: string;
        try {
          after = setTomlValue(TEMPLATE, path, newValue);
        } catch (error) {
          expect(error).toBeInstanceOf(DlthubError);
          return;
        }
        expect(plain(after)).toEqual(withValue(original, path, newValue));
        // Lines before the first change are untouched.
        const before = lines(TEMPLATE);
        const changed = lines(after);
        const firstDifference = before.findIndex((line, index) => changed[index] !== line);
        if (firstDifference >= 0) expect(changed.slice(0, firstDifference)).toEqual(before.slice(0, firstDifference));
      }),
      { numRuns: 200 },
    );
  });
});

describe('edits on random documents (property)', () => {
  const key = fc.constantFrom('a', 'b', 'c.d', 'e f');
  const leaf = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 2 }),
  );
  const table = fc.dictionary(
    key,
    fc.oneof(leaf, fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf, { maxKeys: 2 })), { maxKeys: 3 })),
    {
      maxKeys: 4,
    },
  );
  const pathArb = fc.array(key, { minLength: 1, maxLength: 3 });

  it('set and remove re-parse to the expected document, or refuse with a typed error', () => {
    fc.assert(
      fc.property(table, pathArb, leaf, fc.boolean(), (document, path, value, crlf) => {
        let text = stringify(document);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const original = plain(text);
        try {
          const after = setTomlValue(text, path, value);
          expect(plain(after)).toEqual(withValue(original, path, value));
          if (crlf) expect(after.replace(/\r\n/g, '')).not.toContain('\n');
        } catch (error) {
          expect(error).toBeInstanceOf(DlthubError);
        }
        try {
          const removed = removeTomlKey(text, path);
          const expected = JSON.parse(JSON.stringify(original)) as Record<string, unknown>;
          let parent: unknown = expected;
          for (const part of path.slice(0, -1)) parent = (parent as Record<string, unknown> | undefined)?.[part];
          if (parent && typeof parent === 'object' && !Array.isArray(parent))
            delete (parent as Record<string, unknown>)[path[path.length - 1]];
          // A parent table that only existed through the removed [a.b] header may go with it.
          expect(pruneEmptyTables(plain(removed))).toEqual(pruneEmptyTables(expected));
        } catch (error) {
          expect(error).toBeInstanceOf(DlthubError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('removeTomlKey', () => {
  it('removes only the line of a key', () => {
    expect(lines(removeTomlKey(TEMPLATE, ['runtime', 'dlthub_telemetry']))).toEqual(expectedLines(TEMPLATE, [5, 1]));
  });

  it('removes every line of a multi-line value', () => {
    expect(lines(removeTomlKey(TEMPLATE, ['sources', 'github', 'repos']))).toEqual(expectedLines(TEMPLATE, [13, 4]));
  });

  it('removes a table header with its keys, keeping surrounding comments', () => {
    expect(lines(removeTomlKey(TEMPLATE, ['destination', 'warehouse']))).toEqual(expectedLines(TEMPLATE, [7, 3]));
    expect(lines(removeTomlKey(TEMPLATE, ['jobs']))).toEqual(expectedLines(TEMPLATE, [20, 2], [23, 2]));
  });

  it('removes a key inside an inline table by rewriting that line', () => {
    expect(lines(removeTomlKey(TEMPLATE, ['destination', 'warehouse', 'credentials', 'read_only']))).toEqual(
      expectedLines(TEMPLATE, [9, 1, 'credentials = { database = "dev.duckdb" }']),
    );
  });

  it('returns the text unchanged when the key is absent, and keeps CRLF', () => {
    expect(removeTomlKey(TEMPLATE, ['runtime', 'nope'])).toBe(TEMPLATE);
    expect(removeTomlKey('[runtime]\r\nauth_token = "t"\r\nx = 1\r\n', ['runtime', 'auth_token'])).toBe(
      '[runtime]\r\nx = 1\r\n',
    );
  });

  it('refuses to pick an element of an array of tables', () => {
    expect(refusal(() => removeTomlKey(TEMPLATE, ['jobs', 'daily', 'name'])).code).toBe('WriteRefused');
  });
});

describe('hasTomlKey', () => {
  it('sees values, tables, dotted and inline keys', () => {
    expect(hasTomlKey(TEMPLATE, ['runtime', 'log_level'])).toBe(true);
    expect(hasTomlKey(TEMPLATE, ['destination'])).toBe(true);
    expect(hasTomlKey(TEMPLATE, ['sources', 'github', 'site', 'google.com'])).toBe(true);
    expect(hasTomlKey(TEMPLATE, ['destination', 'warehouse', 'credentials', 'database'])).toBe(true);
    expect(hasTomlKey(TEMPLATE, ['runtime', 'missing'])).toBe(false);
    expect(hasTomlKey(TEMPLATE, ['runtime', 'log_level', 'deeper'])).toBe(false);
  });
});
