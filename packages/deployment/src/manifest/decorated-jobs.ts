/**
 * Jobs declared with `@run.job`, `@run.pipeline(...)` and `@run.interactive` (reference §2), read
 * from the decorator calls without importing anything. Argument normalisation follows dlt's
 * decorators: name/section defaults, `execute.timeout` periods, concurrency 1, `expose.tags`
 * strings, the pipeline's `deliver`/`category`, the interactive `interface` and `http:` trigger.
 */
import { LAUNCHERS } from '../requirements/launchers';
import { isIdentifier, makeJobRef } from '../triggers/job-ref';
import { isDlthubError } from '@dlthub/config-core';
import { normalizeTrigger, parsePeriodSeconds } from '@dlthub/scheduler';
import type { SourceFunction, SourceModule, SourceValue, WorkspaceReading } from './reader';
import type { JobDefinition, JobType, ManifestProblem } from './types';
import { dictEntry, lineOf, plainValue, unknowable, UnknowableValue } from './values';

export type DecoratorKind = 'job' | 'pipeline' | 'interactive';

const DECORATORS: Record<string, DecoratorKind> = {
  'dlt.hub.run.job': 'job',
  'dlt.hub.run.pipeline': 'pipeline',
  'dlt.hub.run.interactive': 'interactive',
};
const SOURCE_DECORATORS = new Set(['dlt.source', 'dlt.resource']);
const TRIGGER_CONSTRUCTORS = 'dlt.hub.run.trigger.';
const CONFIG_MARKERS = new Set(['dlt.config.value', 'dlt.secrets.value']);

/** A decorated job function found in one of the read modules. */
export interface DecoratedJob {
  /** `module.function`, the name other modules refer to it by. */
  qual: string;
  moduleName: string;
  module: SourceModule;
  fn: SourceFunction;
  kind: DecoratorKind;
  /** Keyword arguments of the decorator call (empty for a bare decorator). */
  kwargs: Record<string, SourceValue>;
  args: SourceValue[];
  line: number;
  jobRef: string;
  jobType: JobType;
}

export interface BuildContext {
  reading: WorkspaceReading;
  errors: ManifestProblem[];
  warnings: ManifestProblem[];
  /** Every decorated job of every read module, by qualified name. */
  jobsByQual: Map<string, DecoratedJob>;
}

function shortName(moduleName: string): string {
  return moduleName.split('.').at(-1)!;
}

function decoratorOf(
  decorator: SourceValue,
): { kind: DecoratorKind; call: boolean; args: SourceValue[]; kwargs: Record<string, SourceValue> } | null {
  if (decorator === null || typeof decorator !== 'object') return null;
  const kind =
    decorator.k === 'qual'
      ? DECORATORS[decorator.name]
      : decorator.k === 'call'
        ? DECORATORS[decorator.func]
        : undefined;
  if (kind && decorator.k === 'qual') return { kind, call: false, args: [], kwargs: {} };
  if (kind && decorator.k === 'call') return { kind, call: true, args: decorator.args, kwargs: decorator.kwargs };
  return null;
}

function stringArgument(
  job: { module: SourceModule; line: number },
  kwargs: Record<string, SourceValue>,
  key: string,
  fallback: string,
): string {
  const value = kwargs[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') return value;
  throw unknowable(job.module.file, job.line, `${key}=`, value, `pass ${key} as a string literal`);
}

/** First pass: find the decorated jobs and their refs, so triggers can point at any of them. */
export function findDecoratedJobs(context: BuildContext): void {
  for (const [moduleName, module] of Object.entries(context.reading.modules)) {
    for (const fn of module.functions) {
      for (const decorator of fn.decorators) {
        const found = decoratorOf(decorator);
        if (!found) continue;
        const line = lineOf(decorator, fn.line);
        try {
          if (found.kind === 'pipeline' && !found.call)
            throw new UnknowableValue({
              file: module.file,
              line,
              message: '@run.pipeline must be called with the pipeline: write @run.pipeline("<pipeline_name>", ...)',
            });
          const base = { module, line };
          const name = stringArgument(base, found.kwargs, 'name', fn.name);
          const section = stringArgument(base, found.kwargs, 'section', shortName(moduleName));
          for (const [what, value] of [
            ['name', name],
            ['section', section],
          ] as const) {
            if (!isIdentifier(value))
              context.errors.push({
                file: module.file,
                line,
                message: `job ${what} "${value}" is not a Python identifier`,
              });
          }
          context.jobsByQual.set(`${moduleName}.${fn.name}`, {
            qual: `${moduleName}.${fn.name}`,
            moduleName,
            module,
            fn,
            kind: found.kind,
            kwargs: found.kwargs,
            args: found.args,
            line,
            jobRef: makeJobRef(section, name),
            jobType: found.kind === 'interactive' ? 'interactive' : 'batch',
          });
        } catch (error) {
          if (error instanceof UnknowableValue) context.errors.push(error.problem);
          else throw error;
        }
      }
    }
  }
}

function jobEvent(context: BuildContext, qual: string): string[] | null {
  const dot = qual.lastIndexOf('.');
  const job = context.jobsByQual.get(qual.slice(0, dot));
  if (!job) return null;
  switch (qual.slice(dot + 1)) {
    case 'success':
      return [`job.success:${job.jobRef}`];
    case 'fail':
      return [`job.fail:${job.jobRef}`];
    case 'completed':
      return [`job.success:${job.jobRef}`, `job.fail:${job.jobRef}`];
    default:
      return null;
  }
}

function formatNumber(value: number): string {
  return String(value);
}

/** `trigger.every("5m")` and friends → trigger strings, as dlt's constructors build them. */
function triggerFromCall(call: Extract<SourceValue, { k: 'call' }>, file: string): string {
  const fn = call.func.slice(TRIGGER_CONSTRUCTORS.length);
  const arg = (index: number, key: string): unknown => {
    const value = call.kwargs[key] ?? call.args[index];
    return value === undefined ? undefined : plainValue(value, file, call.line, `trigger.${fn}(${key})`);
  };
  switch (fn) {
    case 'schedule':
      return `schedule:${String(arg(0, 'cron'))}`;
    case 'every': {
      const period = arg(0, 'period');
      return `every:${typeof period === 'number' ? formatNumber(period) : String(period)}`;
    }
    case 'once':
      return `once:${String(arg(0, 'at'))}`;
    case 'tag':
      return `tag:${String(arg(0, 'tag'))}`;
    case 'webhook':
      return `webhook:${String(arg(0, 'path'))}`;
    case 'deployment':
      return 'deployment:';
    case 'http': {
      const port = arg(0, 'port');
      const path = arg(1, 'path');
      return `http:${templateText(port)}${templateText(path)}`;
    }
    case 'job_success':
      return `job.success:${String(arg(0, 'job_ref'))}`;
    case 'job_fail':
      return `job.fail:${String(arg(0, 'job_ref'))}`;
    default:
      throw unknowable(
        file,
        call.line,
        'trigger',
        call,
        'use one of trigger.schedule/every/once/tag/http/webhook/deployment',
      );
  }
}

/** A `trigger=` value (string, list, top-level tuple, `job.success`, `trigger.*(...)`) → normalised strings. */
export function triggersOf(
  context: BuildContext,
  value: SourceValue | undefined,
  file: string,
  line: number,
): string[] {
  if (value === undefined || value === null) return [];
  const raw: { text: string; line: number }[] = [];
  const visit = (item: SourceValue, nested: boolean): void => {
    if (typeof item === 'string') return void raw.push({ text: item, line });
    if (item !== null && typeof item === 'object') {
      if (item.k === 'list' || (item.k === 'tuple' && !nested)) {
        for (const inner of item.items) visit(inner, item.k === 'list' || nested);
        return;
      }
      if (item.k === 'tuple') {
        for (const inner of item.items) visit(inner, true);
        return;
      }
      if (item.k === 'qual') {
        const events = jobEvent(context, item.name);
        if (events) return void raw.push(...events.map((text) => ({ text, line: item.line ?? line })));
        throw unknowable(
          file,
          line,
          'trigger',
          item,
          'refer to a decorated job of the workspace as <job>.success, <job>.fail or <job>.completed, or write the trigger string',
        );
      }
      if (item.k === 'call' && item.func.startsWith(TRIGGER_CONSTRUCTORS))
        return void raw.push({ text: triggerFromCall(item, file), line: item.line });
    }
    throw unknowable(
      file,
      line,
      'trigger',
      item,
      'write the trigger as a string such as "every:5m" or use trigger.*(...) with literal arguments',
    );
  };
  visit(value, false);
  const triggers: string[] = [];
  for (const { text, line: at } of raw) {
    try {
      triggers.push(...normalizeTrigger(text));
    } catch (error) {
      if (!isDlthubError(error)) throw error;
      context.errors.push({ file, line: at, message: error.hint ? `${error.message}. ${error.hint}` : error.message });
    }
  }
  return triggers;
}

function normalizeTimeout(value: unknown, file: string, line: number): Record<string, unknown> {
  if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? parsePeriodSeconds(value) : undefined;
  if (seconds === undefined || !Number.isFinite(seconds))
    throw new UnknowableValue({
      file,
      line,
      message: `execute.timeout "${String(value)}" is not a period: write seconds or "<n>s|m|h|d"`,
    });
  return { timeout: seconds };
}

function pipelineNameOf(context: BuildContext, job: DecoratedJob): string {
  const value = job.args[0] ?? job.kwargs['pipeline'];
  if (typeof value === 'string') return value;
  // A module-level `dlt.pipeline("name", ...)` object: its name is its first argument or pipeline_name=.
  if (value !== null && typeof value === 'object' && value.k === 'call' && value.func === 'dlt.pipeline') {
    const name = value.kwargs['pipeline_name'] ?? value.args[0];
    if (typeof name === 'string') return name;
  }
  throw unknowable(
    job.module.file,
    job.line,
    '@run.pipeline argument',
    value ?? null,
    'pass the pipeline name as a string, or a module-level dlt.pipeline("<name>", ...) object',
  );
}

function deliverOf(context: BuildContext, job: DecoratedJob): JobDefinition['deliver'] {
  const value = job.kwargs['deliver'];
  if (value === undefined || value === null) return undefined;
  const qual =
    value !== null && typeof value === 'object'
      ? value.k === 'qual'
        ? value.name
        : value.k === 'call'
          ? value.func
          : null
      : null;
  if (qual !== null) {
    const dot = qual.lastIndexOf('.');
    const module = context.reading.modules[qual.slice(0, dot)];
    const fn = module?.functions.find((candidate) => candidate.name === qual.slice(dot + 1));
    const source = fn?.decorators.find(
      (decorator) =>
        decorator !== null &&
        typeof decorator === 'object' &&
        ((decorator.k === 'qual' && SOURCE_DECORATORS.has(decorator.name)) ||
          (decorator.k === 'call' && SOURCE_DECORATORS.has(decorator.func))),
    );
    if (fn && source !== undefined) {
      const name =
        source !== null &&
        typeof source === 'object' &&
        source.k === 'call' &&
        typeof source.kwargs['name'] === 'string'
          ? source.kwargs['name']
          : fn.name;
      return { source_ref: `sources.${shortName(qual.slice(0, dot))}.${name}` };
    }
  }
  if (value !== null && typeof value === 'object' && value.k === 'dict')
    return plainValue(value, job.module.file, job.line, 'deliver') as JobDefinition['deliver'];
  throw unknowable(
    job.module.file,
    job.line,
    'deliver=',
    value,
    'pass a @dlt.source or standalone @dlt.resource function of the workspace',
  );
}

function freshnessOf(context: BuildContext, job: DecoratedJob): string[] | undefined {
  const value = job.kwargs['freshness'];
  if (value === undefined || value === null) return undefined;
  const items =
    value !== null && typeof value === 'object' && (value.k === 'list' || value.k === 'tuple') ? value.items : [value];
  return items.map((item) => {
    if (typeof item === 'string') return item;
    if (item !== null && typeof item === 'object' && item.k === 'qual') {
      const dot = item.name.lastIndexOf('.');
      const upstream = context.jobsByQual.get(item.name.slice(0, dot));
      const attribute = item.name.slice(dot + 1);
      if (upstream && attribute === 'is_fresh') return `job.is_fresh:${upstream.jobRef}`;
      if (upstream && attribute === 'is_matching_interval_fresh')
        throw new UnknowableValue({
          file: job.module.file,
          line: item.line ?? job.line,
          message: 'is_matching_interval_fresh is declared by dlt but not implemented: use <job>.is_fresh',
        });
    }
    throw unknowable(
      job.module.file,
      job.line,
      'freshness',
      item,
      'write <job>.is_fresh for a decorated job of the workspace',
    );
  });
}

function configKeysOf(fn: SourceFunction): string[] {
  // dlt injects every parameter with a default from [jobs.<section>.<name>]; run_context is the launcher's.
  return fn.params
    .filter((param) => param.has_default && param.name !== 'run_context')
    .filter((param) => {
      const value = param.default;
      return !(value !== null && typeof value === 'object' && value.k === 'qual' && !CONFIG_MARKERS.has(value.name));
    })
    .map((param) => param.name);
}

/** Second pass: the job definition of one decorated job. */
export function decoratedJobDefinition(context: BuildContext, job: DecoratedJob): JobDefinition {
  const { module, kwargs } = job;
  const file = module.file;
  const plain = (key: string): unknown =>
    kwargs[key] === undefined ? undefined : plainValue(kwargs[key], file, job.line, key);

  const execute = { ...((plain('execute') as Record<string, unknown> | null | undefined) ?? {}) };
  if ('timeout' in execute) execute['timeout'] = normalizeTimeout(execute['timeout'], file, job.line);
  if (!('concurrency' in execute)) execute['concurrency'] = 1;

  let expose = { ...((plain('expose') as Record<string, unknown> | null | undefined) ?? {}) };
  if (typeof expose['tags'] === 'string') expose['tags'] = [expose['tags']];

  let triggers: string[];
  let deliver: JobDefinition['deliver'];
  if (job.kind === 'interactive') {
    if (kwargs['trigger'] !== undefined)
      context.errors.push({
        file,
        line: job.line,
        message: '@run.interactive takes no trigger: interactive jobs run on "http:"',
      });
    triggers = ['http:'];
    expose = { interface: plain('interface') ?? 'gui', ...expose };
    const idle = plain('idle_timeout');
    if (idle !== undefined && idle !== null)
      execute['timeout'] = { grace_period: 5, ...normalizeTimeout(idle, file, job.line) };
    else if (!('timeout' in execute)) execute['timeout'] = { grace_period: 5 };
  } else {
    triggers = triggersOf(context, kwargs['trigger'], file, job.line);
    if (job.kind === 'pipeline') {
      deliver = { pipeline_name: pipelineNameOf(context, job) };
      if (!('category' in expose)) expose['category'] = 'pipeline';
    } else deliver = deliverOf(context, job);
  }

  const definition: JobDefinition = {
    job_ref: job.jobRef,
    ...(job.fn.doc?.trim() ? { description: job.fn.doc.trim() } : {}),
    entry_point: { module: job.moduleName, function: job.fn.name, job_type: job.jobType, launcher: LAUNCHERS.job },
    triggers,
    execute,
    ...(Object.keys(expose).length > 0 ? { expose } : {}),
  };
  const configKeys = configKeysOf(job.fn);
  if (configKeys.length > 0) definition.config_keys = configKeys;
  const interval = plain('interval');
  if (interval !== undefined && interval !== null) definition.interval = interval as Record<string, unknown>;
  const freshness = freshnessOf(context, job);
  if (freshness) definition.freshness = freshness;

  const incremental = plain('incremental_mode');
  if (incremental === 'interval' || incremental === 'pipeline') definition.incremental_mode = incremental;
  if (plain('allow_external_schedulers') === true) {
    definition.incremental_mode = 'interval';
    context.warnings.push({
      file,
      line: job.line,
      message: 'allow_external_schedulers is deprecated: write incremental_mode="interval"',
    });
  }
  const refresh = plain('refresh_propagation') ?? plain('refresh');
  if (kwargs['refresh'] !== undefined)
    context.warnings.push({ file, line: job.line, message: 'refresh= is deprecated: write refresh_propagation=' });
  if (typeof refresh === 'string') definition.refresh_propagation = refresh;
  const autoRefresh = plain('auto_refresh_pipeline_mode');
  if (autoRefresh !== undefined && autoRefresh !== null) definition.auto_refresh_pipeline_mode = autoRefresh;

  if (deliver) definition.deliver = deliver;
  const require = plain('require') as Record<string, unknown> | null | undefined;
  if (require) definition.require = migrateRequire(context, { ...require }, file, job.line);
  return definition;
}

/** Engine 2 renamed `require.machine` to `require.instance`. */
export function migrateRequire(
  context: BuildContext,
  require: Record<string, unknown>,
  file: string,
  line: number,
): Record<string, unknown> {
  if ('machine' in require) {
    context.warnings.push({ file, line, message: 'require.machine is deprecated: write require.instance' });
    if (!('instance' in require)) require['instance'] = require['machine'];
    delete require['machine'];
  }
  return require;
}

/** `require={"profile": ...}` of every job decorator call in the read modules. */
export function profilesInDecorators(reading: WorkspaceReading): { profile: string; file: string; line: number }[] {
  const found: { profile: string; file: string; line: number }[] = [];
  for (const module of Object.values(reading.modules)) {
    for (const fn of module.functions) {
      for (const decorator of fn.decorators) {
        const parsed = decoratorOf(decorator);
        const profile = parsed ? dictEntry(parsed.kwargs['require'] ?? null, 'profile') : undefined;
        if (typeof profile === 'string') found.push({ profile, file: module.file, line: lineOf(decorator, fn.line) });
      }
    }
  }
  return found;
}

/** An optional trigger argument inside a trigger string: absent is empty, scalars as written. */
function templateText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}
