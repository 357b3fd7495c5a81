/** An OpenSSH client version as `ssh -V` prints it, e.g. `OpenSSH_9.2p1 Debian-2+deb12u6`. */
export interface OpenSshVersion {
  major: number;
  minor: number;
  /** The whole first line `ssh -V` printed. */
  raw: string;
}

export function parseOpenSshVersion(text: string): OpenSshVersion | undefined {
  const raw = text.split(/\r?\n/)[0]?.trim() ?? '';
  const match = /OpenSSH_(\d+)\.(\d+)/.exec(raw);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), raw };
}

export function atLeast(version: OpenSshVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/**
 * From 8.7 the first IPQoS line that applies wins, like every other option;
 * before, the last one did, even over `-o` (openssh-portable d78642498).
 */
export function ipqosRule(version: OpenSshVersion): 'first-match' | 'last-match' {
  return atLeast(version, 8, 7) ? 'first-match' : 'last-match';
}

/** How this client marks its packets, from the facts in shared/notes/openssh-ipqos.md. */
export function markingBehaviour(version: OpenSshVersion): string {
  if (atLeast(version, 10, 1))
    return 'marks from the SYN on and re-evaluates continually (interactive value while no bulk channel is open)';
  if (atLeast(version, 8, 5))
    return 'marks the interactive value from the SYN on, then sets the session value once when the session opens';
  return 'sends key exchange unmarked and sets the session value once when the session opens';
}
