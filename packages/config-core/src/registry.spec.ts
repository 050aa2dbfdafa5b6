import { z } from 'zod';
import {
  createRegistry,
  defineConfigProvider,
  defineDestination,
  definePlugin,
  defineProfile,
  isPlugin,
} from './registry';
import { DlthubError } from './errors';

const scaffold = { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } };

function destination(type: string) {
  return defineDestination({
    type,
    description: `${type} destination`,
    configSchema: z.object({ location: z.string().default('US') }),
    credentialsSchemas: [
      {
        name: 'fields',
        description: 'user and password',
        schema: z.object({ username: z.string().optional(), password: z.string().optional() }),
        secretFields: ['password'],
        parseNative: (native: string) => ({ username: native }),
      },
    ],
    scaffold,
  });
}

describe('registry', () => {
  it('indexes destinations, profiles and providers from an explicit plugin list', () => {
    const staging = defineProfile({ name: 'staging', scope: 'synced', description: 'staging', usedBy: 'staging jobs' });
    const dev = defineProfile({
      name: 'dev',
      scope: 'local',
      description: 'dev',
      usedBy: 'local runs',
      isDefault: true,
    });
    const vault = defineConfigProvider({ name: 'vault', supportsSecrets: true, get: () => undefined });
    const registry = createRegistry([
      definePlugin({ name: 'one', destinations: [destination('pg'), destination('duck')], profiles: [dev] }),
      definePlugin({ name: 'two', profiles: [staging], providers: [vault] }),
    ]);
    expect(registry.destinationTypes()).toEqual(['duck', 'pg']);
    expect(registry.getDestination('pg')?.credentialsSchemas[0]?.secretFields).toEqual(['password']);
    expect(registry.ownerOf('profile', 'staging')).toBe('two');
    expect(registry.getProfile('staging')?.scope).toBe('synced');
    expect(registry.defaultProfile()).toBe('dev');
    expect(registry.providers.map((p) => p.name)).toEqual(['vault']);
  });

  it('refuses two plugins claiming one destination type and names both', () => {
    const build = () =>
      createRegistry([
        definePlugin({ name: 'first', destinations: [destination('pg')] }),
        definePlugin({ name: 'second', destinations: [destination('pg')] }),
      ]);
    expect(build).toThrow(DlthubError);
    expect(build).toThrow(/"pg".*"first".*"second"/);
  });

  it('rejects malformed definitions with the offending field', () => {
    expect(() => defineProfile({ name: '../x', scope: 'local', description: 'd', usedBy: 'u' })).toThrow(/name/);
    expect(() =>
      defineDestination({
        type: 'Bad Type',
        description: 'x',
        configSchema: z.object({}),
        credentialsSchemas: [],
        scaffold,
      }),
    ).toThrow(/type/);
    expect(() =>
      defineDestination({
        type: 'pg',
        description: 'x',
        configSchema: z.object({}),
        credentialsSchemas: [
          { name: 'fields', description: 'd', schema: z.object({ user: z.string() }), secretFields: ['pass'] },
        ],
        scaffold,
      }),
    ).toThrow(/unknown secret fields pass/);
    const inner = { name: 'inner', description: 'd', schema: z.object({ user: z.string() }), secretFields: ['token'] };
    expect(() =>
      defineDestination({
        type: 'lake',
        description: 'x',
        configSchema: z.object({}),
        credentialsSchemas: [
          {
            name: 'outer',
            description: 'd',
            schema: z.object({}),
            secretFields: [],
            nested: { catalog: { description: 'c', variants: [inner] } },
          },
        ],
        scaffold,
      }),
    ).toThrow(/"inner" marks unknown secret fields token/);
  });

  it('tells plugins from other values and refuses stray entries', () => {
    expect(isPlugin(definePlugin({ name: 'p' }))).toBe(true);
    expect(isPlugin({ name: 'p' })).toBe(false);
    expect(() => definePlugin({ name: 'p', destinations: [{ type: 'x' } as never] })).toThrow(/defineDestination/);
    expect(() => createRegistry([{} as never])).toThrow(/entry 0 is not a plugin/);
  });
});
