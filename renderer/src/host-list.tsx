/**
 * Hosts, problems first (the contract's HOST_STATUSES order). One row button
 * per host in a roving tab stop: Tab enters and leaves the list, the arrows
 * (and Home/End) move between hosts, Return or Space opens a host's details.
 * VoiceOver hears a short label per row ("nas, Needs IPQoS 0") with the
 * address as its description, and the arrow-key hint once, for the list.
 */
import { memo } from 'preact/compat';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { HOST_STATUSES, type AppState, type HostView } from '../../main/shared/ipc-contract.ts';
import { relativeTime } from './format.ts';
import { HostDetails, type RowProps } from './host-details.tsx';
import { useT } from './i18n.ts';
import { Spinner, StatusIcon } from './icons.tsx';
import { MiddleTruncate } from './truncate.tsx';

/** Rows in the first frame (more than the popover shows); the rest follow in chunks, one a frame. */
const FIRST_ROWS = 40;
const ROWS_PER_FRAME = 60;

let remembered: ReadonlySet<string> = new Set();

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
  // Opened hosts stay open across a visit to Fix, Why? or Settings (the list remounts on return).
  const [open, setOpen] = useState<ReadonlySet<string>>(() => remembered);
  useEffect(() => {
    remembered = open;
  }, [open]);
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

  // A full check re-checks every host: until a row's result is newer than the check's start, it is
  // in flight (a spinner, dimmed). A re-check of a few hosts does not say which: no spinners then.
  const check = props.state.check;
  const startedAt = useRef<number | null>(null);
  if (!check.running) startedAt.current = null;
  else startedAt.current ??= Date.now();
  const checkable = hosts.filter((host) => host.status !== 'excluded').length;
  const fullRun = check.running && check.total >= checkable && check.total > 0;
  const inFlight = (host: HostView): boolean =>
    fullRun &&
    host.status !== 'excluded' &&
    (host.lastCheckedAt === null || Date.parse(host.lastCheckedAt) < (startedAt.current ?? 0) - 1000);

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
      <ul class="host-list" ref={list} onKeyDown={onKeyDown} aria-describedby="hosts-hint">
        {hosts.slice(0, limit).map((host, index) => (
          <HostRow
            key={host.alias}
            host={host}
            now={props.now}
            tabbable={index === activeIndex}
            expanded={open.has(host.alias)}
            inFlight={inFlight(host)}
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

/** Every push carries fresh host objects: compare a host by value, the rest by identity. */
function sameRow(previous: RowProps, next: RowProps): boolean {
  for (const key of Object.keys(next) as Array<keyof RowProps>) {
    if (key === 'host') continue;
    if (previous[key] !== next[key]) return false;
  }
  return previous.host === next.host || JSON.stringify(previous.host) === JSON.stringify(next.host);
}

/** `user@host:port`, as ssh would connect. */
export function addressOf(host: HostView): string {
  return `${host.user ? `${host.user}@` : ''}${host.hostname}:${host.port}`;
}

export function rowId(alias: string): string {
  return `host-${alias.replace(/[^\w-]/g, '_')}`;
}

const HostRow = memo(function HostRow(props: RowProps) {
  const { t, lang } = useT();
  const { host } = props;
  const id = rowId(host.alias);
  const words = t(`ui.status.${host.status}`);
  const checked = props.inFlight
    ? t('ui.host.in-flight')
    : host.lastCheckedAt
      ? t('ui.host.checked', { when: relativeTime(lang, host.lastCheckedAt, props.now) })
      : t('ui.host.never-checked');
  return (
    <li
      class={`host status-${host.status} ${props.expanded ? 'expanded' : ''} ${props.inFlight ? 'in-flight' : ''}`}
    >
      <button
        type="button"
        class="row-button"
        tabIndex={props.tabbable ? 0 : -1}
        aria-expanded={props.expanded}
        aria-controls={`${id}-details`}
        aria-describedby={`${id}-address`}
        aria-busy={props.inFlight}
        onClick={() => props.onToggle(host.alias)}
        onFocus={() => props.onFocusRow(props.index)}
      >
        {props.inFlight ? <Spinner /> : <StatusIcon status={host.status} />}
        {/* The row's name is its short label, "nas, Needs IPQoS 0"; the address is its description. */}
        <span class="row-line">
          <MiddleTruncate class="alias" text={host.alias} suffix={t('ui.host.label-separator')} />
          <span class="checked" aria-hidden="true">
            {checked}
          </span>
        </span>
        <span class="row-line row-second">
          <span class="status-words">{words}</span>
          <span class="target" id={`${id}-address`} title={addressOf(host)} aria-hidden="true">
            {addressOf(host)}
          </span>
        </span>
      </button>
      {props.expanded && <HostDetails id={`${id}-details`} {...props} />}
    </li>
  );
}, sameRow);
