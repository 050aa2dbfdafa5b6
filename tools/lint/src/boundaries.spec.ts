import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

const repoRoot = path.resolve(__dirname, '../../..');

/** Each case: a fixture under __fixtures__, linted as if it were the file at `at`. */
const cases = {
  platformImportsApp: { fixture: 'imports-nx.ts', at: 'packages/scheduler/src/boundary-probe.ts' },
  coreImportsCli: { fixture: 'imports-cli.ts', at: 'packages/config-core/src/boundary-probe.ts' },
  pluginImportsPlatform: { fixture: 'imports-auth.ts', at: 'packages/destinations/duckdb/src/boundary-probe.ts' },
  pluginImportsCore: { fixture: 'imports-config-core.ts', at: 'packages/destinations/duckdb/src/boundary-probe.ts' },
  platformSpecImportsServer: { fixture: 'imports-control-plane.ts', at: 'packages/auth/src/boundary-probe.spec.ts' },
  platformImportsServer: { fixture: 'imports-control-plane.ts', at: 'packages/auth/src/boundary-probe.ts' },
  serverImportsCore: { fixture: 'imports-config-core.ts', at: 'packages/control-plane/src/boundary-probe.ts' },
} as const;

type CaseName = keyof typeof cases;

/** Lints every case in one ESLint process (building Nx's project graph once) and keeps the boundary messages. */
function lintCases(): Record<CaseName, string[]> {
  const names = Object.keys(cases) as CaseName[];
  const args = names.flatMap((name) => [
    path.join(__dirname, '..', '__fixtures__', cases[name].fixture),
    cases[name].at,
  ]);
  const stdout = execFileSync(process.execPath, [path.join(__dirname, 'lint-as.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const results = JSON.parse(stdout) as Array<{ messages: LintMessage[] }>;
  const byCase = {} as Record<CaseName, string[]>;
  names.forEach((name, index) => {
    const messages = results[index]?.messages ?? [];
    // A parse error or a crashed rule would hide a missing boundary error.
    expect(messages.filter((message) => message.ruleId === null)).toEqual([]);
    byCase[name] = messages
      .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
      .map((message) => message.message);
  });
  return byCase;
}

describe('the module-boundary rule of eslint.config.mjs', () => {
  let messages: Record<CaseName, string[]>;

  beforeAll(() => {
    messages = lintCases();
  }, 120_000);

  it('stops a library from importing an app', () => {
    expect(messages.platformImportsApp).toEqual([
      expect.stringContaining('A project tagged with "scope:platform" can only depend on libs tagged with'),
    ]);
  });

  it('stops config-core from importing the CLI, which depends on it', () => {
    expect(messages.coreImportsCli).toEqual([
      expect.stringContaining('Circular dependency between "@dlthub/config-core" and "@dlthub/cli"'),
    ]);
  });

  it('stops a destination plugin from importing a platform library', () => {
    expect(messages.pluginImportsPlatform).toEqual([
      expect.stringContaining('A project tagged with "scope:plugin" can only depend on libs tagged with'),
    ]);
  });

  it('lets a destination plugin import config-core', () => {
    expect(messages.pluginImportsCore).toEqual([]);
  });

  it('lets the platform libraries use the control plane in their tests only', () => {
    expect(messages.platformSpecImportsServer).toEqual([]);
    expect(messages.platformImportsServer).toEqual([
      expect.stringContaining('A project tagged with "scope:platform" can only depend on libs tagged with'),
    ]);
  });

  it('stops the control plane from importing config-core', () => {
    expect(messages.serverImportsCore).toEqual([
      expect.stringContaining(
        'A project tagged with "scope:server" can only depend on libs tagged with "shared:server"',
      ),
    ]);
  });
});
