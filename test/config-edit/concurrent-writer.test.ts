import assert from 'node:assert/strict';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { stateDirOf, withSandbox, writeConfig } from './helpers.ts';
import { needsRoot, privateHome, runCliAsHome } from './private-home.ts';

/**
 * A `Match exec` hook stands in for an editor or a dotfile sync. The config is
 * the user's default one, so after writing, plain `ssh -G web` reads the real
 * file: once the tool's lines are in it, the hook rewrites the config with an
 * edit of its own and makes that ssh -G read a different Port, so the
 * verification fails. Before issue 15 the restore then wrote the old bytes
 * over the other program's edit.
 */
test('a file changed by another program during verification is left as it wrote it, and both versions are kept', async (t) => {
  if (needsRoot(t)) return;
  await withSandbox(async ({ dir }) => {
    const { configFile } = await privateHome(dir);
    const hook = path.join(dir, 'hook.sh');
    const flag = path.join(dir, 'hook-fired');
    await writeFile(
      hook,
      `#!/bin/sh
if grep -q ipqos-doctor '${configFile}' && [ ! -e '${flag}' ]; then
  touch '${flag}'
  cp -p '${configFile}' '${configFile}.new' && echo '# added by another program' >> '${configFile}.new'
  mv '${configFile}.new' '${configFile}'
  exit 0
fi
exit 1
`,
    );
    await chmod(hook, 0o755);
    const original = `Host web\n    HostName 192.0.2.1\nMatch exec "${hook}"\n    Port 2222\n`;
    await writeConfig(configFile, original);

    const run = await runCliAsHome(dir, ['fix', 'web', '--yes']);

    assert.equal(run.code, 2, run.stderr + run.stdout);
    assert.ok(await readFile(flag).then(() => true), 'the hook rewrote the file during verification');
    const now = await readFile(configFile, 'utf8');
    assert.match(now, /# added by another program\n$/, 'the other program’s edit is still there');
    assert.match(now, /IPQoS 0/, 'its edit was made on top of the tool’s');
    assert.match(run.stderr, /was changed by another program while ipqos-doctor was verifying its change/);
    assert.doesNotMatch(run.stderr, /^\s+at \S+:\d+:\d+/m, 'no stack trace');
    const previous = /The version from before the change is (\S+);/.exec(run.stderr)?.[1] ?? '';
    const proposed = /the version ipqos-doctor wrote is kept in (\S+)\./.exec(run.stderr)?.[1] ?? '';
    assert.equal(await readFile(previous, 'utf8'), original);
    assert.ok(proposed.startsWith(path.join(stateDirOf(dir), 'conflicts')), proposed);
    const ours = await readFile(proposed, 'utf8');
    assert.match(ours, /IPQoS 0/);
    assert.doesNotMatch(ours, /another program/);
    assert.deepEqual(await readdir(path.join(stateDirOf(dir), 'conflicts')), [path.basename(proposed)]);
  });
});
