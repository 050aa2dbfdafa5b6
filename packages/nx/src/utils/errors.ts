import { DlthubError, isDlthubError } from '@dlthub/config-core';

/**
 * Nx prints only `error.message` for a failing generator, so the hint (what to do next) is folded
 * into the message; code and hint stay on the error for programmatic callers.
 */
export async function withHintInMessage<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isDlthubError(error) && error.hint && !error.message.includes(error.hint)) {
      throw new DlthubError(error.code, `${error.message}\n${error.hint}`, {
        hint: error.hint,
        location: error.location,
        keyPath: error.keyPath,
        cause: error,
      });
    }
    throw error;
  }
}
