/**
 * "Why?": plain words for someone who has never heard of TOS, with this host's
 * own evidence, and what to do next — for every state that is not fine.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { AppState, HostView } from '../../main/shared/ipc-contract.ts';
import { useActions } from './actions.ts';
import { FixButton } from './fix-button.tsx';
import { macPath } from './format.ts';
import { keepQuotes, useT } from './i18n.ts';
import { couldNotLogIn, nextStepKey, plainSentence, viaJumpHop } from './plain-words.ts';
import { TitleBar } from './title-bar.tsx';

const sentenceStart = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function WhyView({ host, state }: { host: HostView | undefined; state: AppState }) {
  const actions = useActions();
  const tr = useT();
  const { t, msg } = tr;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  if (!host) {
    actions.back();
    return null;
  }
  const needs = host.status === 'needs-ipqos-0';
  const serverSide = host.status === 'server-side';
  const fixAlias = host.fixAlias;
  const hop = viaJumpHop(host);
  const next = nextStepKey(host);
  const title = needs
    ? t('ui.why.title', { alias: host.alias })
    : serverSide
      ? t('ui.why.server-title', { alias: host.alias })
      : t('ui.why.other-title', { alias: host.alias });
  const otherBody =
    host.status === 'unreachable'
      ? t('ui.why.unreachable-body')
      : host.status === 'inconclusive'
        ? t('ui.why.inconclusive-body')
        : host.status === 'screened'
          ? t(couldNotLogIn(host) ? 'ui.why.screened-no-login-body' : 'ui.why.screened-body')
          : null;
  return (
    <section class="subview why-view" aria-labelledby="why-title">
      <TitleBar id="why-title" title={title} onBack={actions.back} headingRef={heading} />
      {/* Focusable so the text scrolls with the keyboard: it holds no control of its own. */}
      <div class="subview-body prose" tabIndex={0} role="region" aria-labelledby="why-title">
        <p class="plain">{keepQuotes(plainSentence(host, tr))}</p>
        {needs && (
          <>
            <h2>{t('ui.why.what-happens')}</h2>
            <p>{keepQuotes(t('ui.why.what-happens-body', { host: host.hostname }))}</p>
          </>
        )}
        {serverSide && <p>{t('ui.why.server-body')}</p>}
        {otherBody && <p>{otherBody}</p>}
        {next && (
          <>
            <h2>{t('ui.why.next')}</h2>
            {/* The step continues "Next: …" in a row; here it starts its own sentence. */}
            <p class="next-step">{keepQuotes(sentenceStart(t(next)))}</p>
          </>
        )}
        {needs && (
          <>
            <h2>{t('ui.why.what-changes')}</h2>
            <p>{t('ui.why.what-changes-body', { alias: hop ?? host.alias })}</p>
            {hop && <p>{t('ui.why.jump-body', { alias: host.alias, hop })}</p>}
            <h2>{t('ui.why.safe')}</h2>
            <p>{t('ui.why.safe-body')}</p>
            <h2>{t('ui.why.undo')}</h2>
            <p>{keepQuotes(t('ui.why.undo-body', { file: macPath(state.configFile, state.configFile) }))}</p>
          </>
        )}
        <details class="tech">
          <summary>{t('ui.host.details')}</summary>
          <h2>{t('ui.why.what-we-saw')}</h2>
          {host.summary && <p class="summary-text">{msg(host.summary)}</p>}
          <ul class="evidence">
            {host.evidence.map((line, index) => (
              <li key={index}>{msg(line)}</li>
            ))}
          </ul>
        </details>
      </div>
      {needs && fixAlias && (
        <div class="subview-actions">
          <FixButton fixAlias={fixAlias} hop={hop} />
        </div>
      )}
    </section>
  );
}
