/**
 * macOS 15+ Local Network privacy: an app without the permission cannot
 * connect to hosts on the local network. There is no prompt: connect() fails
 * at once with EHOSTUNREACH or EPERM, while the same host works from Terminal
 * (issue 13 §2; the app's ssh children are charged to the app too). Which
 * targets count as local is Apple's: private and link-local addresses and
 * `.local` (Bonjour) names.
 */
import net from 'node:net';

/** The errors macOS gives for a connection its Local Network privacy refused. */
const REFUSED_LOCALLY = new Set(['EHOSTUNREACH', 'EPERM']);

function ipv4Octets(address: string): number[] | undefined {
  if (net.isIPv4(address)) return address.split('.').map(Number);
  // An IPv4-mapped IPv6 address (::ffff:192.168.1.2) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped !== undefined && net.isIPv4(mapped) ? mapped.split('.').map(Number) : undefined;
}

/** RFC 1918, 169.254/16, fc00::/7 (ULA) and fe80::/10 (link-local). */
export function isLocalAddress(address: string): boolean {
  const octets = ipv4Octets(address);
  if (octets) {
    const [a = -1, b = -1] = octets;
    return (
      a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
    );
  }
  if (!net.isIPv6(address)) return false;
  const first = Number.parseInt(address.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/** A target macOS treats as on the local network: its name ends in `.local`, or it is (or resolved to) a local address. */
export function isLocalNetworkTarget(hostname: string, address: string | null): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name.endsWith('.local')) return true;
  const literal = name.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (net.isIP(literal) !== 0) return isLocalAddress(literal);
  return address !== null && isLocalAddress(address.replace(/%.*$/, ''));
}

export interface ConnectFailure {
  platform: NodeJS.Platform;
  /** The socket error that ended the connection attempt. */
  errno: string | null;
  hostname: string;
  /** The address the name resolved to, when known. */
  address: string | null;
}

/** Whether a failed connection is macOS's Local Network privacy at work rather than an unreachable host. */
export function blockedByLocalNetworkPrivacy(failure: ConnectFailure): boolean {
  return (
    failure.platform === 'darwin' &&
    failure.errno !== null &&
    REFUSED_LOCALLY.has(failure.errno) &&
    isLocalNetworkTarget(failure.hostname, failure.address)
  );
}
