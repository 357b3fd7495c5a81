/**
 * Problems and notices, each saying what to do next, with the button that does
 * it. No config and no hosts are calm, centred empty states with a way
 * forward; the rest are banners the user can dismiss. The system's own words
 * (English) wait in a closed "Technical details".
 */
import { useState } from 'preact/hooks';
import type { AppState } from '../../main/shared/ipc-contract.ts';
import { invoke } from './api.ts';
import { useActions } from './actions.ts';
import { clockTime, macPath } from './format.ts';
import { keepQuotes, useT } from './i18n.ts';

/** The default config does not exist (someone who types `ssh user@host`): the core's code says so. */
function isMissingConfig(state: AppState): boolean {
  // Only ssh's default file: a file the user chose in Settings and that is gone is a real problem.
  return (
    state.problem?.kind === 'config-unreadable' &&
    state.configFile.endsWith('/.ssh/config') &&
    state.problem.message.params.causeCode === 'core.error.config-missing'
  );
}

export function Banners({ state }: { state: AppState }) {
  const actions = useActions();
  const { t, lang } = useT();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const problem = state.problem;
  const notifications = state.notifications;
  const openSettings = async (pane: 'menu-bar' | 'notifications') => {
    const result = await invoke('app:open-system-settings', { pane });
    if (!result.ok) actions.failed(result.error);
  };
  const dismiss = (id: string) => setDismissed((previous) => new Set(previous).add(id));
  const shown = (id: string) => !dismissed.has(id);
  const missingConfig = isMissingConfig(state);
  const cause = problem?.message.params.cause;
  const openPrefs = (
    <button type="button" class="button" onClick={() => actions.open({ name: 'prefs' })}>
      {t('ui.problem.open-prefs')}
    </button>
  );

  if (problem && (missingConfig || problem.kind === 'no-hosts')) {
    const kind = missingConfig ? 'no-config' : 'no-hosts';
    return (
      <div class={`empty-state problem-${problem.kind}`} role="status">
        <svg class="empty-icon" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
          <path d="M5 8h22v16H5z M5 12h22 M9 17h6 M9 20h10" />
        </svg>
        <h2 class="empty-title">{t(`ui.problem.${kind}.title`)}</h2>
        <p>{keepQuotes(t(`ui.problem.${kind}.next`))}</p>
        <p class="path-line muted">{macPath(state.configFile, state.configFile)}</p>
        <div class="actions centred">{openPrefs}</div>
      </div>
    );
  }

  return (
    <>
      {problem && shown(`problem:${problem.kind}`) && (
        <div class={`banner banner-problem problem-${problem.kind}`} role="alert">
          <div class="banner-head">
            <h2 class="banner-title">{t(`ui.problem.${problem.kind}.title`)}</h2>
            <DismissButton onClick={() => dismiss(`problem:${problem.kind}`)} />
          </div>
          {problem.kind === 'config-unreadable' && (
            <p class="path-line">
              {t('ui.problem.file', { path: macPath(state.configFile, state.configFile) })}
            </p>
          )}
          <p>{keepQuotes(t(`ui.problem.${problem.kind}.next`))}</p>
          {typeof cause === 'string' && cause !== '' && (
            <details class="detail">
              <summary>{t('ui.problem.details')}</summary>
              <p lang="en">{cause}</p>
            </details>
          )}
          {problem.kind !== 'ssh-missing' && (
            <div class="actions">
              {problem.kind === 'config-unreadable' && openPrefs}
              {problem.kind === 'check-failed' && (
                <button type="button" class="button" onClick={() => void invoke('app:open-log', {})}>
                  {t('ui.prefs.open-log')}
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {state.menuBarIconHidden && shown('icon-hidden') && (
        <div class="banner banner-notice" role="note">
          <div class="banner-head">
            <h2 class="banner-title">{t('ui.notice.icon-hidden.title')}</h2>
            <DismissButton onClick={() => dismiss('icon-hidden')} />
          </div>
          <p>{t('ui.notice.icon-hidden.body')}</p>
          <div class="actions">
            <button type="button" class="button" onClick={() => void openSettings('menu-bar')}>
              {t('ui.notice.open-menu-bar')}
            </button>
          </div>
        </div>
      )}
      {notifications.status === 'not-allowed' && shown('not-allowed') && (
        <div class="banner banner-notice" role="note">
          <div class="banner-head">
            <h2 class="banner-title">{t('ui.notice.not-allowed.title')}</h2>
            <DismissButton onClick={() => dismiss('not-allowed')} />
          </div>
          <p>{t('ui.notice.not-allowed.body')}</p>
          {notifications.detail && (
            <details class="muted detail">
              <summary>{t('ui.notice.not-allowed.detail')}</summary>
              <p lang="en">{notifications.detail}</p>
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

function DismissButton({ onClick }: { onClick: () => void }) {
  const { t } = useT();
  return (
    <button
      type="button"
      class="dismiss"
      aria-label={t('ui.notice.dismiss')}
      title={t('ui.notice.dismiss')}
      onClick={onClick}
    >
      <span aria-hidden="true">×</span>
    </button>
  );
}
