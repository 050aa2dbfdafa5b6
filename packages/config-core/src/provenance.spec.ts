import { buildKeyLineIndex } from './provenance';
import { scanToml } from './toml-scan';

const TEXT = [
  '\uFEFFtop = 1',
  '[a]',
  'b.c = """multi',
  'line"""',
  "'quoted.key' = [",
  '  1, # comment ]',
  '  2,',
  ']',
  'inline = { x = 1 }',
  'when = 1979-05-27 07:32:00   # local datetime with a space',
  '[[arr]]',
  'k = 1',
  '[arr.sub]',
  'z = 2',
].join('\r\n');

describe('TOML scan and key lines', () => {
  it('finds headers and key/values with their line spans and value offsets', () => {
    const scan = scanToml(TEXT);
    expect(scan.eol).toBe('\r\n');
    const summary = scan.entries.map((entry) =>
      entry.kind === 'keyValue'
        ? [
            entry.path.join('.'),
            entry.startLine,
            entry.endLine,
            TEXT.slice(entry.valueStart, entry.valueEnd),
            entry.inArrayTable,
          ]
        : [`[${entry.kind}] ${entry.path.join('.')}`, entry.line],
    );
    expect(summary).toEqual([
      ['top', 0, 0, '1', false],
      ['[table] a', 1],
      ['a.b.c', 2, 3, '"""multi\r\nline"""', false],
      ['a.quoted.key', 4, 7, '[\r\n  1, # comment ]\r\n  2,\r\n]', false],
      ['a.inline', 8, 8, '{ x = 1 }', false],
      ['a.when', 9, 9, '1979-05-27 07:32:00', false],
      ['[arrayTable] arr', 10],
      ['arr.k', 11, 11, '1', true],
      ['[table] arr.sub', 12],
      ['arr.sub.z', 13, 13, '2', true],
    ]);
  });

  it('maps key paths to 1-based lines, falling back to the nearest ancestor', () => {
    const index = buildKeyLineIndex(TEXT);
    expect(index.lineOf(['top'])).toBe(1);
    expect(index.lineOf(['a'])).toBe(2);
    expect(index.lineOf(['a', 'b'])).toBe(3);
    expect(index.lineOf(['a', 'quoted.key'])).toBe(5);
    expect(index.lineOf(['a', 'inline', 'x'])).toBe(9);
    expect(index.lineOf(['arr', 'k'])).toBe(11);
    expect(index.lineOf(['nope'])).toBeNull();
  });
});
