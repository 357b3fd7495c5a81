/**
 * Issue 17: before any check, what the app does in two lines and one choice —
 * check without logging in, or allow logins. Nothing runs until it is answered
 * (main refuses every run while the settings' loginPolicy is null).
 */
import { useEffect, useRef } from 'preact/hooks';
import {
  INTERVAL_MINUTES,
  type AppState,
  type LoginPolicy,
  type Settings,
} from '../../main/shared/ipc-contract.ts';
import { invoke } from './api.ts';
import { useActions } from './actions.ts';
import { keepQuotes, useT } from './i18n.ts';

export function FirstRunView({ settings }: { state: AppState; settings: Settings | null }) {
  const actions = useActions();
  const { t } = useT();
  // Focus on the default button, so Return confirms it; the view is described by its text.
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => primary.current?.focus(), []);
  const choose = async (loginPolicy: LoginPolicy) => {
    const result = await invoke('settings:set', { loginPolicy });
    if (!result.ok) return actions.failed(result.error);
    actions.setSettings(result.value);
  };
  return (
    <section
      class="subview first-run"
      role="dialog"
      aria-labelledby="first-run-title"
      aria-describedby="first-run-body"
    >
      <header class="titlebar">
        <h1 id="first-run-title" class="subview-title">
          {t('ui.first-run.title')}
        </h1>
      </header>
      <div class="subview-body first-run-body" id="first-run-body">
        <p>{t('ui.first-run.what', { minutes: settings?.intervalMinutes ?? INTERVAL_MINUTES.default })}</p>
        <p>{t('ui.first-run.never')}</p>
        <p class="muted small">{keepQuotes(t('ui.first-run.prompting'))}</p>
        <p class="first-run-question">{t('ui.first-run.question')}</p>
        <p class="muted small">{t('ui.first-run.later')}</p>
      </div>
      <div class="subview-actions">
        <button type="button" class="button" onClick={() => void choose('never')}>
          {t('ui.first-run.screen-only')}
        </button>
        {/* The default button, rightmost: Return presses it. */}
        <button type="button" class="button primary" ref={primary} onClick={() => void choose('daily')}>
          {t('ui.first-run.allow')}
        </button>
      </div>
    </section>
  );
}
