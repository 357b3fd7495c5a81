import { lookupAll } from '../ssh/host-lookup.ts';
import type { EffectiveHost } from '../ssh/ssh-options.ts';

/** Where a direct connection of ssh's goes, and what else about it decides what the path does with it. */
export interface NetworkPath {
  /** Address and port: one server, whatever names point at it (the per-server connection limit counts these). */
  endpoint: string;
  /**
   * Aliases with the same key are one test: the same endpoint and the same ssh
   * in every other setting (marking, user, keys, source address, ConnectTimeout,
   * which moves macOS ssh to marking from the SYN on). A host ssh can log in to
   * and one it cannot are two tests, even on one path.
   */
  key: string;
}

/**
 * The path of a host ssh connects to directly (the route, ProxyJump or
 * ProxyCommand, is decided before: a jump host's own path is what gets probed).
 * The name resolves like ssh's getaddrinfo, to its first address; a name that
 * does not resolve keys by itself, and the probe reports it unreachable.
 */
export async function networkPath(host: EffectiveHost): Promise<NetworkPath> {
  const family = host.addressFamily === 'inet' ? 4 : host.addressFamily === 'inet6' ? 6 : 0;
  let address = host.hostname.toLowerCase();
  try {
    address = (await lookupAll(host.hostname, family))[0]?.address ?? address;
  } catch {
    // Unresolvable: the raw probe says so.
  }
  const endpoint = address.includes(':') ? `[${address}]:${host.port}` : `${address}:${host.port}`;
  const key = `${endpoint} ${host.settingsDigest}`;
  return { endpoint, key };
}
