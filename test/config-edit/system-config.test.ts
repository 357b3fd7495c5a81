/**
 * Item 3: for the user's default config the change is proven as `ssh host`
 * reads it, with the system config (and its Includes) after the user's file.
 * A stand-in system config in the sandbox plays /etc/ssh/ssh_config; the real
 * one is never read or written.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { applyPlan } from '../../main/core/config-edit/apply-plan.ts';
import { planFix } from '../../main/core/config-edit/edit-plan.ts';
import { standInText } from '../../main/core/config-edit/system-config.ts';
import { locateSsh, sshG, type SshClient } from '../../main/core/ssh/ssh-client.ts';
import { requireLegacySsh } from '../support/legacy-openssh.ts';
import { ssh, withSandbox, writeConfig } from './helpers.ts';

const USER = 'Host web\n    HostName 192.0.2.1\nHost db\n    HostName 192.0.2.2\n';

interface Setup {
  configFile: string;
  home: string;
  systemConfig: string;
  /** ssh -G as `ssh host` reads the config now: the user file, then the system file. */
  read: (client: SshClient, host: string) => Promise<Map<string, string[]>>;
}

async function withSystem(system: string, work: (setup: Setup) => Promise<void>): Promise<void> {
  await withSandbox(async ({ dir, home }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, USER);
    const systemConfig = path.join(dir, 'ssh_config');
    await mkdir(path.join(dir, 'ssh_config.d'));
    await writeFile(path.join(dir, 'ssh_config.d', '50-site.conf'), 'Host web\n    Port 2200\n');
    await writeFile(systemConfig, `Include ${dir}/ssh_config.d/*.conf\n${system}`);
    const read = async (client: SshClient, host: string): Promise<Map<string, string[]>> => {
      const standIn = path.join(dir, 'as-ssh-reads');
      await writeFile(
        standIn,
        standInText(await readFile(configFile, 'latin1'), systemConfig, '\n'),
        'latin1',
      );
      return sshG(client, { host, configFile: standIn });
    };
    await work({ configFile, home, systemConfig, read });
  });
}

test('first-match ssh: the fix is proven with the system config and its Includes read after the file', async () => {
  await withSystem('Host *\n    IPQoS af21 cs1\n    User fromsystem\n', async (s) => {
    const client = await ssh();
    assert.deepEqual((await s.read(client, 'web')).get('ipqos'), ['af21 cs1']);
    const plan = await planFix({ ...s, hosts: ['web'], ssh: client });
    assert.equal(plan.systemConfig, s.systemConfig);
    const result = await applyPlan(plan);
    assert.equal(result.status, 'applied', result.problems.join('\n'));
    const web = await s.read(client, 'web');
    assert.deepEqual(web.get('ipqos'), ['cs0 cs0']);
    assert.deepEqual(web.get('port'), ['2200'], "the system Include's setting still applies");
    assert.deepEqual(web.get('user'), ['fromsystem']);
    assert.deepEqual((await s.read(client, 'db')).get('ipqos'), ['af21 cs1'], 'db unchanged');
  });
});

test('OpenSSH 8.4: a system-wide IPQoS read after the file wins; fix says so and writes nothing', async (t) => {
  const legacy = requireLegacySsh(t);
  if (legacy === null) return;
  const old = await locateSsh(legacy);
  await withSystem('Host *\n    IPQoS throughput\n', async (s) => {
    const before = await readFile(s.configFile);
    const plan = await planFix({ ...s, hosts: ['web'], ssh: old });
    assert.equal(plan.edits.length, 0);
    const web = plan.hosts.find((host) => host.host === 'web');
    assert.equal(web?.action, 'blocked');
    assert.match(
      web?.detail ?? '',
      /before 8\.7.*ssh_config line 3 \("IPQoS throughput"\) is read after your file/,
    );
    assert.match(web?.detail ?? '', /administrator/);
    // Without the system file (--config), the same fix would work: -F keeps it out.
    const withF = await planFix({ configFile: s.configFile, home: s.home, hosts: ['web'], ssh: old });
    assert.equal(withF.systemConfig, null);
    assert.equal((await applyPlan(withF)).status, 'applied');
    assert.deepEqual(
      (await s.read(old, 'web')).get('ipqos'),
      ['throughput throughput'],
      'as ssh host reads it',
    );
    assert.notDeepEqual(await readFile(s.configFile), before);
  });
});

test('OpenSSH 8.4: a system IPQoS for other hosts does not stop the fix', async (t) => {
  const legacy = requireLegacySsh(t);
  if (legacy === null) return;
  const old = await locateSsh(legacy);
  await withSystem('Host db\n    IPQoS throughput\n', async (s) => {
    const result = await applyPlan(await planFix({ ...s, hosts: ['web'], ssh: old }));
    assert.equal(result.status, 'applied', result.problems.join('\n'));
    assert.deepEqual((await s.read(old, 'web')).get('ipqos'), ['cs0 cs0']);
    assert.deepEqual((await s.read(old, 'db')).get('ipqos'), ['throughput throughput']);
  });
});

test('OpenSSH 8.4: a system IPQoS only ssh can decide on (Match exec) is noted, and the proof refuses', async (t) => {
  const legacy = requireLegacySsh(t);
  if (legacy === null) return;
  const old = await locateSsh(legacy);
  await withSystem('Match exec "true"\n    IPQoS throughput\n', async (s) => {
    const before = await readFile(s.configFile);
    const plan = await planFix({ ...s, hosts: ['web'], ssh: old });
    assert.ok(
      plan.notes.some((note) => /may set IPQoS for web after your file/.test(note)),
      plan.notes.join('\n'),
    );
    const result = await applyPlan(plan);
    assert.equal(result.status, 'refused');
    assert.match(result.problems.join('\n'), /web: ipqos is "throughput throughput", expected "cs0 cs0"/);
    assert.deepEqual(await readFile(s.configFile), before, 'untouched');
  });
});
