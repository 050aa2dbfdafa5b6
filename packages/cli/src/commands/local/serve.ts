/** `dlthub local serve [selector_or_job_ref | file.py]`: see ../local/launch.ts. */
import type { Context } from '../../context';
import { launchLocally } from './launch';

export function run(context: Context, args: string[], options: Record<string, unknown>): Promise<void> {
  return launchLocally(context, args, options, 'serve');
}
