import { HOST_STATUSES, type AppState } from '../../main/shared/ipc-contract.ts';
import { invoke } from './api.ts';
import { useActions } from './actions.ts';
import { networkLabel, relativeTime } from './format.ts';
import { keepQuotes, useT } from './i18n.ts';
import { MoreMenu } from './more-menu.tsx';

export function needsFix(state: AppState): string[] {
  const aliases = state.hosts
    .filter((host) => host.status === 'needs-ipqos-0' && host.fixAlias !== null)
    .map((host) => host.fixAlias as string);
  return [...new Set(aliases)];
}

export function Header({ state, now }: { state: AppState | null; now: number }) {
  const actions = useActions();
  const { t, lang } = useT();
  const check = state?.check;
  const running = check?.running ?? false;
  const toFix = state ? needsFix(state) : [];
  const checked = state ? state.hosts.some((host) => host.status !== 'unchecked') : false;

  const runCheck = async () => {
    const result = await invoke(running ? 'check:cancel' : 'check:run', {});
    if (!result.ok) actions.failed(result.error);
  };

  return (
    <header class="header">
      <div class="header-top">
        <h1 class="title">{t('ui.app.title')}</h1>
        <div class="header-buttons">
          {/* Check Now becomes Stop while a check runs. */}
          <button type="button" class="button nowrap" onClick={runCheck} disabled={!state}>
            {running ? t('ui.header.stop') : t('ui.header.check-now')}
          </button>
          <MoreMenu />
        </div>
      </div>
      <p class="meta one-line">
        {state?.network
          ? t('ui.header.network', { label: networkLabel(lang, state.network.label) })
          : t('ui.header.network-unknown')}
      </p>
      <p class="meta one-line">
        {state?.lastCheck
          ? t('ui.header.checked', { when: relativeTime(lang, state.lastCheck.finishedAt, now) })
          : t('ui.header.never-checked')}
      </p>
      {running && check && (
        <div class="progress-row">
          {/* Indeterminate until the first host is done: "0 of 30" would look stuck. */}
          <progress
            max={Math.max(check.total, 1)}
            value={check.done > 0 ? check.done : undefined}
            aria-label={t('ui.header.progress-label')}
          />
          <span role="status" class="one-line">
            {check.total > 0
              ? t('ui.header.checking', { done: check.done, total: check.total })
              : t('ui.header.checking-start')}
            {check.queued ? ` ${t('ui.header.queued')}` : ''}
          </span>
        </div>
      )}
      {/* The summary stays during a check: it says what the last results were. */}
      {state && !state.problem && state.hosts.length > 0 && (checked || !running) && (
        <div class={`summary ${toFix.length > 0 ? 'summary-attention' : ''}`}>
          <p>
            {toFix.length > 0
              ? t('ui.summary.needs-fix', {
                  count: state.hosts.filter((h) => h.status === HOST_STATUSES[0]).length,
                })
              : checked
                ? t('ui.summary.all-fine')
                : keepQuotes(t('ui.summary.unchecked'))}
          </p>
          {toFix.length > 1 && (
            <button
              type="button"
              class="button primary nowrap"
              onClick={() => actions.open({ name: 'fix', request: { kind: 'fix', hosts: toFix } })}
            >
              {t('ui.summary.fix-all')}
            </button>
          )}
        </div>
      )}
    </header>
  );
}
