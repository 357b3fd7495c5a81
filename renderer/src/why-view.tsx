/** "Why?": plain words for someone who has never heard of TOS, with this host's own evidence. */
import { useEffect, useRef } from 'preact/hooks';
import type { AppState, HostView } from '../../main/shared/ipc-contract.ts';
import { useActions } from './actions.ts';
import { useT } from './i18n.ts';

export function WhyView({ host, state }: { host: HostView | undefined; state: AppState }) {
  const actions = useActions();
  const { t, msg } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  if (!host) {
    actions.back();
    return null;
  }
  const serverSide = host.status === 'server-side';
  const fixAlias = host.fixAlias;
  const hop = fixAlias !== null && fixAlias !== host.alias ? fixAlias : null;
  return (
    <section class="subview why-view" aria-labelledby="why-title">
      <h1 id="why-title" class="subview-title" tabIndex={-1} ref={heading}>
        {serverSide
          ? t('ui.why.server-title', { alias: host.alias })
          : t('ui.why.title', { alias: host.alias })}
      </h1>
      {/* Focusable so the text scrolls with the keyboard: it holds no control of its own. */}
      <div class="subview-body prose" tabIndex={0} role="region" aria-labelledby="why-title">
        {serverSide ? (
          <p>{t('ui.why.server-body')}</p>
        ) : (
          <>
            <h2>{t('ui.why.what-happens')}</h2>
            <p>{t('ui.why.what-happens-body', { host: host.hostname })}</p>
          </>
        )}
        <h2>{t('ui.why.what-we-saw')}</h2>
        {host.summary && <p class="summary-text">{msg(host.summary)}</p>}
        <ul class="evidence">
          {host.evidence.map((line, index) => (
            <li key={index}>{msg(line)}</li>
          ))}
        </ul>
        {!serverSide && (
          <>
            <h2>{t('ui.why.what-changes')}</h2>
            <p>{t('ui.why.what-changes-body', { alias: hop ?? host.alias })}</p>
            {hop && <p>{t('ui.why.jump-body', { alias: host.alias, hop })}</p>}
            <h2>{t('ui.why.safe')}</h2>
            <p>{t('ui.why.safe-body')}</p>
            <h2>{t('ui.why.undo')}</h2>
            <p>{t('ui.why.undo-body', { file: state.configFile })}</p>
          </>
        )}
      </div>
      <div class="subview-actions">
        {!serverSide && fixAlias && (
          <button
            type="button"
            class="button primary"
            onClick={() => actions.open({ name: 'fix', request: { kind: 'fix', hosts: [fixAlias] } })}
          >
            {hop ? t('ui.host.fix-jump', { hop }) : t('ui.host.fix')}
          </button>
        )}
        <button type="button" class="button" onClick={actions.back}>
          {t('ui.why.back')}
        </button>
      </div>
    </section>
  );
}
