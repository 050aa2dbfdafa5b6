import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspaceTree } from './__fixtures__/tree';
import { openWorkspace } from './workspace';
import { readWorkspaceName } from './workspace-name';

/** Where a name can be set: every file of the lookup, under either path, plus the env variables. */
const FILES = [
  'ws/.dlt/config.toml',
  'ws/.dlt/dev.config.toml',
  'ws/.dlt/prod.config.toml',
  'ws/.dlt/secrets.toml',
  'ws/.dlt/dev.secrets.toml',
  'global/config.toml',
  'global/dev.config.toml',
  'global/secrets.toml',
] as const;
const TABLES = ['workspace.settings', 'settings'] as const;

describe('readWorkspaceName', () => {
  it('names the workspace exactly as openWorkspace does, wherever the name is set', () => {
    const setting = fc.record({
      file: fc.constantFrom(...FILES),
      table: fc.constantFrom(...TABLES),
      value: fc.constantFrom('alpha', 'beta', '', 'gamma'),
    });
    fc.assert(
      fc.property(
        fc.array(setting, { maxLength: 4 }),
        fc.option(fc.constantFrom('dev', 'prod'), { nil: undefined }),
        fc.option(fc.constantFrom('from_env', ''), { nil: undefined }),
        fc.boolean(),
        (settings, envProfile, envName, pinProd) => {
          const files: Record<string, string> = {};
          for (const { file, table, value } of settings) {
            files[file] = `${files[file] ?? ''}[${table}]\nname = "${value}"\n`;
          }
          // A table written twice is a TOML error; keep the first of each (file, table).
          for (const file of Object.keys(files)) {
            const seen = new Set<string>();
            files[file] = files[file]
              .split(/(?=^\[)/m)
              .filter((block) => {
                const header = block.split('\n', 1)[0];
                if (seen.has(header)) return false;
                seen.add(header);
                return true;
              })
              .join('');
          }
          if (pinProd) files['ws/.dlt/profile-name'] = 'prod\n';
          const fixture = workspaceTree(files, {});
          try {
            const env = {
              ...(envProfile ? { WORKSPACE__PROFILE: envProfile } : {}),
              ...(envName !== undefined ? { WORKSPACE__SETTINGS__NAME: envName } : {}),
            };
            const globalDir = path.join(fixture.tree.dir, 'global');
            fs.mkdirSync(globalDir, { recursive: true });
            const expected = openWorkspace({ cwd: fixture.root, env, globalDir }).name;
            expect(readWorkspaceName(fixture.root, { env, globalDir })).toBe(expected);
          } finally {
            fixture.tree.cleanup();
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('takes an explicit profile as --profile does', () => {
    const fixture = workspaceTree({ 'ws/.dlt/staging.config.toml': '[workspace.settings]\nname = "staged"\n' }, {});
    try {
      expect(readWorkspaceName(fixture.root, { env: {}, globalDir: fixture.globalDir })).toBe('ws');
      expect(readWorkspaceName(fixture.root, { env: {}, globalDir: fixture.globalDir, profile: 'staging' })).toBe(
        'staged',
      );
    } finally {
      fixture.tree.cleanup();
    }
  });
});
