/**
 * Quit waits for the controller to stop (it aborts a running check, so no ssh
 * is left running, and flushes settings and results), but never longer than
 * a few seconds. No Electron import: main passes `app`, tests a fake.
 */
import type { Logger } from '../app/ports.ts';

export interface QuitEvent {
  preventDefault(): void;
}
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: QuitEvent) => void): unknown;
  quit(): void;
}

export const STOP_TIMEOUT_MS = 5000;

export function guardQuit(
  app: QuittingApp,
  stop: () => Promise<void>,
  log: Logger,
  timeoutMs = STOP_TIMEOUT_MS,
): void {
  let stopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    log.info('quitting: stopping the controller');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn('the controller did not stop in time; quitting anyway', { timeoutMs });
        resolve();
      }, timeoutMs);
    });
    void Promise.race([stop(), timeout])
      .catch((error: unknown) => log.error('stopping failed', { error: String(error) }))
      .finally(() => {
        clearTimeout(timer);
        stopped = true;
        app.quit();
      });
  });
}
