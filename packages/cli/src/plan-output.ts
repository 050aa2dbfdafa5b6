/** Printing a scaffold file plan (text and JSON) the same way for every command that writes files. */
import type { FilePlan } from '@dlthub/scaffold';
import type { Output } from './output';

const ACTION_STYLE = { CREATE: 'green', UPDATE: 'cyan', OVERWRITE: 'yellow', KEEP: 'dim', CONFLICT: 'red' } as const;

export function planJson(plan: FilePlan, applied: boolean): Record<string, unknown> {
  const { displayPath } = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  return {
    applied,
    notes: plan.notes,
    files: plan.files.map((file) => ({ path: displayPath(plan, file.path), action: file.action, ...(file.reason ? { reason: file.reason } : {}) })),
  };
}

export function planLines(out: Output, plan: FilePlan): string[] {
  const { displayPath } = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  const width = Math.max(0, ...plan.files.map((file) => file.action.length + 2));
  return plan.files.map((file) => {
    const tag = out.style(ACTION_STYLE[file.action], `[${file.action}]`.padEnd(width));
    return `${tag} ${displayPath(plan, file.path)}${file.reason ? out.style('dim', `  (${file.reason})`) : ''}`;
  });
}
