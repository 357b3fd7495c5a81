/**
 * Worker-thread entry for a check: the core spawns dozens of ssh processes,
 * and each spawn blocks its thread until the child has exec'd (libuv), which
 * on a loaded machine stalls the event loop for tens of milliseconds at a
 * time. Here it stalls this worker, not the thread that draws the app.
 */
import { parentPort } from 'node:worker_threads';
import { UserError, type UserErrorCode } from '../core/errors.ts';
import { runCoreCheck, type CoreCheckRequest } from './core-check.ts';

/** An error as it crosses to the main thread: a UserError keeps its code, params and hint code. */
export interface WorkerError {
  name: string;
  message: string;
  hint: string | null;
  coded: UserErrorCode | null;
}

export type WorkerRequest =
  { type: 'run'; request: Omit<CoreCheckRequest, 'signal' | 'onEvent'> } | { type: 'abort' };
export type WorkerReply =
  | { type: 'host-finished' }
  | { type: 'done'; result: Awaited<ReturnType<typeof runCoreCheck>> }
  | { type: 'failed'; error: WorkerError };

const port = parentPort;
if (port) {
  const abort = new AbortController();
  const reply = (message: WorkerReply): void => port.postMessage(message);
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'abort') {
      abort.abort(new DOMException('The check was cancelled', 'AbortError'));
      return;
    }
    runCoreCheck({
      ...message.request,
      signal: abort.signal,
      onHostFinished: () => reply({ type: 'host-finished' }),
    }).then(
      (result) => reply({ type: 'done', result }),
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        const hint = 'hint' in failure && typeof failure.hint === 'string' ? failure.hint : null;
        const coded =
          failure instanceof UserError
            ? {
                code: failure.code,
                params: { ...failure.params },
                ...(failure.hintCode ? { hintCode: failure.hintCode } : {}),
              }
            : null;
        reply({ type: 'failed', error: { name: failure.name, message: failure.message, hint, coded } });
      },
    );
  });
}
