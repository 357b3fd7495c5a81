/**
 * The lab's subnet: a free 10.x.y.0/24 that shadows nothing this machine
 * routes, claimed atomically by creating the veth pair named after it.
 */
import { randomInt } from 'node:crypto';
import { NAME_PREFIX, run, runRaw, tools } from './lab-tools.ts';

function ipv4ToInt(address: string): number | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) {
    return undefined;
  }
  return parts.reduce((value, part) => value * 256 + part, 0);
}

/** Every IPv4 prefix this machine already routes or owns, so a lab subnet never shadows one. */
async function usedPrefixes(): Promise<Array<{ network: number; length: number }>> {
  const [routes, addrs] = await Promise.all([
    run(tools().ip, ['-j', '-4', 'route', 'show', 'table', 'all']),
    run(tools().ip, ['-j', '-4', 'addr', 'show']),
  ]);
  const prefixes: string[] = [];
  for (const route of JSON.parse(routes) as Array<{ dst?: string }>) {
    if (route.dst && route.dst !== 'default') prefixes.push(route.dst);
  }
  for (const link of JSON.parse(addrs) as Array<{
    addr_info?: Array<{ local?: string; prefixlen?: number }>;
  }>) {
    for (const info of link.addr_info ?? [])
      if (info.local) prefixes.push(`${info.local}/${info.prefixlen ?? 32}`);
  }
  return prefixes.flatMap((prefix) => {
    const [address = '', length = '32'] = prefix.split('/');
    const network = ipv4ToInt(address);
    const bits = Number(length);
    return network === undefined || !(bits > 0 && bits <= 32) ? [] : [{ network, length: bits }];
  });
}

function overlaps(a: number, b: { network: number; length: number }): boolean {
  const length = Math.min(24, b.length);
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return (a & mask) >>> 0 === (b.network & mask) >>> 0;
}

/**
 * Picks a free 10.x.y.0/24 and creates the veth pair for it. The root-side
 * interface is named after the subnet, so creating it is an atomic claim:
 * two labs starting at once cannot both get the same subnet.
 */
export async function claimSubnet(state: {
  netns: string;
  veth?: string;
}): Promise<{ x: number; y: number }> {
  const used = await usedPrefixes();
  for (let attempt = 0; attempt < 64; attempt++) {
    const x = randomInt(200, 255);
    const y = randomInt(0, 256);
    if (used.some((prefix) => overlaps(((10 << 24) | (x << 16) | (y << 8)) >>> 0, prefix))) continue;
    const veth = `${NAME_PREFIX}${x.toString(16).padStart(2, '0')}${y.toString(16).padStart(2, '0')}`;
    const created = await runRaw(tools().ip, [
      ...['link', 'add', veth, 'type', 'veth'],
      ...['peer', 'name', 'veth0', 'netns', state.netns],
    ]);
    if (created.code === 0) {
      state.veth = veth;
      return { x, y };
    }
    if (!/exists/i.test(created.stderr)) {
      throw new Error(`ip link add ${veth} failed: ${created.stderr.trim()}`);
    }
  }
  throw new Error('no free 10.200-254.x.0/24 subnet for the lab');
}
