/**
 * For `npm run bench:app`: how many checks `watch` starts when addresses churn
 * without a new network (expected 0), and when the default gateway changes
 * (expected 1). Real churn: `watch` runs inside a network namespace made here,
 * on an interface with a default route, while addresses are added and
 * removed on it (IPv4 secondaries, IPv6 addresses inside its /64) and on
 * interfaces named like a Mac's churners (awdl0, utun9, bridge100); then the
 * default route moves to another gateway. The namespace goes at the end.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI } from '../cli/run-cli.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface ChurnResult {
  churnChanges: number;
  checksFromChurn: number;
  checksFromNewGateway: number;
  seconds: number;
}

export async function networkChurnBench(churnSeconds = 20): Promise<ChurnResult> {
  const ns = `ipqd-churn-${randomBytes(3).toString('hex')}`;
  const ip = (...args: string[]): void => void execFileSync('ip', ['-n', ns, ...args], { stdio: 'ignore' });
  const dir = mkdtempSync(path.join(tmpdir(), 'ipqd-churn-'));
  execFileSync('ip', ['netns', 'add', ns]);
  let child: ReturnType<typeof spawn> | null = null;
  try {
    ip('link', 'set', 'lo', 'up');
    // veth pairs (both ends here, up) stand in for dummy interfaces, which not every kernel has.
    const link = (name: string): void => {
      ip('link', 'add', name, 'type', 'veth', 'peer', 'name', `${name}p`);
      ip('link', 'set', name, 'up');
      ip('link', 'set', `${name}p`, 'up');
    };
    link('dum0');
    ip('addr', 'add', '10.99.0.2/24', 'dev', 'dum0');
    ip('route', 'add', 'default', 'via', '10.99.0.1', 'dev', 'dum0');
    for (const name of ['awdl0', 'utun9', 'bridge100']) link(name);
    const config = path.join(dir, 'config');
    // One host on a closed loopback port in the namespace: each check is short and reaches nothing.
    writeFileSync(config, 'Host churn-host\n  HostName 127.0.0.1\n  Port 9\n', { mode: 0o600 });
    const events: { type: string }[] = [];
    const started = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns,
        process.execPath,
        CLI,
        'watch',
        '--json',
        '--config',
        config,
        '--interval',
        '1h',
        '--state-dir',
        path.join(dir, 'state'),
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    child = started;
    let buffer = '';
    started.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as { type: string });
    });
    const count = (type: string, from = 0): number =>
      events.slice(from).filter((e) => e.type === type).length;
    const deadline = Date.now() + 60_000;
    while (count('check-finished') === 0 && Date.now() < deadline) await sleep(200);
    if (count('check-finished') === 0)
      throw new Error('watch never finished its first check in the namespace');
    await sleep(4000); // any re-check of the first one
    const beforeChurn = events.length;
    const t0 = performance.now();
    let churnChanges = 0;
    for (let i = 0; performance.now() - t0 < churnSeconds * 1000; i++) {
      const n = (i % 200) + 10;
      ip('addr', 'add', `10.99.0.${n}/24`, 'dev', 'dum0');
      ip('addr', 'add', `2001:db8:99::${n.toString(16)}/64`, 'dev', 'dum0', 'nodad');
      ip('addr', 'add', `fe80::${n.toString(16)}/64`, 'dev', 'awdl0', 'nodad');
      ip('addr', 'add', `100.64.${i % 250}.7/32`, 'dev', 'utun9');
      ip('addr', 'add', `192.168.64.${n}/24`, 'dev', 'bridge100');
      churnChanges += 5;
      await sleep(500);
      ip('addr', 'del', `10.99.0.${n}/24`, 'dev', 'dum0');
      ip('addr', 'del', `2001:db8:99::${n.toString(16)}/64`, 'dev', 'dum0');
      ip('addr', 'del', `fe80::${n.toString(16)}/64`, 'dev', 'awdl0');
      ip('addr', 'del', `100.64.${i % 250}.7/32`, 'dev', 'utun9');
      ip('addr', 'del', `192.168.64.${n}/24`, 'dev', 'bridge100');
      churnChanges += 5;
      await sleep(500);
    }
    await sleep(9000); // a poll (5 s) and the settle time (3 s) after the last change
    const seconds = (performance.now() - t0) / 1000;
    const checksFromChurn = count('check-started', beforeChurn);
    const beforeMove = events.length;
    ip('route', 'replace', 'default', 'via', '10.99.0.254', 'dev', 'dum0');
    await sleep(15_000);
    return {
      churnChanges,
      checksFromChurn,
      checksFromNewGateway: count('check-started', beforeMove),
      seconds,
    };
  } finally {
    child?.kill('SIGTERM');
    await sleep(500);
    child?.kill('SIGKILL');
    execFileSync('ip', ['netns', 'del', ns]);
    rmSync(dir, { recursive: true, force: true });
  }
}
