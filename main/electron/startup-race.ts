/**
 * Start-up never hangs silently. electron-menubar emits `ready` only after its
 * window's `loadURL` resolved; when the load fails it logs the rejection to the
 * console and never emits it (electron-menubar 11 lib/index.mjs: `onAppReady`
 * catches what `appReady` → `createWindow` → `loadURL` throws). Electron's
 * `loadURL` rejects on the main frame's `did-fail-load` (and on a stop without
 * one: electron/electron lib/browser/api/web-contents.ts, `_awaitNextLoad`).
 * So readiness is raced against that event and a deadline. Pure: tested here.
 */
export type StartupOutcome =
  | { ok: true }
  | { ok: false; reason: 'load-failed'; detail: string }
  | { ok: false; reason: 'timeout'; detail: string };

/** A page from app.asar loads in well under a second; a slow disk or a busy Mac gets many times that. */
export const STARTUP_TIMEOUT_MS = 30_000;

export interface StartupSignals {
  /** Resolves on electron-menubar's `ready`. */
  ready: Promise<void>;
  /** Resolves with a description when the page's main frame failed to load. */
  loadFailed: Promise<string>;
  timeoutMs?: number;
}

export function raceStartup({
  ready,
  loadFailed,
  timeoutMs = STARTUP_TIMEOUT_MS,
}: StartupSignals): Promise<StartupOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<StartupOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          reason: 'timeout',
          detail: `the popover was not ready after ${Math.round(timeoutMs / 1000)} s`,
        }),
      timeoutMs,
    );
  });
  return Promise.race([
    ready.then((): StartupOutcome => ({ ok: true })),
    loadFailed.then((detail): StartupOutcome => ({ ok: false, reason: 'load-failed', detail })),
    timeout,
  ]).finally(() => clearTimeout(timer));
}

/**
 * What the start-up dialog says: what happened, then what to do. No error text of Electron's (it names
 * files and codes a user cannot act on): that goes to the log, which the dialog points to.
 */
export function startupFailureMessage(outcome: Exclude<StartupOutcome, { ok: true }>, logFile: string) {
  return {
    title: 'IPQoS Doctor could not open its window',
    message:
      outcome.reason === 'timeout'
        ? 'IPQoS Doctor could not open its window: it did not finish loading.'
        : 'IPQoS Doctor could not open its window: its page did not load.',
    detail:
      'Quit, then open IPQoS Doctor again. If this happens again, install it again from the .dmg ' +
      '(from the sources: run `npm run build`, then `npm start`), and report it with the log:\n' +
      `${logFile}\n\nMeanwhile the command line checks your hosts: ipqos-doctor check.`,
    buttons: ['Quit', 'Open the Log and Quit'],
  };
}
