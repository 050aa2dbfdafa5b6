import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRegistry } from '@dlthub/config-core';
import { formatResult, formatSummary, runCase, runCases } from './runner';
import { loadRunnerRegistry } from './registry';

import { CASES_ENV, REPO_ROOT, sharedCasesDir } from './cases-dir';

// DLTHUB_CONFORMANCE_CASES, default ../shared/conformance/cases relative to the repository root.
const SHARED_CASES = sharedCasesDir();

describe('shared cases location', () => {
  it('defaults to ../shared/conformance/cases beside the repository root; the setting overrides it', () => {
    expect(sharedCasesDir({})).toBe(path.resolve(REPO_ROOT, '../shared/conformance/cases'));
    expect(sharedCasesDir({ [CASES_ENV]: '' })).toBe(path.resolve(REPO_ROOT, '../shared/conformance/cases'));
    expect(sharedCasesDir({ [CASES_ENV]: 'cases-here' })).toBe(path.join(REPO_ROOT, 'cases-here'));
    expect(sharedCasesDir({ [CASES_ENV]: '/abs/cases' })).toBe('/abs/cases');
  });
});

describe('conformance runner', () => {
  it('passes every shared case with all plugins loaded', () => {
    const summary = runCases(SHARED_CASES);
    const failures = summary.results.filter((result) => !result.passed).map(formatResult);
    expect(summary.missingPlugins).toEqual([]);
    expect(failures).toEqual([]);
    expect(summary.results.length).toBeGreaterThanOrEqual(47);
    expect(formatSummary(summary)).toBe(`${summary.results.length} passed, 0 failed`);
  });

  describe('on a case written in the test', () => {
    let casesDir: string;
    beforeEach(() => {
      casesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-spec-'));
      const root = path.join(casesDir, 'mini-01', 'root', '.dlt');
      fs.mkdirSync(root, { recursive: true });
      fs.writeFileSync(path.join(root, '.workspace'), '');
      fs.writeFileSync(
        path.join(root, 'config.toml'),
        '[destination.lake]\ndestination_type = "duckdb"\n[sources.x]\nk = 1\n',
      );
    });
    afterEach(() => fs.rmSync(casesDir, { recursive: true, force: true }));

    const writeCase = (expect: object) =>
      fs.writeFileSync(
        path.join(casesDir, 'mini-01', 'case.json'),
        JSON.stringify({ description: 'd', env: {}, profile: null, expect }),
      );

    it('reports each mismatch with the value it saw', () => {
      writeCase({
        profile: 'prod',
        lookups: [
          {
            sections: ['sources', 'x'],
            key: 'k',
            secret: false,
            value: 2,
            provider: 'config.toml',
            matched_key: 'sources.x.k',
          },
        ],
      });
      const result = runCase(casesDir, 'mini-01', loadRunnerRegistry().registry);
      expect(result.passed).toBe(false);
      expect(result.mismatches).toEqual([
        'profile "dev" != expected "prod"',
        'lookup #1 sources.x.k: value 1 != expected 2',
      ]);
    });

    it('fails (never skips) destination cases when the plugin is not loaded, and says why', () => {
      writeCase({ profile: 'dev', destinations: [{ name: 'lake', destination_type: 'duckdb' }] });
      const result = runCase(casesDir, 'mini-01', createRegistry([]), ['@dlthub/destination-duckdb: not built']);
      expect(result.passed).toBe(false);
      expect(result.mismatches[0]).toContain('unexpected error UnknownDestination');
      expect(result.mismatches[0]).toContain('@dlthub/destination-duckdb: not built');
    });

    it('reports plugins that cannot be loaded', () => {
      const loaded = loadRunnerRegistry((module) => {
        if (module.endsWith('duckdb')) throw new Error('Cannot find module');
        return module.endsWith('postgres') ? {} : jest.requireActual(module);
      });
      expect(loaded.missing).toEqual([
        '@dlthub/destination-duckdb: Cannot find module',
        '@dlthub/destination-postgres: does not export a plugin named "plugin"',
      ]);
      expect(loaded.registry.destinationTypes()).not.toContain('duckdb');
    });
  });
});
