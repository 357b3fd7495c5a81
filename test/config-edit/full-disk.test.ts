import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { CLI } from '../cli/run-cli.ts';
import { withSandbox, writeConfig } from './helpers.ts';

const run = promisify(execFile);

/**
 * The state folder on a real full disk: a 64 KiB tmpfs, mounted in a private
 * mount namespace (`unshare -m`) so it vanishes with the process. The proof
 * copy (40 KiB) fits, the backup does not. Before issue 15 the truncated
 * backup stayed, named like a good one, and an ENOSPC stack was printed.
 */
test('a full disk under the state folder: no partial backup, one line saying so, the config untouched', async (t) => {
  if (process.getuid?.() !== 0) {
    if (process.env.CI === 'true') assert.fail('the full-disk test needs root (unshare -m, mount) in CI');
    t.skip('needs root for unshare -m and a tmpfs mount');
    return;
  }
  await withSandbox(async ({ dir }) => {
    const configFile = path.join(dir, 'config');
    const filler = Array.from(
      { length: 500 },
      (_, i) => `# note ${String(i).padStart(4, '0')} ${'x'.repeat(66)}`,
    );
    const text = `Host web\n    HostName 192.0.2.1\n${filler.join('\n')}\n`;
    assert.ok(text.length > 36_000 && text.length < 44_000, String(text.length));
    await writeConfig(configFile, text);
    const state = path.join(dir, 'state');
    await mkdir(state);
    const script =
      'mount -t tmpfs -o size=64k ipqos-full "$1" && shift && "$@"; code=$?; ' +
      'ls -A "$STATE/backups" 2>/dev/null | sed "s/^/left: /"; exit $code';
    const result = await run(
      'unshare',
      [
        '-m',
        '--propagation',
        'private',
        'sh',
        '-c',
        script,
        'sh',
        state,
        process.execPath,
        CLI,
        'fix',
        'web',
        '--config',
        configFile,
        '--yes',
      ],
      { env: { ...process.env, IPQOS_DOCTOR_STATE_DIR: state, STATE: state } },
    ).then(
      () => assert.fail('fix must fail on a full disk'),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /The disk that holds .*state .* is full; .*config was not changed\./);
    assert.match(result.stderr, /Free some space on that disk/);
    assert.doesNotMatch(result.stderr, /ENOSPC|^\s+at /m);
    assert.doesNotMatch(result.stdout, /^left: /m, 'no backup, partial or whole, is left');
    assert.equal(await readFile(configFile, 'utf8'), text);
    assert.deepEqual(await readdir(state), [], 'the tmpfs was private to the namespace');
  });
});
