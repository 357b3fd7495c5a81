/**
 * A host opened: one plain sentence, what to do next, the actions, then a
 * closed "Technical details" with the check's own evidence (Copy Report keeps
 * all of it, in English for a ticket).
 */
import type { HostView } from '../../main/shared/ipc-contract.ts';
import { invoke } from './api.ts';
import { useActions } from './actions.ts';
import { FixButton } from './fix-button.tsx';
import { keepQuotes, useT } from './i18n.ts';
import { hasWhy, isLocalNetworkRefusal, nextStepKey, plainSentence, viaJumpHop } from './plain-words.ts';

/** A host row's props (host-list.tsx renders the rows). */
export interface RowProps {
  host: HostView;
  now: number;
  tabbable: boolean;
  expanded: boolean;
  inFlight: boolean;
  onToggle: (alias: string) => void;
  index: number;
  onFocusRow: (index: number) => void;
  configFile: string;
}

export function HostDetails(props: RowProps & { id: string }) {
  const { host } = props;
  const actions = useActions();
  const tr = useT();
  const { t, msg } = tr;
  const fixAlias = host.fixAlias;
  const hop = viaJumpHop(host);
  const next = nextStepKey(host);
  const copy = async () => {
    const result = await invoke('report:markdown', { alias: host.alias });
    if (!result.ok) return actions.failed(result.error);
    try {
      await navigator.clipboard.writeText(result.value.markdown);
      actions.announce({ kind: 'info', text: t('ui.host.copied') });
    } catch {
      actions.announce({ kind: 'error', text: t('ui.host.copy-failed') });
    }
  };
  const openPrivacy = async () => {
    const result = await invoke('app:open-system-settings', { pane: 'local-network' });
    if (!result.ok) actions.failed(result.error);
  };
  return (
    <div class="details" id={props.id}>
      <p class="plain">{keepQuotes(plainSentence(host, tr))}</p>
      {next && <p class="next-step">{keepQuotes(t('ui.host.next', { step: t(next) }))}</p>}
      {host.fixedByTool && <p class="fixed-badge">{t('ui.host.fixed-by-tool')}</p>}
      <div class="actions">
        {host.status === 'needs-ipqos-0' && fixAlias && <FixButton fixAlias={fixAlias} hop={hop} />}
        {isLocalNetworkRefusal(host) && (
          <button type="button" class="button primary nowrap" onClick={openPrivacy}>
            {t('ui.host.open-privacy')}
          </button>
        )}
        {hasWhy(host) && (
          <button
            type="button"
            class="button nowrap"
            onClick={() => actions.open({ name: 'why', alias: host.alias })}
          >
            {t('ui.host.why')}
          </button>
        )}
        {host.fixedByTool && (
          <button
            type="button"
            class="button nowrap"
            onClick={() => actions.open({ name: 'fix', request: { kind: 'undo', hosts: [host.alias] } })}
          >
            {t('ui.host.undo')}
          </button>
        )}
        {host.status !== 'unchecked' && (
          <button type="button" class="button nowrap" onClick={copy}>
            {t('ui.host.copy-report')}
          </button>
        )}
      </div>
      <details class="tech">
        <summary>{t('ui.host.details')}</summary>
        {host.summary && <p class="summary-text">{msg(host.summary)}</p>}
        {host.evidence.length > 0 ? (
          <ul class="evidence">
            {host.evidence.map((line, index) => (
              <li key={index}>{msg(line)}</li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('ui.host.no-evidence')}</p>
        )}
      </details>
    </div>
  );
}
