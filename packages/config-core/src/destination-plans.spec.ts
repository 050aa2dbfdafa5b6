import { workspaceTree } from './__fixtures__/tree';
import { createDestinationPlans, keySlot, lookupDestinationField } from './destination-plans';
import { DlthubError } from './errors';
import { buildLookupPaths } from './lookup-paths';
import { createEnvProvider } from './providers/env';
import { createTomlFamilyProvider } from './providers/toml';
import { lookupInPlan, makePlan, type LookupResult } from './resolve';
import { familyFiles } from './workspace';

describe('destination lookup plans', () => {
  it.each(['warehouse', 'my__dest', 'credentials'])(
    'use the section paths dlt builds for destination.%s and its credentials',
    (name) => {
      const plans = createDestinationPlans([]).plansFor(name);
      expect(plans.config.sectionPaths).toEqual(buildLookupPaths(['destination', name]));
      expect(plans.credentials.sectionPaths).toEqual(buildLookupPaths(['destination', name, 'credentials']));
    },
  );

  it('answer every key as the general lookup loop does: value, provider, key, file, line and every key tried', () => {
    const { tree, root, globalDir } = workspaceTree({
      'ws/.dlt/dev.secrets.toml': '[destination.a.credentials]\nhost = "a-dev"\n[destination.credentials]\nport = 1\n',
      'ws/.dlt/secrets.toml':
        '[destination.a]\ncredentials = "native"\n[credentials]\nuser = "top"\n[destination.b.credentials]\nhost = "b"\n',
      'ws/.dlt/config.toml':
        'timeout = 5\nsecret_in_config = "x"\n[destination]\nreplace = "drop"\n[destination.a]\ntimeout = 9\n[destination.b]\ndestination_type = "t"\n',
      [`global/dev.config.toml`]: '[destination.a]\nreplace = "global"\n[destination.credentials]\nuser = "g"\n',
    });
    try {
      const env = { DESTINATION__B__TIMEOUT: '3', DESTINATION__CREDENTIALS__HOST: 'env-host', USER: 'plain' };
      const fileOptions = { profile: 'dev', rootDir: root, settingsDir: `${root}/.dlt`, globalDir };
      const providers = [
        createEnvProvider(env),
        createTomlFamilyProvider('secrets', familyFiles({ family: 'secrets', ...fileOptions })),
        createTomlFamilyProvider('config', familyFiles({ family: 'config', ...fileOptions })),
      ];
      const plans = createDestinationPlans(providers);
      const outcome = (lookup: () => LookupResult) => {
        try {
          return JSON.parse(JSON.stringify(lookup())) as unknown;
        } catch (error) {
          if (error instanceof DlthubError) return { error: error.message };
          throw error;
        }
      };
      const keys = [
        'host',
        'port',
        'user',
        'replace',
        'timeout',
        'credentials',
        'destination_type',
        'secret_in_config',
        'missing',
      ];
      let compared = 0;
      for (const name of ['a', 'b', 'c']) {
        // Twice: the second round reads the shared sections' remembered answers.
        for (let round = 0; round < 2; round++) {
          const own = plans.plansFor(name);
          for (const key of keys) {
            for (const secret of [false, true]) {
              const general = makePlan(providers, buildLookupPaths(['destination', name]));
              const generalCredentials = makePlan(providers, buildLookupPaths(['destination', name, 'credentials']));
              const generalExact = makePlan(providers, [['destination', name]]);
              expect(outcome(() => lookupDestinationField(own.config, key, keySlot(key), secret))).toEqual(
                outcome(() => lookupInPlan(general, key, secret)),
              );
              expect(outcome(() => lookupDestinationField(own.credentials, key, keySlot(key), secret))).toEqual(
                outcome(() => lookupInPlan(generalCredentials, key, secret)),
              );
              expect(outcome(() => lookupDestinationField(own.exact, key, keySlot(key), secret))).toEqual(
                outcome(() => lookupInPlan(generalExact, key, secret)),
              );
              compared += 3;
            }
          }
        }
      }
      expect(compared).toBe(3 * 2 * keys.length * 2 * 3);
      // The cases above include hits at every level and the secret rule.
      expect(lookupDestinationField(plans.plansFor('a').credentials, 'port', keySlot('port'))).toMatchObject({
        value: 1,
        matchedKey: 'destination.credentials.port',
        line: 4,
      });
      expect(lookupDestinationField(plans.plansFor('b').config, 'timeout', keySlot('timeout'))).toMatchObject({
        value: '3',
        provider: 'Environment Variables',
      });
      expect(() =>
        lookupDestinationField(plans.plansFor('a').config, 'secret_in_config', keySlot('secret_in_config'), true),
      ).toThrow(DlthubError);
    } finally {
      tree.cleanup();
    }
  });
});
