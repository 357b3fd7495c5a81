import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { writePlannedCopy } from '../../main/core/config-edit/planned-config.ts';
import type { UserError } from '../../main/core/errors.ts';
import { toolStateDir } from '../../main/core/config-edit/tool-state-dir.ts';
import { locateSsh, sshG } from '../../main/core/ssh/ssh-client.ts';
import { requireLegacySsh } from '../support/legacy-openssh.ts';
import { ssh, withSandbox, writeConfig } from './helpers.ts';

/** A home with ~/.ssh/config, as `ssh host` would read it; relative Includes resolve here. */
async function homeConfig(home: string, text: string): Promise<string> {
  await mkdir(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const configFile = path.join(home, '.ssh', 'config');
  await writeConfig(configFile, text);
  return configFile;
}

test('the planned copy holds the fix, lives outside ~/.ssh, and includes what the config includes', async () => {
  await withSandbox(async ({ home }) => {
    const dotSsh = path.join(home, '.ssh');
    // ssh resolves ~ and relative Includes with the passwd home, so the sandbox's Includes are absolute.
    const configFile = await homeConfig(
      home,
      `Include ${dotSsh}/config.*\nInclude ${dotSsh}/extra.conf\nHost web\n    HostName 192.0.2.1\nHost *\n    IPQoS af21\n`,
    );
    await writeFile(path.join(dotSsh, 'extra.conf'), 'Host web\n    Port 2222\n');
    await writeFile(path.join(dotSsh, 'config.d'), 'Host web\n    User deploy\n');
    const original = await readFile(configFile);
    const copy = await writePlannedCopy({ configFile, hosts: ['web'], ssh: await ssh(), home });
    try {
      assert.ok(copy.path.startsWith(toolStateDir(home) + path.sep), copy.path);
      assert.ok(!copy.path.startsWith(dotSsh), 'never under ~/.ssh');
      assert.equal((await stat(copy.path)).mode & 0o777, 0o600);
      const options = await sshG(await ssh(), { host: 'web', configFile: copy.path });
      assert.deepEqual(options.get('ipqos'), ['cs0 cs0']);
      assert.deepEqual(options.get('port'), ['2222']);
      assert.deepEqual(options.get('user'), ['deploy']);
      assert.deepEqual(await readFile(configFile), original, 'the config itself is untouched');
      assert.deepEqual((await readdir(dotSsh)).sort(), ['config', 'config.d', 'extra.conf'], 'nothing added');
    } finally {
      await copy.dispose();
    }
    await assert.rejects(stat(path.dirname(copy.path)), { code: 'ENOENT' }, 'dispose removes its folder');
  });
});

test("a relative Include means ~/.ssh/NAME for the copy as for the config, whatever the copy's folder", async () => {
  await withSandbox(async ({ dir, home }) => {
    // A name that exists nowhere: ssh looks it up in the real ~/.ssh, finds nothing and says where it looked.
    const name = `ipqos-doctor-no-such-file-${process.pid}-${Date.now()}.conf`;
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, `Include ${name}\nHost web\n    HostName 192.0.2.1\n`);
    const copy = await writePlannedCopy({ configFile, hosts: ['web'], ssh: await ssh(), home });
    try {
      for (const file of [configFile, copy.path]) {
        const run = spawnSync((await ssh()).bin, ['-G', '-v', '-F', file, '--', 'web'], { encoding: 'utf8' });
        assert.match(
          run.stderr,
          new RegExp(`include ~/\\.ssh/${name.replace(/\./g, '\\.')} matched no files`),
        );
      }
    } finally {
      await copy.dispose();
    }
  });
});

test('an Include that reaches the tool folder is refused, and nothing is left there', async () => {
  await withSandbox(async ({ home }) => {
    const configFile = await homeConfig(home, `Host web\n    Include ${home}/.local/state/*/tmp/*/*\n`);
    await assert.rejects(
      writePlannedCopy({ configFile, hosts: ['web'], ssh: await ssh(), home }),
      (error: UserError) => {
        assert.match(error.message, /\/\.local\/state\/\*\/tmp\/\*\/\*" reaches .*ipqos-doctor/);
        assert.match(error.hint ?? '', /IPQOS_DOCTOR_STATE_DIR/);
        return true;
      },
    );
    assert.deepEqual(await readdir(path.join(toolStateDir(home), 'tmp')).catch(() => []), []);
  });
});

test('a scratch folder left by a killed run is removed by the next one', async () => {
  await withSandbox(async ({ home }) => {
    const configFile = await homeConfig(home, 'Host web\n    HostName 192.0.2.1\n');
    const stale = path.join(toolStateDir(home), 'tmp', '2147483646-abcdef');
    await mkdir(stale, { recursive: true });
    await writeFile(path.join(stale, 'config'), 'Include config*\n');
    const copy = await writePlannedCopy({ configFile, hosts: ['web'], ssh: await ssh(), home });
    await copy.dispose();
    await assert.rejects(stat(stale), { code: 'ENOENT' });
  });
});

test('with the default config, the copy reads the system config after the user file, like `ssh host`', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = await homeConfig(home, 'Host web\n    HostName 192.0.2.1\n');
    const systemConfig = path.join(dir, 'ssh_config');
    await writeFile(systemConfig, `Include ${path.join(dir, 'ssh_config.d')}/*\nHost *\n    IPQoS af21\n`);
    await mkdir(path.join(dir, 'ssh_config.d'));
    await writeFile(path.join(dir, 'ssh_config.d', '10-site.conf'), 'Host web\n    Port 2200\n');
    const copy = await writePlannedCopy({ configFile, hosts: ['web'], ssh: await ssh(), home, systemConfig });
    try {
      const options = await sshG(await ssh(), { host: 'web', configFile: copy.path });
      assert.deepEqual(options.get('ipqos'), ['cs0 cs0']);
      assert.deepEqual(options.get('port'), ['2200'], 'the system Include is read');
    } finally {
      await copy.dispose();
    }
  });
});

test('OpenSSH 8.4: the copy beats a trailing Host * IPQoS where -o IPQoS=0 does not', async (t) => {
  const legacy = requireLegacySsh(t);
  if (legacy === null) return;
  await withSandbox(async ({ home }) => {
    const old = await locateSsh(legacy);
    const configFile = await homeConfig(
      home,
      'IPQoS af21 cs1\nHost web\n    HostName 192.0.2.1\nHost *\n    IPQoS throughput\n',
    );
    const overridden = await sshG(old, { host: 'web', configFile, options: ['IPQoS=0'] });
    assert.deepEqual(overridden.get('ipqos'), ['throughput throughput'], '-o loses to the config on 8.4');
    const copy = await writePlannedCopy({ configFile, hosts: ['web'], ssh: old, home });
    try {
      assert.deepEqual((await sshG(old, { host: 'web', configFile: copy.path })).get('ipqos'), ['cs0 cs0']);
      assert.deepEqual((await sshG(old, { host: 'other', configFile: copy.path })).get('ipqos'), [
        'throughput throughput',
      ]);
    } finally {
      await copy.dispose();
    }
  });
});
