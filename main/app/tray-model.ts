/**
 * The tray as pure data from the AppState: which icon, which tooltip, which
 * right-click menu. The Electron adapter only sets the image and builds the
 * native Menu from this; tests read it without Electron.
 */
import type { AppState, HostStatus, Message, TrayState } from '../shared/ipc-contract.ts';
import { appMessage, listAliases, type AppMessageCode } from './app-messages.ts';

/** Problems first: an error, a host to fix, a server-side break, then a running check, else all fine. */
export function trayStateOf(state: AppState): TrayState {
  if (state.problem) return 'problem';
  if (state.hosts.some((host) => host.status === 'needs-ipqos-0')) return 'needs-fix';
  if (state.hosts.some((host) => host.status === 'server-side')) return 'problem';
  if (state.check.running) return 'checking';
  return 'idle';
}

const count = (state: AppState, status: HostStatus): number =>
  state.hosts.filter((host) => host.status === status).length;

/** One line for the tray tooltip. */
export function tooltipOf(state: AppState): Message {
  const network = state.network?.label ?? 'this network';
  let summary: Message;
  if (state.problem) summary = appMessage('tray.problem', { problem: state.problem.message.text });
  else if (count(state, 'needs-ipqos-0') > 0)
    summary = appMessage('tray.needs-fix', { count: count(state, 'needs-ipqos-0'), network });
  else if (count(state, 'server-side') > 0)
    summary = appMessage('tray.server-side', { count: count(state, 'server-side'), network });
  else if (state.check.running)
    summary = appMessage('tray.checking', { done: state.check.done, total: state.check.total });
  else if (state.lastCheck === null) summary = appMessage('tray.unchecked');
  else {
    const fine = state.hosts.filter((host) => host.status === 'ok' || host.status === 'screened').length;
    summary = appMessage('tray.all-fine', { count: fine, network });
  }
  if (state.notifications.status === 'muted' && state.notifications.mutedUntil) {
    return appMessage('tray.muted', {
      summary: summary.text,
      until: state.notifications.mutedUntil.slice(11, 16),
    });
  }
  return summary;
}

export type MenuActionId = 'check-now' | 'fix' | 'undo-last-fix' | 'preferences' | 'open-log' | 'quit';

export type MenuItemModel =
  /** Clicking a host opens the popover at it. */
  | { kind: 'host'; alias: string; status: HostStatus; label: Message }
  | { kind: 'separator' }
  /** `hosts`: for fix and undo, the hosts the popover's confirmation will show; it applies nothing itself. */
  | { kind: 'action'; id: MenuActionId; label: Message; enabled: boolean; hosts: string[] }
  | {
      kind: 'submenu';
      id: 'mute';
      label: Message;
      items: { hours: 0 | 1 | 4 | 8; label: Message; enabled: boolean }[];
    };

const MAX_MENU_HOSTS = 20;

/**
 * The right-click menu as data. `lastFixHosts`: the hosts the app fixed most
 * recently (Undo last fix); without it, every host carrying the tool's block.
 */
export function menuModel(state: AppState, lastFixHosts?: readonly string[]): MenuItemModel[] {
  const hosts: MenuItemModel[] = state.hosts.slice(0, MAX_MENU_HOSTS).map((host) => ({
    kind: 'host',
    alias: host.alias,
    status: host.status,
    label: appMessage('tray.menu.host', {
      alias: host.alias,
      status: appMessage(`tray.status.${host.status}` as AppMessageCode).text,
    }),
  }));
  const toFix = [
    ...new Set(
      state.hosts.flatMap((host) =>
        host.status === 'needs-ipqos-0' && host.fixAlias ? [host.fixAlias] : [],
      ),
    ),
  ];
  const fixedByTool = new Set(state.hosts.filter((host) => host.fixedByTool).map((host) => host.alias));
  const toUndo = lastFixHosts ? lastFixHosts.filter((alias) => fixedByTool.has(alias)) : [...fixedByTool];
  const muted = state.notifications.status === 'muted';
  const action = (id: MenuActionId, label: Message, enabled = true, list: string[] = []): MenuItemModel => ({
    kind: 'action',
    id,
    label,
    enabled,
    hosts: list,
  });
  return [
    ...hosts,
    ...(hosts.length > 0 ? [{ kind: 'separator' } as const] : []),
    state.check.running
      ? action('check-now', appMessage('tray.menu.checking'), false)
      : action('check-now', appMessage('tray.menu.check-now')),
    action('fix', appMessage('tray.menu.fix', { count: toFix.length }), toFix.length > 0, toFix),
    action(
      'undo-last-fix',
      appMessage('tray.menu.undo-last-fix', { aliases: listAliases(toUndo) }),
      toUndo.length > 0,
      toUndo,
    ),
    {
      kind: 'submenu',
      id: 'mute',
      label: appMessage('tray.menu.mute'),
      items: [
        ...([1, 4, 8] as const).map((hours) => ({
          hours,
          label: appMessage('tray.menu.mute-hours', { hours }),
          enabled: state.notifications.status !== 'off',
        })),
        { hours: 0 as const, label: appMessage('tray.menu.unmute'), enabled: muted },
      ],
    },
    { kind: 'separator' },
    action('preferences', appMessage('tray.menu.preferences')),
    action('open-log', appMessage('tray.menu.open-log')),
    action('quit', appMessage('tray.menu.quit')),
  ];
}
