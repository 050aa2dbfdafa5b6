/** Trigger and selector errors: one `DlthubError` code, a message naming the trigger and what is wrong with it. */
import { DlthubError } from '@dlthub/config-core';

export function invalidTrigger(trigger: string, reason: string, hint?: string): DlthubError {
  return new DlthubError('InvalidConfigValue', `Invalid trigger '${trigger}': ${reason}`, {
    keyPath: 'triggers',
    hint,
  });
}
