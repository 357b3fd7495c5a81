/**
 * How one connection attempt ended, in words shared by both probes. `ok`
 * means the path carried the exchange; the rest say how it did not.
 */
export type NetOutcome =
  | 'ok'
  | 'reset' // a TCP reset or EPIPE: the F2 middlebox, or a server that closed hard
  | 'timeout' // silence until our deadline: the F1/F3/F4 middlebox, or a slow path
  | 'closed' // the server closed the connection cleanly
  | 'refused'
  | 'dns'
  | 'unreachable-network'
  | 'error';

/** Outcomes that say the network path itself carried nothing or broke mid-way. */
export function isPathFailure(outcome: string): boolean {
  return outcome === 'reset' || outcome === 'timeout' || outcome === 'closed';
}

/** Outcomes that mean we never got a conversation at all: not a QoS question. */
export function isUnreachable(outcome: string): boolean {
  return outcome === 'refused' || outcome === 'dns' || outcome === 'unreachable-network';
}

/** Maps a Node socket error code to an outcome. */
export function outcomeOfSocketError(code: string | undefined): NetOutcome {
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset';
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return 'dns';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return 'unreachable-network';
    default:
      return 'error';
  }
}
