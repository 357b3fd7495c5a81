// Which ssh the app runs: the login shell's (real shells, a profile that prints, one that hangs), the known
// places, one entry per real file with its real `ssh -V`, and the user's pick.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { chooseSsh, findSshClients, loginShellSsh, markedPath } from '../../main/platform/user-ssh.ts';
import { execFileSync } from 'node:child_process';
import { hostReportMarkdown } from '../../main/app/report-markdown.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'ipqos-user-ssh-'));
const systemSsh = execFileSync('/bin/sh', ['-c', 'command -v ssh'], { encoding: 'utf8' }).trim();

function script(name: string, body: string): string {
  const file = path.join(temp, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('the user’s ssh', () => {
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('asks a real interactive login shell what `ssh` is', async () => {
    assert.equal(await loginShellSsh('/bin/sh'), systemSsh);
  });

  it('takes the path after whatever a profile prints, and gives up on a shell that hangs', async () => {
    // A stand-in shell that prints a banner and a path of its own, runs what it is given, then prints more.
    const chatty = script(
      'chatty-shell',
      'echo "Welcome, $USER"; echo /usr/local/etc/motd; eval "$4" | sed s,/usr/bin/ssh,/opt/homebrew/bin/ssh,; echo /bye',
    );
    assert.equal(await loginShellSsh(chatty), '/opt/homebrew/bin/ssh');
    const hangs = script('hanging-shell', 'sleep 30');
    const started = Date.now();
    assert.equal(await loginShellSsh(hangs, 300), null);
    assert.ok(Date.now() - started < 3000, 'the deadline holds');
    assert.equal(await loginShellSsh(path.join(temp, 'no-such-shell')), null);
    assert.equal(await loginShellSsh(script('no-ssh', 'echo IPQOS-SSH-BEGIN; echo IPQOS-SSH-END')), null);
    assert.equal(
      markedPath('banner\r\nIPQOS-SSH-BEGIN\r\n/usr/bin/ssh\r\nIPQOS-SSH-END\r\n/x'),
      '/usr/bin/ssh',
    );
    assert.equal(markedPath('IPQOS-SSH-BEGIN\nssh: aliased to ssh -A\nIPQOS-SSH-END'), null);
    assert.equal(markedPath('/usr/bin/ssh'), null, 'no markers, no answer');
  });

  it('lists each real client once, login shell first, with its version; skips what is not OpenSSH', async () => {
    const link = path.join(temp, 'ssh-link');
    symlinkSync(systemSsh, link);
    const fake = script('not-openssh', 'echo "Dropbear v2022.83" >&2');
    const found = await findSshClients({
      fromShell: link,
      known: [path.join(temp, 'absent'), systemSsh, fake],
    });
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0]?.path, link);
    assert.equal(found[0]?.from, 'login-shell');
    assert.match(found[0]?.version ?? '', /^OpenSSH_\d+\.\d+/);
    const fallback = await findSshClients({ fromShell: null, known: [systemSsh] });
    assert.deepEqual(
      fallback.map((c) => [c.path, c.from]),
      [[systemSsh, 'known-path']],
    );
  });

  it('names the client in the report', () => {
    const record = {
      alias: 'web',
      status: 'ok',
      user: 'me',
      hostname: 'web.example',
      port: 22,
      ipqos: { interactive: 'af21', bulk: 'cs1' },
      lastCheckedAt: null,
      lastSessionAt: null,
      fixAlias: null,
      summary: null,
      evidence: [],
    } as unknown as Parameters<typeof hostReportMarkdown>[0];
    const markdown = hostReportMarkdown(record, {
      sshVersion: 'OpenSSH_10.1p1',
      sshPath: '/opt/homebrew/bin/ssh',
      network: null,
      configFile: '~/.ssh/config',
      generatedAt: '2026-12-04T00:00:00Z',
    });
    assert.match(markdown, /- ssh: OpenSSH_10\.1p1 \(`\/opt\/homebrew\/bin\/ssh`\);/);
  });

  it('keeps the user’s pick while it exists, else the first found', () => {
    const a = { path: '/opt/homebrew/bin/ssh', version: 'OpenSSH_10.1p1', from: 'login-shell' as const };
    const b = { path: '/usr/bin/ssh', version: 'OpenSSH_10.0p2', from: 'known-path' as const };
    assert.equal(chooseSsh([a, b], '/usr/bin/ssh'), b);
    assert.equal(chooseSsh([a, b], '/gone/ssh'), a);
    assert.equal(chooseSsh([a, b], null), a);
    assert.equal(chooseSsh([], null), null);
  });
});
