/** `dlthub plugin add`, through the built binary in a temp repository. */
import * as path from 'node:path';
import type { Sandbox } from '../../../test/helpers';
import { expectOneLineError, sandbox, writeWorkspace } from '../../../test/helpers';

/** A local plugin module adding the `acme` destination type, built on this repository's config-core. */
function acmePlugin(): string {
  const configCore = path.dirname(require.resolve('@dlthub/config-core/package.json'));
  const zod = require.resolve('zod');
  return `const core = require(${JSON.stringify(configCore)});
const { z } = require(${JSON.stringify(zod)});
const empty = { config: {}, credentials: {} };
module.exports = core.definePlugin({ name: 'acme', destinations: [core.defineDestination({
  type: 'acme', description: 'Acme lake', configSchema: z.object({}), credentialsSchemas: [], scaffold: { dev: empty, prod: empty },
  selectCredentials: () => ({}),
})] });
`;
}

describe('dlthub plugin add', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, {
      'package.json': '{\n    "name": "shop",\n    "private": true\n}\n',
      'plugins/acme.js': acmePlugin(),
    });
  });
  afterEach(() => box.cleanup());

  it('lists the module in dlthub.plugins, keeping the file format, and the type becomes known', () => {
    const result = box.run(['plugin', 'add', './plugins/acme.js']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Added \.\/plugins\/acme\.js to dlthub\.plugins in .*package\.json \(destination types: acme\)\.$/m,
    );
    expect(box.read('package.json')).toBe(
      '{\n    "name": "shop",\n    "private": true,\n    "dlthub": {\n        "plugins": [\n            "./plugins/acme.js"\n        ]\n    }\n}\n',
    );
    expect(box.run(['destination', 'list']).stdout).toMatch(/^acme - Acme lake/m);

    const again = box.run(['--json', 'plugin', 'add', './plugins/acme.js']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: false, plugins: ['./plugins/acme.js'] });
  });

  it('a module that does not load is an error and the package.json stays as it was', () => {
    const before = box.snapshot();
    const result = box.run(['plugin', 'add', '@acme/not-installed']);
    expectOneLineError(result, 1, /@acme\/not-installed.*package\.json was left unchanged/);
    expect(box.snapshot()).toEqual(before);
  });

  it('no argument is a usage error', () => {
    expect(box.run(['plugin', 'add']).code).toBe(2);
  });
});
