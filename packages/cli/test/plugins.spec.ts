import * as path from 'node:path';
import type { Sandbox } from './helpers';
import { sandbox, writeWorkspace } from './helpers';

describe('plugin discovery', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    writeWorkspace(box, {
      'package.json': JSON.stringify({ name: 'shop', dlthub: { plugins: ['dlthub-plugin-missing'] } }),
    });
  });
  afterEach(() => box.cleanup());

  it('a plugin that fails to load is a warning naming it; built-in types still work and unrelated commands stay quiet', () => {
    const list = box.run(['destination', 'list']);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(
      /^warning: Plugin "dlthub-plugin-missing" listed in .*package\.json could not be loaded/,
    );
    expect(list.stdout).toMatch(/^duckdb - /m);
    expect(box.run(['config', 'get', 'runtime.log_level'])).toEqual({ code: 0, stdout: 'WARNING\n', stderr: '' });
  });

  it("a DlthubError thrown by a plugin's own copy of config-core is reported as such, not as an unexpected error", () => {
    // The plugin requires config-core's package (not the CLI's bundled copy): its DlthubError is another class.
    const configCore = path.dirname(require.resolve('@dlthub/config-core/package.json'));
    const zod = require.resolve('zod');
    writeWorkspace(box, {
      'package.json': JSON.stringify({ name: 'shop', dlthub: { plugins: ['./acme-plugin.js'] } }),
      'acme-plugin.js': `const core = require(${JSON.stringify(configCore)});
const { z } = require(${JSON.stringify(zod)});
const empty = { config: {}, credentials: {} };
module.exports = core.definePlugin({ name: 'acme', destinations: [core.defineDestination({
  type: 'acme', description: 'Acme lake', configSchema: z.object({}), credentialsSchemas: [], scaffold: { dev: empty, prod: empty },
  selectCredentials: () => { throw new core.DlthubError('InvalidConfigValue', 'acme needs a bucket_url.', { hint: 'Set bucket_url.' }); },
})] });
`,
      '.dlt/config.toml': '[destination.lake]\ndestination_type = "acme"\n',
    });
    const result = box.run(['config', 'validate', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      destinations: Array<{ name: string; ok: boolean; error?: string; hint?: string }>;
    };
    expect(report.destinations).toEqual([
      { name: 'lake', type: null, ok: false, error: 'acme needs a bucket_url.', hint: 'Set bucket_url.' },
    ]);
    expect(result.stderr).not.toMatch(/Internal|unexpected/);
  });
});
