/**
 * Module-level jobs (reference §2.2): a module listed in `__all__` is one job `jobs.<module>`.
 * Framework detectors in dlt's order — marimo app, FastMCP server, Streamlit — read from the
 * module's top-level assignments and imports; otherwise a plain local module runs as a batch job
 * with `python -m`. Module dunders `__trigger__` (appended), `__expose__` (replaces the detected
 * expose) and `__require__` apply.
 */
import { LAUNCHERS } from '../requirements/launchers';
import { makeJobRef } from '../triggers/job-ref';
import { migrateRequire, triggersOf, type BuildContext } from './decorated-jobs';
import type { SourceModule, SourceValue } from './reader';
import type { JobDefinition } from './types';
import { plainValue } from './values';

interface Detected {
  launcher: string;
  interface: string;
  category: string;
  title: string | null;
}

const MARIMO_APPS = new Set(['marimo.App']);
const MCP_SERVERS = new Set(['fastmcp.FastMCP', 'mcp.server.fastmcp.FastMCP', 'mcp.server.fastmcp.server.FastMCP']);

function callsTo(module: SourceModule, funcs: Set<string>, preferred: string[]) {
  const matches = Object.entries(module.calls).filter(([, located]) => {
    const value = located.value;
    return value !== null && typeof value === 'object' && value.k === 'call' && funcs.has(value.func);
  });
  matches.sort(([left], [right]) => {
    const rank = (name: string) => (preferred.includes(name) ? preferred.indexOf(name) : preferred.length);
    return rank(left) - rank(right);
  });
  return matches[0]?.[1].value as Extract<SourceValue, { k: 'call' }> | undefined;
}

function stringArg(call: Extract<SourceValue, { k: 'call' }>, index: number, key: string): string | null {
  const value = call.kwargs[key] ?? call.args[index];
  return typeof value === 'string' ? value : null;
}

/** Framework app in the module, if any (dlt: first detector wins). */
export function detectFramework(module: SourceModule): Detected | null {
  const marimo = callsTo(module, MARIMO_APPS, ['app']);
  if (marimo)
    return {
      launcher: LAUNCHERS.marimo,
      interface: 'gui',
      category: 'notebook',
      title: stringArg(marimo, -1, 'app_title'),
    };
  const mcp = callsTo(module, MCP_SERVERS, ['mcp', 'server', 'app']);
  if (mcp) return { launcher: LAUNCHERS.mcp, interface: 'mcp', category: 'mcp', title: stringArg(mcp, 0, 'name') };
  if (module.imports.some((name) => name === 'streamlit' || name.startsWith('streamlit.')))
    return { launcher: LAUNCHERS.streamlit, interface: 'gui', category: 'dashboard', title: null };
  return null;
}

/** The job of a module listed in `__all__` (or the ad-hoc file itself). */
export function moduleJobDefinition(context: BuildContext, moduleName: string, module: SourceModule): JobDefinition {
  const detected = detectFramework(module);
  const doc = module.doc?.trim() || null;
  const description = [detected?.title, doc].filter((part): part is string => !!part).join(': ');
  const dunder = (name: string) => module.dunders[name];
  const definition: JobDefinition = {
    job_ref: makeJobRef(null, moduleName.split('.').at(-1)!),
    ...(description ? { description } : {}),
    entry_point: {
      module: moduleName,
      function: null,
      job_type: detected ? 'interactive' : 'batch',
      launcher: detected?.launcher ?? LAUNCHERS.module,
    },
    triggers: detected ? ['http:'] : [],
    execute: { concurrency: 1 },
    ...(detected ? { expose: { interface: detected.interface, category: detected.category } } : {}),
  };
  if (!detected && !module.has_main)
    context.warnings.push({
      file: module.file,
      // Reference §2.2: dlt's generator imports each module, so unguarded top-level code runs on every deploy too.
      message: `module job ${definition.job_ref} has no \`if __name__ == "__main__":\` block: the job is its top-level code, which also runs whenever the module is imported (dlt imports it on every deploy)`,
    });
  const trigger = dunder('__trigger__');
  if (trigger) definition.triggers.push(...triggersOf(context, trigger.value, module.file, trigger.line));
  const expose = dunder('__expose__');
  if (expose)
    definition.expose = plainValue(expose.value, module.file, expose.line, '__expose__') as JobDefinition['expose'];
  const require = dunder('__require__');
  if (require)
    definition.require = migrateRequire(
      context,
      { ...(plainValue(require.value, module.file, require.line, '__require__') as Record<string, unknown>) },
      module.file,
      require.line,
    );
  return definition;
}
