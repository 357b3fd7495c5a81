/**
 * The ⋯ menu of the popover's title bar: Settings…, Check for Updates…,
 * About, Quit ⌘Q (until now only on the tray's right-click). A menu button
 * (WAI-ARIA menu pattern): the arrows move, Return picks, Esc closes it alone.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { invoke } from './api.ts';
import { useActions } from './actions.ts';
import { useT } from './i18n.ts';
import { isCancelKey } from './keys.ts';

type Item = { id: 'settings' | 'check-updates' | 'about' | 'quit'; shortcut?: string };
const ITEMS: Item[] = [
  { id: 'settings', shortcut: '⌘,' },
  { id: 'check-updates' },
  { id: 'about' },
  { id: 'quit', shortcut: '⌘Q' },
];

export function MoreMenu() {
  const actions = useActions();
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node) && event.target !== button.current) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const pick = (id: Item['id']) => {
    setOpen(false);
    if (id === 'settings') actions.open({ name: 'prefs' });
    else void invoke('app:menu', { item: id });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (isCancelKey(event)) {
      // Esc closes the menu only, not the popover behind it.
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: list.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    list[(next + list.length) % list.length]?.focus();
  };
  const label = {
    settings: t('ui.menu.settings'),
    'check-updates': t('ui.menu.check-updates'),
    about: t('ui.menu.about'),
    quit: t('ui.menu.quit'),
  };

  return (
    <div class="more">
      <button
        type="button"
        class="button icon-button"
        ref={button}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="more-menu"
        aria-label={t('ui.header.more')}
        title={t('ui.header.more')}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul
          id="more-menu"
          class="menu"
          role="menu"
          ref={menu}
          onKeyDown={onKeyDown}
          aria-label={t('ui.header.more')}
        >
          {ITEMS.map((item) => (
            <li key={item.id} role="none" class={item.id === 'quit' ? 'menu-separated' : undefined}>
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => pick(item.id)}>
                <span>{label[item.id]}</span>
                {item.shortcut && (
                  <kbd class="shortcut" aria-hidden="true">
                    {item.shortcut}
                  </kbd>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
