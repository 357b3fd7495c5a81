import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeStaleLabs, requireLab, startLab, type Lab } from './lab.ts';

/** How long a connection a middlebox drops is given before we call it a hang. */
const HANG_MS = 3000;

interface SshResult {
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

// Clients are killed by process group; one left running at exit would hang on a deleted namespace.
const running = new Set<number>();
process.on('exit', () => running.forEach(killGroup));

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The real ssh client with the lab's config; no ConnectTimeout, the timeout comes from outside. */
function ssh(config: string, args: string[], timeoutMs = 15_000): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', ['-F', config, '-o', 'BatchMode=yes', ...args], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid !== undefined) killGroup(pid);
    }, timeoutMs);
    const stderr: Buffer[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      resolve({ code, stderr: Buffer.concat(stderr).toString(), timedOut });
    });
  });
}

const ok = (result: SshResult): void => assert.equal(result.code, 0, `ssh failed: ${result.stderr}`);

function netnsPids(netns: string): number[] {
  try {
    return execFileSync('ip', ['netns', 'pids', netns], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function namespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(Boolean);
}

/** A process is gone once /proc has no entry for it or only a zombie waiting for its parent. */
function isGone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

test('the lab reproduces the field', { concurrency: true }, async (t) => {
  if (!requireLab(t)) return;
  const started = performance.now();
  const lab = await startLab({ addresses: 2 });
  t.diagnostic(`startLab: ${Math.round(performance.now() - started)} ms`);
  t.after(() => lab.stop());
  const { healthy, reset, drop, dropMarked } = lab.ports;
  const config = await lab.writeClientConfig([
    { alias: 'healthy', port: healthy },
    { alias: 'healthy-second-address', address: lab.addresses[1], port: healthy },
    { alias: 'reset', port: reset },
    { alias: 'drop', port: drop },
    { alias: 'drop-marked', port: dropMarked },
    { alias: 'drop-marked-fixed', port: dropMarked, extra: ['IPQoS 0'] },
  ]);
  const knownHosts = await readFile(lab.knownHostsFile);
  const debug = (): string => `sshd log:\n${lab.sshdLog()}`;

  await Promise.all([
    t.test('healthy: both marking sequences work, on every address', async () => {
      const results = await Promise.all([
        ssh(config, ['-T', 'healthy', 'true']),
        ssh(config, ['-tt', 'healthy', 'true']),
        ssh(config, ['-T', 'healthy-second-address', 'true']),
      ]);
      results.forEach(ok);
    }),

    t.test('reset (F2): the switch to bulk at session open gets a TCP reset; IPQoS 0 cures it', async () => {
      const [bulk, fixed, tty] = await Promise.all([
        ssh(config, ['-T', 'reset', 'true']),
        ssh(config, ['-o', 'IPQoS=0', '-T', 'reset', 'true']),
        // A tty keeps the interactive value, so the DSCP never changes.
        ssh(config, ['-tt', 'reset', 'true']),
      ]);
      assert.equal(bulk.code, 255, debug());
      assert.match(bulk.stderr, /client_loop: send disconnect: Broken pipe|Connection reset by/);
      ok(fixed);
      ok(tty);
    }),

    t.test('drop (F1): hangs after login once the DSCP changes; IPQoS 0 cures it', async () => {
      const [bulk, fixed, tty] = await Promise.all([
        ssh(config, ['-v', '-T', 'drop', 'true'], HANG_MS),
        ssh(config, ['-o', 'IPQoS=0', '-T', 'drop', 'true']),
        ssh(config, ['-tt', 'drop', 'true']),
      ]);
      assert.ok(bulk.timedOut, `expected a hang: ${bulk.stderr}`);
      // The marked-from-the-SYN part passed: only the change is punished.
      assert.match(bulk.stderr, /Authenticated to /);
      assert.match(bulk.stderr, /Sending command: true/);
      assert.doesNotMatch(bulk.stderr, /Exit status|Transferred:/);
      ok(fixed);
      ok(tty);
    }),

    t.test('dropMarked (F4): the marked SYN never arrives; IPQoS 0 cures it', async () => {
      const [bulk, tty, fixed, fixedInConfig] = await Promise.all([
        ssh(config, ['-v', '-T', 'drop-marked', 'true'], HANG_MS),
        ssh(config, ['-tt', 'drop-marked', 'true'], HANG_MS),
        ssh(config, ['-o', 'IPQoS=0', '-T', 'drop-marked', 'true']),
        ssh(config, ['-T', 'drop-marked-fixed', 'true']),
      ]);
      assert.ok(bulk.timedOut, `expected a hang: ${bulk.stderr}`);
      assert.doesNotMatch(bulk.stderr, /Connection established/);
      assert.ok(tty.timedOut, `expected a hang: ${tty.stderr}`);
      ok(fixed);
      ok(fixedInConfig);
    }),
  ]);

  assert.deepEqual(await readFile(lab.knownHostsFile), knownHosts, 'ssh must not write known_hosts');
});

test('labs run side by side and stop() leaves nothing behind', async (t) => {
  if (!requireLab(t)) return;
  const started = performance.now();
  const labs = await Promise.all([startLab({ addresses: 3 }), startLab()]);
  t.diagnostic(`two labs at once: ${Math.round(performance.now() - started)} ms`);
  t.after(() => Promise.all(labs.map((lab) => lab.stop())));
  const [first, second] = labs as [Lab, Lab];
  assert.notEqual(first.netns, second.netns);
  assert.notEqual(
    first.serverAddress.split('.').slice(0, 3).join(),
    second.serverAddress.split('.').slice(0, 3).join(),
  );
  assert.deepEqual(
    first.addresses.map((address) => address.split('.').pop()),
    ['2', '3', '4'],
  );
  assert.match(first.netns, /^ipqd-\d+-/);

  const config = await first.writeClientConfig([
    { alias: 'third-address', address: first.addresses[2], port: first.ports.healthy },
    { alias: 'hang', port: first.ports.drop },
  ]);
  const otherConfig = await second.writeClientConfig([{ alias: 'other', port: second.ports.healthy }]);
  ok(await ssh(config, ['-T', 'third-address', 'true']));
  ok(await ssh(otherConfig, ['-T', 'other', 'true']));

  // A hanging session leaves sshd with per-connection children for stop() to find.
  const hanging = ssh(config, ['-T', 'hang', 'true'], HANG_MS);
  let pids = netnsPids(first.netns);
  for (let waited = 0; pids.length < 2 && waited < 5000; waited += 20) {
    await sleep(20);
    pids = netnsPids(first.netns);
  }
  assert.ok(pids.includes(first.sshdPid), `sshd ${first.sshdPid} not among ${pids.join(' ')}`);
  assert.ok(pids.length >= 2, 'sshd has no per-connection child');

  const stopping = performance.now();
  await first.stop();
  t.diagnostic(`stop: ${Math.round(performance.now() - stopping)} ms`);
  await first.stop(); // Idempotent.

  assert.ok(!namespaces().includes(first.netns), 'namespace survived stop()');
  assert.ok(namespaces().includes(second.netns), 'the other lab must survive');
  for (const pid of pids) assert.ok(isGone(pid), `process ${pid} survived stop()`);
  assert.equal(existsSync(first.dir), false);
  const rootSide = first.serverAddress.replace(/\d+$/, '1');
  assert.ok(
    !execFileSync('ip', ['-4', '-o', 'addr', 'show'], { encoding: 'utf8' }).includes(` ${rootSide}/`),
  );

  // Killing its sshd child closed the hanging connection ("Connection closed by ..."), or the timeout ends it.
  assert.notEqual((await hanging).code, 0);
  ok(await ssh(otherConfig, ['-T', 'other', 'true']));
});

test('a crashed, terminated or killed test process leaves no lab behind', async (t) => {
  if (!requireLab(t)) return;
  const labModule = new URL('./lab.ts', import.meta.url).href;
  const script = `
    const { startLab } = await import(${JSON.stringify(labModule)});
    const lab = await startLab();
    console.log(JSON.stringify({ netns: lab.netns, sshdPid: lab.sshdPid, dir: lab.dir }));
    if (process.argv[1] === 'crash') throw new Error('a test crashed');
    setInterval(() => {}, 1000);
  `;
  type Ending = 'crash' | 'SIGTERM' | 'SIGKILL';
  interface Ended {
    netns: string;
    sshdPid: number;
    dir: string;
    code: number | null;
    signal: NodeJS.Signals | null;
  }
  const labIn = (ending: Ending): Promise<Ended> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, ending], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let started: Omit<Ended, 'code' | 'signal'> | undefined;
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (started || !stdout.includes('\n')) return;
        started = JSON.parse(stdout) as Omit<Ended, 'code' | 'signal'>;
        if (ending !== 'crash') child.kill(ending);
      });
      child.once('close', (code, signal) => {
        if (started) resolve({ ...started, code, signal });
        else reject(new Error(`the lab process ended before its lab started (${signal ?? code}): ${stderr}`));
      });
    });

  const [crashed, terminated, killed] = await Promise.all([
    labIn('crash'),
    labIn('SIGTERM'),
    labIn('SIGKILL'),
  ]);
  assert.equal(crashed.code, 1);
  // The handler cleaned up, then let SIGTERM end the process as it would have.
  assert.equal(terminated.signal, 'SIGTERM');
  assert.equal(killed.signal, 'SIGKILL');
  // The exit hook and the signal handler cleaned up. SIGKILL left a stale lab, which removeStaleLabs
  // removes: this one, or that of a lab test running beside us.
  await removeStaleLabs();
  for (const lab of [crashed, terminated, killed]) {
    assert.ok(!namespaces().includes(lab.netns), `${lab.netns} survived`);
    assert.ok(isGone(lab.sshdPid), `sshd ${lab.sshdPid} of ${lab.netns} survived`);
    assert.equal(existsSync(lab.dir), false);
  }
});
