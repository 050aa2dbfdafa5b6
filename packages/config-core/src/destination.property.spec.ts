/**
 * Property: destination resolution agrees with a small reference model of dlt's rules over random TOML
 * in the four files of each family, random environments and a random profile. The model spells out
 * the lookup paths of a destination field (`destination.<n>.k → destination.k → k`) and of a field of
 * its credentials object (`destination.<n>.credentials.k → destination.credentials.k → credentials.k`),
 * provider outer (env, secrets family, config family), each family folded earlier-file-wins, the secret
 * rule (a secret field found first in config.toml is an error), string coercion of env values, and
 * defaults (`default`, null when none is declared).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { z } from 'zod';
import { tempTree } from './__fixtures__/tree';
import { isDlthubError } from './errors';
import { createRegistry, defineDestination, definePlugin } from './registry';
import { openWorkspace } from './workspace';

type Doc = { [key: string]: unknown };
type Kind = 'int' | 'bool' | 'string';
interface Field {
  key: string;
  kind: Kind;
  inCredentials: boolean;
  secret: boolean;
  fallback: unknown;
}

const FIELDS: readonly Field[] = [
  { key: 'create_indexes', kind: 'bool', inCredentials: false, secret: false, fallback: true },
  { key: 'batch', kind: 'int', inCredentials: false, secret: false, fallback: null },
  { key: 'host', kind: 'string', inCredentials: true, secret: false, fallback: null },
  { key: 'port', kind: 'int', inCredentials: true, secret: false, fallback: 5432 },
  { key: 'password', kind: 'string', inCredentials: true, secret: true, fallback: null },
];
const NAME = 'wh';

const registry = createRegistry([
  definePlugin({
    name: 'property',
    destinations: [
      defineDestination({
        type: 'sqlish',
        description: 'a destination with config and credentials fields of each kind',
        configSchema: z.object({ create_indexes: z.boolean().default(true), batch: z.number().int().optional() }),
        credentialsSchemas: [
          {
            name: 'fields',
            description: 'host, port, password',
            schema: z.object({
              host: z.string().optional(),
              port: z.number().int().default(5432),
              password: z.string().optional(),
            }),
            secretFields: ['password'],
          },
        ],
        scaffold: { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } },
      }),
    ],
  }),
]);

/** dlt's lookup paths for a field, most specific first. */
function pathsOf(field: Field): string[][] {
  const nested = field.inCredentials ? ['credentials'] : [];
  return [['destination', NAME], ['destination'], []].map((sections) => [...sections, ...nested, field.key]);
}

const fieldArb = fc.constantFrom(...FIELDS);
const tomlValueOf = (kind: Kind) =>
  kind === 'int'
    ? fc.integer({ min: 1, max: 99 })
    : kind === 'bool'
      ? fc.boolean()
      : fc.constantFrom('alpha', 'beta', 'gamma');
/** One placement: a field's value at one of its lookup paths. */
const placementArb = fieldArb.chain((field) =>
  fc.record({ field: fc.constant(field), path: fc.constantFrom(...pathsOf(field)), value: tomlValueOf(field.kind) }),
);
const documentArb = fc.option(fc.array(placementArb, { maxLength: 4 }), { nil: null });
/** The four files of a family: profile file, project file, global profile file, global file. */
const familyArb = fc.tuple(documentArb, documentArb, documentArb, documentArb);
const envValueOf = (kind: Kind) =>
  kind === 'int'
    ? fc.integer({ min: 1, max: 99 }).map(String)
    : kind === 'bool'
      ? fc.constantFrom('true', 'false')
      : fc.constantFrom('env-a', 'env-b');
const envArb = fc
  .array(
    fieldArb.chain((field) => fc.tuple(fc.constantFrom(...pathsOf(field)), envValueOf(field.kind))),
    { maxLength: 3 },
  )
  .map((entries) => Object.fromEntries(entries.map(([keyPath, value]) => [keyPath.join('__').toUpperCase(), value])));

function build(placements: { path: string[]; value: unknown }[] | null): Doc | null {
  if (placements === null) return null;
  const doc: Doc = {};
  for (const { path: keyPath, value } of placements) {
    let table = doc;
    for (const part of keyPath.slice(0, -1)) table = (table[part] ??= {}) as Doc;
    table[keyPath[keyPath.length - 1]] = value;
  }
  return doc;
}

function at(doc: Doc | null, keyPath: string[]): unknown {
  let current: unknown = doc;
  for (const part of keyPath) {
    if (typeof current !== 'object' || current === null || !(part in current)) return undefined;
    current = (current as Doc)[part];
  }
  return current;
}

type Expected = { error: 'ValueNotSecret' } | { value: unknown; provider: string; matchedKey: string | null };

/**
 * Before its fields, the credentials object is looked up whole with a secret hint (a connection string):
 * a table found first in config.toml breaks the secret rule; one found in secrets.toml is ignored.
 */
function wholeCredentialsBreaksSecretRule(secrets: (Doc | null)[], config: (Doc | null)[]): boolean {
  const paths = [['destination', NAME, 'credentials'], ['destination', 'credentials'], ['credentials']];
  const foundIn = (files: (Doc | null)[]) =>
    paths.some((keyPath) => files.some((doc) => at(doc, keyPath) !== undefined));
  return !foundIn(secrets) && foundIn(config);
}

/** The reference: first provider, then first path, then first file of the family. */
function reference(
  field: Field,
  env: Record<string, string>,
  secrets: (Doc | null)[],
  config: (Doc | null)[],
): Expected {
  const families: [string, (Doc | null)[]][] = [
    ['secrets.toml', secrets],
    ['config.toml', config],
  ];
  for (const keyPath of pathsOf(field)) {
    const value = env[keyPath.join('__').toUpperCase()];
    if (value !== undefined) {
      const typed = field.kind === 'int' ? Number(value) : field.kind === 'bool' ? value === 'true' : value;
      return { value: typed, provider: 'Environment Variables', matchedKey: keyPath.join('.') };
    }
  }
  for (const [provider, files] of families) {
    for (const keyPath of pathsOf(field)) {
      const value = files.map((doc) => at(doc, keyPath)).find((found) => found !== undefined);
      if (value === undefined) continue;
      if (field.secret && provider === 'config.toml') return { error: 'ValueNotSecret' };
      return { value, provider, matchedKey: keyPath.join('.') };
    }
  }
  return { value: field.fallback, provider: 'default', matchedKey: null };
}

describe('destination resolution (property)', () => {
  const tree = tempTree('config-core-destination-prop-');
  afterAll(() => tree.cleanup());
  let run = 0;

  it('agrees with the reference model', () => {
    fc.assert(
      fc.property(
        familyArb,
        familyArb,
        envArb,
        fc.constantFrom('dev', 'prod', 'tests', 'access'),
        (secretPlacements, configPlacements, env, profile) => {
          const root = tree.path(`run-${run}`, 'ws');
          const globalDir = tree.path(`run-${run++}`, 'global');
          fs.mkdirSync(path.join(root, '.dlt'), { recursive: true });
          fs.mkdirSync(globalDir, { recursive: true });
          fs.writeFileSync(path.join(root, '.dlt', '.workspace'), '');
          const secrets = secretPlacements.map(build);
          const config = configPlacements.map(build);
          const write = (family: string, documents: (Doc | null)[]) => {
            const targets = [
              path.join(root, '.dlt', `${profile}.${family}.toml`),
              path.join(root, '.dlt', `${family}.toml`),
              path.join(globalDir, `${profile}.${family}.toml`),
              path.join(globalDir, `${family}.toml`),
            ];
            documents.forEach((doc, index) => doc && fs.writeFileSync(targets[index], stringify(doc)));
          };
          // The type is named where dlt reads it, in the project's config.toml: a key no field lookup touches.
          const project = (config[1] ??= {});
          const destinations = (project.destination ??= {}) as Doc;
          ((destinations[NAME] ??= {}) as Doc).destination_type = 'sqlish';
          write('secrets', secrets);
          write('config', config);
          // Another profile's files are never read.
          const other = profile === 'dev' ? 'prod' : 'dev';
          fs.writeFileSync(path.join(root, '.dlt', `${other}.secrets.toml`), '[credentials]\nhost = "other-profile"\n');

          const workspace = openWorkspace({ cwd: root, env, globalDir, profile, registry });
          const expected = FIELDS.map((field) => [field, reference(field, env, secrets, config)] as const);
          const secretError =
            wholeCredentialsBreaksSecretRule(secrets, config) || expected.some(([, outcome]) => 'error' in outcome);
          if (secretError) {
            let code: string | undefined;
            try {
              workspace.resolveDestination(NAME);
            } catch (error) {
              if (!isDlthubError(error)) throw error;
              code = error.code;
            }
            expect(code).toBe('ValueNotSecret');
            return;
          }
          const resolved = workspace.resolveDestination(NAME);
          for (const [field, outcome] of expected) {
            const actual = (field.inCredentials ? resolved.credentials : resolved.config)[field.key];
            expect({
              field: field.key,
              value: actual?.value ?? null,
              provider: actual?.provider,
              matchedKey: actual?.matchedKey,
            }).toEqual({
              field: field.key,
              ...outcome,
              value: (outcome as { value: unknown }).value ?? null,
            });
          }
        },
      ),
      {
        numRuns: Number(process.env.FC_RUNS ?? 150),
        seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined,
      },
    );
  });
});
