/**
 * Issue 17: no check before the first-run view is answered, and logins only
 * where the login policy and the host's keys allow. The policy is checked as
 * a table; the key detection on real `ssh -G` output and real key files; the
 * controller on the lab, where sshd's own log says whether anyone logged in.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { AppController, HEADLESS_SHELL, type PersistedState } from '../../main/app/app-controller.ts';
import {
  agentSocket,
  allowedSessionHosts,
  consentNeeded,
  promptReason,
  sessionScope,
  type RunReason,
} from '../../main/app/login-consent.ts';
import { locateSsh } from '../../main/core/ssh/ssh-client.ts';
import { parseSshG } from '../../main/core/ssh/ssh-options.ts';
import { JsonSettingsStore } from '../../main/platform/json-settings-store.ts';
import { JsonStateStore } from '../../main/platform/json-state-store.ts';
import { skipLab as skip, startCheckLab } from '../lab/check-fixture.ts';
import type { Lab } from '../lab/lab.ts';
import { FakeClock, MemoryLog, RecordingNotifier, SwitchableNetwork } from './app-test-kit.ts';

const run = promisify(execFile);

test('the policy: nothing before consent; never; Check now only; daily leaves out prompting keys', () => {
  assert.equal(consentNeeded({ loginPolicy: null }), true);
  assert.equal(consentNeeded({ loginPolicy: 'never' }), false);
  const background: RunReason[] = ['launch', 'interval', 'wake', 'network', 'recheck'];
  for (const reason of background) {
    assert.equal(sessionScope(null, reason), 'none');
    assert.equal(sessionScope('never', reason), 'none');
    assert.equal(sessionScope('manual', reason), 'none', reason);
    assert.equal(sessionScope('daily', reason), 'unprompted', reason);
  }
  for (const reason of ['manual', 'after-fix'] as const) {
    assert.equal(sessionScope('never', reason), 'none');
    assert.equal(sessionScope('manual', reason), 'all');
    assert.equal(sessionScope('daily', reason), 'all');
  }
});

test('the agent socket: IdentityAgent, else SSH_AUTH_SOCK; none; a $VARIABLE', () => {
  const env = { SSH_AUTH_SOCK: '/tmp/launchd/Listeners', OP: '/x/1password/agent.sock' };
  assert.equal(agentSocket(parseSshG('user me\n'), env), '/tmp/launchd/Listeners');
  assert.equal(agentSocket(parseSshG('identityagent SSH_AUTH_SOCK\n'), env), '/tmp/launchd/Listeners');
  assert.equal(agentSocket(parseSshG('identityagent none\n'), env), null);
  assert.equal(agentSocket(parseSshG('identityagent $OP\n'), env), '/x/1password/agent.sock');
  assert.equal(agentSocket(parseSshG('identityagent /a/b.sock\n'), {}), '/a/b.sock');
});

/** An unencrypted OpenSSH private key file of `type` (PROTOCOL.key): only its public part is read. */
function opensshKeyFile(type: string): string {
  const str = (value: Buffer | string) => {
    const bytes = Buffer.from(value);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const publicKey = Buffer.concat([str(type), str(Buffer.alloc(32, 7)), str('ssh:')]);
  const blob = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    str('none'),
    str('none'),
    str(''),
    count,
    str(publicKey),
    str(Buffer.alloc(16)),
  ]);
  const body = blob.toString('base64').replace(/(.{70})/g, '$1\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

let home: string;
let config: string;
before(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'ipqd-consent-'));
  await mkdir(path.join(home, '.ssh'), { mode: 0o700 });
  // A real ed25519 key (no prompt), a FIDO key known by its private file, another by its .pub only.
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(home, '.ssh', 'plain')]);
  await writeFile(path.join(home, '.ssh', 'touch'), opensshKeyFile('sk-ssh-ed25519@openssh.com'), {
    mode: 0o600,
  });
  await writeFile(path.join(home, '.ssh', 'fido.pub'), 'sk-ecdsa-sha2-nistp256@openssh.com AAAA fido\n');
  config = path.join(home, 'config');
  await writeFile(
    config,
    [
      'Host plain',
      '  HostName 127.0.0.1',
      '  IdentityAgent none',
      '  IdentityFile ~/.ssh/plain',
      'Host secretive',
      '  HostName 127.0.0.1',
      '  IdentityAgent /Users/me/Library/Containers/com.maxgoedjen.Secretive.SecretAgent/Data/socket.ssh',
      'Host onepassword',
      '  HostName 127.0.0.1',
      '  IdentityAgent "~/Library/Group Containers/2BUA8C4S2C.com.1password/t/agent.sock"',
      'Host touch',
      '  HostName 127.0.0.1',
      '  IdentityAgent none',
      '  IdentityFile ~/.ssh/touch',
      'Host fido',
      '  HostName 127.0.0.1',
      '  IdentityAgent none',
      '  IdentityFile ~/.ssh/fido',
      // ssh -G lists the default key files (id_ecdsa_sk, id_ed25519_sk…) too: absent ones do not count.
      'Host defaults',
      '  HostName 127.0.0.1',
      '',
    ].join('\n'),
  );
});
after(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

test('prompting keys seen in real ssh -G output: Secretive, 1Password, sk- keys; not a plain key', async () => {
  const client = await locateSsh();
  const reasons: Record<string, string | null> = {};
  for (const host of ['plain', 'secretive', 'onepassword', 'touch', 'fido', 'defaults']) {
    const { stdout } = await run(client.bin, ['-G', '-F', config, '--', host]);
    reasons[host] = await promptReason(parseSshG(stdout), { home, env: {} });
  }
  assert.deepEqual(reasons, {
    plain: null,
    secretive: 'agent:secretive',
    onepassword: 'agent:1password',
    touch: 'key:sk',
    fido: 'key:sk',
    defaults: null,
  });
  // SSH_AUTH_SOCK pointing at Secretive counts for a host without IdentityAgent.
  const { stdout } = await run(client.bin, ['-G', '-F', config, '--', 'defaults']);
  const sock = '/Users/me/Library/Containers/com.maxgoedjen.Secretive.SecretAgent/Data/socket.ssh';
  assert.equal(
    await promptReason(parseSshG(stdout), { home, env: { SSH_AUTH_SOCK: sock } }),
    'agent:secretive',
  );
});

test('allowedSessionHosts: a background run under daily skips the prompting hosts; Check now keeps all', async () => {
  const client = await locateSsh();
  const hosts = ['plain', 'secretive', 'touch', 'defaults'];
  const base = { hosts, client, configFile: config, home, env: {} };
  assert.deepEqual(await allowedSessionHosts({ ...base, policy: 'daily', reason: 'interval' }), [
    'plain',
    'defaults',
  ]);
  assert.deepEqual(await allowedSessionHosts({ ...base, policy: 'daily', reason: 'manual' }), hosts);
  assert.deepEqual(await allowedSessionHosts({ ...base, policy: 'manual', reason: 'interval' }), []);
  assert.deepEqual(await allowedSessionHosts({ ...base, policy: 'manual', reason: 'manual' }), hosts);
  assert.deepEqual(await allowedSessionHosts({ ...base, policy: 'never', reason: 'manual' }), []);
});

let lab: Lab | undefined;
before(async () => {
  lab = await startCheckLab();
});
after(async () => {
  await lab?.stop();
});

const logins = (log: string): number => log.match(/Accepted publickey/g)?.length ?? 0;

test(
  'a fresh state: no check and no login before consent; then only what the policy allows',
  { skip },
  async () => {
    assert.ok(lab);
    const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-consent-app-'));
    const labConfig = await lab.writeClientConfig([{ alias: 'alpha', port: lab.ports.healthy }]);
    const log = new MemoryLog();
    const settings = new JsonSettingsStore(path.join(dir, 'settings.json'), log);
    settings.write({ ...settings.read(), configFile: labConfig }); // fresh: loginPolicy stays null
    const clock = new FakeClock();
    const controller = new AppController({
      clock,
      network: new SwitchableNetwork(),
      notifier: new RecordingNotifier(),
      settings,
      store: new JsonStateStore<PersistedState>(path.join(dir, 'state.json'), log),
      log,
      core: { home: dir },
      shell: { ...HEADLESS_SHELL },
    });
    try {
      const before = logins(lab.sshdLog());
      await controller.start();
      await controller.whenIdle();
      controller.trigger('interval');
      assert.deepEqual(await controller.handle('check:run', {}), { started: false, queued: false });
      await controller.whenIdle();
      let state = controller.state();
      assert.equal(state.consentNeeded, true);
      assert.equal(state.lastCheck, null, 'nothing was checked');
      assert.equal(state.hosts[0]?.status, 'unchecked');
      assert.equal(logins(lab.sshdLog()), before, 'sshd saw no login');

      // "Check without logging in": a screen only, and still no login, even on Check now.
      await controller.handle('settings:set', { loginPolicy: 'never' });
      await controller.whenIdle();
      await controller.handle('check:run', {});
      await controller.whenIdle();
      state = controller.state();
      assert.equal(state.consentNeeded, false);
      assert.equal(state.lastCheck?.mode, 'screen');
      assert.equal(state.hosts[0]?.status, 'screened', 'reachable, not logged in: never a plain ok');
      assert.equal(state.hosts[0]?.lastSessionAt, null);
      assert.equal(logins(lab.sshdLog()), before, 'sshd saw no login');

      // "Only when I press Check now": a scheduled run screens; Check now logs in.
      await controller.handle('settings:set', { loginPolicy: 'manual' });
      controller.trigger('interval');
      await controller.whenIdle();
      assert.equal(controller.state().lastCheck?.mode, 'screen');
      assert.equal(logins(lab.sshdLog()), before);
      await controller.handle('check:run', {});
      await controller.whenIdle();
      state = controller.state();
      assert.equal(state.lastCheck?.mode, 'session');
      assert.equal(state.hosts[0]?.status, 'ok');
      assert.ok(logins(lab.sshdLog()) > before, 'Check now logged in');
    } finally {
      await controller.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
