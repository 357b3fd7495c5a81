/**
 * Deadlines derived from what the host showed, so a path that drops packets
 * costs well under a second on a LAN and stays fair on a slow link, instead of
 * one fixed 10 s for every host.
 */
export const BASELINE_TIMEOUT_MS = 8000;

const clamp = (value: number, floor: number, ceiling: number): number =>
  Math.round(Math.min(ceiling, Math.max(floor, value)));

/**
 * After the TOS switch the raw probe waits for one more reply to a request
 * it just timed on the same connection: several round trips, and at least
 * enough for one retransmission.
 */
export function switchTimeoutMs(noneRoundTripMs: number): number {
  return clamp(8 * noneRoundTripMs + 400, 600, 8000);
}

/** The first OpenSSH run logs in and runs a command, which the raw probe never did: give it room. */
export function firstOpenSshTimeoutMs(baselineMs: number): number {
  return clamp(10 * baselineMs + 3000, 5000, 20000);
}

/** A run beside one that finished in `referenceMs` does the same work; only the marking differs. */
export function openSshTimeoutMs(referenceMs: number): number {
  return clamp(2 * referenceMs + 750, 1500, 20000);
}
