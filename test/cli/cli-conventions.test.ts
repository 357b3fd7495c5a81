import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { CLI, runCli } from './run-cli.ts';

const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;

test('every command answers --help and -h with its own usage, exit 0', async () => {
  for (const command of ['check', 'fix', 'undo', 'watch']) {
    for (const flag of ['--help', '-h']) {
      const run = await runCli([command, flag]);
      assert.equal(run.code, 0, `${command} ${flag}: ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`^Usage: ipqos-doctor ${command} `), `${command} ${flag}`);
      assert.match(run.stdout, /Exit status:/);
      assert.equal(run.stderr, '');
    }
  }
  const after = await runCli(['fix', 'web', '--yes', '--help']);
  assert.equal(after.code, 0);
  assert.match(after.stdout, /^Usage: ipqos-doctor fix /);
  const help = await runCli(['help', 'undo']);
  assert.match(help.stdout, /^Usage: ipqos-doctor undo /);
});

test('--version prints the version and the ssh it would use, with its version', async () => {
  const pkg = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  const run = await runCli(['--version']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`^ipqos-doctor ${pkg.version.replace(/\./g, '\\.')} \\(Node `));
  assert.match(run.stdout, /^ssh: \/\S+\/ssh \(OpenSSH_\d+\.\d+/m);
  const missing = await runCli(['--version', '--ssh', '/nonexistent/ssh']);
  assert.equal(missing.code, 2);
  assert.match(missing.stdout, /ssh: \/nonexistent\/ssh cannot be used: Cannot run the OpenSSH client/);
});

/**
 * A state folder the user cannot create (`EACCES: permission denied, mkdir
 * '/nonexistent'` as a raw stack before issue 15): one line saying what failed
 * and what to do; the stack only with --verbose. Run as `nobody` (setpriv)
 * with HOME=/nonexistent, so the default state folder is the one that fails.
 */
test('an environment fault is one line and what to do; the detail only with --verbose', async (t) => {
  if (process.getuid?.() !== 0) {
    if (process.env.CI === 'true') assert.fail('needs root to run the CLI as nobody (setpriv) in CI');
    t.skip('needs root to run the CLI as nobody');
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ipqos-env-fault-'));
  try {
    await chmod(dir, 0o755);
    const config = path.join(dir, 'config');
    const text = 'Host web\n    HostName 192.0.2.1\n';
    await writeFile(config, text);
    await chown(config, 65534, 65534);
    await chown(dir, 65534, 65534);
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: '/nonexistent' };
    delete env.IPQOS_DOCTOR_STATE_DIR;
    delete env.XDG_STATE_HOME;
    const asNobody = async (extra: string[]): Promise<{ code: number; stderr: string }> =>
      promisify(execFile)(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          CLI,
          'fix',
          'web',
          '--config',
          config,
          '--yes',
          ...extra,
        ],
        { env },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
    const plain = await asNobody([]);
    assert.equal(plain.code, 2, plain.stderr);
    assert.match(
      plain.stderr,
      /^ipqos-doctor: cannot create the folder \/nonexistent: permission denied \(EACCES\)\.$/m,
    );
    assert.match(plain.stderr, /IPQOS_DOCTOR_STATE_DIR/);
    assert.match(plain.stderr, /--verbose for the details/);
    assert.doesNotMatch(plain.stderr, STACK);
    assert.equal(await readFile(config, 'utf8'), text);
    const verbose = await asNobody(['--verbose']);
    assert.equal(verbose.code, 2);
    assert.match(verbose.stderr, STACK, 'the detail is there when asked for');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
