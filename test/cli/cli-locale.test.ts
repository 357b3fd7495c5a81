/**
 * `ipqos-doctor watch` and `check` as processes under a Japanese locale
 * (issue 16 §2): watch's notifications and problem lines, and check's
 * verdict sentences, are Japanese through the same catalogs as the app;
 * LC_ALL=C keeps English; `--json` stays English for scripts. Watch's ssh
 * cannot run here and check's host refuses on a loopback port, which needs no
 * lab: the problem, the notification and the verdict are real.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WatchProcess } from '../app/watch-process.ts';
import { runCli } from './run-cli.ts';

async function watchOnce(env: NodeJS.ProcessEnv, json: boolean): Promise<WatchProcess> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-watch-lang-'));
  const config = path.join(dir, 'ssh_config');
  await writeFile(config, 'Host a\n  HostName 127.0.0.1\n');
  const args = ['--config', config, '--state-dir', path.join(dir, 'state'), '--ssh', '/nonexistent/ssh'];
  const watch = new WatchProcess(args, { LC_ALL: '', LC_MESSAGES: '', ...env }, json);
  try {
    if (json) await watch.waitFor((event) => event.type === 'notification');
    else
      for (let waited = 0; !watch.lines.some((line) => line.includes('notification:')); waited += 50) {
        assert.ok(waited < 30_000, `no notification line:\n${watch.lines.join('\n')}\n${watch.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    assert.equal((await watch.stop('SIGTERM')).code, 0);
    return watch;
  } finally {
    watch.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

test('LANG=ja_JP.UTF-8: the notification and the problem are Japanese, human and JSON', async () => {
  const human = await watchOnce({ LANG: 'ja_JP.UTF-8' }, false);
  const line = human.lines.find((text) => text.includes('notification:')) ?? '';
  assert.match(
    line,
    /notification: IPQoS Doctor がホストをチェックできません — OpenSSH クライアントを実行できません/,
  );
  assert.ok(
    human.lines.some((text) =>
      /problem \(ssh-missing\): OpenSSH クライアントを実行できません.* pass --ssh/.test(text),
    ),
    human.lines.join('\n'),
  );
  const json = await watchOnce({ LANG: 'ja_JP.UTF-8' }, true);
  const event = json.events.find((candidate) => candidate.type === 'notification');
  assert.equal(event?.title, 'IPQoS Doctor がホストをチェックできません');
});

test('LC_ALL=C over a Japanese LANG: English', async () => {
  const json = await watchOnce({ LANG: 'ja_JP.UTF-8', LC_ALL: 'C' }, true);
  const event = json.events.find((candidate) => candidate.type === 'notification');
  assert.equal(event?.title, 'IPQoS Doctor cannot check your hosts');
});

test('check under LANG=ja_JP.UTF-8: the verdict and evidence in Japanese; --json and LANG=C in English', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-check-lang-'));
  try {
    const config = path.join(dir, 'ssh_config');
    // Port 9 on loopback refuses: an unreachable verdict, from a real connection attempt.
    await writeFile(config, 'Host closed\n  HostName 127.0.0.1\n  Port 9\n');
    const env = (lang: string) => ({ ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: lang });
    const ja = await runCli(['check', '--config', config], { env: env('ja_JP.UTF-8') });
    assert.equal(ja.code, 0, ja.stderr);
    assert.match(ja.stdout, /closed: マーキングしない接続でも失敗します/);
    const en = await runCli(['check', '--config', config], { env: env('C') });
    assert.match(en.stdout, /closed: Even an unmarked connection fails/);
    const json = await runCli(['check', '--config', config, '--json'], { env: env('ja_JP.UTF-8') });
    const report = JSON.parse(json.stdout) as { hosts: { summary: string }[] };
    assert.doesNotMatch(report.hosts[0]?.summary ?? '', /[\u3040-\u30ff]/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
