import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTree } from './__fixtures__/tree';
import { isSecretsFile, writeFileAtomic } from './atomic-write';
import { DlthubError } from './errors';
import { setTomlValue } from './toml-edit';
import { updateTomlFile } from './toml-file';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('atomic writes and TOML file updates', () => {
  const tree = tempTree();
  afterAll(() => tree.cleanup());

  it('recognises secrets files by name', () => {
    expect(isSecretsFile('/x/.dlt/secrets.toml')).toBe(true);
    expect(isSecretsFile('/x/.dlt/prod.secrets.toml')).toBe(true);
    expect(isSecretsFile('/x/.dlt/config.toml')).toBe(false);
    expect(isSecretsFile('/x/.dlt/secrets.toml.bak')).toBe(false);
  });

  it('creates secrets files 0600 and tightens an existing one; other files keep their mode', () => {
    const secrets = tree.path('a', '.dlt', 'secrets.toml');
    const created = updateTomlFile(secrets, (text) => setTomlValue(text, ['runtime', 'auth_token'], 'tok'));
    expect(created).toEqual({ path: secrets, changed: true, created: true });
    expect(fs.readFileSync(secrets, 'utf8')).toBe('[runtime]\nauth_token = "tok"\n');
    expect(modeOf(secrets)).toBe(0o600);
    fs.chmodSync(secrets, 0o644);
    updateTomlFile(secrets, (text) => setTomlValue(text, ['runtime', 'auth_token'], 'tok2'));
    expect(modeOf(secrets)).toBe(0o600);

    const config = tree.path('a', '.dlt', 'config.toml');
    fs.writeFileSync(config, '# keep me\n[runtime]\nlog_level = "INFO"\n');
    fs.chmodSync(config, 0o640);
    updateTomlFile(config, (text) => setTomlValue(text, ['runtime', 'workspace_id'], 'ws'));
    expect(fs.readFileSync(config, 'utf8')).toBe('# keep me\n[runtime]\nlog_level = "INFO"\nworkspace_id = "ws"\n');
    expect(modeOf(config)).toBe(0o640);
    expect(fs.readdirSync(path.dirname(config)).sort()).toEqual(['config.toml', 'secrets.toml']);
  });

  it('writes nothing when the edit changes nothing', () => {
    const config = tree.path('b', 'config.toml');
    fs.mkdirSync(path.dirname(config));
    fs.writeFileSync(config, 'a = 1\n');
    const before = fs.statSync(config).mtimeMs;
    expect(updateTomlFile(config, (text) => text)).toEqual({ path: config, changed: false, created: false });
    expect(fs.statSync(config).mtimeMs).toBe(before);
  });

  it('refuses an edit that yields invalid TOML and leaves the file as it was', () => {
    const config = tree.path('c', 'config.toml');
    fs.mkdirSync(path.dirname(config));
    fs.writeFileSync(config, 'a = 1\n');
    expect(() => updateTomlFile(config, (text) => `${text}[broken\n`)).toThrow(DlthubError);
    expect(fs.readFileSync(config, 'utf8')).toBe('a = 1\n');
    expect(fs.readdirSync(path.dirname(config))).toEqual(['config.toml']);
  });

  it('refuses to edit a file it cannot read as UTF-8, naming it', () => {
    const config = tree.path('d', 'config.toml');
    fs.mkdirSync(path.dirname(config));
    fs.writeFileSync(config, Buffer.from([0x61, 0x3d, 0xff]));
    let error: DlthubError | undefined;
    try {
      updateTomlFile(config, (text) => setTomlValue(text, ['a'], 1), { displayPath: '.dlt/config.toml' });
    } catch (caught) {
      error = caught as DlthubError;
    }
    expect(error).toMatchObject({ code: 'TomlProviderRead', location: { file: '.dlt/config.toml', line: 1 } });
    expect(fs.readFileSync(config)).toEqual(Buffer.from([0x61, 0x3d, 0xff]));
  });

  it('writeFileAtomic creates parent folders and replaces content whole', () => {
    const file = tree.path('e', 'deep', 'profile-name');
    writeFileAtomic(file, 'prod');
    writeFileAtomic(file, 'dev');
    expect(fs.readFileSync(file, 'utf8')).toBe('dev');
    expect(modeOf(file)).toBe(0o644);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['profile-name']);
  });
});
