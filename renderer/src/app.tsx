/**
 * The popover: one state from main (pushed on every change), the first-run
 * view until the user has chosen when the app may log in, then a view stack of
 * list → fix / why / settings, and a polite live region for short news.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { resolveLanguage, t as translateUi, type Lang } from '../../main/shared/i18n/translate.ts';
import type { AppState, HostView, IpcError, Settings } from '../../main/shared/ipc-contract.ts';
import { invoke, subscribe } from './api.ts';
import { ActionsContext, type Actions, type Notice, type View } from './actions.ts';
import { Banners } from './banners.tsx';
import { FirstRunView } from './first-run-view.tsx';
import { FixView } from './fix-view.tsx';
import { Header } from './header.tsx';
import { HostList } from './host-list.tsx';
import { LangContext, useT } from './i18n.ts';
import { PrefsView } from './prefs-view.tsx';
import { WhyView } from './why-view.tsx';
import { isCancelKey, TOAST_MS } from './keys.ts';

export function App({ onFirstState }: { onFirstState?: () => void }) {
  const [state, setState] = useState<AppState | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [view, setView] = useState<View>({ name: 'list' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [focusAlias, setFocusAlias] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const lastRevision = useRef(-1);

  const accept = useCallback((next: AppState) => {
    // A late push must never replace a newer state.
    if (next.revision < lastRevision.current) return;
    lastRevision.current = next.revision;
    setState(next);
  }, []);

  const langRef = useRef<Lang>('en');
  const errorText = useCallback((error: IpcError): string => {
    // Never the error's own text: it is English, and may be a validation dump. The log has it.
    const key = {
      busy: 'ui.error.busy',
      'invalid-request': 'ui.error.invalid',
      'not-allowed': 'ui.error.not-allowed',
      'stale-plan': 'ui.fix.stale',
      failed: 'ui.error.generic',
    } as const;
    return translateUi(langRef.current, key[error.code]);
  }, []);

  useEffect(() => {
    const offState = subscribe('state', accept, (raw) => {
      const revision = (raw as { revision?: unknown } | null)?.revision;
      return typeof revision === 'number' && revision <= lastRevision.current;
    });
    const offFocus = subscribe('focus-host', ({ alias }) => {
      setView({ name: 'list' });
      setFocusAlias(alias);
    });
    const offShow = subscribe('show-view', () => setView({ name: 'prefs' }));
    void invoke('state:get', {}).then((result) => {
      if (result.ok) accept(result.value);
      else setNotice({ kind: 'error', text: errorText(result.error) });
    });
    void invoke('settings:get', {}).then((result) => {
      if (result.ok) setSettings(result.value);
    });
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      offState();
      offFocus();
      offShow();
      clearInterval(timer);
    };
  }, [accept, errorText]);

  const firstState = useRef(onFirstState);
  useEffect(() => {
    if (state && firstState.current) {
      firstState.current();
      firstState.current = undefined;
    }
  }, [state]);

  const lang: Lang = resolveLanguage(
    settings?.language ?? 'system',
    navigator.languages ?? [navigator.language],
  );
  langRef.current = lang;
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Toasts go away by themselves; errors wait for Dismiss.
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(() => setNotice(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const actions: Actions = useMemo(
    () => ({
      open: (next) => {
        setNotice(null);
        setView(next);
      },
      back: () => setView({ name: 'list' }),
      announce: setNotice,
      failed: (error) => setNotice({ kind: 'error', text: errorText(error) }),
      setSettings,
    }),
    [errorText],
  );

  const firstRun = state?.consentNeeded === true;
  // Esc / ⌘. leave a sub-view first (like Cancel on a sheet); on the list they close the popover.
  // ⌘, opens Settings and ⌘Q quits, as in any Mac app.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (isCancelKey(event)) {
        event.preventDefault();
        if (view.name === 'list' || firstRun) void invoke('window:hide', {});
        else setView({ name: 'list' });
      } else if (event.metaKey && event.key === ',' && !firstRun) {
        event.preventDefault();
        setView({ name: 'prefs' });
      } else if (event.metaKey && event.key.toLowerCase() === 'q') {
        event.preventDefault();
        void invoke('app:menu', { item: 'quit' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.name, firstRun]);

  // The window fits its content (main resizes it); long lists scroll inside the popover's maximum.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = root.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let sent = 0;
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height === sent || height < 120) return;
      sent = height;
      void invoke('window:fit', { height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <LangContext.Provider value={lang}>
      <ActionsContext.Provider value={actions}>
        <div class="popover" ref={root}>
          {firstRun && state ? (
            <FirstRunView state={state} settings={settings} />
          ) : view.name === 'list' || !state ? (
            <ListView state={state} now={now} focusAlias={focusAlias} onFocused={() => setFocusAlias(null)} />
          ) : view.name === 'fix' ? (
            <FixView request={view.request} state={state} />
          ) : view.name === 'why' ? (
            <WhyView host={findHost(state, view.alias)} state={state} />
          ) : (
            <PrefsView state={state} settings={settings} now={now} />
          )}
          <NoticeArea notice={notice} onDismiss={() => setNotice(null)} />
        </div>
      </ActionsContext.Provider>
    </LangContext.Provider>
  );
}

function findHost(state: AppState, alias: string): HostView | undefined {
  return state.hosts.find((host) => host.alias === alias);
}

function ListView(props: {
  state: AppState | null;
  now: number;
  focusAlias: string | null;
  onFocused: () => void;
}) {
  const { state, now } = props;
  return (
    <>
      <Header state={state} now={now} />
      <main class="content" aria-busy={state === null}>
        {state && <Banners state={state} />}
        {state && state.hosts.length > 0 && (
          <HostList state={state} now={now} focusAlias={props.focusAlias} onFocused={props.onFocused} />
        )}
      </main>
    </>
  );
}

function NoticeArea({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  const { t } = useT();
  // The live region stays mounted so screen readers hear each new notice.
  return (
    <div
      class={`notice ${notice ? `notice-${notice.kind}` : 'notice-empty'}`}
      role="status"
      aria-live="polite"
    >
      {notice && (
        <>
          <p>{notice.text}</p>
          {notice.kind === 'error' && (
            <button type="button" class="link" onClick={onDismiss}>
              {t('ui.error.dismiss')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
