/**
 * Cheaper logins and shared work, on the lab's real sshd: aliases that are
 * the same ssh on one path are tested once, a login prefers a cheap key
 * exchange the server offers, and falls back to the user's own choice when
 * the server offers none.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { checkHosts } from '../../main/core/diagnosis/check-hosts.ts';
import { kexProbeOptions } from '../../main/core/ssh/kex-preference.ts';
import { locateSsh, sshG } from '../../main/core/ssh/ssh-client.ts';
import { toEffectiveHost } from '../../main/core/ssh/ssh-options.ts';
import { hostIn, skipLab as skip, startCheckLab } from './check-fixture.ts';
import type { Lab } from './lab.ts';

let lab: Lab | undefined;
let config: string;

/** sshd logs every login it accepts (`-e`, LogLevel INFO). */
const logins = (): number => (lab?.sshdLog().match(/Accepted publickey for /g) ?? []).length;

function run(bin: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

before(async () => {
  lab = await startCheckLab();
  if (!lab) return;
  config = await lab.writeClientConfig([
    { alias: 'web', port: lab.ports.healthy },
    { alias: 'web-again', port: lab.ports.healthy },
    { alias: 'web-no-login', port: lab.ports.healthy, extra: ['PubkeyAuthentication no'] },
    { alias: 'vm-reset', port: lab.ports.reset },
    { alias: 'vm-reset-again', port: lab.ports.reset },
  ]);
});
after(async () => {
  await lab?.stop();
});

test(
  'aliases that are the same ssh on one path log in once; each gets its own report and fix',
  { skip },
  async () => {
    // The ssh the check runs, recorded on its way to the real one.
    const argvLog = path.join(lab?.dir ?? '', 'ssh-argv.log');
    const recorder = path.join(lab?.dir ?? '', 'ssh-recorder');
    await writeFile(recorder, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${argvLog}'\nexec ssh "$@"\n`);
    await chmod(recorder, 0o755);

    const before = logins();
    const report = await checkHosts({ configFile: config, ssh: recorder });
    // web: one session for web and web-again; web-no-login is another ssh (no key) and fails to log in;
    // vm-reset: one IPQoS 0 run for both.
    assert.equal(logins() - before, 2, `logins accepted:\n${lab?.sshdLog()}`);
    for (const alias of ['web', 'web-again']) {
      assert.equal(hostIn(report, alias).verdict, 'ok', alias);
      assert.equal(hostIn(report, alias).sessionOk, true, alias);
    }
    assert.equal(
      hostIn(report, 'web-no-login').provenBy,
      'screen',
      'a host it cannot log in to shares no session',
    );
    for (const alias of ['vm-reset', 'vm-reset-again']) {
      assert.equal(hostIn(report, alias).verdict, 'needs-ipqos-0', alias);
      assert.equal(hostIn(report, alias).fixAlias, alias, 'each alias gets its own fix');
    }
    assert.deepEqual(report.needsIpqos0.sort(), ['vm-reset', 'vm-reset-again']);

    // Every login preferred curve25519 (the user's list, reordered); ssh -G and -V ran without it.
    const runs = (await readFile(argvLog, 'utf8')).trim().split('\n');
    const logins_ = runs.filter((line) => / -- \S+ true$/.test(line));
    assert.ok(logins_.length >= 3, runs.join('\n'));
    for (const line of logins_) assert.match(line, /-o KexAlgorithms=curve25519-sha256,/, line);
    for (const line of runs.filter((line) => line.startsWith('-G ') || line === '-V'))
      assert.doesNotMatch(line, /KexAlgorithms/, line);
  },
);

test(
  'the cheap key exchange is the one used, and a server without one gets the user’s own choice',
  { skip },
  async () => {
    const client = await locateSsh();
    const host = toEffectiveHost(await sshG(client, { host: 'web', configFile: config }));
    const options = kexProbeOptions(host.kexAlgorithms);
    assert.equal(options.length, 1, `this ssh's default order starts with ${host.kexAlgorithms[0]}`);
    const login = (alias: string, extra: readonly string[], port?: number) =>
      run('ssh', [
        '-v',
        '-T',
        '-F',
        config,
        '-o',
        'BatchMode=yes',
        ...(port ? ['-o', `Port=${port}`] : []),
        ...extra.flatMap((option) => ['-o', option]),
        '--',
        alias,
        'true',
      ]);
    const kexOf = (stderr: string): string | undefined => /kex: algorithm: (\S+)/.exec(stderr)?.[1];

    const own = await login('web', []);
    assert.equal(own.code, 0, own.stderr);
    assert.equal(kexOf(own.stderr), host.kexAlgorithms[0]);
    const cheap = await login('web', options);
    assert.equal(cheap.code, 0, cheap.stderr);
    assert.equal(kexOf(cheap.stderr), 'curve25519-sha256');

    // A second sshd in the lab that offers only expensive key exchanges.
    const port = 2290;
    const sshdConfig = path.join(lab?.dir ?? '', 'sshd_config.expensive-kex');
    const base = (await readFile(path.join(lab?.dir ?? '', 'sshd_config'), 'utf8'))
      .split('\n')
      .filter((line) => !/^(Port|PidFile|Match|\s)/.test(line));
    await writeFile(
      sshdConfig,
      [
        ...base,
        `Port ${port}`,
        `PidFile ${path.join(lab?.dir ?? '', 'sshd-expensive.pid')}`,
        'KexAlgorithms sntrup761x25519-sha512@openssh.com,diffie-hellman-group14-sha256',
        '',
      ].join('\n'),
    );
    const serverHome = path.join(lab?.dir ?? '', 'server-home');
    const sshd = spawn(
      'ip',
      [
        ...['netns', 'exec', lab?.netns ?? '', 'sh', '-c'],
        'mount --bind "$1" "$2" && exec /usr/sbin/sshd -D -e -f "$3"',
        ...['sshd', serverHome, process.env.HOME ?? '/root', sshdConfig],
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        let log = '';
        const timer = setTimeout(() => reject(new Error(`sshd did not listen:\n${log}`)), 10_000);
        sshd.stderr.on('data', (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes(`port ${port}`)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      // The lab's host key, known for this port too.
      const knownHosts = path.join(lab?.dir ?? '', 'known_hosts.expensive-kex');
      const hostKey = (await readFile(lab?.knownHostsFile ?? '', 'utf8')).split('\n')[0]?.split(' ').slice(1);
      await writeFile(knownHosts, `[${lab?.serverAddress}]:${port} ${hostKey?.join(' ')}\n`);
      const fallback = await login('web', [`UserKnownHostsFile=${knownHosts}`, ...options], port);
      assert.equal(fallback.code, 0, fallback.stderr);
      assert.equal(kexOf(fallback.stderr), 'sntrup761x25519-sha512@openssh.com');
    } finally {
      sshd.kill('SIGKILL');
    }
  },
);

test(
  'a host whose settings ssh rejects ends the check with ssh’s message and leaves no ssh running',
  { skip },
  async () => {
    const badConfig = path.join(lab?.dir ?? '', 'ssh_config.bad');
    // %z is no token: ssh -G fails for this alias only, while the others are being probed.
    await writeFile(badConfig, `${await readFile(config, 'utf8')}\nHost zz-bad\n  HostName %z\n`);
    const slow = await lab?.writeClientConfig([{ alias: 'hangs', port: lab.ports.drop }]);
    await writeFile(badConfig, `${await readFile(slow ?? '', 'utf8')}\n${await readFile(badConfig, 'utf8')}`);
    await assert.rejects(
      checkHosts({ configFile: badConfig }),
      /OpenSSH rejects the configuration for "zz-bad"/,
    );
    const left = await run('pgrep', ['-f', badConfig]);
    assert.equal(left.code, 1, 'no ssh of this check is left running');
  },
);
