/** `dlthub job resume <selector_or_job…>`: see `./pause`. */
import type { Context } from '../../context';
import { setPaused } from './pause';

export function run(context: Context, inputs: string[]): Promise<void> {
  return setPaused(context, inputs, false);
}
