import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeStaleTempFiles, tempFileName, writeFileAtomic, writeFilesAtomic } from './atomic-write';

describe('atomic writes', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names a secrets temp file so `*.secrets.toml` covers it, and a config temp file .tmp', () => {
    expect(path.basename(tempFileName(path.join(dir, 'prod.secrets.toml'), 42))).toMatch(
      /^\.prod\.secrets\.toml\.42-[0-9a-f]{12}\.tmp\.secrets\.toml$/,
    );
    expect(path.basename(tempFileName(path.join(dir, 'secrets.toml'), 42))).toMatch(/\.secrets\.toml$/);
    expect(path.basename(tempFileName(path.join(dir, 'config.toml'), 42))).toMatch(
      /^\.config\.toml\.42-[0-9a-f]+\.tmp$/,
    );
  });

  it('removes temp files of writers that are gone, never those of a running one', () => {
    const target = path.join(dir, 'prod.secrets.toml');
    const dead = tempFileName(target, 2 ** 22 + 12345);
    const alive = tempFileName(target, process.pid);
    fs.writeFileSync(dead, 'password = "x"\n');
    fs.writeFileSync(alive, 'password = "y"\n');
    expect(removeStaleTempFiles(target)).toEqual([dead]);
    expect(fs.existsSync(alive)).toBe(true);
  });

  it('keeps an existing mode and creates new secrets files 0600', () => {
    const config = path.join(dir, 'config.toml');
    fs.writeFileSync(config, 'a = 1\n', { mode: 0o640 });
    fs.chmodSync(config, 0o640);
    writeFileAtomic(config, 'a = 2\n');
    expect(fs.statSync(config).mode & 0o777).toBe(0o640);
    writeFileAtomic(path.join(dir, 'dev.secrets.toml'), 'b = 1\n');
    expect(fs.statSync(path.join(dir, 'dev.secrets.toml')).mode & 0o777).toBe(0o600);
  });

  it('a multi-file write that fails while staging changes none of the files', () => {
    const config = path.join(dir, 'prod.config.toml');
    fs.writeFileSync(config, 'old = 1\n');
    // A directory where a file must go: staging it fails after the first file was staged.
    const blocked = path.join(dir, 'blocked', 'prod.secrets.toml');
    fs.writeFileSync(path.join(dir, 'blocked'), 'not a directory');
    expect(() =>
      writeFilesAtomic([
        { path: config, content: 'new = 1\n' },
        { path: blocked, content: 'password = "x"\n' },
      ]),
    ).toThrow(/Cannot write/);
    expect(fs.readFileSync(config, 'utf8')).toBe('old = 1\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['blocked', 'prod.config.toml']);
  });
});
