import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { NetworkInterfaceInfo } from 'node:os';
import { test } from 'node:test';
import {
  parseArpN,
  parseProcArp,
  parseProcRoute,
  parseRouteGet,
  readDefaultGateway,
} from '../../main/platform/default-gateway.ts';
import { PollingNetworkMonitor, fingerprintOf } from '../../main/platform/network-monitor.ts';
import { WallClockWake, onBatteryLinux } from '../../main/platform/wall-clock-wake.ts';

const PROC_ROUTE = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0
eth0\t0000000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
`;
const PROC_ARP = `IP address       HW type     Flags       HW address            Mask     Device
10.0.0.1         0x1         0x2         A4:5E:60:01:02:03     *        eth0
10.0.0.9         0x1         0x0         00:00:00:00:00:00     *        eth0
`;

test('Linux: the default route with the lowest metric, and its MAC from the ARP table', () => {
  assert.deepEqual(parseProcRoute(PROC_ROUTE), { interface: 'eth0', address: '10.0.0.1' });
  assert.equal(parseProcArp(PROC_ARP, '10.0.0.1'), 'a4:5e:60:01:02:03');
  assert.equal(parseProcArp(PROC_ARP, '10.0.0.9'), null, 'an incomplete entry is no MAC');
  assert.equal(parseProcRoute('Iface\tDestination\n'), null);
});

test('macOS: route -n get default and arp -n', () => {
  const route =
    '   route to: default\ndestination: default\n       mask: default\n    gateway: 192.168.1.1\n  interface: en0\n';
  assert.deepEqual(parseRouteGet(route), { interface: 'en0', address: '192.168.1.1' });
  assert.equal(parseArpN('? (192.168.1.1) at a4:5e:60:1:2:3 on en0 ifscope [ethernet]'), 'a4:5e:60:01:02:03');
  assert.equal(parseArpN('? (192.168.1.1) at (incomplete) on en0'), null);
});

test('fingerprint: the same router is the same network; another router at the same address is not', () => {
  const home = fingerprintOf({ interface: 'en0', address: '192.168.1.1', mac: 'a4:5e:60:01:02:03' });
  assert.deepEqual(
    fingerprintOf({ interface: 'en0', address: '192.168.1.1', mac: 'a4:5e:60:01:02:03' }),
    home,
  );
  assert.notEqual(
    fingerprintOf({ interface: 'en0', address: '192.168.1.1', mac: '00:11:22:33:44:55' }).id,
    home.id,
  );
  assert.equal(home.label, 'en0 via 192.168.1.1');
  assert.equal(fingerprintOf(null).label, 'no default route');
});

test(
  'this machine: the gateway read from the kernel is the one `ip route` names',
  { skip: process.platform !== 'linux' && 'Linux only' },
  async () => {
    const listed = execFileSync('ip', ['-4', 'route', 'show', 'default'], { encoding: 'utf8' });
    const expected = /default via (\S+) dev (\S+)/.exec(listed);
    const gateway = await readDefaultGateway();
    if (!expected) {
      assert.equal(gateway, null);
      return;
    }
    assert.equal(gateway?.address, expected[1]);
    assert.equal(gateway?.interface, expected[2]);
  },
);

test('the monitor fires once per change of addresses, not while nothing changes, not for local virtual interfaces', async () => {
  const address = (cidr: string): NetworkInterfaceInfo => ({
    address: cidr.split('/')[0] ?? '',
    netmask: '255.255.255.0',
    family: 'IPv4',
    mac: '00:00:00:00:00:01',
    internal: false,
    cidr,
  });
  let interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = { en0: [address('192.168.1.20/24')] };
  const monitor = new PollingNetworkMonitor({
    pollMs: 10,
    interfaces: () => interfaces,
    routeSignature: () => '',
    gateway: () => Promise.resolve(null),
  });
  let changes = 0;
  const off = monitor.onChange(() => changes++);
  try {
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(changes, 0);
    interfaces = {
      ...interfaces,
      veth3a9: [address('172.17.0.1/16')],
      'ipqd-d2c4': [address('10.210.196.1/24')],
    };
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(changes, 0, 'a container or lab interface is not another network');
    interfaces = { en0: [address('10.1.2.3/24')] };
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(changes, 1);
  } finally {
    off();
  }
});

test('wake: a wall-clock jump beyond the monotonic time is a wake; steady time is not', () => {
  let wall = 1_000_000;
  let mono = 5_000;
  const wake = new WallClockWake({
    wall: () => wall,
    monotonic: () => mono,
    jumpMs: 20_000,
    checkEveryMs: 3_600_000,
  });
  let wakes = 0;
  const off = wake.onWake(() => wakes++);
  try {
    wall += 5000;
    mono += 5000;
    wake.sample();
    assert.equal(wakes, 0, 'both clocks moved together');
    wall += 2 * 3_600_000; // two hours asleep: the monotonic clock stood still
    mono += 5000;
    wake.sample();
    assert.equal(wakes, 1);
    wall += 5000;
    mono += 5000;
    wake.sample();
    assert.equal(wakes, 1);
  } finally {
    off();
  }
});

test('battery: unknown or on mains is mains', () => {
  assert.equal(onBatteryLinux('/nonexistent'), false);
});
