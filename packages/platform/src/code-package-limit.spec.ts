import { formatBytes, oversizedCodePackage } from './code-package-limit';

const files = (sizes: Record<string, number>) => ({
  engine_version: 1,
  files: Object.entries(sizes).map(([relative_path, size_in_bytes]) => ({
    relative_path,
    size_in_bytes,
    sha3_256: 'x',
  })),
});

describe('oversizedCodePackage', () => {
  const sizes = {
    'a.py': 10,
    'data/one.csv': 3 * 1024 * 1024,
    'data/two.parquet': 9 * 1024 * 1024,
    'b.py': 20,
    'c.py': 30,
    'd.py': 40,
    'e.py': 5,
  };

  it('lets a package at the limit through', () => {
    expect(oversizedCodePackage({ tarball: Buffer.alloc(1000), manifest: files(sizes) }, 1000)).toBeUndefined();
  });

  it('refuses a larger one, naming its compressed size, the limit and the five largest files', () => {
    const error = oversizedCodePackage({ tarball: Buffer.alloc(12 * 1024 * 1024 + 1), manifest: files(sizes) }, 1001);
    expect(error).toMatchObject({
      code: 'Api',
      message:
        'The code package is 12.0 MB compressed; the platform accepts at most 1001 B. Largest files: data/two.parquet (9.0 MB), data/one.csv (3.0 MB), d.py (40 B), c.py (30 B), b.py (20 B).',
      hint: expect.stringContaining('.gitignore'),
    });
    expect(error?.exitCode).toBe(1);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '2 KB'],
    [16 * 1024 * 1024, '16.0 MB'],
  ])('%d bytes read as %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
