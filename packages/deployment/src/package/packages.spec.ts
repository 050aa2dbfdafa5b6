import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildArchive, packArchive, PIECE_SIZE } from './archive';
import { codeSources, listCodeFiles } from './code-files';
import { buildCodePackage, buildConfigurationPackage, diffFilesManifests, needsUpload } from './packages';
import { readPackage } from './read-package';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-deploy-pkg-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(relative: string, content: string): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function extract(tarball: Buffer): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-deploy-x-'));
  const archive = path.join(out, 'p.tar.gz');
  fs.writeFileSync(archive, tarball);
  execFileSync('tar', ['xzf', archive, '-C', out]);
  fs.rmSync(archive);
  return out;
}

describe('code package file selection', () => {
  it('uses the root .gitignore, always drops .dlt/ and keeps .git/ unless ignored', () => {
    write('.gitignore', 'data/\n*.log\n!keep.log\n!.dlt/\n');
    write('pipeline.py', 'print(1)\n');
    write('data/big.csv', 'x');
    write('run.log', 'x');
    write('keep.log', 'x');
    write('.dlt/secrets.toml', 'a = 1\n');
    write('.git/HEAD', 'ref: refs/heads/main\n');
    write('pkg/__pycache__/m.cpython-311.pyc', 'x'); // defaults do not apply when .gitignore exists
    write('sub/.dlt/config.toml', 'x = 1\n');
    expect(listCodeFiles(root)).toEqual([
      '.git/HEAD',
      '.gitignore',
      'keep.log',
      'pipeline.py',
      'pkg/__pycache__/m.cpython-311.pyc',
    ]);
  });

  it('falls back to the built-in defaults without a .gitignore', () => {
    write('a.py', '');
    write('__pycache__/a.cpython-311.pyc', '');
    write('b.pyc', '');
    write('.venv/bin/python', '');
    write('.env', 'SECRET=1');
    write('x.egg-info/PKG-INFO', '');
    write('nested/dist/out.js', '');
    expect(listCodeFiles(root)).toEqual(['a.py']);
  });

  it('keeps links that resolve inside the root, skips broken ones and does not enter linked directories', () => {
    write('real/m.py', 'x = 1\n');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-deploy-out-'));
    try {
      fs.writeFileSync(path.join(outside, 'o.py'), '');
      fs.symlinkSync('real/m.py', path.join(root, 'inside.py'));
      fs.symlinkSync(path.join(outside, 'o.py'), path.join(root, 'outside.py'));
      fs.symlinkSync('missing.py', path.join(root, 'broken.py'));
      fs.symlinkSync('real', path.join(root, 'linked_dir'));
      expect(listCodeFiles(root)).toEqual(['inside.py', 'real/m.py']);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('code package tarball', () => {
  it('holds files/… and a manifest.yaml whose digests are base64 SHA3-256 of the content', async () => {
    write('pipeline.py', 'print("hi")\n');
    write('lib/util.py', 'X = 1\n');
    const longPath = `${'deep_directory_name/'.repeat(8)}module_with_a_long_name.py`;
    write(longPath, 'Y = 2\n');
    fs.symlinkSync('pipeline.py', path.join(root, 'alias.py'));
    const pkg = await buildCodePackage(root);
    expect(pkg.fileCount).toBe(4);
    const out = extract(pkg.tarball);
    try {
      // Paths over 100 bytes travel in pax headers.
      expect(fs.readFileSync(path.join(out, 'files', longPath), 'utf8')).toBe('Y = 2\n');
      expect(fs.readFileSync(path.join(out, 'files/lib/util.py'), 'utf8')).toBe('X = 1\n');
      expect(fs.readlinkSync(path.join(out, 'files/alias.py'))).toBe('pipeline.py');
      const manifestYaml = fs.readFileSync(path.join(out, 'manifest.yaml'), 'utf8');
      // Digests checked against Python's hashlib, the implementation dlt uses.
      const pythonDigest = execFileSync('python3', [
        '-c',
        'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha3_256(open(sys.argv[1],"rb").read()).digest()).decode())',
        path.join(root, 'pipeline.py'),
      ])
        .toString()
        .trim();
      expect(pkg.manifest.files).toEqual([
        expect.objectContaining({ relative_path: 'alias.py', size_in_bytes: 0, linkname: 'pipeline.py' }),
        expect.objectContaining({ relative_path: longPath, size_in_bytes: 6 }),
        expect.objectContaining({ relative_path: 'lib/util.py', size_in_bytes: 6 }),
        { relative_path: 'pipeline.py', size_in_bytes: 12, sha3_256: pythonDigest },
      ]);
      expect(parseYaml(manifestYaml)).toEqual({ engine_version: 1, files: pkg.manifest.files });
      // As dlt's package builder writes it: the manifest is the last entry, after every file it lists.
      const entryNames = execFileSync('tar', ['-tz'], { input: pkg.tarball }).toString().trim().split('\n');
      expect(entryNames.slice(-2)).toEqual(['requirements.json', 'manifest.yaml']);
      expect(entryNames.slice(0, -2).every((name) => name.startsWith('files/'))).toBe(true);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('has a content hash that ignores mtimes and creation order and changes with content or paths', async () => {
    write('b.py', 'B\n');
    write('a.py', 'A\n');
    const first = await buildCodePackage(root);
    fs.rmSync(path.join(root, 'a.py'));
    write('a.py', 'A\n');
    fs.utimesSync(path.join(root, 'b.py'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const second = await buildCodePackage(root);
    expect(second.contentHash).toBe(first.contentHash);
    expect(second.tarball.equals(first.tarball)).toBe(true);
    expect(needsUpload(second, { content_hash: first.contentHash })).toBe(false);
    expect(needsUpload(second, null)).toBe(true);

    write('a.py', 'A2\n');
    const changed = await buildCodePackage(root);
    expect(changed.contentHash).not.toBe(first.contentHash);
    expect(needsUpload(changed, { content_hash: first.contentHash })).toBe(true);
    expect(diffFilesManifests(changed.manifest, first.manifest)).toEqual({
      added: [],
      updated: ['a.py'],
      deleted: [],
      unchanged: 1,
    });

    fs.renameSync(path.join(root, 'a.py'), path.join(root, 'c.py'));
    const renamed = await buildCodePackage(root);
    expect(renamed.contentHash).not.toBe(changed.contentHash);
    expect(diffFilesManifests(renamed.manifest, changed.manifest)).toEqual({
      added: ['c.py'],
      updated: [],
      deleted: ['a.py'],
      unchanged: 1,
    });
  });
});

describe('code package of a larger tree', () => {
  /** Files of many sizes (some larger than the compressor's batches), names that sort differently per directory and as paths. */
  function writeTree(): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    for (let index = 0; index < 300; index++) {
      const relative = `pkg_${index % 7}/${index % 3 === 0 ? 'sub/' : ''}m_${index}.py`;
      files.set(relative, Buffer.from(`# module ${index}\n${'x = 1\n'.repeat((index * 37) % 500)}`));
    }
    files.set('pkg_1.py', Buffer.from('top = 1\n')); // "pkg_1.py" sorts before "pkg_1/…"
    files.set('big/blob.bin', Buffer.from(Array.from({ length: 300_000 }, (_, index) => (index * 7919) % 251)));
    for (const [relative, content] of files) {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), content);
    }
    return files;
  }

  it('builds the same bytes and hash twice, in path order, and reads back every file', async () => {
    const files = writeTree();
    const first = await buildCodePackage(root);
    const second = await buildCodePackage(root);
    expect(second.tarball.equals(first.tarball)).toBe(true);
    expect(second.contentHash).toBe(first.contentHash);
    const paths = first.manifest.files.map((file) => file.relative_path);
    expect(paths).toEqual([...files.keys()].sort());

    const read = await readPackage(first.tarball);
    expect(read.contentHash).toBe(first.contentHash);
    expect(read.manifest).toEqual(first.manifest);
    expect(read.entries.map((entry) => entry.relativePath)).toEqual(paths);
    for (const entry of read.entries) expect(entry.content.equals(files.get(entry.relativePath)!)).toBe(true);

    // GNU tar and gzip read it too.
    const out = extract(first.tarball);
    try {
      expect(fs.readFileSync(path.join(out, 'files/big/blob.bin')).equals(files.get('big/blob.bin')!)).toBe(true);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('packs a file larger than a piece piece by piece, into the same bytes as from memory', async () => {
    const files = writeTree();
    const huge = Buffer.from(Array.from({ length: 2 * PIECE_SIZE + 12_345 }, (_, index) => (index * 7907) % 253));
    fs.writeFileSync(path.join(root, 'big/huge.bin'), huge);
    files.set('big/huge.bin', huge);
    const fromDisk = await packArchive(codeSources(root));
    const inMemory = await buildArchive(
      [...files].map(([relativePath, content]) => ({ relativePath, content, mode: 0o644 })),
    );
    expect(fromDisk.tarball.equals(inMemory.tarball)).toBe(true);
    expect(fromDisk.manifest.files.find((file) => file.relative_path === 'big/huge.bin')).toEqual({
      relative_path: 'big/huge.bin',
      size_in_bytes: huge.length,
      sha3_256: createHash('sha3-256').update(huge).digest('base64'),
    });
  });

  it('refuses entries that do not come in path order', async () => {
    const entry = (relativePath: string) => ({ relativePath, content: Buffer.from('x'), mode: 0o644 });
    await expect(packArchive([entry('b.py'), entry('a.py')])).rejects.toThrow(
      'Package entries out of order: "a.py" after "b.py".',
    );
  });
});

describe('configuration package', () => {
  it('ships top-level config/secrets files except dev./tests., without the CLI login keys', async () => {
    const secrets = [
      '# workspace secrets',
      '[runtime]',
      'api_key = "dlthub_api_key_123"',
      'workspace_id = "ws-1" # bound workspace',
      'auth_token = "tok"',
      '',
      '[destination.warehouse.credentials]',
      'password = "pw"',
      '',
    ].join('\n');
    write('.dlt/secrets.toml', secrets);
    write('.dlt/config.toml', '[runtime]\nlog_level = "INFO"\n');
    write('.dlt/prod.secrets.toml', 'x = 1\n');
    write('.dlt/access.config.toml', 'y = 2\n');
    write('.dlt/dev.secrets.toml', 'local = 1\n');
    write('.dlt/tests.config.toml', 'local = 1\n');
    write('.dlt/.workspace', '');
    write('.dlt/profile-name', 'prod');
    write('.dlt/sub/config.toml', 'nested = 1\n');
    write('pipeline.py', '');
    const pkg = await buildConfigurationPackage(root);
    expect(pkg.kind).toBe('configuration');
    expect(pkg.manifest.files.map((file) => file.relative_path)).toEqual([
      'access.config.toml',
      'config.toml',
      'prod.secrets.toml',
      'secrets.toml',
    ]);
    const out = extract(pkg.tarball);
    try {
      expect(fs.readFileSync(path.join(out, 'files/secrets.toml'), 'utf8')).toBe(
        [
          '# workspace secrets',
          '[runtime]',
          'workspace_id = "ws-1" # bound workspace',
          '',
          '[destination.warehouse.credentials]',
          'password = "pw"',
          '',
        ].join('\n'),
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
    // The file on disk keeps its keys.
    expect(fs.readFileSync(path.join(root, '.dlt/secrets.toml'), 'utf8')).toBe(secrets);
    // Versioned separately: its hash does not move with code changes.
    write('other.py', 'x');
    expect((await buildConfigurationPackage(root)).contentHash).toBe(pkg.contentHash);
  });

  it('names the file and line of a TOML syntax error', async () => {
    write('.dlt/prod.config.toml', 'ok = 1\nbad = = 2\n');
    await expect(buildConfigurationPackage(root)).rejects.toThrow(/\.dlt\/prod\.config\.toml:2:/);
  });

  it('is empty when the workspace has no .dlt folder', async () => {
    const pkg = await buildConfigurationPackage(root);
    expect(pkg.fileCount).toBe(0);
  });
});

describe('readPackage', () => {
  it('carries requirements.json beside the files, outside the files manifest and the content hash', async () => {
    write('pipeline.py', 'print(1)\n');
    write('requirements.txt', '# pinned\ndlt[duckdb]==1.26.0\nrequests>=2.31\n');
    const pkg = await buildCodePackage(root);
    expect(pkg.requirementsSource).toBe('requirements.txt');
    const read = await readPackage(pkg.tarball);
    const requirements = JSON.parse(read.requirementsText ?? 'null');
    expect(requirements).toMatchObject({
      python_version: '3.12',
      default_groups: ['main'],
      groups: { main: ['dlt[duckdb]==1.26.0', 'requests>=2.31'] },
      dlt_version: expect.objectContaining({ name: 'dlt', extras: ['duckdb'] }),
    });
    expect(read.manifest.files.map((file) => file.relative_path)).toEqual(['pipeline.py', 'requirements.txt']);
    // The same files with another dependency description would be the same content: only files count.
    expect(read.contentHash).toBe(pkg.contentHash);
  });

  it('reads a package back and recomputes the same content hash', async () => {
    write('pipeline.py', 'print(1)\n');
    write('lib/deep/util.py', 'X = 1\n');
    fs.chmodSync(path.join(root, 'pipeline.py'), 0o755);
    fs.symlinkSync('pipeline.py', path.join(root, 'alias.py'));
    const pkg = await buildCodePackage(root);
    const read = await readPackage(pkg.tarball);
    expect(read.contentHash).toBe(pkg.contentHash);
    expect(read.manifest).toEqual(pkg.manifest);
    expect(read.manifestText).toContain('engine_version: 1');
    expect(read.entries.find((entry) => entry.relativePath === 'pipeline.py')).toMatchObject({ mode: 0o755 });
    expect(read.entries.find((entry) => entry.relativePath === 'alias.py')).toMatchObject({ linkname: 'pipeline.py' });
  });

  it('refuses archives with paths outside the package and data that is not a tarball', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-deploy-evil-'));
    try {
      fs.mkdirSync(path.join(dir, 'files'));
      fs.writeFileSync(path.join(dir, 'evil.py'), 'x');
      // GNU tar keeps "files/../evil.py" as written when asked not to normalise.
      execFileSync('tar', [
        'czf',
        path.join(dir, 'evil.tgz'),
        '-C',
        dir,
        '--transform',
        's,^evil,files/../evil,',
        'evil.py',
      ]);
      await expect(readPackage(fs.readFileSync(path.join(dir, 'evil.tgz')))).rejects.toThrow(
        'points outside the package',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await expect(readPackage(Buffer.from('not a tarball at all'.repeat(40)))).rejects.toThrow(
      /Not a valid package tarball/,
    );
  });
});
