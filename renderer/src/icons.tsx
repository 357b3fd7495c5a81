/**
 * Status icons: a distinct shape for each status, so the status never rests on
 * colour alone. Decorative (aria-hidden): the status is also said in words.
 */
import type { HostStatus } from '../../main/shared/ipc-contract.ts';

const PATHS: Record<HostStatus, string> = {
  // Triangle with "!": needs a fix.
  'needs-ipqos-0': 'M8 1.5 15 14.5H1z M8 6v4 M8 11.8v.4',
  // Server box with a cross: the server's side.
  'server-side': 'M2 2.5h12v5H2z M2 8.5h12v5H2z M4.5 5h.01 M4.5 11h.01 M9 4l3 2 M12 4l-3 2',
  // Circle with a slash.
  unreachable: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M3.4 3.4l9.2 9.2',
  // Question mark in a circle.
  inconclusive:
    'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M6 6.2a2 2 0 1 1 2.6 1.9c-.5.2-.6.6-.6 1.2 M8 11.5v.3',
  // Check in a dashed circle: fine as far as screened.
  screened:
    'M8 1.5a6.5 6.5 0 0 1 6.5 6.5 M14.5 8A6.5 6.5 0 0 1 8 14.5 M8 14.5A6.5 6.5 0 0 1 1.5 8 M5 8.2l2 2 4-4',
  // Check in a circle.
  ok: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M5 8.2l2 2 4-4',
  // Dash in a circle: ssh sets no TOS here.
  'not-applicable': 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M5 8h6',
  // Crossed eye-ish: skipped.
  excluded: 'M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8 12.1 12.5 8 12.5 1.5 8 1.5 8z M2.5 13.5l11-11',
  // Empty dotted circle.
  unchecked: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z',
};

export function StatusIcon({ status }: { status: HostStatus }) {
  return (
    <svg
      class={`icon icon-${status}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[status]} />
    </svg>
  );
}

/** A host in flight: a small ring that turns (still, under reduced motion). Decorative. */
export function Spinner() {
  return (
    <svg class="icon spinner" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M8 1.5a6.5 6.5 0 1 1-6.5 6.5" />
    </svg>
  );
}
