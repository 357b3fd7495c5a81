/**
 * The tray's right-click menu: the controller's `menuModel` (plain data) to
 * Electron's menu template. Only types come from Electron, so this is tested
 * with plain Node; tray.ts calls `Menu.buildFromTemplate` on the result.
 * Fix and Undo only open the popover at the confirmation: nothing here edits
 * the ssh config.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuItemModel } from '../app/tray-model.ts';

export interface MenuActions {
  /** Opens the popover at this host. */
  focusHost(alias: string): void;
  checkNow(): void;
  /** Opens the popover where the user reviews and confirms the fix for these hosts. */
  openFix(hosts: string[]): void;
  openUndo(hosts: string[]): void;
  mute(hours: 0 | 1 | 4 | 8): void;
  preferences(): void;
  openLog(): void;
  checkForUpdates(): void;
  quit(): void;
}

/**
 * `updatesLabel`: the one item the app adds to the controller's model (updates are an Electron
 * concern), said in the language of the rest (the controller's `tray().updatesLabel`).
 */
export function menuTemplate(
  model: readonly MenuItemModel[],
  actions: MenuActions,
  updatesLabel = 'Check for Updates…',
): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  for (const item of model) {
    switch (item.kind) {
      case 'separator':
        template.push({ type: 'separator' });
        break;
      case 'host':
        template.push({ label: item.label.text, click: () => actions.focusHost(item.alias) });
        break;
      case 'submenu':
        template.push({
          label: item.label.text,
          submenu: item.items.map((entry) => ({
            label: entry.label.text,
            enabled: entry.enabled,
            click: () => actions.mute(entry.hours),
          })),
        });
        break;
      case 'action': {
        const hosts = [...item.hosts];
        const click: Record<typeof item.id, () => void> = {
          'check-now': () => actions.checkNow(),
          fix: () => actions.openFix(hosts),
          'undo-last-fix': () => actions.openUndo(hosts),
          preferences: () => actions.preferences(),
          'open-log': () => actions.openLog(),
          quit: () => actions.quit(),
        };
        if (item.id === 'quit')
          template.push({ label: updatesLabel, click: () => actions.checkForUpdates() });
        template.push({
          label: item.label.text,
          enabled: item.enabled,
          click: click[item.id],
          ...(item.id === 'quit' ? { accelerator: 'Command+Q' } : {}),
          ...(item.id === 'preferences' ? { accelerator: 'Command+,' } : {}),
        });
        break;
      }
    }
  }
  return template;
}
