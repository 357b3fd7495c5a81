/**
 * The test lab: real sshds in a network namespace behind nftables rules that
 * play the middleboxes of the field (see /work/shared/notes/openssh-ipqos.md).
 *
 *   root namespace 10.x.y.1/24 ── veth ── namespace ipqd-<pid>-<rand> 10.x.y.2/24 (+ .3, .4, …)
 *       system sshd (9.2) :2201 healthy :2202 F2 reset :2203 F1 drop :2204 F4 drop marked
 *                         :2205 drops the server's marks :2206 resets on the server's change :2207 drops EF
 *       current sshd (10.1+, `current: true`): the same kinds on :2211 … :2217
 *
 * Its parts: lab-tools (what it needs, runners), lab-subnet, lab-middlebox,
 * lab-sshd, lab-teardown. Needs root on Linux with iproute2, nftables and
 * OpenSSH; `requireLab` skips (or, on CI, fails) a test when the machine
 * cannot host it.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { currentOpenSsh } from '../support/current-openssh.ts';
import {
  CURRENT_PORTS,
  LAB_PORTS,
  middleboxRules,
  verifyMiddleboxRules,
  type LabPorts,
} from './lab-middlebox.ts';
import { keygen, probe, sshdConfig, sshdVersion, startSshd, type SshdServer } from './lab-sshd.ts';
import { claimSubnet } from './lab-subnet.ts';
import { installProcessHooks, liveLabs, removeStaleLabs, teardown, type LabState } from './lab-teardown.ts';
import { NAME_PREFIX, SSHD, labSupport, run, tools } from './lab-tools.ts';

export { CURRENT_PORTS, LAB_PORTS, type LabPorts } from './lab-middlebox.ts';
export { removeStaleLabs } from './lab-teardown.ts';
export { labSupport, requireLab, type LabSupport } from './lab-tools.ts';

export interface LabHost {
  alias: string;
  /** Defaults to the lab's `serverAddress`. */
  address?: string;
  port: number;
  /** More ssh_config lines for this Host block, e.g. `IPQoS 0`. */
  extra?: string[];
}

export interface Lab {
  netns: string;
  /** 10.x.y.2, the first of `addresses`. */
  serverAddress: string;
  /** Every address sshd answers on: 10.x.y.2, 10.x.y.3, … */
  addresses: string[];
  /** The system sshd's ports. */
  ports: LabPorts;
  /** The current sshd (10.1+) and its client, when the lab was started with `current: true`. */
  current: { ports: LabPorts; ssh: string; version: string } | null;
  /** The lab's temp dir; removed by `stop()`. */
  dir: string;
  identityFile: string;
  /** Holds the host key for every address:port; ssh never needs to write it. */
  knownHostsFile: string;
  sshdPid: number;
  /** Writes an ssh client config into `dir` and returns its path. */
  writeClientConfig(hosts: LabHost[]): Promise<string>;
  /** The tail of the sshds' own log (`-e`), for diagnosing a failing test. */
  sshdLog(): string;
  /** Kills every process in the namespace, deletes it and the temp dir. Idempotent. */
  stop(): Promise<void>;
}

export interface LabOptions {
  /** How many server addresses the namespace answers on (default 1, at most 253). */
  addresses?: number;
  /** Also run Debian sid's sshd (10.1+) on CURRENT_PORTS; fails when it cannot be had. */
  current?: boolean;
  /** A netem delay on the namespace's side of the veth, in ms each way (default none). */
  delayMs?: number;
}

/** ssh_config takes a path with spaces only in quotes. */
function configPath(path: string): string {
  return /\s/.test(path) ? `"${path}"` : path;
}

function servers(options: LabOptions): SshdServer[] {
  const system: SshdServer = { name: 'sshd', bin: SSHD, ports: LAB_PORTS, marking: 'lab' };
  if (!options.current) return [system];
  const current = currentOpenSsh();
  if (!current.ok) throw new Error(current.reason);
  return [
    system,
    {
      name: 'sshd-current',
      bin: current.sshd,
      ports: CURRENT_PORTS,
      helpers: { session: current.sshdSession, auth: current.sshdAuth },
      marking: 'own',
    },
  ];
}

/** The namespace, its veth and addresses, and the middlebox rules (loaded before any sshd listens). */
async function network(state: LabState, count: number, delayMs: number | undefined): Promise<string[]> {
  const { ip, nft } = tools();
  await run(ip, ['netns', 'add', state.netns]);
  state.netnsCreated = true;
  const { x, y } = await claimSubnet(state);
  const subnet = `10.${x}.${y}`;
  const addresses = Array.from({ length: count }, (_, index) => `${subnet}.${index + 2}`);
  const rules = async (): Promise<void> => {
    await run(ip, ['netns', 'exec', state.netns, nft, '-f', '-'], middleboxRules());
    await verifyMiddleboxRules(state.netns);
  };
  const inside = [
    'link set lo up',
    ...addresses.map((address) => `addr add ${address}/24 dev veth0`),
    'link set veth0 up',
  ];
  await Promise.all([
    run(ip, ['-batch', '-'], `addr add ${subnet}.1/24 dev ${state.veth}\nlink set ${state.veth} up\n`),
    run(ip, ['-netns', state.netns, '-batch', '-'], inside.map((line) => `${line}\n`).join('')),
    rules(),
  ]);
  if (delayMs !== undefined && delayMs > 0) {
    // Both ends of the veth: a round trip of 2 × delayMs, as on a real path.
    const qdisc = ['qdisc', 'add', 'dev'];
    const netem = ['root', 'netem', 'delay', `${delayMs}ms`];
    await run(ip, ['netns', 'exec', state.netns, 'tc', ...qdisc, 'veth0', ...netem]);
    await run('tc', [...qdisc, state.veth ?? '', ...netem]);
  }
  return addresses;
}

let staleLabsRemoved = false;

/** Starts a lab: the namespace, its middleboxes, and the sshds listening. */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const count = options.addresses ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 253) {
    throw new RangeError(`addresses must be 1..253, not ${count}`);
  }
  const support = labSupport();
  if (!support.ok) throw new Error(`cannot start the lab: ${support.reason}`);
  if (!staleLabsRemoved) {
    staleLabsRemoved = true;
    await removeStaleLabs().catch(() => undefined);
  }
  const sshds = servers(options);

  // The namespace shares the temp dir's unique name, so a stale one leads to its dir.
  const dir = await mkdtemp(join(tmpdir(), `${NAME_PREFIX}${process.pid}-`));
  const state: LabState = { netns: basename(dir), dir, netnsCreated: false, sshds: [], log: '' };
  liveLabs.add(state);
  installProcessHooks();
  try {
    const identityFile = join(dir, 'id_ed25519');
    const knownHostsFile = join(dir, 'known_hosts');
    const [addresses, hostKey, clientKey, versions] = await Promise.all([
      network(state, count, options.delayMs),
      keygen(join(dir, 'ssh_host_ed25519_key'), 'ipqd-lab-host'),
      keygen(identityFile, 'ipqd-lab-client'),
      Promise.all(sshds.map((server) => sshdVersion(server.bin))),
      // sshd's privilege separation refuses to start without it.
      mkdir('/run/sshd', { recursive: true, mode: 0o755 }),
    ]);
    const serverAddress = addresses[0] ?? '';
    const ports = sshds.flatMap((server) => Object.values(server.ports));
    const knownHosts = addresses.flatMap((address) =>
      ports.map((port) => `[${address}]:${port} ${hostKey}\n`),
    );
    await Promise.all([
      writeFile(knownHostsFile, knownHosts.join(''), { mode: 0o600 }),
      writeFile(join(dir, 'authorized_keys'), `${clientKey}\n`, { mode: 0o600 }),
      ...sshds.map((server, index) =>
        writeFile(join(dir, `${server.name}_config`), sshdConfig(dir, server, versions[index]), {
          mode: 0o600,
        }),
      ),
    ]);
    const started = await Promise.all(
      sshds.map((server) => startSshd(state, server, join(dir, `${server.name}_config`))),
    );
    await Promise.all(sshds.map((server) => probe(serverAddress, server.ports.healthy)));
    const current = currentOpenSsh();

    let configs = 0;
    let stopping: Promise<void> | undefined;
    return {
      netns: state.netns,
      serverAddress,
      addresses,
      ports: LAB_PORTS,
      current:
        options.current && current.ok
          ? { ports: CURRENT_PORTS, ssh: current.ssh, version: current.version }
          : null,
      dir,
      identityFile,
      knownHostsFile,
      sshdPid: started[0]?.pid ?? -1,
      async writeClientConfig(hosts) {
        const blocks = hosts.map((host) => {
          if (!/^[^\s#"*?!,]+$/.test(host.alias)) throw new Error(`unusable Host alias "${host.alias}"`);
          return [
            `Host ${host.alias}`,
            `  HostName ${host.address ?? serverAddress}`,
            `  Port ${host.port}`,
            '  User root',
            `  IdentityFile ${configPath(identityFile)}`,
            '  IdentitiesOnly yes',
            `  UserKnownHostsFile ${configPath(knownHostsFile)}`,
            '  StrictHostKeyChecking yes',
            ...(host.extra ?? []).map((line) => `  ${line.trim()}`),
          ].join('\n');
        });
        configs += 1;
        const file = join(dir, `ssh_config.${configs}`);
        await writeFile(file, `${blocks.join('\n\n')}\n`, { mode: 0o600 });
        return file;
      },
      sshdLog: () => state.log,
      stop: () => (stopping ??= teardown(state)),
    };
  } catch (error) {
    await teardown(state).catch(() => undefined);
    throw error;
  }
}
