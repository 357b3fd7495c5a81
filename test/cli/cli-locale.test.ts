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

/** Runs a human watch of a port-9 loopback host until its first check finishes; returns its lines. */
async function watchClosedHost(env: NodeJS.ProcessEnv, finished: RegExp): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-watch-words-'));
  const config = path.join(dir, 'ssh_config');
  await writeFile(config, 'Host closed\n  HostName 127.0.0.1\n  Port 9\n');
  const args = ['--config', config, '--state-dir', path.join(dir, 'state')];
  const watch = new WatchProcess(args, { LC_ALL: '', LC_MESSAGES: '', ...env }, false);
  try {
    for (let waited = 0; !watch.lines.some((line) => finished.test(line)); waited += 50) {
      assert.ok(waited < 30_000, `no finished check:\n${watch.lines.join('\n')}\n${watch.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal((await watch.stop('SIGTERM')).code, 0);
    return watch.lines;
  } finally {
    watch.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

test("watch's own lines under LANG=ja_JP.UTF-8 are Japanese; under LANG=C English", async () => {
  const ja = await watchClosedHost({ LANG: 'ja_JP.UTF-8' }, /台のホストをチェックしました/);
  const text = ja.join('\n');
  assert.match(
    text,
    /^\d\d:\d\d:\d\d \S+ssh_config のホストを 15m ごとにチェックします（結果は \S+）。Ctrl-C で停止します$/m,
  );
  assert.match(text, /チェック中…$/m);
  assert.match(text, /1 台のホストをチェックしました：接続できません 1 台$/m);
  assert.match(text, /停止しました（SIGTERM）$/m);
  assert.doesNotMatch(text, /watching|checking|checked|stopped/);
  const en = await watchClosedHost({ LANG: 'C' }, /checked 1 host\(s\)/);
  const english = en.join('\n');
  assert.match(english, /watching the hosts in \S+ssh_config every 15m \(results in \S+\); Ctrl-C stops$/m);
  assert.match(english, /checked 1 host\(s\)( on .+)?: 1 unreachable$/m);
  assert.match(english, /stopped \(SIGTERM\)$/m);
});

test("check's table and summary lines under LANG=ja_JP.UTF-8 are Japanese; LC_ALL=C and --json English", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-check-words-'));
  try {
    const config = path.join(dir, 'ssh_config');
    await writeFile(config, 'Host closed\n  HostName 127.0.0.1\n  Port 9\n');
    const env = (vars: NodeJS.ProcessEnv) => ({ ...process.env, LC_ALL: '', LC_MESSAGES: '', ...vars });
    const ja = await runCli(['check', '--config', config], { env: env({ LANG: 'ja_JP.UTF-8' }) });
    assert.equal(ja.code, 0, ja.stderr);
    assert.match(ja.stdout, /^ホスト {2}アドレス {5}判定 {12}時間$/m);
    assert.match(ja.stdout, /^closed {2}127\.0\.0\.1:9 {2}接続できません {2}\d+\.\d 秒$/m);
    assert.match(
      ja.stdout,
      /^このネットワークでは IPQoS 0 が必要なホストはありません。1 台を \d+\.\d 秒でチェックしました（session モード：正常 0 台、サーバー側の問題 0 台、接続できません 1 台、判定できません 0 台、影響なし 0 台）。$/m,
    );
    const en = await runCli(['check', '--config', config], {
      env: env({ LANG: 'ja_JP.UTF-8', LC_ALL: 'C' }),
    });
    assert.match(en.stdout, /^HOST {4}ADDRESS {6}VERDICT {6}TIME$/m);
    assert.match(
      en.stdout,
      /^No host needs IPQoS 0\. 1 checked in \d+\.\d s, session mode \(0 ok, 0 server-side, 1 unreachable, 0 inconclusive, 0 not applicable\)\.$/m,
    );
    const json = await runCli(['check', '--config', config, '--json'], { env: env({ LANG: 'ja_JP.UTF-8' }) });
    assert.doesNotMatch(json.stdout, /[\u3040-\u30ff\u4e00-\u9fff]/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
