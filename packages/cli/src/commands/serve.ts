/** `dlthub serve [selector_or_job_ref | file.py]` (also `dlthub job serve`): see remote/launch.ts. */
import type { Context } from '../context';
import { launchRemotely } from './remote/launch';

export function run(context: Context, args: string[], options: Record<string, unknown>): Promise<void> {
  return launchRemotely(context, args, options, 'serve');
}
