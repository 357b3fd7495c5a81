import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runCliIn, withSandbox, writeConfig } from './helpers.ts';

/** Before issue 15: "OpenSSH rejects the configuration … Fix the line ssh names". */
test('a Match exec command that does not finish: said as that, and which one (exit 2, nothing written)', async () => {
  await withSandbox(async ({ dir }) => {
    const configFile = path.join(dir, 'config');
    const text = 'Host web\n    HostName 192.0.2.1\nMatch exec "sleep 60"\n    Port 2222\n';
    await writeConfig(configFile, text);
    const started = performance.now();
    const run = await runCliIn(dir, ['fix', 'web', '--config', configFile, '--yes'], { timeoutMs: 40_000 });
    assert.ok(performance.now() - started < 30_000);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(
        `A Match exec command of the config did not finish within 15 s \\(ssh -G web\\): "sleep 60" \\(${configFile} line 3\\)\\.`,
      ),
    );
    assert.doesNotMatch(run.stderr, /rejects the configuration|Fix the line ssh names/);
    assert.equal(await readFile(configFile, 'utf8'), text);
  });
});

/** A Match exec command that appends to a counter file: how often one command runs it. */
async function countRuns(args: (configFile: string) => string[]): Promise<number> {
  return withSandbox(async ({ dir }) => {
    const configFile = path.join(dir, 'config');
    const counter = path.join(dir, 'runs');
    await writeConfig(
      configFile,
      `Host web\n    HostName 192.0.2.1\nHost db\n    HostName 192.0.2.2\nHost app\n    HostName 192.0.2.3\nMatch exec "echo run >> ${counter}; false"\n    Port 2222\n`,
    );
    await writeFile(counter, '');
    const run = await runCliIn(dir, args(configFile));
    assert.equal(run.code, 0, run.stderr);
    if (!args(configFile).includes('--dry-run') && args(configFile)[0] === 'fix') {
      assert.match(run.stdout, /note: this config runs commands \(Match exec\): "echo run >> /);
      assert.match(
        run.stdout,
        /the proof runs them 6 times \(ssh -G for each of 3 aliases, before and after\)/,
      );
    }
    return (await readFile(counter, 'utf8')).split('\n').filter(Boolean).length;
  });
}

/**
 * Before issue 15: 7 runs for one fix (3 aliases twice, the target again),
 * where `ssh web` runs it once. The proof needs each alias before and after.
 */
test('Match exec commands run only as often as the proof needs: once per alias before and after', async () => {
  assert.equal(await countRuns((config) => ['fix', 'web', '--config', config, '--dry-run']), 3);
  assert.equal(await countRuns((config) => ['fix', 'web', '--config', config, '--yes']), 6);
});
