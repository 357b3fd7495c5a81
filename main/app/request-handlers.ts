/**
 * What each request channel does, as a map typed by the contract: a channel
 * without its handler, or a handler with the wrong request or answer, does
 * not compile.
 */
import type { AppState, InvokeChannel, RequestOf, ResponseOf, Settings } from '../shared/ipc-contract.ts';
import { ipcMessage } from '../shared/ipc-messages.ts';
import { trustedBackupPath } from './backup-reveal.ts';
import type { EditSession } from './edit-session.ts';
import { IpcFailure } from './ipc-failure.ts';
import type { NetworkResults } from './network-results.ts';
import type { Clock } from './ports.ts';
import { hostReportMarkdown } from './report-markdown.ts';
import type { RunRequest } from './schedule.ts';

export type RequestHandlers = {
  [C in InvokeChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

/** What the handlers act on; the controller provides it. */
export interface HandlerContext {
  clock: Clock;
  state(): AppState;
  settings(): Settings;
  updateSettings(change: Partial<Settings>): Settings;
  request(request: RunRequest): { started: boolean; queued: boolean };
  edits: EditSession;
  results(): NetworkResults | undefined;
  /** The ssh binary the checks use, for the report. */
  sshPath(): string | null;
  /** The tool's backups folder: the only place Show in Finder reveals. */
  backupDir(): string;
  shell: {
    openLog(): Promise<void>;
    openSystemSettings(pane: 'menu-bar' | 'notifications' | 'local-network'): Promise<void>;
    hideWindow(): void;
    appMenu?(item: 'check-updates' | 'about' | 'quit'): void;
    showInFinder?(path: string): Promise<void>;
    fitHeight?(height: number): void;
  };
  /** Issue 17: Stop (the running check aborted, a queued one dropped). */
  cancel(): void;
}

export function requestHandlers(app: HandlerContext): RequestHandlers {
  return {
    'state:get': async () => app.state(),
    'check:run': async ({ mode }) => app.request({ reason: 'manual', ...(mode ? { mode } : {}) }),
    'fix:plan': ({ hosts }) => app.edits.plan('fix', hosts),
    'undo:plan': ({ hosts }) => app.edits.plan('undo', hosts),
    'fix:apply': (request) => app.edits.apply('fix', request),
    'undo:apply': (request) => app.edits.apply('undo', request),
    'settings:get': async () => ({ ...app.settings() }),
    'settings:set': async (change) => app.updateSettings(change),
    'notifications:mute': async ({ hours }) =>
      app.updateSettings({
        muteUntil: hours === 0 ? null : new Date(app.clock.now() + hours * 3_600_000).toISOString(),
      }),
    'report:markdown': async ({ alias }) => markdown(app, alias),
    'app:open-log': async () => {
      await app.shell.openLog();
      return null;
    },
    'app:open-system-settings': async ({ pane }) => {
      await app.shell.openSystemSettings(pane);
      return null;
    },
    'window:hide': async () => {
      app.shell.hideWindow();
      return null;
    },
    // Issue 17: Stop, the ⋯ menu, the window fitting its content, Show in Finder.
    'check:cancel': async () => {
      app.cancel();
      return null;
    },
    'app:menu': async ({ item }) => {
      app.shell.appMenu?.(item);
      return null;
    },
    'window:fit': async ({ height }) => {
      app.shell.fitHeight?.(height);
      return null;
    },
    'app:show-in-finder': async ({ path }) => {
      // The renderer is untrusted: only a backup main can find in its own folder is revealed.
      await app.shell.showInFinder?.(await trustedBackupPath(path, app.backupDir()));
      return null;
    },
  };
}

function markdown(app: HandlerContext, alias: string): { markdown: string } {
  const record = app.results()?.hosts[alias];
  if (!record)
    throw new IpcFailure(
      'not-allowed',
      ipcMessage('ipc.no-result', { alias }),
      ipcMessage('ipc.hint.run-check'),
    );
  const state = app.state();
  return {
    markdown: hostReportMarkdown(record, {
      sshVersion: state.sshVersion,
      sshPath: app.sshPath(),
      network: state.network,
      configFile: state.configFile,
      generatedAt: new Date(app.clock.now()).toISOString(),
    }),
  };
}
