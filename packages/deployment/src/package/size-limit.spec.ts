import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCodePackage } from './packages';
import { PackageTooLarge } from './size-limit';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-deploy-limit-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(relative: string, content: string | Buffer): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

async function refusalOf(build: Promise<unknown>): Promise<PackageTooLarge> {
  const error = await build.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof PackageTooLarge)) throw new Error(`expected PackageTooLarge, got ${String(error)}`);
  return error;
}

describe('a code package built for an upload limit', () => {
  it('builds at exactly the limit and is refused one byte below it, listing every file', async () => {
    write('a.py', 'print("a")\n');
    write('data/rows.csv', randomBytes(40_000).toString('hex'));
    const built = await buildCodePackage(root);
    const atLimit = await buildCodePackage(root, { maxCompressedBytes: built.tarball.length });
    expect(atLimit.tarball.equals(built.tarball)).toBe(true);
    const refusal = await refusalOf(buildCodePackage(root, { maxCompressedBytes: built.tarball.length - 1 }));
    expect(refusal.limitBytes).toBe(built.tarball.length - 1);
    expect(refusal.files).toEqual(
      built.manifest.files.map(({ relative_path, size_in_bytes }) => ({ relative_path, size_in_bytes })),
    );
  });

  it('stops inside a file far larger than the limit, and sizes the files it did not reach', async () => {
    // A sparse 1 TiB file after 8 MiB of random bytes: packing it to the end would outlast the test by hours.
    const big = path.join(root, 'exports', 'dump.bin');
    write('exports/dump.bin', randomBytes(8 * 1024 * 1024));
    fs.truncateSync(big, 2 ** 40);
    write('jobs/hello.py', 'print("hello")\n');
    write('zz_last.py', 'x = 1\n');
    const refusal = await refusalOf(buildCodePackage(root, { maxCompressedBytes: 1024 * 1024 }));
    expect(refusal.stoppedAt).toBe('exports/dump.bin');
    expect(refusal.files).toEqual([
      { relative_path: 'exports/dump.bin', size_in_bytes: 2 ** 40 },
      { relative_path: 'jobs/hello.py', size_in_bytes: 15 },
      { relative_path: 'zz_last.py', size_in_bytes: 6 },
    ]);
  });

  it('stops between small files once their compressed bytes pass the limit', async () => {
    // Random bytes barely compress, so gzip is the slower half here, and reading waits for it.
    for (let index = 0; index < 1000; index++) write(`pkg/m_${String(index).padStart(4, '0')}.bin`, randomBytes(4096));
    const refusal = await refusalOf(buildCodePackage(root, { maxCompressedBytes: 512 * 1024 }));
    expect(refusal.files).toHaveLength(1000);
    // 512 KiB pass after about 125 files; reading runs at most 1 MiB (about 250 files) ahead of gzip.
    expect(refusal.stoppedAt! < 'pkg/m_0500.bin').toBe(true);
  });
});
