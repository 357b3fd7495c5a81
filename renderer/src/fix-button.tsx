/** The default action for a host that needs IPQoS 0: opens the fix view (for a ProxyJump host, its hop's). */
import { useActions } from './actions.ts';
import { useT } from './i18n.ts';

export function FixButton(props: { fixAlias: string; hop: string | null }) {
  const { t } = useT();
  const actions = useActions();
  const { fixAlias, hop } = props;
  return (
    <button
      type="button"
      class="button primary nowrap"
      onClick={() => actions.open({ name: 'fix', request: { kind: 'fix', hosts: [fixAlias] } })}
    >
      {hop ? t('ui.host.fix-jump', { hop }) : t('ui.host.fix')}
    </button>
  );
}
