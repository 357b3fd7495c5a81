/**
 * The popover: one state from main (pushed on every change), a view stack of
 * list → fix / why / preferences, and a polite live region for short news.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { resolveLanguage, t as translateUi, translate, type Lang } from '../../main/shared/i18n/translate.ts';
import type { AppState, HostView, IpcError, Settings } from '../../main/shared/ipc-contract.ts';
import { invoke, subscribe } from './api.ts';
import { ActionsContext, useActions, type Actions, type Notice, type View } from './actions.ts';
import { Banners } from './banners.tsx';
import { FixView } from './fix-view.tsx';
import { Header } from './header.tsx';
import { HostList } from './host-list.tsx';
import { LangContext, useT } from './i18n.ts';
import { PrefsView } from './prefs-view.tsx';
import { WhyView } from './why-view.tsx';

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
  }, [accept]);

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
  const langRef = useRef(lang);
  langRef.current = lang;
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

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
    [],
  );

  // Esc leaves a sub-view first (like Cancel on a sheet); on the list it closes the popover.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      if (view.name === 'list') void invoke('window:hide', {});
      else setView({ name: 'list' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.name]);

  return (
    <LangContext.Provider value={lang}>
      <ActionsContext.Provider value={actions}>
        <div class="popover">
          {view.name === 'list' || !state ? (
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

  function errorText(error: IpcError): string {
    // Called from actions made once: read the language of now, not of the first render.
    if (error.code === 'busy') return translateUi(langRef.current, 'ui.error.busy');
    const lang = langRef.current;
    const said = translate(lang, error.message);
    const message = error.hint ? `${said} ${translate(lang, error.hint)}` : said;
    return translateUi(langRef.current, 'ui.error.generic', { message });
  }
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
  const { t } = useT();
  const actions = useActions();
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
      <footer class="footer">
        <button type="button" class="link" onClick={() => actions.open({ name: 'prefs' })}>
          {t('ui.footer.prefs')}
        </button>
        <button type="button" class="link" onClick={() => void invoke('window:hide', {})}>
          {t('ui.footer.close')}
        </button>
      </footer>
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
          <button type="button" class="link" onClick={onDismiss}>
            {t('ui.error.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}
