/**
 * Property: the four-file merge and the provider order agree with a tiny reference model
 * (dlt's own fold of the files, explicit path lists) over
 * random documents, environments and lookups.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { tempTree } from './__fixtures__/tree';
import { openWorkspace } from './workspace';

type Doc = { [key: string]: unknown };
const KEYS = ['a', 'b', 'sources'] as const;
const key = fc.constantFrom(...KEYS);
const leaf = fc.oneof(
  fc.integer({ min: 0, max: 9 }),
  fc.constantFrom('x', 'y'),
  fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
);
const level3 = fc.dictionary(key, leaf, { maxKeys: 3 });
const level2 = fc.dictionary(key, fc.oneof(leaf, level3), { maxKeys: 3 });
const documentArb = fc.dictionary(key, fc.oneof(leaf, level2), { maxKeys: 3 }) as fc.Arbitrary<Doc>;
const fileSet = fc.tuple(
  fc.option(documentArb),
  fc.option(documentArb),
  fc.option(documentArb),
  fc.option(documentArb),
);
const envArb = fc.dictionary(
  fc.constantFrom('A', 'B', 'A__B', 'SOURCES__A', 'SOURCES__A__B', 'SOURCES__B__A', 'A__A__B', 'SOURCES__SOURCES'),
  fc.constantFrom('e1', 'e2', ''),
  { maxKeys: 3 },
);

const isTable = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reference merge, as dlt's toml.py folds the files: `result = update_dict_nested(next_file, result)`,
 * i.e. what was merged so far overwrites the next (lower-priority) file, recursing only where both are tables.
 */
function referenceMerge(documents: (Doc | null)[]): Doc {
  const updateNested = (target: Doc, source: Doc): Doc => {
    for (const [name, value] of Object.entries(source)) {
      if (isTable(target[name]) && isTable(value)) updateNested(target[name], value);
      else target[name] = value;
    }
    return target;
  };
  let result: Doc | null = null;
  for (const document of documents) {
    if (!document) continue;
    const copy = JSON.parse(JSON.stringify(document)) as Doc;
    result = result === null ? copy : updateNested(copy, result);
  }
  return result ?? {};
}

function at(document: Doc, keyPath: string[]): unknown {
  let current: unknown = document;
  for (const part of keyPath) {
    if (!isTable(current) || !(part in current)) return undefined;
    current = current[part];
  }
  return current;
}

/** Reference lookup paths, spelled out for the section shapes the property uses. */
const REFERENCE_PATHS: Record<string, string[][]> = {
  '': [[]],
  a: [['a'], []],
  'a.b': [['a', 'b'], ['a'], []],
  'sources.a.b': [['sources', 'a', 'b'], ['sources', 'a'], ['sources', 'b'], ['sources'], []],
  'sources.a.a': [['sources', 'a', 'a'], ['sources', 'a'], ['sources'], []],
};

describe('four-file merge and provider order (property)', () => {
  const tree = tempTree('config-core-prop-');
  afterAll(() => tree.cleanup());
  let run = 0;

  it('agree with the reference model', () => {
    fc.assert(
      fc.property(fileSet, fileSet, envArb, fc.constantFrom('dev', 'prod'), (configDocs, secretsDocs, env, profile) => {
        const root = tree.path(`run-${run}`, 'ws');
        const globalDir = tree.path(`run-${run++}`, 'global');
        fs.mkdirSync(path.join(root, '.dlt'), { recursive: true });
        fs.mkdirSync(globalDir, { recursive: true });
        fs.writeFileSync(path.join(root, '.dlt', '.workspace'), '');
        const write = (family: string, documents: (Doc | null)[]) => {
          const targets = [
            path.join(root, '.dlt', `${profile}.${family}.toml`),
            path.join(root, '.dlt', `${family}.toml`),
            path.join(globalDir, `${profile}.${family}.toml`),
            path.join(globalDir, `${family}.toml`),
          ];
          documents.forEach((document, index) => document && fs.writeFileSync(targets[index], stringify(document)));
        };
        write('config', configDocs);
        write('secrets', secretsDocs);
        // Another profile's files must never be read.
        fs.writeFileSync(
          path.join(root, '.dlt', `${profile === 'dev' ? 'prod' : 'dev'}.config.toml`),
          'a = "other-profile"\nb = "other-profile"\n',
        );

        const workspace = openWorkspace({ cwd: root, env, globalDir, profile });
        const merged = { secrets: referenceMerge(secretsDocs), config: referenceMerge(configDocs) };
        const reference = (paths: string[][], keyName: string) => {
          const providers: [string, (p: string[]) => unknown][] = [
            ['Environment Variables', (p) => env[p.join('__').toUpperCase()]],
            ['secrets.toml', (p) => at(merged.secrets, p)],
            ['config.toml', (p) => at(merged.config, p)],
          ];
          for (const [name, get] of providers) {
            for (const sections of paths) {
              const value = get([...sections, keyName]);
              if (value !== undefined) return { value, provider: name, matchedKey: [...sections, keyName].join('.') };
            }
          }
          return { value: undefined, provider: null, matchedKey: null };
        };
        for (const [sections, paths] of Object.entries(REFERENCE_PATHS)) {
          for (const keyName of KEYS) {
            const actual = workspace.resolveField({ sections: sections ? sections.split('.') : [], key: keyName });
            const expected = reference(paths, keyName);
            expect(
              JSON.parse(
                JSON.stringify({
                  value: actual.value ?? null,
                  provider: actual.provider,
                  matchedKey: actual.matchedKey,
                }),
              ),
            ).toEqual(JSON.parse(JSON.stringify({ ...expected, value: expected.value ?? null })));
          }
        }
        for (const exact of [['a'], ['a', 'b'], ['sources', 'a'], ['b', 'a', 'b'], ['sources', 'a', 'b']]) {
          const envValue = env[exact.join('__').toUpperCase()];
          const secretsValue = at(merged.secrets, exact);
          const configValue = at(merged.config, exact);
          const secretsOnly =
            envValue !== undefined
              ? ['Environment Variables', envValue]
              : secretsValue !== undefined
                ? ['secrets.toml', secretsValue]
                : [null, undefined];
          const all =
            secretsOnly[0] !== null
              ? secretsOnly
              : configValue !== undefined
                ? ['config.toml', configValue]
                : [null, undefined];
          const secret = workspace.getSecret(exact.join('.'));
          const config = workspace.get(exact.join('.'));
          expect(secret.provider).toBe(secretsOnly[0]);
          expect(config.provider).toBe(all[0]);
          if (typeof all[1] !== 'string')
            expect(JSON.parse(JSON.stringify(config.value ?? null))).toEqual(all[1] ?? null);
        }
      }),
      { numRuns: 60 },
    );
  });
});
