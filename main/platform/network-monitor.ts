/**
 * Which network the machine is on, and when that changes. The change check is
 * a poll of `os.networkInterfaces()` (in-process, no child process) plus, on
 * Linux, the kernel's route table; the fingerprint is the default gateway's
 * interface, address and MAC, hashed, so the same café router is the same
 * network next week and a different router at the same address is not.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { NetworkFingerprint, NetworkMonitor, Unsubscribe } from '../app/ports.ts';
import { readDefaultGateway, type DefaultGateway } from './default-gateway.ts';
import { PolledListeners } from './polled-listeners.ts';

export const NETWORK_POLL_MS = 5000;

export interface NetworkMonitorOptions {
  pollMs?: number;
  interfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  gateway?: () => Promise<DefaultGateway | null>;
  /** A cheap extra signal of a route change (Linux: /proc/net/route); '' where none is cheap. */
  routeSignature?: () => string;
}

/**
 * Interfaces of local containers, VMs and this project's own test labs come
 * and go without moving the machine to another network (on a Linux desktop
 * with Docker, every container start adds a veth); they are not watched.
 */
const LOCAL_VIRTUAL = /^(veth|docker|br-|virbr|vmnet|vboxnet|lxcbr|lxdbr|cni|flannel|cali|ipqd-)/;

function addressSignature(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]>): string {
  return Object.entries(interfaces)
    .filter(([name]) => !LOCAL_VIRTUAL.test(name))
    .flatMap(([name, infos]) =>
      (infos ?? []).filter((info) => !info.internal).map((info) => `${name} ${info.cidr ?? info.address}`),
    )
    .sort()
    .join('\n');
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
  readonly #listeners: PolledListeners;
  #signature = '';

  constructor(options: NetworkMonitorOptions = {}) {
    this.#interfaces = options.interfaces ?? os.networkInterfaces;
    this.#gateway = options.gateway ?? (() => readDefaultGateway());
    this.#routeSignature =
      options.routeSignature ?? (process.platform === 'linux' ? procRouteSignature : () => '');
    this.#listeners = new PolledListeners(
      options.pollMs ?? NETWORK_POLL_MS,
      () => (this.#signature = this.#sample()),
      () => this.#poll(),
    );
  }

  async current(): Promise<NetworkFingerprint> {
    return fingerprintOf(await this.#gateway());
  }

  onChange(listener: () => void): Unsubscribe {
    return this.#listeners.add(listener);
  }

  #sample(): string {
    return `${addressSignature(this.#interfaces())}\n--\n${this.#routeSignature()}`;
  }

  #poll(): void {
    const signature = this.#sample();
    if (signature === this.#signature) return;
    this.#signature = signature;
    this.#listeners.fire();
  }
}
