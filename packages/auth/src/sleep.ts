import { DlthubError } from '@dlthub/config-core';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export function cancelled(): DlthubError {
  return new DlthubError('Cancelled', 'Login cancelled.');
}

/** setTimeout as a promise that rejects with `Cancelled` as soon as `signal` aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
