/** Printing a scaffold file plan (text and JSON) the same way for every command that writes files. */
import type { FilePlan } from '@dlthub/scaffold';
import type { Output } from './output';

const ACTION_STYLE = { CREATE: 'green', UPDATE: 'cyan', OVERWRITE: 'yellow', KEEP: 'dim', CONFLICT: 'red' } as const;

export function planJson(plan: FilePlan, applied: boolean): Record<string, unknown> {
  const { displayPath } = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  return {
    applied,
    notes: plan.notes,
    files: plan.files.map((file) => ({
      path: displayPath(plan, file.path),
      action: file.action,
      ...(file.reason ? { reason: file.reason } : {}),
    })),
  };
}

/** The plan's file lines (notes go to stderr separately), coloured on a terminal. */
export function planLines(out: Output, plan: FilePlan): string[] {
  const { formatPlan } = require('@dlthub/scaffold') as typeof import('@dlthub/scaffold');
  const text = formatPlan(plan, {
    notes: false,
    style: (part, value) => out.style(part === 'reason' ? 'dim' : ACTION_STYLE[part], value),
  });
  return text === '' ? [] : text.split('\n');
}
