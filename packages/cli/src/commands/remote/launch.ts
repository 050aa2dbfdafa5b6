/**
 * `dlthub run|serve [selector_or_job_ref | file.py]` (reference deployments.md §1 "dlthub run"): the manifest
 * is generated here and one job picked as `local run` picks it (job-selection.ts), before anything is sent;
 * then the first-run walk-through (log in, connect), the deploy (code unless unchanged, configuration,
 * manifest; a file.py is an ad-hoc manifest that archives nothing), and a run of the picked job on the
 * control plane. `-f` streams its logs until it ends: exit 0 when it completed, 1 when it failed or was
 * cancelled. Without `-f` the run goes on remotely and the command says how to follow it.
 */
import { isTerminalRunStatus, type Run } from '@dlthub/api-schema';
import { deployWorkspace } from '@dlthub/platform';
import { humanizeTrigger } from '@dlthub/scheduler';
import type { WorkspaceClient } from '@dlthub/workspace-client';
import type { Context } from '../../context';
import type { LaunchMode } from '../../job-selection';
import { jobToLaunch } from '../launch-job';
import { deploySummary } from './deploy-report';
import { failUnlessCompleted, finalStatusLine, followRun } from './follow';
import { loginAndConnect } from './setup';

const statusPollMs = 1000;

/** `serve` without `-f`: waits until the interactive job runs (or ends), as the real CLI polls before opening it. */
async function untilStarted(client: WorkspaceClient, run: Run): Promise<Run> {
  let current = run;
  while (current.status === 'pending' || current.status === 'starting') {
    await new Promise((resolve) => setTimeout(resolve, statusPollMs));
    current = await client.getRun(run.workspace_id, run.id);
  }
  return current;
}

function humanized(trigger: string): string {
  try {
    return humanizeTrigger(trigger);
  } catch {
    return trigger;
  }
}

export async function launchRemotely(
  context: Context,
  args: string[],
  options: Record<string, unknown>,
  mode: LaunchMode,
): Promise<void> {
  const { out } = context;
  const root = context.requireWorkspace().rootDir;
  const { generated, picked, file } = await jobToLaunch(context, root, args, options, mode);
  const jobRef = picked.job.job_ref;

  const steps = (index: number) => `Step ${index}/4`;
  const { host, session, client, workspaceId, login, connect } = await loginAndConnect(context, options, steps);
  try {
    out.info(`${steps(3)}: deploying code, configuration and manifest.`);
    const deployed = await deployWorkspace(host, {
      session,
      client,
      workspaceId,
      generated,
      adHoc: file !== undefined,
    });
    out.info(`${steps(4)}: starting ${jobRef}.`);
    const triggered = await client.triggerRun(workspaceId, { job: jobRef, refresh: Boolean(options.refresh) });
    const summary = {
      login,
      connect,
      workspace_id: workspaceId,
      ...deploySummary(deployed),
      trigger: {
        job_ref: triggered.job_ref,
        status: triggered.status,
        trigger: triggered.trigger,
        reasons: triggered.reasons,
      },
    };
    if (!triggered.run) {
      out.result({ ...summary, run: null }, () => [
        `${triggered.job_ref}: ${triggered.status}`,
        ...triggered.reasons.map((reason) => `  ${reason}`),
      ]);
      return;
    }
    let run = triggered.run;
    out.info(
      `Run # ${run.number} of ${jobRef} (run id ${run.id}): trigger ${run.trigger} (${humanized(run.trigger)}), profile ${run.profile || 'chosen by the runner'}, workspace ${workspaceId}.`,
    );
    if (options.follow) {
      run = (await followRun(context, client, run)).run;
    } else if (mode === 'serve') {
      run = await untilStarted(client, run);
    }
    out.result({ ...summary, run }, () => (options.follow ? [] : [`${jobRef}  run # ${run.number}  ${run.status}`]));
    if (isTerminalRunStatus(run.status)) {
      out.info(finalStatusLine(run));
      failUnlessCompleted(run);
    } else {
      if (run.url) out.info(`${jobRef} is serving at ${run.url}`);
      out.info(`Follow its logs with \`dlthub job logs ${jobRef} ${run.number} --follow\`.`);
    }
  } finally {
    await client.close();
  }
}
