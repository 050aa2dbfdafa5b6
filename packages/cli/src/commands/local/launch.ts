/**
 * `dlthub local run|serve`: the job's manifest generated here (an ad-hoc file or `__deployment__.py`), one job
 * picked as `dlthub run` picks it, then run on this machine by the local process executor in the workspace
 * itself, with the active local profile (`--profile`, else pinned, else dev) and no control plane. The job's
 * stdout lines go to stdout and its stderr lines to stderr as they arrive (with --json both go to stderr and the
 * final run record is the one JSON document on stdout). A failed or cancelled run exits 1; Ctrl+C cancels the
 * run and exits 130.
 */
import { DlthubError } from '@dlthub/config-core';
import { LocalProcessExecutor, resolvePython, runtimeEntryPoint, type RunRecord } from '@dlthub/runner';
import type { Context } from '../../context';
import type { LaunchMode } from '../../job-selection';
import { jobToLaunch } from '../launch-job';

function parseConfig(values: unknown): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const item of (values as string[] | undefined) ?? []) {
    const equals = item.indexOf('=');
    if (equals <= 0)
      throw new DlthubError('Usage', `-c ${item}: expected key=value.`, { hint: 'For example: -c limit=100' });
    // Dotted keys nest, as [jobs.<section>.<name>.a.b] would.
    const keys = item.slice(0, equals).split('.');
    let target = config;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys.at(-1)!] = item.slice(equals + 1);
  }
  return config;
}

function interval(options: Record<string, unknown>): { start: string; end: string } | undefined {
  const { start, end } = options as { start?: string; end?: string };
  if (start === undefined && end === undefined) return undefined;
  for (const [flag, value] of [
    ['--start', start],
    ['--end', end],
  ] as const) {
    if (value === undefined || Number.isNaN(new Date(value).getTime()))
      throw new DlthubError('Usage', `${flag} ${value ?? ''}: an ISO 8601 timestamp is needed.`.trim(), {
        hint: 'Pass both --start and --end, e.g. --start 2026-05-01T00:00:00Z --end 2026-05-02T00:00:00Z.',
      });
  }
  return { start: start!, end: end! };
}

export async function launchLocally(
  context: Context,
  args: string[],
  options: Record<string, unknown>,
  mode: LaunchMode,
): Promise<void> {
  const { out } = context;
  const workspace = context.workspace();
  const root = workspace.mode === 'workspace' ? workspace.rootDir : context.cwd;
  const { picked } = await jobToLaunch(context, root, args, options, mode);
  const profile = workspace.profile ?? 'dev';
  const declared = picked.job.require?.['profile'];
  if (typeof declared === 'string' && declared !== profile)
    out.warn(`${picked.job.job_ref} declares require.profile "${declared}"; running locally with "${profile}".`);
  const request = {
    job: picked.job,
    trigger: picked.trigger,
    source: { kind: 'workspace' as const, dir: root },
    profile,
    config: parseConfig(options.config),
    interval: mode === 'run' ? interval(options) : undefined,
    refresh: Boolean(options.refresh),
    python: options.python as string | undefined,
  };

  if (options.dryRun) {
    const python = resolvePython(root, { python: request.python, env: context.env });
    const plan = {
      job_ref: picked.job.job_ref,
      job_type: picked.job.entry_point.job_type,
      trigger: picked.trigger,
      profile,
      launcher: picked.job.entry_point.launcher,
      entry_point: runtimeEntryPoint(picked.job, { runId: '<new>', ...request }),
      python: python.argv,
      run_dir: root,
    };
    out.result({ dry_run: true, plan }, () => [
      `job: ${plan.job_ref} (${plan.job_type})`,
      `trigger: ${plan.trigger}`,
      `profile: ${profile}`,
      `launcher: ${plan.launcher}`,
      `python: ${plan.python.join(' ')}`,
      `entry point: ${JSON.stringify(plan.entry_point)}`,
    ]);
    out.info('--dry-run: not launching');
    return;
  }

  const executor = new LocalProcessExecutor({ env: context.env });
  out.info(
    `${mode === 'run' ? 'Running' : 'Serving'} ${picked.job.job_ref} here (trigger ${picked.trigger}, profile ${profile}).`,
  );
  const handle = executor.start({
    ...request,
    observer: {
      onLog: (line) => {
        if (line.stream === 'stdout' && !out.json) out.print(line.content);
        else out.info(line.content);
      },
    },
  });
  let interrupted: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = signal;
    void handle.cancel(`cancelled by ${signal}`);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let record: RunRecord;
  try {
    if (mode === 'serve') {
      const started = await handle.started;
      if (started.status === 'running')
        out.info(`${picked.job.job_ref} is serving at ${started.url} (Ctrl+C stops it).`);
    }
    record = await handle.finished;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  out.result(record, () => []);
  const took = record.duration === null ? '' : ` in ${record.duration.toFixed(1)} s`;
  if (record.status === 'completed') {
    out.info(`Run ${record.status}${took}${record.reason ? `: ${record.reason}` : ''}.`);
    return;
  }
  // A failed job is no fault of the CLI; the code only reaches --json output, where the run record comes first.
  throw new DlthubError(interrupted ? 'Cancelled' : 'RunFailed', `Run ${record.status}${took}: ${record.reason}.`, {
    hint:
      record.status === 'failed'
        ? 'The log lines above say what the job did; fix it and run again.'
        : 'Run the command again to start a new run.',
  });
}
