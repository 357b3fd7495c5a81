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

/** How a message is said: `localize` in the user's language; by default its English text. */
export type Say = (message: Message) => Message;
const english: Say = (message) => message;

/** One line for the tray tooltip; `say` also words the messages it embeds (the problem, the summary). */
export function tooltipOf(state: AppState, say: Say = english): Message {
  const network = state.network?.label ?? 'this network';
  let summary: Message;
  if (state.problem) summary = appMessage('tray.problem', { problem: say(state.problem.message).text });
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
    return say(
      appMessage('tray.muted', {
        summary: say(summary).text,
        until: state.notifications.mutedUntil.slice(11, 16),
      }),
    );
  }
  return say(summary);
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
export function menuModel(
  state: AppState,
  lastFixHosts?: readonly string[],
  say: Say = english,
): MenuItemModel[] {
  const worded = (code: AppMessageCode, params?: Parameters<typeof appMessage>[1]): Message =>
    say(appMessage(code, params));
  const hosts: MenuItemModel[] = state.hosts.slice(0, MAX_MENU_HOSTS).map((host) => ({
    kind: 'host',
    alias: host.alias,
    status: host.status,
    label: worded('tray.menu.host', {
      alias: host.alias,
      status: worded(`tray.status.${host.status}` as AppMessageCode).text,
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
      ? action('check-now', worded('tray.menu.checking'), false)
      : action('check-now', worded('tray.menu.check-now')),
    action('fix', worded('tray.menu.fix', { count: toFix.length }), toFix.length > 0, toFix),
    action(
      'undo-last-fix',
      worded('tray.menu.undo-last-fix', { aliases: listAliases(toUndo) }),
      toUndo.length > 0,
      toUndo,
    ),
    {
      kind: 'submenu',
      id: 'mute',
      label: worded('tray.menu.mute'),
      items: [
        ...([1, 4, 8] as const).map((hours) => ({
          hours,
          label: worded('tray.menu.mute-hours', { hours }),
          enabled: state.notifications.status !== 'off',
        })),
        { hours: 0 as const, label: worded('tray.menu.unmute'), enabled: muted },
      ],
    },
    { kind: 'separator' },
    action('preferences', worded('tray.menu.preferences')),
    action('open-log', worded('tray.menu.open-log')),
    action('quit', worded('tray.menu.quit')),
  ];
}

/** What the tray shows, said in one language: the tooltip, the menu, the label of the app's own item. */
export interface TrayText {
  tooltip: string;
  menu: MenuItemModel[];
  updatesLabel: string;
}

export function trayText(state: AppState, lastFixHosts: readonly string[], say: Say): TrayText {
  return {
    tooltip: tooltipOf(state, say).text,
    menu: menuModel(state, lastFixHosts, say),
    updatesLabel: say(appMessage('tray.menu.check-updates')).text,
  };
}
