/**
 * runCoreCheck in a worker thread of its own, one per check (the worker's
 * memory goes back when the check ends). Same request, same result, same
 * abort: the worker stops every ssh it started before it reports back.
 */
import { Worker } from 'node:worker_threads';
import { UserError } from '../core/errors.ts';
import type { WorkerError, WorkerReply, WorkerRequest } from './core-check-worker.ts';
import type { CoreCheckRequest, CoreCheckResult } from './core-check.ts';

// Run from the sources (.ts, type stripping) or from the build (.js): the worker file is the same kind.
const WORKER_URL = new URL(
  `./core-check-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

function rebuild(error: WorkerError): Error {
  if (error.name === 'UserError')
    return new UserError(error.message, error.hint ?? undefined, error.coded ?? undefined);
  if (error.name === 'AbortError') return new DOMException(error.message, 'AbortError');
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

export function runCoreCheckInWorker(request: CoreCheckRequest): Promise<CoreCheckResult> {
  const { signal, onHostFinished, ...plain } = request;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL);
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = (): void => worker.postMessage({ type: 'abort' } satisfies WorkerRequest);
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'host-finished') onHostFinished?.();
      else if (reply.type === 'done') finish(() => resolve(reply.result));
      else finish(() => reject(rebuild(reply.error)));
    });
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the check's worker exited (${code})`))));
    worker.postMessage({ type: 'run', request: plain } satisfies WorkerRequest);
    if (signal.aborted) onAbort();
  });
}
