/**
 * Which network the machine is on, and when that changes. Only a new network
 * starts a check: a change of the default gateway's fingerprint (its
 * interface, address and MAC, hashed, so the same café router is the same
 * network next week and another router at the same address is not), which
 * covers the default route moving to another interface. Addresses come and go
 * without any change of network (on a Mac awdl0/llw0 for AirDrop, utun* for
 * Private Relay and VPNs, bridge1xx for every VM, rotating IPv6 temporary
 * addresses; on Linux veth and bridges): they only wake the fingerprint read.
 *
 * Cost: a poll of `os.networkInterfaces()` (in-process) plus, on Linux, the
 * kernel's route table, every 5 s; the gateway (on macOS two short child
 * processes) is read only when that cheap signature moved, or when macOS's
 * `route -n monitor` (route-monitor.ts, one long-lived child) reports a
 * routing change, which also makes a change seen at once rather than at the
 * next poll. Without that child the poll alone still sees every change.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { NetworkFingerprint, NetworkMonitor, Unsubscribe } from '../app/ports.ts';
import { readDefaultGateway, type DefaultGateway } from './default-gateway.ts';
import { PolledListeners } from './polled-listeners.ts';
import { defaultRouteMonitor, routeEventSource, type RouteEventSource } from './route-monitor.ts';

export const NETWORK_POLL_MS = 5000;

export interface NetworkMonitorOptions {
  pollMs?: number;
  interfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  gateway?: () => Promise<DefaultGateway | null>;
  /** A cheap extra signal of a route change (Linux: /proc/net/route); '' where none is cheap. */
  routeSignature?: () => string;
  /** Route-change events that wake the poll (macOS: `route -n monitor`); null for none. */
  routeEvents?: RouteEventSource | null;
  /** Called with what each wake did, for the bench and tests. */
  onSample?: (sample: { gatewayRead: boolean; changed: boolean }) => void;
}

/**
 * Interfaces that come and go without moving the machine to another network: local containers, VMs and
 * this project's test labs (Linux), and on macOS AirDrop/AWDL (awdl, llw), tunnels (utun, ipsec, ppp:
 * Private Relay, VPNs; a VPN that takes the default route is seen through the gateway), VM bridges
 * (bridge, vmenet), the iPhone/Apple-silicon helpers (anpi, ap, gif, stf).
 */
const NOT_A_NETWORK =
  /^(veth|docker|br-|virbr|vmnet|vboxnet|lxcbr|lxdbr|cni|flannel|cali|ipqd-|awdl|llw|utun|ipsec|ppp|bridge|vmenet|anpi|ap\d|gif|stf)/;

/**
 * What one interface address says about the network: IPv4 as it is; IPv6 only its /64 prefix (temporary
 * addresses rotate inside it), and link-local fe80:: not at all (every interface has one).
 */
function addressKey(info: os.NetworkInterfaceInfo): string | null {
  if (info.internal) return null;
  if (info.family === 'IPv4') return info.cidr ?? info.address;
  const address = info.address.toLowerCase();
  if (address.startsWith('fe80:')) return null;
  const groups = address.split('::')[0]?.split(':') ?? [];
  return `${groups.slice(0, 4).join(':')}::/64`;
}

export function addressSignature(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]>): string {
  const keys = new Set<string>();
  for (const [name, infos] of Object.entries(interfaces)) {
    if (NOT_A_NETWORK.test(name)) continue;
    for (const info of infos ?? []) {
      const key = addressKey(info);
      if (key) keys.add(`${name} ${key}`);
    }
  }
  return [...keys].sort().join('\n');
}

/** The default routes only: routes to local bridges change with every container. */
function procRouteSignature(): string {
  try {
    return readFileSync('/proc/net/route', 'utf8')
      .split('\n')
      .filter((line) => line.split(/\s+/)[1] === '00000000')
      .join('\n');
  } catch {
    return '';
  }
}

export function fingerprintOf(gateway: DefaultGateway | null): NetworkFingerprint {
  if (!gateway) return { id: 'no-default-route', label: 'no default route' };
  const key = `${gateway.interface}|${gateway.address}|${gateway.mac ?? ''}`;
  const id = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return { id, label: `${gateway.interface} via ${gateway.address}` };
}

export class PollingNetworkMonitor implements NetworkMonitor {
  readonly #interfaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  readonly #gateway: () => Promise<DefaultGateway | null>;
  readonly #routeSignature: () => string;
  readonly #routeEvents: RouteEventSource | null;
  readonly #onSample: NetworkMonitorOptions['onSample'];
  readonly #listeners: PolledListeners;
  #signature = '';
  /** The fingerprint last seen; a change fires only when the new one differs. */
  #known: Promise<string> | null = null;
  #reading = false;
  #again = false;
  #active = false;

  constructor(options: NetworkMonitorOptions = {}) {
    this.#interfaces = options.interfaces ?? os.networkInterfaces;
    this.#gateway = options.gateway ?? (() => readDefaultGateway());
    this.#routeSignature =
      options.routeSignature ?? (process.platform === 'linux' ? procRouteSignature : () => '');
    const monitor = options.routeEvents === undefined ? defaultRouteMonitor() : null;
    this.#routeEvents = options.routeEvents ?? (monitor ? routeEventSource(monitor) : null);
    this.#onSample = options.onSample;
    this.#listeners = new PolledListeners(
      options.pollMs ?? NETWORK_POLL_MS,
      () => this.#start(),
      () => this.#poll(false),
    );
  }

  async current(): Promise<NetworkFingerprint> {
    return fingerprintOf(await this.#gateway());
  }

  onChange(listener: () => void): Unsubscribe {
    const off = this.#listeners.add(listener);
    return () => {
      off();
      if (this.#listeners.size() === 0) this.#stop();
    };
  }

  #start(): void {
    this.#active = true;
    this.#signature = this.#sample();
    this.#known = this.current()
      .then((fingerprint) => fingerprint.id)
      .catch(() => 'unknown');
    this.#routeEvents?.start(() => this.#poll(true));
  }

  #stop(): void {
    this.#active = false;
    this.#routeEvents?.stop();
  }

  #sample(): string {
    return `${addressSignature(this.#interfaces())}\n--\n${this.#routeSignature()}`;
  }

  /** `routed`: the route monitor saw a change the cheap signature may not show (a default route via utun). */
  #poll(routed: boolean): void {
    const signature = this.#sample();
    const moved = signature !== this.#signature;
    this.#signature = signature;
    if (!moved && !routed) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    void this.#readFingerprint();
  }

  async #readFingerprint(): Promise<void> {
    this.#reading = true;
    try {
      do {
        this.#again = false;
        const before = await this.#known;
        const now = await this.current().then(
          (fingerprint) => fingerprint.id,
          () => before ?? 'unknown',
        );
        const changed = this.#active && now !== before;
        this.#known = Promise.resolve(now);
        this.#onSample?.({ gatewayRead: true, changed });
        if (changed) this.#listeners.fire();
      } while (this.#again && this.#active);
    } finally {
      this.#reading = false;
    }
  }
}
