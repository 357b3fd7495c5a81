/**
 * Without --config the check reads the config the way `ssh host` does: the
 * user's ~/.ssh/config, then /etc/ssh/ssh_config and its Includes. Tested for
 * real, without touching this machine's ~/.ssh or /etc/ssh: the CLI runs in a
 * private mount namespace where /etc/passwd gives root a temporary home and
 * /etc/ssh is a temporary folder, so the real ssh finds both at their real
 * paths (ssh takes the home from the passwd entry, not $HOME).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { CheckReport } from '../../main/core/verdicts/host-report.ts';
import { CLI } from '../cli/run-cli.ts';
import { hostIn, skipLab as skip, startCheckLab } from './check-fixture.ts';
import type { Lab } from './lab.ts';

let lab: Lab | undefined;
let dir: string;
let home: string;

/** Runs `ipqos-doctor check --json ...` as root with the temporary home and /etc/ssh. */
function checkInNamespace(
  args: readonly string[],
): Promise<{ code: number | null; report: CheckReport; stderr: string }> {
  const script = 'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/ssh && shift 2 && exec "$@"';
  const argv = [
    ...['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh'],
    path.join(dir, 'passwd'),
    path.join(dir, 'etc-ssh'),
    ...[process.execPath, CLI, 'check', '--json', ...args],
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', argv, {
      env: { ...process.env, HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, report: JSON.parse(stdout) as CheckReport, stderr });
      } catch {
        reject(new Error(`check ${args.join(' ')} exited ${code}: ${stderr}${stdout}`));
      }
    });
  });
}

before(async () => {
  lab = await startCheckLab();
  if (!lab) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'ipqos-default-config-'));
  home = path.join(dir, 'home');
  await mkdir(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  await mkdir(path.join(dir, 'etc-ssh', 'ssh_config.d'), { recursive: true });
  const passwd = await readFile('/etc/passwd', 'utf8');
  await writeFile(
    path.join(dir, 'passwd'),
    passwd.replace(/^root:([^:]*):0:0:([^:]*):[^:]*:/m, `root:$1:0:0:$2:${home}:`),
  );
  const common = [
    '  User root',
    `  IdentityFile ${lab.identityFile}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${lab.knownHostsFile}`,
    '  StrictHostKeyChecking yes',
  ];
  // The user's file: sys-reset has no Port of its own; the system config gives it one.
  await writeFile(
    path.join(home, '.ssh', 'config'),
    [
      'Host user-web',
      `  HostName ${lab.serverAddress}`,
      `  Port ${lab.ports.healthy}`,
      ...common,
      'Host sys-reset',
      `  HostName ${lab.serverAddress}`,
      ...common,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  // The system config, with a relative Include (from /etc/ssh) like Debian's and macOS's.
  await writeFile(
    path.join(dir, 'etc-ssh', 'ssh_config'),
    'Include ssh_config.d/*.conf\nHost *\n  SendEnv LANG\n',
  );
  await writeFile(
    path.join(dir, 'etc-ssh', 'ssh_config.d', 'lab.conf'),
    [
      'Host sys-reset',
      `  Port ${lab.ports.reset}`,
      'Host sys-only',
      `  HostName ${lab.serverAddress}`,
      `  Port ${lab.ports.healthy}`,
      ...common,
      '',
    ].join('\n'),
  );
});
after(async () => {
  await lab?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test(
  'the default config is read with the system config and its Includes, as `ssh host` reads it',
  { skip },
  async () => {
    const { code, report, stderr } = await checkInNamespace([]);
    assert.equal(code, 1, stderr);
    assert.equal(report.configFile, null);
    assert.deepEqual(
      report.hosts.map((host) => host.alias),
      ['user-web', 'sys-reset', 'sys-only'],
      'the system config’s own aliases are hosts too',
    );
    assert.equal(hostIn(report, 'user-web').verdict, 'ok');
    const sysReset = hostIn(report, 'sys-reset');
    assert.equal(sysReset.port, lab?.ports.reset, 'the Port came from the system config’s Include');
    assert.equal(sysReset.verdict, 'needs-ipqos-0');
    assert.equal(hostIn(report, 'sys-only').verdict, 'ok');
    assert.equal(hostIn(report, 'sys-only').sessionOk, true);
  },
);

test('check HOST accepts a host only the system config names', { skip }, async () => {
  const { report, stderr } = await checkInNamespace(['sys-only']);
  assert.deepEqual(
    report.hosts.map((host) => host.alias),
    ['sys-only'],
    stderr,
  );
});

test('with --config FILE the system config takes no part (ssh -F)', { skip }, async () => {
  const { report, stderr } = await checkInNamespace(['--config', path.join(home, '.ssh', 'config')]);
  assert.deepEqual(
    report.hosts.map((host) => host.alias),
    ['user-web', 'sys-reset'],
    stderr,
  );
  assert.equal(hostIn(report, 'sys-reset').port, 22);
  assert.equal(hostIn(report, 'sys-reset').verdict, 'unreachable', 'nothing listens on port 22 in the lab');
});
