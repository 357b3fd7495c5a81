/**
 * Hosts, problems first (the contract's HOST_STATUSES order). One row button
 * per host in a roving tab stop: Tab enters and leaves the list, the arrows
 * (and Home/End) move between hosts, Enter or Space opens a host's details.
 */
import { memo } from 'preact/compat';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { HOST_STATUSES, type AppState, type HostView } from '../../main/shared/ipc-contract.ts';
import { invoke } from './api.ts';
import { useActions } from './actions.ts';
import { relativeTime } from './format.ts';
import { useT, type Translator } from './i18n.ts';
import { StatusIcon } from './icons.tsx';

/** Rows in the first frame (more than the popover shows); the rest follow in chunks, one a frame. */
const FIRST_ROWS = 40;
const ROWS_PER_FRAME = 60;

const RANK = new Map(HOST_STATUSES.map((status, index) => [status, index]));

export function sortHosts(hosts: readonly HostView[]): HostView[] {
  // Array.prototype.sort is stable: within a status the controller's order stays.
  return [...hosts].sort((a, b) => (RANK.get(a.status) ?? 99) - (RANK.get(b.status) ?? 99));
}

export function HostList(props: {
  state: AppState;
  now: number;
  focusAlias: string | null;
  onFocused: () => void;
}) {
  const { t } = useT();
  const hosts = useMemo(() => sortHosts(props.state.hosts), [props.state.hosts]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const list = useRef<HTMLUListElement>(null);
  const activeIndex = Math.min(active, hosts.length - 1);
  // Progressive: a long list renders in short slices, so no frame is held up (500 hosts < 50 ms each).
  const [limit, setLimit] = useState(FIRST_ROWS);
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    if (limit >= hosts.length) return;
    const frame = requestAnimationFrame(() => setLimit((current) => current + ROWS_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [limit, hosts.length]);
  useEffect(() => {
    if (pendingFocus.current !== null && pendingFocus.current < limit) {
      const index = pendingFocus.current;
      pendingFocus.current = null;
      focusRow(index);
    }
  });

  const focusRow = (index: number) => {
    setActive(index);
    if (index >= limit) {
      // Not rendered yet (End, or a notification's host far down): render all, then focus.
      pendingFocus.current = index;
      setLimit(hosts.length);
      return;
    }
    const button = list.current?.querySelectorAll<HTMLButtonElement>('.row-button')[index];
    button?.focus();
  };

  // A clicked notification opens its host.
  useEffect(() => {
    if (!props.focusAlias) return;
    const alias = props.focusAlias;
    const index = hosts.findIndex((host) => host.alias === alias);
    if (index >= 0) {
      setOpen((previous) => new Set(previous).add(alias));
      focusRow(index);
    }
    props.onFocused();
  }, [props.focusAlias]);

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('row-button')) return;
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      Home: 0,
      End: hosts.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusRow(Math.max(0, Math.min(hosts.length - 1, next)));
  };

  // Stable callbacks, so a state push re-renders only the rows whose host changed.
  const toggle = useCallback(
    (alias: string) =>
      setOpen((previous) => {
        const next = new Set(previous);
        if (!next.delete(alias)) next.add(alias);
        return next;
      }),
    [],
  );

  return (
    <section class="hosts" aria-labelledby="hosts-heading">
      <h2 id="hosts-heading" class="section-title">
        {t('ui.hosts.label')} <span class="count">{t('ui.hosts.count', { count: hosts.length })}</span>
      </h2>
      <p id="hosts-hint" class="visually-hidden">
        {t('ui.hosts.hint')}
      </p>
      <ul class="host-list" ref={list} onKeyDown={onKeyDown}>
        {hosts.slice(0, limit).map((host, index) => (
          <HostRow
            key={host.alias}
            host={host}
            now={props.now}
            tabbable={index === activeIndex}
            expanded={open.has(host.alias)}
            onToggle={toggle}
            index={index}
            onFocusRow={setActive}
            configFile={props.state.configFile}
          />
        ))}
      </ul>
    </section>
  );
}

interface RowProps {
  host: HostView;
  now: number;
  tabbable: boolean;
  expanded: boolean;
  onToggle: (alias: string) => void;
  index: number;
  onFocusRow: (index: number) => void;
  configFile: string;
}

/** Every push carries fresh host objects: compare a host by value, the rest by identity. */
function sameRow(previous: RowProps, next: RowProps): boolean {
  for (const key of Object.keys(next) as Array<keyof RowProps>) {
    if (key === 'host') continue;
    if (previous[key] !== next[key]) return false;
  }
  return previous.host === next.host || JSON.stringify(previous.host) === JSON.stringify(next.host);
}

const HostRow = memo(function HostRow(props: RowProps) {
  const tr = useT();
  const { t, lang } = tr;
  const { host } = props;
  const detailsId = `host-${host.alias.replace(/[^\w-]/g, '_')}-details`;
  const checked = host.lastCheckedAt
    ? t('ui.host.checked', { when: relativeTime(lang, host.lastCheckedAt, props.now) })
    : t('ui.host.never-checked');
  return (
    <li class={`host status-${host.status} ${props.expanded ? 'expanded' : ''}`}>
      <button
        type="button"
        class="row-button"
        tabIndex={props.tabbable ? 0 : -1}
        aria-expanded={props.expanded}
        aria-controls={detailsId}
        aria-describedby="hosts-hint"
        onClick={() => props.onToggle(host.alias)}
        onFocus={() => props.onFocusRow(props.index)}
      >
        <StatusIcon status={host.status} />
        <span class="row-main">
          <span class="alias">{host.alias}</span>
          <span class="target">
            {host.user ? `${host.user}@` : ''}
            {host.hostname}:{host.port}
          </span>
        </span>
        <span class="row-side">
          <span class="status-words">{t(`ui.status.${host.status}`)}</span>
          <span class="checked">{checked}</span>
        </span>
      </button>
      {props.expanded && <HostDetails id={detailsId} {...props} tr={tr} />}
    </li>
  );
}, sameRow);

function HostDetails(props: RowProps & { id: string; tr: Translator }) {
  const { host, tr } = props;
  const actions = useActions();
  const { t, msg } = tr;
  const fixAlias = host.fixAlias;
  const viaJump = fixAlias !== null && fixAlias !== host.alias;
  const copy = async () => {
    const result = await invoke('report:markdown', { alias: host.alias });
    if (!result.ok) return actions.failed(result.error);
    try {
      await navigator.clipboard.writeText(result.value.markdown);
      actions.announce({ kind: 'info', text: t('ui.host.copied') });
    } catch (error) {
      actions.announce({
        kind: 'error',
        text: t('ui.host.copy-failed', { reason: error instanceof Error ? error.message : String(error) }),
      });
    }
  };
  return (
    <div class="details" id={props.id}>
      {host.summary && <p class="summary-text">{msg(host.summary)}</p>}
      {/* The core's own via-jump summary already says where the fix goes. */}
      {viaJump && host.status === 'needs-ipqos-0' && !host.summary?.code.startsWith('verdict.via-jump') && (
        <p class="via-jump">{t('ui.host.via-jump', { hop: host.fixAlias })}</p>
      )}
      {host.fixedByTool && <p class="fixed-badge">{t('ui.host.fixed-by-tool')}</p>}
      <div class="actions">
        {host.status === 'needs-ipqos-0' && fixAlias && (
          <button
            type="button"
            class="button primary"
            onClick={() => actions.open({ name: 'fix', request: { kind: 'fix', hosts: [fixAlias] } })}
          >
            {viaJump ? t('ui.host.fix-jump', { hop: fixAlias }) : t('ui.host.fix')}
          </button>
        )}
        {(host.status === 'needs-ipqos-0' || host.status === 'server-side') && (
          <button
            type="button"
            class="button"
            onClick={() => actions.open({ name: 'why', alias: host.alias })}
          >
            {t('ui.host.why')}
          </button>
        )}
        {host.fixedByTool && (
          <button
            type="button"
            class="button"
            onClick={() => actions.open({ name: 'fix', request: { kind: 'undo', hosts: [host.alias] } })}
          >
            {t('ui.host.undo')}
          </button>
        )}
        {host.status !== 'unchecked' && (
          <button type="button" class="button" onClick={copy}>
            {t('ui.host.copy-report')}
          </button>
        )}
      </div>
      <h3 class="evidence-title">{t('ui.host.evidence')}</h3>
      {host.evidence.length > 0 ? (
        <ul class="evidence">
          {host.evidence.map((line, index) => (
            <li key={index}>{msg(line)}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('ui.host.no-evidence')}</p>
      )}
    </div>
  );
}
