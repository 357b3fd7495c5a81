/**
 * The default gateway and its MAC, read the cheapest way each system allows:
 * on Linux the kernel's own tables (/proc/net/route, /proc/net/arp: no child
 * process); on macOS `route -n get default` and `arp -n`.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export interface DefaultGateway {
  interface: string;
  address: string;
  /** Lower-case, colon-separated; null when the neighbour table has no entry. */
  mac: string | null;
}

/** /proc/net/route stores addresses as little-endian hex: 0101A8C0 is 192.168.1.1. */
function hexToIpv4(hex: string): string {
  const bytes = [6, 4, 2, 0].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return bytes.join('.');
}

export function parseProcRoute(text: string): { interface: string; address: string } | null {
  let best: { interface: string; address: string; metric: number } | null = null;
  for (const line of text.split('\n').slice(1)) {
    const [iface, destination, gateway, flags, , , metric, mask] = line.trim().split(/\s+/);
    if (!iface || destination !== '00000000' || mask !== '00000000' || !gateway) continue;
    const up = (Number.parseInt(flags ?? '0', 16) & 0x1) !== 0;
    if (!up) continue;
    const candidate = { interface: iface, address: hexToIpv4(gateway), metric: Number(metric ?? 0) };
    if (!best || candidate.metric < best.metric) best = candidate;
  }
  return best && { interface: best.interface, address: best.address };
}

export function parseProcArp(text: string, address: string): string | null {
  for (const line of text.split('\n').slice(1)) {
    const [ip, , flags, mac] = line.trim().split(/\s+/);
    if (ip === address && mac && flags !== '0x0' && mac !== '00:00:00:00:00:00') return mac.toLowerCase();
  }
  return null;
}

export function parseRouteGet(text: string): { interface: string; address: string } | null {
  const gateway = /^\s*gateway:\s*(\S+)/m.exec(text)?.[1];
  const iface = /^\s*interface:\s*(\S+)/m.exec(text)?.[1];
  return gateway && iface ? { interface: iface, address: gateway } : null;
}

export function parseArpN(text: string): string | null {
  const mac = /\bat\s+([0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5})\b/i.exec(text)?.[1];
  // macOS prints a4:5e:60:1:2:3; pad so the same router always gives the same text.
  return mac
    ? mac
        .split(':')
        .map((part) => part.padStart(2, '0').toLowerCase())
        .join(':')
    : null;
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 2000, encoding: 'utf8' }, (error, stdout) =>
      resolve(error ? '' : stdout),
    );
  });
}

export async function readDefaultGateway(
  platform: NodeJS.Platform = process.platform,
): Promise<DefaultGateway | null> {
  if (platform === 'linux') {
    const route = parseProcRoute(await readFile('/proc/net/route', 'utf8').catch(() => ''));
    if (!route) return null;
    const mac = parseProcArp(await readFile('/proc/net/arp', 'utf8').catch(() => ''), route.address);
    return { ...route, mac };
  }
  if (platform === 'darwin') {
    const route = parseRouteGet(await run('/sbin/route', ['-n', 'get', 'default']));
    if (!route) return null;
    return { ...route, mac: parseArpN(await run('/usr/sbin/arp', ['-n', route.address])) };
  }
  return null;
}
