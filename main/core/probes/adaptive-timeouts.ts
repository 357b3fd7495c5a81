/**
 * Deadlines derived from what the host showed, so a path that drops packets
 * costs about a second on a LAN and stays fair on a slow link, instead of
 * one fixed 10 s for every host.
 */
export const BASELINE_TIMEOUT_MS = 8000;

const clamp = (value: number, floor: number, ceiling: number): number =>
  Math.round(Math.min(ceiling, Math.max(floor, value)));

/** A raw-probe variant repeats the baseline's exchange: a few times its duration is plenty. */
export function variantTimeoutMs(baselineMs: number): number {
  return clamp(3 * baselineMs + 500, 1000, 8000);
}

/** The first OpenSSH run (IPQoS 0, no tty) also logs in and runs a command: give it room. */
export function firstOpenSshTimeoutMs(baselineMs: number): number {
  return clamp(10 * baselineMs + 3000, 5000, 20000);
}

/** Later OpenSSH runs do what the first did; only the marking differs. */
export function openSshTimeoutMs(firstRunMs: number): number {
  return clamp(2 * firstRunMs + 750, 1500, 20000);
}
