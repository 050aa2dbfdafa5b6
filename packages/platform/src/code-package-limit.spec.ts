import { randomBytes } from 'node:crypto';
import { PackageTooLarge } from '@dlthub/deployment';
import { tempRoot } from './__fixtures__/temp-root';
import { buildUploadableCodePackage, codePackageRefusal, formatBytes } from './code-package-limit';

describe('codePackageRefusal', () => {
  it('names the limit, where packing stopped and the five largest files', () => {
    const sizes = {
      'a.py': 10,
      'b.py': 20,
      'c.py': 30,
      'd.py': 40,
      'data/one.csv': 3 * 1024 * 1024,
      'data/two.parquet': 9 * 1024 * 1024,
      'e.py': 5,
    };
    const files = Object.entries(sizes).map(([relative_path, size_in_bytes]) => ({ relative_path, size_in_bytes }));
    const error = codePackageRefusal(new PackageTooLarge(16 * 1024 * 1024, 'data/two.parquet', files));
    expect(error).toMatchObject({
      code: 'Api',
      message:
        'The code package is over 16.0 MB compressed, the most the platform accepts (packing stopped at data/two.parquet). Largest files: data/two.parquet (9.0 MB), data/one.csv (3.0 MB), d.py (40 B), c.py (30 B), b.py (20 B).',
      hint: expect.stringContaining('.gitignore'),
    });
    expect(error.exitCode).toBe(1);
  });
});

describe('buildUploadableCodePackage', () => {
  const root = tempRoot('dlthub-upload-limit-');

  it('returns the package when it fits, and the refusal with every file size when it does not', async () => {
    root.write('hello.py', 'print("hello")\n');
    root.write('exports/rows.csv', randomBytes(64 * 1024).toString('hex'));
    const fits = await buildUploadableCodePackage(root.dir(), 1024 * 1024);
    expect(fits.refusal).toBeUndefined();
    expect(fits.pkg?.fileCount).toBe(2);
    const refused = await buildUploadableCodePackage(root.dir(), 16 * 1024);
    expect(refused.pkg).toBeUndefined();
    expect(refused.refusal?.message).toMatch(
      /^The code package is over 16 KB compressed, the most the platform accepts \(packing stopped at \S+\)\. Largest files: exports\/rows\.csv \(128 KB\), hello\.py \(15 B\)\.$/,
    );
    expect(refused.files).toEqual([
      { relative_path: 'exports/rows.csv', size_in_bytes: 128 * 1024 },
      { relative_path: 'hello.py', size_in_bytes: 15 },
    ]);
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
