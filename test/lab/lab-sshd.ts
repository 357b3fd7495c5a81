/**
 * The lab's servers: the system's sshd and, when asked, a current one (10.1+,
 * unpacked from sid), each on its own ports, in the lab's namespace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { LabPorts } from './lab-middlebox.ts';
import type { LabState } from './lab-teardown.ts';
import { COMMAND_TIMEOUT_MS, run, runRaw, tools } from './lab-tools.ts';

const SSHD_START_TIMEOUT_MS = 10_000;
const LOG_TAIL_CHARS = 16_384;

export interface SshdServer {
  /** Names its pid file and its lines in the log. */
  name: string;
  /** The sshd binary (for the current one, a wrapper through sid's loader). */
  bin: string;
  ports: LabPorts;
  /** sshd 10 execs these: wrappers through the same loader. */
  helpers?: { session: string; auth: string };
  /**
   * lab: `IPQoS none` except on the server-direction ports (af21/cs1 from the session there), so
   * the client-direction middleboxes judge only the client. own: the binary's own defaults, as users
   * meet it (10.1+: EF from the banner on, everywhere).
   */
  marking: 'lab' | 'own';
}

export async function sshdVersion(bin: string): Promise<[number, number] | undefined> {
  // Older sshd has no -V but prints the version in its usage message anyway.
  const result = await runRaw(bin, ['-V']);
  const match = /OpenSSH_(\d+)\.(\d+)/.exec(result.stderr + result.stdout);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function sshdConfig(dir: string, server: SshdServer, version: [number, number] | undefined): string {
  const { ports } = server;
  const lines = [
    ...Object.values(ports).map((port) => `Port ${port}`),
    'ListenAddress 0.0.0.0',
    `HostKey ${join(dir, 'ssh_host_ed25519_key')}`,
    `PidFile ${join(dir, `${server.name}.pid`)}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'MaxStartups 200',
    'MaxSessions 100',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    'Subsystem sftp internal-sftp',
  ];
  if (server.helpers) {
    lines.push(`SshdSessionPath ${server.helpers.session}`, `SshdAuthPath ${server.helpers.auth}`);
  }
  // From 9.8 sshd penalises sources whose connections die before auth, which the
  // hanging tests produce on purpose; the healthy port must keep answering.
  if (version && (version[0] > 9 || (version[0] === 9 && version[1] >= 8))) {
    lines.push('PerSourcePenalties no');
  }
  if (server.marking === 'lab') {
    // Last, since a Match block runs to the end of the file: only these ports' sessions mark the server's side.
    // sshd 9.2 takes one port per Match LocalPort.
    lines.push('IPQoS none');
    for (const port of [ports.serverMarks, ports.serverReset, ports.dropEf]) {
      lines.push(`Match LocalPort ${port}`, '  IPQoS af21 cs1');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Starts sshd in the namespace and resolves once it listens on every port. */
export function startSshd(state: LabState, server: SshdServer, config: string): Promise<ChildProcess> {
  // `ip netns exec` gives sshd a mount namespace of its own (a slave of ours), so the lab server can have
  // an empty home of its own: the machine's dotfiles (here a .bashrc whose `pyenv init` forks ~100 processes
  // per login) would otherwise run on every session and make the lab measure them instead of ssh.
  const home = join(state.dir, 'server-home');
  mkdirSync(home, { recursive: true });
  const script = 'mount --bind "$1" "$2" && exec "$3" -D -e -f "$4"';
  const sshdArgs = ['sh', '-c', script, 'sshd', home, userInfo().homedir, server.bin, config];
  const sshd = spawn(tools().ip, ['netns', 'exec', state.netns, ...sshdArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  state.sshds.push(sshd);
  // A test that forgets stop() must not keep the process alive; the exit hook cleans up.
  sshd.unref();
  if (sshd.stderr instanceof Socket) sshd.stderr.unref();
  const waiting = new Set(Object.values(server.ports).map(String));
  let own = '';
  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      reject(new Error(`sshd ${server.name} ${reason}; its log:\n${own}`));
    };
    const timer = setTimeout(() => fail('did not listen in time'), SSHD_START_TIMEOUT_MS);
    // Always drain stderr: sshd and its children block once the pipe is full.
    sshd.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      state.log = (state.log + text).slice(-LOG_TAIL_CHARS);
      if (waiting.size === 0) return;
      own = (own + text).slice(-LOG_TAIL_CHARS);
      for (const match of own.matchAll(/Server listening on 0\.0\.0\.0 port (\d+)\./g))
        waiting.delete(match[1] ?? '');
      if (waiting.size === 0) {
        clearTimeout(timer);
        resolve(sshd);
      }
    });
    sshd.once('error', (error) => fail(`could not start: ${error.message}`));
    // 'close', not 'exit': its last words are read by then.
    sshd.once('close', (code, signal) => fail(`exited (${signal ?? `exit ${code}`})`));
  });
}

/** One TCP connection from the root namespace proves the veth and routing carry traffic. */
export function probe(host: string, port: number): Promise<void> {
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

export async function keygen(file: string, comment: string): Promise<string> {
  await run(tools().sshKeygen, ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  // "type base64 comment": the comment has no place in known_hosts.
  return (await readFile(`${file}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
}
