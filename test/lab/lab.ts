/**
 * The test lab: a real sshd in a network namespace behind nftables rules that
 * play the middleboxes of the field (see /work/shared/notes/openssh-ipqos.md).
 *
 *   root namespace 10.x.y.1/24 ── veth ── namespace ipqd-<pid>-<rand> 10.x.y.2/24 (+ .3, .4, …)
 *                                         sshd :2201 healthy, :2202 F2 reset, :2203 F1 drop, :2204 F4 drop marked
 *
 * Needs root on Linux with iproute2, nftables and OpenSSH; `requireLab` skips
 * (or, on CI, fails) a test when the machine cannot host it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestContext } from 'node:test';
import { isAlive } from '../../main/core/process/process-alive.ts';

export interface LabPorts {
  /** No middlebox. */
  readonly healthy: number;
  /** F2: a DSCP change answers with a TCP reset, and so does every later packet. */
  readonly reset: number;
  /** F1: a DSCP change silently drops the packet and every later one. */
  readonly drop: number;
  /** F4: every packet with a non-zero DSCP is dropped. */
  readonly dropMarked: number;
  /** F5: sshd marks its own direction here (af21/cs1), and the middlebox drops the server's marked packets. */
  readonly serverMarks: number;
}

export const LAB_PORTS: LabPorts = Object.freeze({
  healthy: 2201,
  reset: 2202,
  drop: 2203,
  dropMarked: 2204,
  serverMarks: 2205,
});

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
  ports: LabPorts;
  /** The lab's temp dir; removed by `stop()`. */
  dir: string;
  identityFile: string;
  /** Holds the host key for every address:port; ssh never needs to write it. */
  knownHostsFile: string;
  sshdPid: number;
  /** Writes an ssh client config into `dir` and returns its path. */
  writeClientConfig(hosts: LabHost[]): Promise<string>;
  /** The tail of sshd's own log (`-e`), for diagnosing a failing test. */
  sshdLog(): string;
  /** Kills every process in the namespace, deletes it and the temp dir. Idempotent. */
  stop(): Promise<void>;
}

export type LabSupport = { ok: true } | { ok: false; reason: string };

const SSHD = '/usr/sbin/sshd';
const NAME_PREFIX = 'ipqd-';
const STALE_NAME = /^ipqd-(\d+)-/;
const NFT_TABLE = 'ipqd_lab';
/** Conntrack mark FIRST | dscp remembers a connection's first DSCP; BROKEN marks one a middlebox gave up on. */
const FIRST = 0x100;
const BROKEN = 0x200;
const COMMAND_TIMEOUT_MS = 10_000;
const SSHD_START_TIMEOUT_MS = 10_000;
const LOG_TAIL_CHARS = 16_384;

// ── Support ─────────────────────────────────────────────────────────────────

function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

interface Tools {
  ip: string;
  nft: string;
  sshKeygen: string;
}

let cachedTools: Tools | undefined;
function tools(): Tools {
  if (cachedTools) return cachedTools;
  const ip = findTool('ip');
  const nft = findTool('nft');
  const sshKeygen = findTool('ssh-keygen');
  if (!ip || !nft || !sshKeygen) throw new Error('lab tools missing; check labSupport() first');
  cachedTools = { ip, nft, sshKeygen };
  return cachedTools;
}

/** Whether this machine can host a lab, and if not, why. */
export function labSupport(): LabSupport {
  if (process.platform !== 'linux') return { ok: false, reason: 'the lab needs Linux network namespaces' };
  if (process.getuid?.() !== 0) {
    return { ok: false, reason: 'the lab needs root (network namespaces, nftables)' };
  }
  try {
    const capEff = /^CapEff:\s*([0-9a-f]+)$/im.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    const caps = BigInt(`0x${capEff ?? '0'}`);
    const CAP_NET_ADMIN = 12n;
    const CAP_SYS_ADMIN = 21n;
    if (!((caps >> CAP_NET_ADMIN) & 1n) || !((caps >> CAP_SYS_ADMIN) & 1n)) {
      return { ok: false, reason: 'the lab needs CAP_NET_ADMIN and CAP_SYS_ADMIN (a privileged container)' };
    }
  } catch {
    // No /proc status: let the tools themselves report.
  }
  const missing = ['ip', 'nft', 'ssh', 'ssh-keygen'].filter((name) => findTool(name) === undefined);
  try {
    accessSync(SSHD, constants.X_OK);
  } catch {
    missing.push(SSHD);
  }
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `the lab needs ${missing.join(', ')} (Debian: apt-get install iproute2 nftables openssh-server openssh-client)`,
    };
  }
  return { ok: true };
}

/** Call first in a lab test: false means skipped. On CI an unsupported machine fails the test instead. */
export function requireLab(t: TestContext): boolean {
  const support = labSupport();
  if (support.ok) return true;
  if (process.env.CI === 'true') {
    throw new Error(`lab tests cannot run on this CI machine: ${support.reason}`);
  }
  t.skip(support.reason);
  return false;
}

// ── Commands ────────────────────────────────────────────────────────────────

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runRaw(file: string, args: readonly string[], input?: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      timeout: COMMAND_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs a tool and returns its stdout; a non-zero exit rejects with its stderr. */
async function run(file: string, args: readonly string[], input?: string): Promise<string> {
  const result = await runRaw(file, args, input);
  if (result.code === 0) return result.stdout;
  throw new Error(
    `${[basename(file), ...args].join(' ')} failed (${result.code === null ? 'killed' : `exit ${result.code}`}): ${result.stderr.trim()}`,
  );
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function parsePids(text: string): number[] {
  return text
    .split('\n')
    .map((line) => Number.parseInt(line, 10))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** Kills everything in the namespace, sshd's per-connection children included, until nothing is left. */
async function killNamespaceProcesses(netns: string): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const result = await runRaw(tools().ip, ['netns', 'pids', netns]);
    if (result.code !== 0) return; // The namespace is gone.
    const pids = parsePids(result.stdout);
    if (pids.length === 0) return;
    pids.forEach(killQuietly);
    await sleep(10);
  }
  throw new Error(`processes in ${netns} survived SIGKILL`);
}

function killNamespaceProcessesSync(netns: string): void {
  for (let round = 0; round < 20; round++) {
    let pids: number[];
    try {
      pids = parsePids(
        execFileSync(tools().ip, ['netns', 'pids', netns], { encoding: 'utf8', stdio: 'pipe' }),
      );
    } catch {
      return;
    }
    if (pids.length === 0) return;
    pids.forEach(killQuietly);
  }
}

// ── Addresses ───────────────────────────────────────────────────────────────

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
async function claimSubnet(state: LabState): Promise<{ x: number; y: number }> {
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

// ── Middleboxes ─────────────────────────────────────────────────────────────

/**
 * nft cannot compare a packet's DSCP with a value stored at runtime, so the
 * first DSCP goes into the conntrack mark through a 64-entry map, and "same
 * DSCP as the first packet" is membership of (dscp . mark) in a 64-pair set.
 * A packet outside that set marks its connection BROKEN, which is outside the
 * set too, so every later packet meets the same fate (VMware NAT style).
 * Only the client→server direction is judged, like a middlebox in front of the
 * client, except on the serverMarks port, where the server's own marked replies
 * are dropped (F5: no client setting can help there).
 */
function middleboxRules(ports: LabPorts): string {
  const dscps = Array.from({ length: 64 }, (_, dscp) => dscp);
  const hex = (value: number): string => `0x${value.toString(16)}`;
  const changing = `{ ${ports.reset}, ${ports.drop} }`;
  return `table inet ${NFT_TABLE} {
  map first_dscp {
    typeof ip dscp : ct mark
    elements = { ${dscps.map((dscp) => `${dscp} : ${hex(FIRST | dscp)}`).join(', ')} }
  }
  set same_dscp {
    typeof ip dscp . ct mark
    elements = { ${dscps.map((dscp) => `${dscp} . ${hex(FIRST | dscp)}`).join(', ')} }
  }
  chain input {
    type filter hook input priority filter; policy accept;
    ct direction original tcp dport ${ports.dropMarked} ip dscp != 0 drop
    ct direction original tcp dport ${changing} ct state new ct mark set ip dscp map @first_dscp
    ct direction original tcp dport ${changing} ip dscp . ct mark != @same_dscp ct mark set ${hex(BROKEN)}
    ct direction original tcp dport ${ports.reset} ct mark ${hex(BROKEN)} reject with tcp reset
    ct direction original tcp dport ${ports.drop} ct mark ${hex(BROKEN)} drop
  }
  chain output {
    type filter hook output priority filter; policy accept;
    ct direction reply tcp sport ${ports.serverMarks} ip dscp != 0 drop
  }
}
`;
}

interface NftObject {
  map?: { name: string; map: string; elem?: Array<[unknown, number]> };
  set?: { name: string; elem?: Array<{ concat: [unknown, number] }> };
  chain?: { name: string; hook?: string; policy?: string };
  rule?: { expr: unknown[] };
}

/**
 * Reads the table back from the kernel. nft 1.0.6 prints the DSCP in a map
 * key or a concatenation as raw payload arithmetic (`ip dscp >> 2`,
 * `(@nh,8,8 & 0xfc) >> 2`) although the bytecode is right, so the check reads
 * JSON and looks for each rule's parts rather than comparing text.
 */
async function verifyMiddleboxRules(netns: string, ports: LabPorts): Promise<void> {
  const listed = await run(tools().ip, [
    'netns',
    'exec',
    netns,
    tools().nft,
    '-j',
    'list',
    'table',
    'inet',
    NFT_TABLE,
  ]);
  const objects = (JSON.parse(listed) as { nftables: NftObject[] }).nftables;
  // Element order follows the kernel's set backend; compare the marks sorted.
  const sorted = (values: number[] | undefined): string => [...(values ?? [])].sort((a, b) => a - b).join();
  const marks = Array.from({ length: 64 }, (_, dscp) => FIRST | dscp).join();
  const problems: string[] = [];
  const map = objects.find((object) => object.map?.name === 'first_dscp')?.map;
  if (sorted(map?.elem?.map(([, mark]) => mark)) !== marks) problems.push('map first_dscp');
  const set = objects.find((object) => object.set?.name === 'same_dscp')?.set;
  if (sorted(set?.elem?.map(({ concat: [, mark] }) => mark)) !== marks) problems.push('set same_dscp');
  for (const name of ['input', 'output']) {
    const chain = objects.find((object) => object.chain?.name === name)?.chain;
    if (chain?.hook !== name || chain.policy !== 'accept') problems.push(`chain ${name}`);
  }
  const rules = objects.flatMap((object) => (object.rule ? [JSON.stringify(object.rule.expr)] : []));
  const changing = `{"set":[${ports.reset},${ports.drop}]}`;
  const expected = [
    [`"right":${ports.dropMarked}`, '"field":"dscp"}},"right":"cs0"', '{"drop":null}'],
    [changing, '"key":"state"}},"right":"new"', '"data":"@first_dscp"'],
    [changing, '"right":"@same_dscp"', `"value":${BROKEN}`],
    [`"right":${ports.reset}`, `"right":${BROKEN}`, '{"reject":{"type":"tcp reset"}}'],
    [`"right":${ports.drop}`, `"right":${BROKEN}`, '{"drop":null}'],
    [`"right":${ports.serverMarks}`, '"field":"dscp"}},"right":"cs0"', '{"drop":null}'],
  ];
  if (rules.length !== expected.length) problems.push(`${rules.length} rules instead of ${expected.length}`);
  expected.forEach((parts, index) => {
    const rule = rules[index] ?? '';
    const direction = index === expected.length - 1 ? 'reply' : 'original';
    if (
      !rule.includes(`"key":"direction"}},"right":"${direction}"`) ||
      !parts.every((part) => rule.includes(part))
    ) {
      problems.push(`rule ${index + 1}: ${rule}`);
    }
  });
  if (problems.length > 0) {
    throw new Error(`nft table ${NFT_TABLE} does not read back as written: ${problems.join('; ')}`);
  }
}

// ── sshd ────────────────────────────────────────────────────────────────────

async function sshdVersion(): Promise<[number, number] | undefined> {
  // Older sshd has no -V but prints the version in its usage message anyway.
  const result = await runRaw(SSHD, ['-V']);
  const match = /OpenSSH_(\d+)\.(\d+)/.exec(result.stderr + result.stdout);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function sshdConfig(dir: string, ports: LabPorts, version: [number, number] | undefined): string {
  const lines = [
    ...Object.values(ports).map((port) => `Port ${port}`),
    'ListenAddress 0.0.0.0',
    `HostKey ${join(dir, 'ssh_host_ed25519_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'MaxStartups 200',
    'MaxSessions 100',
    // The server must not mark its own direction: the middleboxes judge the client's.
    'IPQoS none',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'Subsystem sftp internal-sftp',
  ];
  // From 9.8 sshd penalises sources whose connections die before auth, which the
  // hanging tests produce on purpose; the healthy port must keep answering.
  if (version && (version[0] > 9 || (version[0] === 9 && version[1] >= 8))) {
    lines.push('PerSourcePenalties no');
  }
  // Last, since a Match block runs to the end of the file: only this port's sessions mark the server's side.
  lines.push(`Match LocalPort ${ports.serverMarks}`, '  IPQoS af21 cs1');
  return `${lines.join('\n')}\n`;
}

/** Starts sshd in the namespace and resolves once it listens on every port. */
function startSshd(state: LabState, config: string, ports: LabPorts): Promise<ChildProcess> {
  // `ip netns exec` gives sshd a mount namespace of its own (a slave of ours), so the lab server can have
  // an empty home of its own: the machine's dotfiles (here a .bashrc whose `pyenv init` forks ~100 processes
  // per login) would otherwise run on every session and make the lab measure them instead of ssh.
  const home = join(state.dir, 'server-home');
  mkdirSync(home, { recursive: true });
  const script = 'mount --bind "$1" "$2" && exec "$3" -D -e -f "$4"';
  const sshdArgs = ['sh', '-c', script, 'sshd', home, userInfo().homedir, SSHD, config];
  const sshd = spawn(tools().ip, ['netns', 'exec', state.netns, ...sshdArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  state.sshd = sshd;
  // A test that forgets stop() must not keep the process alive; the exit hook cleans up.
  sshd.unref();
  if (sshd.stderr instanceof Socket) sshd.stderr.unref();
  const waiting = new Set(Object.values(ports).map(String));
  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      reject(new Error(`sshd ${reason}; its log:\n${state.log}`));
    };
    const timer = setTimeout(() => fail('did not listen in time'), SSHD_START_TIMEOUT_MS);
    // Always drain stderr: sshd and its children block once the pipe is full.
    sshd.stderr?.on('data', (chunk: Buffer) => {
      state.log = (state.log + chunk.toString()).slice(-LOG_TAIL_CHARS);
      if (waiting.size === 0) return;
      for (const match of state.log.matchAll(/Server listening on 0\.0\.0\.0 port (\d+)\./g))
        waiting.delete(match[1] ?? '');
      if (waiting.size === 0) {
        clearTimeout(timer);
        resolve(sshd);
      }
    });
    sshd.once('error', (error) => fail(`could not start: ${error.message}`));
    sshd.once('exit', (code, signal) => fail(`exited (${signal ?? `exit ${code}`})`));
  });
}

/** One TCP connection from the root namespace proves the veth and routing carry traffic. */
function probe(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(COMMAND_TIMEOUT_MS, () =>
      socket.destroy(new Error(`connect to ${host}:${port} timed out`)),
    );
    socket.once('error', reject);
    socket.connect(port, host, () => {
      socket.destroy();
      resolve();
    });
  });
}

// ── Lifecycle ───────────────────────────────────────────────────────────────

interface LabState {
  netns: string;
  dir: string;
  netnsCreated: boolean;
  veth?: string;
  sshd?: ChildProcess;
  log: string;
}

const liveLabs = new Set<LabState>();
let processHooksInstalled = false;

function teardownSync(state: LabState): void {
  if (state.sshd?.pid) killQuietly(state.sshd.pid);
  const swallow = (action: () => void): void => {
    try {
      action();
    } catch {
      // Best effort while the process dies.
    }
  };
  if (state.netnsCreated) killNamespaceProcessesSync(state.netns);
  if (state.veth) {
    swallow(() => execFileSync(tools().ip, ['link', 'del', state.veth ?? ''], { stdio: 'ignore' }));
  }
  if (state.netnsCreated) {
    swallow(() => execFileSync(tools().ip, ['netns', 'del', state.netns], { stdio: 'ignore' }));
  }
  swallow(() => rmSync(state.dir, { recursive: true, force: true }));
  liveLabs.delete(state);
}

function installProcessHooks(): void {
  if (processHooksInstalled) return;
  processHooksInstalled = true;
  const cleanupAll = (): void => liveLabs.forEach(teardownSync);
  // 'exit' covers a normal end and a crash (uncaught exception, process.exit).
  process.on('exit', cleanupAll);
  // A signal skips 'exit': clean up, then, if nobody else handles the signal, let it end the process.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      cleanupAll();
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

async function teardown(state: LabState): Promise<void> {
  const problems: string[] = [];
  const attempt = async (step: string, action: () => Promise<unknown>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      problems.push(`${step}: ${(error as Error).message}`);
    }
  };
  const sshd = state.sshd;
  if (sshd?.pid !== undefined && sshd.exitCode === null && sshd.signalCode === null) {
    sshd.ref(); // Keep the event loop alive until sshd is reaped.
    const exited = once(sshd, 'exit');
    killQuietly(sshd.pid);
    await attempt('reap sshd', () =>
      Promise.race([
        exited,
        sleep(5000, undefined, { ref: false }).then(() => Promise.reject(new Error('timeout'))),
      ]),
    );
  }
  if (state.netnsCreated) {
    await attempt('kill namespace processes', () => killNamespaceProcesses(state.netns));
  }
  // Deleting the root-side veth removes both ends at once; the namespace alone would go lazily.
  const veth = state.veth;
  if (veth) {
    await attempt('delete veth', async () => {
      const result = await runRaw(tools().ip, ['link', 'del', veth]);
      if (result.code !== 0 && !/cannot find device/i.test(result.stderr)) {
        throw new Error(result.stderr.trim());
      }
    });
  }
  if (state.netnsCreated) {
    await attempt('delete namespace', async () => {
      const result = await runRaw(tools().ip, ['netns', 'del', state.netns]);
      if (result.code !== 0 && !/no such file/i.test(result.stderr)) throw new Error(result.stderr.trim());
    });
  }
  await attempt('remove temp dir', () => rm(state.dir, { recursive: true, force: true }));
  liveLabs.delete(state);
  if (problems.length > 0) throw new Error(`lab ${state.netns} teardown: ${problems.join('; ')}`);
}

async function keygen(file: string, comment: string): Promise<string> {
  await run(tools().sshKeygen, ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  // "type base64 comment": the comment has no place in known_hosts.
  return (await readFile(`${file}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
}

/** ssh_config takes a path with spaces only in quotes. */
function configPath(path: string): string {
  return /\s/.test(path) ? `"${path}"` : path;
}

let staleLabsRemoved = false;

/**
 * Starts a lab. `addresses` (default 1, at most 253) is how many server
 * addresses the namespace answers on: 10.x.y.2, 10.x.y.3, …
 */
export async function startLab(options: { addresses?: number } = {}): Promise<Lab> {
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

  // The namespace shares the temp dir's unique name, so a stale one leads to its dir.
  const dir = await mkdtemp(join(tmpdir(), `${NAME_PREFIX}${process.pid}-`));
  const state: LabState = { netns: basename(dir), dir, netnsCreated: false, log: '' };
  liveLabs.add(state);
  installProcessHooks();
  const ports = LAB_PORTS;
  try {
    const { ip, nft } = tools();
    const network = async (): Promise<string[]> => {
      await run(ip, ['netns', 'add', state.netns]);
      state.netnsCreated = true;
      const { x, y } = await claimSubnet(state);
      const subnet = `10.${x}.${y}`;
      const addresses = Array.from({ length: count }, (_, index) => `${subnet}.${index + 2}`);
      const rules = async (): Promise<void> => {
        // Loaded before sshd starts, so no connection ever slips past the middleboxes.
        await run(ip, ['netns', 'exec', state.netns, nft, '-f', '-'], middleboxRules(ports));
        await verifyMiddleboxRules(state.netns, ports);
      };
      await Promise.all([
        run(ip, ['-batch', '-'], `addr add ${subnet}.1/24 dev ${state.veth}\nlink set ${state.veth} up\n`),
        run(
          ip,
          ['-netns', state.netns, '-batch', '-'],
          [
            'link set lo up',
            ...addresses.map((address) => `addr add ${address}/24 dev veth0`),
            'link set veth0 up',
          ]
            .map((line) => `${line}\n`)
            .join(''),
        ),
        rules(),
      ]);
      return addresses;
    };
    const identityFile = join(dir, 'id_ed25519');
    const knownHostsFile = join(dir, 'known_hosts');
    const config = join(dir, 'sshd_config');
    const [addresses, hostKey, clientKey, version] = await Promise.all([
      network(),
      keygen(join(dir, 'ssh_host_ed25519_key'), 'ipqd-lab-host'),
      keygen(identityFile, 'ipqd-lab-client'),
      sshdVersion(),
      // sshd's privilege separation refuses to start without it.
      mkdir('/run/sshd', { recursive: true, mode: 0o755 }),
    ]);
    const serverAddress = addresses[0] ?? '';
    const knownHosts = addresses.flatMap((address) =>
      Object.values(ports).map((port) => `[${address}]:${port} ${hostKey}\n`),
    );
    await Promise.all([
      writeFile(knownHostsFile, knownHosts.join(''), { mode: 0o600 }),
      writeFile(join(dir, 'authorized_keys'), `${clientKey}\n`, { mode: 0o600 }),
      writeFile(config, sshdConfig(dir, ports, version), { mode: 0o600 }),
    ]);
    const sshd = await startSshd(state, config, ports);
    await probe(serverAddress, ports.healthy);

    let configs = 0;
    let stopping: Promise<void> | undefined;
    return {
      netns: state.netns,
      serverAddress,
      addresses,
      ports,
      dir,
      identityFile,
      knownHostsFile,
      sshdPid: sshd.pid ?? -1,
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

/**
 * Deletes the `ipqd-*` namespaces and temp dirs left by processes that died
 * without cleaning up (SIGKILL, a crashed runner). Returns the names removed.
 */
export async function removeStaleLabs(): Promise<string[]> {
  const deadCreator = (name: string): boolean => {
    const pid = Number(STALE_NAME.exec(name)?.[1]);
    return pid > 0 && pid !== process.pid && !isAlive(pid);
  };
  // `ip netns list` prints "name" or "name (id: N)".
  const namespaces = (await run(tools().ip, ['netns', 'list']))
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(deadCreator);
  const removed: string[] = [];
  for (const netns of namespaces) {
    await killNamespaceProcesses(netns);
    // Its veth goes with it once the last process has left.
    const deleted = await runRaw(tools().ip, ['netns', 'del', netns]);
    if (deleted.code === 0) {
      removed.push(netns);
    } else if (!/no such file/i.test(deleted.stderr)) {
      // "No such file": another process's removeStaleLabs was quicker.
      throw new Error(`ip netns del ${netns}: ${deleted.stderr.trim()}`);
    }
  }
  const dirs = readdirSync(tmpdir()).filter((name) => name.startsWith(NAME_PREFIX) && deadCreator(name));
  await Promise.all(dirs.map((name) => rm(join(tmpdir(), name), { recursive: true, force: true })));
  return [...new Set([...removed, ...dirs])];
}
