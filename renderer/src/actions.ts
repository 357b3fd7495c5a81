/**
 * What the popover's views do to the popover itself (open a view, go back,
 * announce, report a failure, take new settings), and the views it has. The
 * app provides the actions through a context, like the language (i18n.ts), so
 * no view imports app.tsx: the module graph has no cycle (ESLint checks).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { IpcError, Settings } from '../../main/shared/ipc-contract.ts';

/** What the fix view is asked to show: the hosts to change, and which way. */
export interface FixRequest {
  kind: 'fix' | 'undo';
  hosts: string[];
}

export type View =
  | { name: 'list' }
  | { name: 'fix'; request: FixRequest }
  | { name: 'why'; alias: string }
  | { name: 'prefs' };

export interface Notice {
  text: string;
  kind: 'info' | 'error';
}

export interface Actions {
  open(view: View): void;
  back(): void;
  announce(notice: Notice): void;
  failed(error: IpcError): void;
  setSettings(settings: Settings): void;
}

export const ActionsContext = createContext<Actions | null>(null);

/** The popover's actions; only inside the app's provider. */
export function useActions(): Actions {
  const actions = useContext(ActionsContext);
  if (actions === null) throw new Error('useActions: no ActionsContext provider above this view');
  return actions;
}
