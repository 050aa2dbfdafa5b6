/**
 * Runs shared conformance cases through config-core, set up as FORMAT.md prescribes: the root
 * copied to `<tmp>/<id>/`, the global dir copied to `H/.dlt` and passed explicitly (dlt's root
 * rule would pick /var/dlt), and exactly the case's environment plus HOME.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  isDlthubError,
  openWorkspace,
  type DestinationFieldSource,
  type Registry,
  type Workspace,
} from '@dlthub/config-core';
import {
  isAccessorLookup,
  type ConformanceCase,
  type DestinationExpectation,
  type FieldExpectation,
  type LookupExpectation,
} from './case-format';
import { jsonEqual, show, toJsonValue } from './compare';
import { loadRunnerRegistry } from './registry';

export interface CaseResult {
  id: string;
  passed: boolean;
  mismatches: string[];
}

export interface RunSummary {
  results: CaseResult[];
  passed: number;
  failed: number;
  missingPlugins: string[];
}

export function listCaseIds(casesDir: string): string[] {
  return fs
    .readdirSync(casesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(casesDir, entry.name, 'case.json')))
    .map((entry) => entry.name)
    .sort();
}

function errorCode(error: unknown): string {
  return isDlthubError(error)
    ? error.code
    : `unexpected ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? String(error)}`;
}

function checkLookup(workspace: Workspace, lookup: LookupExpectation, label: string, mismatches: string[]): void {
  try {
    const resolved = isAccessorLookup(lookup)
      ? lookup.accessor === 'config'
        ? workspace.get(lookup.path)
        : workspace.getSecret(lookup.path)
      : workspace.resolveField({
          sections: lookup.sections,
          key: lookup.key,
          secret: lookup.secret,
          pipelineName: lookup.pipeline_name,
        });
    if (!isAccessorLookup(lookup) && lookup.error) {
      mismatches.push(`${label}: expected error ${lookup.error}, got value ${show(toJsonValue(resolved.value))}`);
      return;
    }
    const actualValue = toJsonValue(resolved.value);
    if (!jsonEqual(lookup.value, actualValue))
      mismatches.push(`${label}: value ${show(actualValue)} != expected ${show(lookup.value)}`);
    if (lookup.provider !== undefined && (resolved.provider ?? null) !== lookup.provider) {
      mismatches.push(`${label}: provider ${show(resolved.provider)} != expected ${show(lookup.provider)}`);
    }
    if (!isAccessorLookup(lookup) && lookup.matched_key !== undefined && resolved.matchedKey !== lookup.matched_key) {
      mismatches.push(`${label}: matched_key ${show(resolved.matchedKey)} != expected ${show(lookup.matched_key)}`);
    }
  } catch (error) {
    const code = errorCode(error);
    if (isAccessorLookup(lookup) || !lookup.error) mismatches.push(`${label}: unexpected error ${code}`);
    else if (code !== lookup.error) mismatches.push(`${label}: error ${code} != expected ${lookup.error}`);
  }
}

function checkFields(
  label: string,
  expected: Record<string, FieldExpectation> | undefined,
  actual: Record<string, DestinationFieldSource>,
  mismatches: string[],
): void {
  for (const [field, expectation] of Object.entries(expected ?? {})) {
    const source = actual[field];
    const fieldLabel = `${label}.${field}`;
    if (!source) {
      mismatches.push(`${fieldLabel}: field not resolved (not in the plugin's schema)`);
      continue;
    }
    const actualValue = toJsonValue(source.value);
    if (!jsonEqual(expectation.value, actualValue))
      mismatches.push(`${fieldLabel}: value ${show(actualValue)} != expected ${show(expectation.value)}`);
    if ((source.provider ?? null) !== expectation.provider)
      mismatches.push(`${fieldLabel}: provider ${show(source.provider)} != expected ${show(expectation.provider)}`);
    if (expectation.matched_key !== undefined && source.matchedKey !== expectation.matched_key) {
      mismatches.push(
        `${fieldLabel}: matched_key ${show(source.matchedKey)} != expected ${show(expectation.matched_key)}`,
      );
    }
  }
}

function checkDestination(
  workspace: Workspace,
  expected: DestinationExpectation,
  missingPlugins: string[],
  mismatches: string[],
): void {
  const label = `destination ${expected.name}`;
  const pluginNote = missingPlugins.length > 0 ? ` [plugins not loaded: ${missingPlugins.join('; ')}]` : '';
  try {
    const resolved = workspace.resolveDestination(expected.name);
    if (expected.error) {
      mismatches.push(`${label}: expected error ${expected.error}, resolved as ${resolved.destinationType}`);
      return;
    }
    if (expected.destination_type !== undefined && resolved.destinationType !== expected.destination_type) {
      mismatches.push(
        `${label}: destination_type ${resolved.destinationType} != expected ${expected.destination_type}`,
      );
    }
    checkFields(`${label} credentials`, expected.credentials, resolved.credentials, mismatches);
    checkFields(`${label} config`, expected.config, resolved.config, mismatches);
  } catch (error) {
    const code = errorCode(error);
    if (code !== expected.error) {
      const detail = isDlthubError(error) ? ` (${error.message})` : '';
      mismatches.push(
        `${label}: ${expected.error ? `error ${code} != expected ${expected.error}` : `unexpected error ${code}`}${detail}${pluginNote}`,
      );
    }
  }
}

export function runCase(casesDir: string, id: string, registry: Registry, missingPlugins: string[] = []): CaseResult {
  const caseDir = path.join(casesDir, id);
  const spec = JSON.parse(fs.readFileSync(path.join(caseDir, 'case.json'), 'utf8')) as ConformanceCase;
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-conformance-'));
  const mismatches: string[] = [];
  try {
    const workspaceDir = path.join(sandbox, id);
    const homeDir = path.join(sandbox, 'home');
    fs.mkdirSync(homeDir);
    if (fs.existsSync(path.join(caseDir, 'root')))
      fs.cpSync(path.join(caseDir, 'root'), workspaceDir, { recursive: true });
    else fs.mkdirSync(workspaceDir);
    if (fs.existsSync(path.join(caseDir, 'global')))
      fs.cpSync(path.join(caseDir, 'global'), path.join(homeDir, '.dlt'), { recursive: true });
    const env = { ...spec.env, HOME: homeDir };
    const expect = spec.expect;

    let workspace: Workspace;
    try {
      workspace = openWorkspace({
        cwd: workspaceDir,
        profile: spec.profile ?? undefined,
        env,
        globalDir: path.join(homeDir, '.dlt'),
        registry,
      });
    } catch (error) {
      const code = errorCode(error);
      if (!expect.error)
        mismatches.push(`unexpected error ${code}${isDlthubError(error) ? ` (${error.message})` : ''}`);
      else if (code !== expect.error) mismatches.push(`error ${code} != expected ${expect.error}`);
      else if (
        expect.error_provider !== undefined &&
        isDlthubError(error) &&
        error.provider !== expect.error_provider
      ) {
        mismatches.push(`error provider ${show(error.provider)} != expected ${expect.error_provider}`);
      }
      return { id, passed: mismatches.length === 0, mismatches };
    }
    if (expect.error) {
      mismatches.push(`expected error ${expect.error}, but the workspace opened (profile ${show(workspace.profile)})`);
      return { id, passed: false, mismatches };
    }
    if (expect.profile !== undefined && workspace.profile !== expect.profile) {
      mismatches.push(`profile ${show(workspace.profile)} != expected ${show(expect.profile)}`);
    }
    if (expect.workspace_name !== undefined && workspace.name !== expect.workspace_name) {
      mismatches.push(`workspace_name ${show(workspace.name)} != expected ${show(expect.workspace_name)}`);
    }
    for (const [key, value] of Object.entries(expect.runtime ?? {})) {
      try {
        const actual = toJsonValue(workspace.runtimeValue(key).value);
        if (!jsonEqual(value, actual)) mismatches.push(`runtime.${key}: ${show(actual)} != expected ${show(value)}`);
      } catch (error) {
        mismatches.push(`runtime.${key}: unexpected error ${errorCode(error)}`);
      }
    }
    (expect.lookups ?? []).forEach((lookup, index) => {
      const label = isAccessorLookup(lookup)
        ? `lookup #${index + 1} ${lookup.accessor}[${lookup.path}]`
        : `lookup #${index + 1} ${[...lookup.sections, lookup.key].join('.')}${lookup.secret ? ' (secret)' : ''}`;
      checkLookup(workspace, lookup, label, mismatches);
    });
    for (const destination of expect.destinations ?? [])
      checkDestination(workspace, destination, missingPlugins, mismatches);
  } catch (error) {
    mismatches.push(`runner error: ${(error as Error).message}`);
  } finally {
    fs.rmSync(sandbox, { recursive: true, force: true });
  }
  return { id, passed: mismatches.length === 0, mismatches };
}

export function runCases(
  casesDir: string,
  options: { registry?: Registry; missingPlugins?: string[] } = {},
): RunSummary {
  let registry = options.registry;
  let missingPlugins = options.missingPlugins ?? [];
  if (!registry) ({ registry, missing: missingPlugins } = loadRunnerRegistry());
  const results = listCaseIds(casesDir).map((id) => runCase(casesDir, id, registry, missingPlugins));
  const passed = results.filter((result) => result.passed).length;
  return { results, passed, failed: results.length - passed, missingPlugins };
}

export function formatResult(result: CaseResult): string {
  return result.passed ? `PASS ${result.id}` : `FAIL ${result.id}: ${result.mismatches.join('; ')}`;
}

export function formatSummary(summary: RunSummary): string {
  return `${summary.passed} passed, ${summary.failed} failed`;
}
