import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CLI, runCli } from './run-cli.ts';

async function withDir(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ipqos-unreadable-'));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const env = (dir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  IPQOS_DOCTOR_STATE_DIR: path.join(dir, 'state'),
});
const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;

/** Before issue 15, `Include` of a FIFO blocked fix, undo and check in open(2) for ever. */
test('an Include that reaches a FIFO: fix, undo and check refuse at once in one line (exit 2)', async () => {
  await withDir(async (dir) => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const config = path.join(dir, 'config');
    const text = `Host web\n    HostName 192.0.2.1\nInclude ${fifo}\n`;
    await writeFile(config, text);
    for (const args of [
      ['check', '--config', config, '--mode', 'screen'],
      ['fix', 'web', '--config', config, '--yes'],
      ['undo', '--config', config, '--yes'],
    ]) {
      const started = performance.now();
      const run = await runCli(args, { env: env(dir), timeoutMs: 10_000 });
      assert.equal(run.code, 2, `${args[0]}: ${run.stderr}`);
      assert.ok(performance.now() - started < 5000, `${args[0]} answered in time`);
      assert.match(run.stderr, new RegExp(`${fifo} is not a regular file \\(fifo\\)`));
      assert.doesNotMatch(run.stderr, STACK);
    }
    assert.equal(await readFile(config, 'utf8'), text);
  });
});

/** Before issue 15: 650 MB read, then `RangeError: Invalid string length` with a stack. */
test('Include /dev/zero is one clear line, exit 2, no stack', async () => {
  await withDir(async (dir) => {
    const config = path.join(dir, 'config');
    await writeFile(config, 'Host web\n    HostName 192.0.2.1\nInclude /dev/zero\n');
    const run = await runCli(['check', '--config', config], { env: env(dir), timeoutMs: 10_000 });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^ipqos-doctor: \/dev\/zero is not a regular file \(device\)/);
    assert.doesNotMatch(run.stderr, STACK);
    assert.ok(run.stderr.trim().split('\n').length <= 2, run.stderr);
  });
});

test('a config over the 16 MiB bound is refused before it is read', async () => {
  await withDir(async (dir) => {
    const big = path.join(dir, 'big');
    await writeFile(big, '');
    await truncate(big, 16 * 1024 * 1024 + 1);
    const config = path.join(dir, 'config');
    await writeFile(config, `Host web\n    HostName 192.0.2.1\nInclude ${big}\n`);
    const run = await runCli(['fix', 'web', '--config', config, '--dry-run'], { env: env(dir) });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /big is larger than 16 MiB, too large for an ssh config; it was not read/);
    assert.doesNotMatch(run.stderr, STACK);
  });
});

/**
 * Ctrl-C while the work ignores its AbortSignal (as a blocked read did): the
 * command still ends within a second, with its message, exit 130.
 */
test('Ctrl-C ends a command within a second even when the work does not stop', async () => {
  const script = `
    import { interruptible, processIo } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../main/cli/cli-io.ts'))};
    process.exitCode = await interruptible(processIo(), 'interrupted; stopped.', () => {
      process.stdout.write('ready\\n');
      return new Promise(() => setInterval(() => undefined, 1000));
    });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const sent = performance.now();
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const ms = performance.now() - sent;
  assert.equal(code, 130, stderr);
  assert.ok(ms < 1000, `exited ${Math.round(ms)} ms after SIGINT`);
  assert.match(stderr, /^ipqos-doctor: interrupted; stopped\.\n$/);
});

test('Ctrl-C during fix ends it within a second with a message (a stand-in ssh that hangs)', async () => {
  await withDir(async (dir) => {
    const ssh = path.join(dir, 'ssh');
    const started = path.join(dir, 'started');
    await writeFile(ssh, `#!/bin/sh\ntouch '${started}'\nexec sleep 30\n`, { mode: 0o755 });
    const config = path.join(dir, 'config');
    await writeFile(config, 'Host web\n    HostName 192.0.2.1\n');
    const child = spawn(process.execPath, [CLI, 'fix', 'web', '--config', config, '--ssh', ssh, '--yes'], {
      env: env(dir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    for (
      let i = 0;
      i < 100 &&
      !(await readFile(started).then(
        () => true,
        () => false,
      ));
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const sent = performance.now();
    child.kill('SIGINT');
    const code = await closed;
    assert.ok(performance.now() - sent < 1000, 'exited within a second of SIGINT');
    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted; the config is as it was before this command/);
  });
});
