/**
 * Every destination type the built binary lists, through the CLI in a real temp workspace: `destination add`
 * for dev and prod, credentials never in a config file, `config validate` naming the destination with its
 * type, and `config explain` following a field of the type to the environment variable that sets it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { BIN, sandbox, writeWorkspace } from './helpers';

interface FieldInfo {
  name: string;
  kind: string;
  required: boolean;
  default?: unknown;
  secret: boolean;
}

interface TypeInfo {
  type: string;
  config: FieldInfo[];
}

/** The types as the built binary lists them (read once, when the suite is collected). */
function listedTypes(): TypeInfo[] {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-types-'));
  try {
    const result = spawnSync(process.execPath, [BIN, '--json', 'destination', 'list'], {
      cwd: home,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: home, DLTHUB_GLOBAL_DIR: home },
    });
    if (result.status !== 0) throw new Error(`destination list failed: ${result.stderr}`);
    return (JSON.parse(result.stdout) as { destinations: TypeInfo[] }).destinations;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const TYPES = listedTypes();

/** Fields dlt never reads from configuration, or names for the destination itself. */
const NOT_FROM_CONFIGURATION = new Set(['dataset_name', 'default_schema_name', 'destination_name']);

/** A value an env var can carry for a field of this kind, and the value it resolves to. */
const ENV_SAMPLES: Record<string, { env: string; value: unknown }> = {
  int: { env: '7', value: 7 },
  float: { env: '2.5', value: 2.5 },
  boolean: { env: 'true', value: true },
  string: { env: 'set-from-env', value: 'set-from-env' },
};

/** The type's own last plain field: types declare their own options after the shared ones. */
function fieldToExplain(info: TypeInfo): FieldInfo {
  const plain = info.config.filter((field) => field.kind in ENV_SAMPLES && !NOT_FROM_CONFIGURATION.has(field.name));
  const field = plain[plain.length - 1];
  if (!field) throw new Error(`${info.type} declares no plain config field`);
  return field;
}

type TomlTable = Record<string, unknown>;

function destinationW(text: string): TomlTable | undefined {
  return ((parse(text) as TomlTable).destination as TomlTable | undefined)?.w as TomlTable | undefined;
}

describe('dlthub with every destination type', () => {
  it('lists all 21 dlt destination types', () => {
    expect(TYPES).toHaveLength(21);
  });

  it.each(TYPES.map((info) => [info.type, info] as const))(
    '%s: add to dev and prod, validate, explain a field set from env',
    (type, info) => {
      const box = sandbox();
      try {
        // A Python project, so `add` records the type's requirement and `validate` checks it.
        writeWorkspace(box, { 'pyproject.toml': '[project]\nname = "shop"\nversion = "0.1.0"\ndependencies = []\n' });
        const add = box.run(['destination', 'add', 'w', '--type', type, '--profile', 'dev', '--profile', 'prod']);
        expect(add.stderr).not.toMatch(/^error/m);
        expect(add.code).toBe(0);
        expect(add.stdout).toContain('[CREATE] .dlt/prod.config.toml');
        expect(add.stderr).toContain(`Added destination \`w\` (${type})`);
        expect(box.read('pyproject.toml')).toMatch(/"dlt(\[[^\]]*\])?[><=]/);

        for (const profile of ['dev', 'prod']) {
          const config = destinationW(box.read(`.dlt/${profile}.config.toml`));
          expect(config?.destination_type).toBe(type);
          expect(config?.credentials).toBeUndefined();
          const secretsFile = `.dlt/${profile}.secrets.toml`;
          if (box.exists(secretsFile)) {
            // A secrets file holds only the credentials table, never the type or options.
            expect(Object.keys(destinationW(box.read(secretsFile)) ?? {})).toEqual(['credentials']);
          }
        }
        for (const file of ['.dlt/config.toml', '.dlt/secrets.toml'])
          expect(box.read(file)).not.toContain('[destination');

        const prod = { WORKSPACE__PROFILE: 'prod' };
        const validate = box.run(['--json', 'config', 'validate'], { env: prod });
        const report = JSON.parse(validate.stdout) as {
          destinations: Array<{ name: string; type: string | null }>;
          issues: Array<{ kind: string }>;
        };
        expect(report.destinations).toContainEqual(expect.objectContaining({ name: 'w', type }));
        // The prod scaffold may leave placeholders to fill in; nothing else may be wrong with it.
        expect(report.issues.filter((issue) => issue.kind !== 'placeholder' && issue.kind !== 'gitignore')).toEqual([]);

        const field = fieldToExplain(info);
        const sample = ENV_SAMPLES[field.kind]!;
        const envName = `DESTINATION__W__${field.name.toUpperCase().replace(/\./g, '__')}`;
        const explain = box.run(['--json', 'config', 'explain', field.name, '--destination', 'w'], {
          env: { ...prod, [envName]: sample.env },
        });
        expect(explain.code).toBe(0);
        expect(JSON.parse(explain.stdout)).toMatchObject({
          key: field.name,
          found: true,
          provider: 'Environment Variables',
          value: sample.value,
        });
      } finally {
        box.cleanup();
      }
    },
  );
});
