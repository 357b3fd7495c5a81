import assert from 'node:assert/strict';
import { chmod, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { stateDirOf, withSandbox, writeConfig } from './helpers.ts';
import { needsRoot, privateHome, runCliAsHome } from './private-home.ts';

/**
 * The default ~/.ssh/config with permissions ssh refuses: the proof with -F
 * passes, so before issue 15 the file was written, then plain ssh -G failed
 * and the file was restored with a message about the change. Now plain ssh is
 * asked first, and its refusal is said before anything is shown or written.
 */
test('a default config that plain ssh refuses ("Bad owner or permissions") is refused before writing, with ssh’s words', async (t) => {
  if (needsRoot(t)) return;
  await withSandbox(async ({ dir }) => {
    const { configFile } = await privateHome(dir);
    const text = 'Host web\n    HostName 192.0.2.1\n';
    await writeConfig(configFile, text);
    await chmod(configFile, 0o666);

    const run = await runCliAsHome(dir, ['fix', 'web', '--yes']);

    assert.equal(run.code, 2, run.stderr + run.stdout);
    assert.match(
      run.stderr,
      new RegExp(`ssh refuses ${configFile} as it is, so nothing was changed: .*Bad owner or permissions`),
    );
    assert.match(run.stderr, new RegExp(`chmod 600 ${configFile}`));
    assert.doesNotMatch(run.stdout, /^\+Host web/m, 'no diff was offered');
    assert.equal(await readFile(configFile, 'utf8'), text);
    assert.deepEqual(await readdir(path.join(stateDirOf(dir), 'backups')).catch(() => []), []);

    await chmod(configFile, 0o600);
    const fixed = await runCliAsHome(dir, ['fix', 'web', '--yes']);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(await readFile(configFile, 'utf8'), /IPQoS 0/);
  });
});
