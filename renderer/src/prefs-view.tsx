/** Settings: every change is sent at once and main answers with the settings it kept. */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  INTERVAL_CHOICES,
  LANGUAGES,
  LOGIN_POLICIES,
  type AppState,
  type LoginPolicy,
  type Settings,
} from '../../main/shared/ipc-contract.ts';
import { invoke } from './api.ts';
import { useActions } from './actions.ts';
import { clockTime } from './format.ts';
import { useT, type Translator } from './i18n.ts';
import { TitleBar } from './title-bar.tsx';

/** "15 minutes", "4 hours". */
export function intervalLabel(t: Translator['t'], minutes: number): string {
  return minutes % 60 === 0
    ? t('ui.prefs.hours', { count: minutes / 60 })
    : t('ui.prefs.minutes', { count: minutes });
}

type Patch = Partial<Settings>;

export function PrefsView(props: { state: AppState; settings: Settings | null; now: number }) {
  const { t, lang } = useT();
  const actions = useActions();
  const { settings, state } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const [configDraft, setConfigDraft] = useState(settings?.configFile ?? '');
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => setConfigDraft(settings?.configFile ?? ''), [settings?.configFile]);

  const save = async (patch: Patch) => {
    const result = await invoke('settings:set', patch);
    if (!result.ok) return actions.failed(result.error);
    actions.setSettings(result.value);
    actions.announce({ kind: 'info', text: t('ui.prefs.saved') });
  };
  const mute = async (hours: 0 | 1 | 4 | 8) => {
    const result = await invoke('notifications:mute', { hours });
    if (!result.ok) return actions.failed(result.error);
    actions.setSettings(result.value);
    actions.announce({ kind: 'info', text: t('ui.prefs.saved') });
  };

  const aliases = [
    ...new Set([...state.hosts.map((host) => host.alias), ...(settings?.excludedHosts ?? [])]),
  ].sort();
  const excluded = new Set(settings?.excludedHosts ?? []);
  const mutedUntil =
    settings?.muteUntil && Date.parse(settings.muteUntil) > props.now ? settings.muteUntil : null;

  return (
    <section class="subview prefs-view" aria-labelledby="prefs-title">
      <TitleBar id="prefs-title" title={t('ui.prefs.title')} onBack={actions.back} headingRef={heading} />
      {settings && (
        <form class="subview-body prefs" onSubmit={(event) => event.preventDefault()}>
          <div class="field">
            <label for="pref-language">{t('ui.prefs.language')}</label>
            <select
              id="pref-language"
              value={settings.language}
              onChange={(event) => void save({ language: event.currentTarget.value as Settings['language'] })}
            >
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t(`ui.prefs.language.${language}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="pref-interval">{t('ui.prefs.interval')}</label>
            {/* A pop-up of sensible values, never a free number to get wrong. */}
            <select
              id="pref-interval"
              value={String(settings.intervalMinutes)}
              onChange={(event) => void save({ intervalMinutes: Number(event.currentTarget.value) })}
            >
              {[...new Set([...INTERVAL_CHOICES, settings.intervalMinutes])]
                .sort((x, y) => x - y)
                .map((minutes) => (
                  <option key={minutes} value={String(minutes)}>
                    {intervalLabel(t, minutes)}
                  </option>
                ))}
            </select>
          </div>
          <div class="field">
            <label for="pref-logins">{t('ui.prefs.logins')}</label>
            <select
              id="pref-logins"
              aria-describedby="pref-logins-help"
              value={settings.loginPolicy ?? 'manual'}
              onChange={(event) => void save({ loginPolicy: event.currentTarget.value as LoginPolicy })}
            >
              {LOGIN_POLICIES.map((policy) => (
                <option key={policy} value={policy}>
                  {t(`ui.prefs.logins.${policy}`)}
                </option>
              ))}
            </select>
            <p id="pref-logins-help" class="muted small">
              {t('ui.prefs.logins-help')}
            </p>
          </div>
          <div class="check-field">
            <input
              id="pref-notifications"
              type="checkbox"
              checked={settings.notifications}
              onChange={(event) => void save({ notifications: event.currentTarget.checked })}
            />
            <label for="pref-notifications">{t('ui.prefs.notifications')}</label>
          </div>
          <fieldset class="field">
            <legend>{t('ui.prefs.mute')}</legend>
            {mutedUntil && (
              <p class="muted">{t('ui.prefs.muted-until', { time: clockTime(lang, mutedUntil) })}</p>
            )}
            <div class="actions">
              {([1, 4, 8] as const).map((hours) => (
                <button key={hours} type="button" class="button nowrap" onClick={() => void mute(hours)}>
                  {t(`ui.prefs.mute-${hours}`)}
                </button>
              ))}
              {mutedUntil && (
                <button type="button" class="button" onClick={() => void mute(0)}>
                  {t('ui.prefs.unmute')}
                </button>
              )}
            </div>
          </fieldset>
          <div class="check-field">
            <input
              id="pref-launch"
              type="checkbox"
              checked={settings.launchAtLogin}
              onChange={(event) => void save({ launchAtLogin: event.currentTarget.checked })}
            />
            <label for="pref-launch">{t('ui.prefs.launch')}</label>
          </div>
          <div class="field">
            <label for="pref-config">{t('ui.prefs.config')}</label>
            <div class="inline-field">
              <input
                id="pref-config"
                type="text"
                spellcheck={false}
                autoComplete="off"
                placeholder={t('ui.prefs.config-placeholder')}
                aria-describedby="pref-config-help"
                value={configDraft}
                onInput={(event) => setConfigDraft(event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') void save({ configFile: configDraft.trim() || null });
                }}
              />
              <button
                type="button"
                class="button nowrap"
                onClick={() => void save({ configFile: configDraft.trim() || null })}
              >
                {t('ui.prefs.config-save')}
              </button>
            </div>
            <p id="pref-config-help" class="muted">
              {t('ui.prefs.config-help')}
            </p>
          </div>
          {state.sshClient && (
            <div class="field">
              <label for="pref-ssh">{t('ui.prefs.ssh')}</label>
              <select
                id="pref-ssh"
                aria-describedby="pref-ssh-help"
                value={state.sshClient.path}
                onChange={(event) => void save({ sshPath: event.currentTarget.value })}
              >
                {state.sshClient.choices.map((client) => (
                  <option key={client.path} value={client.path}>
                    {client.version ? `${client.path} (${client.version})` : client.path}
                  </option>
                ))}
              </select>
              <p id="pref-ssh-help" class="muted">
                {t('ui.prefs.ssh-help')}
              </p>
            </div>
          )}
          <fieldset class="field">
            <legend>{t('ui.prefs.excluded')}</legend>
            {aliases.length === 0 && <p class="muted">{t('ui.prefs.excluded-none')}</p>}
            <ul class="exclude-list">
              {aliases.map((alias) => (
                <li key={alias} class="check-field">
                  <input
                    id={`exclude-${alias}`}
                    type="checkbox"
                    checked={excluded.has(alias)}
                    onChange={(event) => {
                      const next = new Set(excluded);
                      if (event.currentTarget.checked) next.add(alias);
                      else next.delete(alias);
                      void save({ excludedHosts: [...next].sort() });
                    }}
                  />
                  <label for={`exclude-${alias}`} class="one-line" title={alias}>
                    {alias}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div class="actions">
            <button type="button" class="button" onClick={() => void invoke('app:open-log', {})}>
              {t('ui.prefs.open-log')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
