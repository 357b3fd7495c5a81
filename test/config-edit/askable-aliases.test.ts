import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { planFix } from '../../main/core/config-edit/index.ts';
import { runCliIn, ssh, stateDirOf, withSandbox, writeConfig } from './helpers.ts';

const CONFIG = 'Host a|b good\n    HostName 192.0.2.1\nHost other\n    Port 2222\n';

/**
 * `Host a|b` is valid in the file, but this ssh (9.6 and the distributions'
 * backports) refuses `a|b` on its command line. Before issue 15, `fix good`
 * then refused the whole config ("OpenSSH rejects the configuration").
 */
test('an alias ssh refuses by name is left out of the proof, and the plan and the CLI say which and why', async () => {
  await withSandbox(async ({ dir }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, CONFIG);
    const plan = await planFix({
      configFile,
      hosts: ['good'],
      ssh: await ssh(),
      home: path.join(dir, 'home'),
      stateDir: stateDirOf(dir),
    });
    assert.deepEqual(
      plan.expectations.map((expectation) => expectation.alias),
      ['good', 'other'],
    );
    assert.equal(plan.leftOutOfProof.length, 1);
    assert.equal(plan.leftOutOfProof[0]?.alias, 'a|b');
    assert.equal(plan.leftOutOfProof[0]?.reason, 'ssh-refuses-name');
    assert.match(plan.leftOutOfProof[0]?.sshSays ?? '', /invalid characters/);

    const run = await runCliIn(dir, ['fix', 'good', '--config', configFile, '--yes']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /note: left out of the ssh -G proof: "a\|b"\. This ssh refuses such names on its command line \("hostname contains invalid characters"\)/,
    );
    assert.match(
      run.stdout,
      /on 2 alias\(es\) \(1 left out, see the note above\): good now print ipqos cs0 cs0/,
    );
    assert.match(await readFile(configFile, 'utf8'), /^Host good\n {4}IPQoS 0$/m);
  });
});
