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
  type DefaultGateway,
} from '../../main/platform/default-gateway.ts';
import { PollingNetworkMonitor, fingerprintOf } from '../../main/platform/network-monitor.ts';
import { defaultRouteMonitor, routeEventSource } from '../../main/platform/route-monitor.ts';
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

const v4 = (cidr: string): NetworkInterfaceInfo => ({
  address: cidr.split('/')[0] ?? '',
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:01',
  internal: false,
  cidr,
});
const v6 = (address: string): NetworkInterfaceInfo => ({
  address,
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '00:00:00:00:00:01',
  internal: false,
  cidr: `${address}/64`,
  scopeid: 0,
});
const tick = (ms = 60): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const HOME_ROUTER: DefaultGateway = { interface: 'en0', address: '192.168.1.1', mac: 'a4:5e:60:01:02:03' };

test('address churn without a new network starts nothing; a new gateway fires once', async () => {
  let interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = {
    en0: [v4('192.168.1.20/24'), v6('2001:db8:1:2:aaaa:1:2:3')],
  };
  let gateway: DefaultGateway | null = HOME_ROUTER;
  let reads = 0;
  const monitor = new PollingNetworkMonitor({
    pollMs: 10,
    interfaces: () => interfaces,
    routeSignature: () => '',
    routeEvents: null,
    gateway: () => Promise.resolve(gateway),
    onSample: (sample) => sample.gatewayRead && reads++,
  });
  let changes = 0;
  const off = monitor.onChange(() => changes++);
  try {
    await tick();
    assert.equal(changes, 0);
    // What a Mac does all day without moving: AirDrop, Private Relay, a VM start, IPv6 temporaries, Docker.
    interfaces = {
      ...interfaces,
      awdl0: [v6('fe80::1c2b:3aff:fe4d:5e6f')],
      llw0: [v6('fe80::1c2b:3aff:fe4d:5e70')],
      utun4: [v4('100.64.0.7/32'), v6('fd00:1:2:3::7')],
      bridge100: [v4('192.168.64.1/24')],
      veth3a9: [v4('172.17.0.1/16')],
      'ipqd-d2c4': [v4('10.210.196.1/24')],
    };
    await tick();
    interfaces = { ...interfaces, en0: [v4('192.168.1.20/24'), v6('2001:db8:1:2:bbbb:4:5:6')] };
    await tick();
    interfaces = { ...interfaces, en0: [v4('192.168.1.20/24'), v6('fe80::aa:bb'), v6('2001:db8:1:2::9')] };
    await tick();
    assert.equal(changes, 0, 'no interface churn is a new network');
    assert.equal(reads, 0, 'and none of it even read the gateway');
    // A new address on the same network (DHCP): the gateway is read, and it is the same router.
    interfaces = { ...interfaces, en0: [v4('192.168.1.21/24')] };
    await tick();
    assert.equal(reads, 1);
    assert.equal(changes, 0, 'the same gateway is the same network');
    // Another network: new address and another router.
    interfaces = { ...interfaces, en0: [v4('10.1.2.3/24')] };
    gateway = { interface: 'en0', address: '10.1.2.1', mac: '00:11:22:33:44:55' };
    await tick();
    assert.equal(changes, 1);
  } finally {
    off();
  }
});

test('a route event reads the gateway at once: the default route moving to a tunnel is a change', async () => {
  let wake: (() => void) | null = null;
  const lifecycle: string[] = [];
  let gateway: DefaultGateway | null = HOME_ROUTER;
  const monitor = new PollingNetworkMonitor({
    pollMs: 3_600_000, // the poll never runs here: only the event source wakes
    interfaces: () => ({ en0: [v4('192.168.1.20/24')] }),
    routeSignature: () => '',
    routeEvents: {
      start: (fn) => {
        lifecycle.push('start');
        wake = fn;
      },
      stop: () => lifecycle.push('stop'),
    },
    gateway: () => Promise.resolve(gateway),
  });
  let changes = 0;
  const off = monitor.onChange(() => changes++);
  const second = monitor.onChange(() => undefined);
  assert.deepEqual(lifecycle, ['start'], 'one event source for every listener');
  await tick(10);
  assert.ok(wake);
  (wake as () => void)();
  await tick(10);
  assert.equal(changes, 0, 'a routing message on the same network is nothing');
  gateway = { interface: 'utun4', address: '10.8.0.1', mac: null };
  (wake as () => void)();
  await tick(10);
  assert.equal(changes, 1);
  off();
  assert.deepEqual(lifecycle, ['start']);
  second();
  assert.deepEqual(lifecycle, ['start', 'stop'], 'stopped with the last listener');
});

test('route monitor child: its output wakes once per burst; a missing command leaves the poll alone', async () => {
  let wakes = 0;
  const source = routeEventSource({
    command: '/bin/sh',
    args: ['-c', 'sleep 0.1; echo RTM_ADD; echo RTM_ADD; echo RTM_DELETE; sleep 30'],
    throttleMs: 50,
  });
  source.start(() => wakes++);
  try {
    const deadline = Date.now() + 5000;
    while (wakes === 0 && Date.now() < deadline) await tick(20);
    await tick(200);
    assert.equal(wakes, 1, 'a burst of messages is one wake');
  } finally {
    source.stop();
  }
  const missing = routeEventSource({ command: '/nonexistent/route', args: ['-n', 'monitor'] });
  missing.start(() => wakes++);
  await tick(50);
  missing.stop();
  assert.equal(wakes, 1);
  assert.deepEqual(defaultRouteMonitor('darwin'), { command: '/sbin/route', args: ['-n', 'monitor'] });
  assert.equal(defaultRouteMonitor('linux'), null);
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
