/** Problems and notices, each saying what to do next, with the button that does it where there is one. */
import type { AppState } from '../../main/shared/ipc-contract.ts';
import { invoke } from './api.ts';
import { useActions } from './actions.ts';
import { clockTime } from './format.ts';
import { useT } from './i18n.ts';

export function Banners({ state }: { state: AppState }) {
  const actions = useActions();
  const { t, msg, lang } = useT();
  const problem = state.problem;
  // The title already says what went wrong; under it, the cause alone where there is one (the
  // message's own text adds the command line's hint, and the banner says what to do in the app).
  const cause = problem?.message.params.cause;
  const notifications = state.notifications;
  const openSettings = async (pane: 'menu-bar' | 'notifications') => {
    const result = await invoke('app:open-system-settings', { pane });
    if (!result.ok) actions.failed(result.error);
  };
  return (
    <>
      {problem && (
        <div class={`banner banner-problem problem-${problem.kind}`} role="alert">
          <h2 class="banner-title">{t(`ui.problem.${problem.kind}.title`)}</h2>
          <p>{typeof cause === 'string' && cause !== '' ? cause : msg(problem.message)}</p>
          {/* The no-hosts message names the file itself. */}
          {problem.kind === 'config-unreadable' && (
            <p class="path-line">{t('ui.problem.file', { path: state.configFile })}</p>
          )}
          <p>{t(`ui.problem.${problem.kind}.next`)}</p>
          {problem.kind !== 'ssh-missing' && (
            <div class="actions">
              {(problem.kind === 'config-unreadable' || problem.kind === 'no-hosts') && (
                <button type="button" class="button" onClick={() => actions.open({ name: 'prefs' })}>
                  {t('ui.problem.open-prefs')}
                </button>
              )}
              {problem.kind === 'check-failed' && (
                <button type="button" class="button" onClick={() => void invoke('app:open-log', {})}>
                  {t('ui.prefs.open-log')}
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {state.menuBarIconHidden && (
        <div class="banner banner-notice" role="note">
          <h2 class="banner-title">{t('ui.notice.icon-hidden.title')}</h2>
          <p>{t('ui.notice.icon-hidden.body')}</p>
          <div class="actions">
            <button type="button" class="button" onClick={() => void openSettings('menu-bar')}>
              {t('ui.notice.open-menu-bar')}
            </button>
          </div>
        </div>
      )}
      {notifications.status === 'not-allowed' && (
        <div class="banner banner-notice" role="note">
          <h2 class="banner-title">{t('ui.notice.not-allowed.title')}</h2>
          <p>{t('ui.notice.not-allowed.body')}</p>
          {notifications.detail && (
            // Folded: the system's own words, for a bug report, not the first thing to read.
            <details class="muted detail">
              <summary>{t('ui.notice.not-allowed.detail')}</summary>
              <p>{notifications.detail}</p>
            </details>
          )}
          <div class="actions">
            <button type="button" class="button" onClick={() => void openSettings('notifications')}>
              {t('ui.notice.open-notifications')}
            </button>
          </div>
        </div>
      )}
      {notifications.status === 'muted' && notifications.mutedUntil && (
        <p class="muted inline-notice">
          {t('ui.notice.muted', { time: clockTime(lang, notifications.mutedUntil) })}
        </p>
      )}
    </>
  );
}
