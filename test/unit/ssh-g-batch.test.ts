import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { UserError } from '../../main/core/errors.ts';
import { locateSsh, sshG } from '../../main/core/ssh/ssh-client.ts';
import { sshGBatch } from '../../main/core/ssh/ssh-g-batch.ts';

let dir: string;
let config: string;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ipqos-ssh-g-batch-'));
  config = path.join(dir, 'config');
  await writeFile(
    config,
    [
      'Host web',
      '  HostName 192.0.2.10',
      '  Port 2222',
      // %z is no token: ssh -G fails for this host only.
      'Host broken',
      '  HostName %z',
      'Host db',
      '  IPQoS 0',
      'Host *',
      '  User deploy',
      '',
    ].join('\n'),
  );
});
after(() => rm(dir, { recursive: true, force: true }));

test('one shell reads each host exactly as its own ssh -G does, in order', async () => {
  const client = await locateSsh();
  const hosts = ['web', 'db', 'other', 'web'];
  const batch = await sshGBatch(client, hosts, { configFile: config });
  assert.equal(batch.length, hosts.length);
  for (const [index, host] of hosts.entries()) {
    assert.deepEqual(batch[index], await sshG(client, { host, configFile: config }), host);
  }
});

test('a host ssh rejects gets ssh’s words; the hosts around it are still read', async () => {
  const client = await locateSsh();
  const [web, broken, db] = await sshGBatch(client, ['web', 'broken', 'db'], { configFile: config });
  assert.ok(web instanceof Map && web.get('port')?.[0] === '2222');
  assert.ok(broken instanceof UserError);
  assert.match(broken.message, /rejects the configuration for "broken": .*%z|unknown key/);
  await assert.rejects(sshG(client, { host: 'broken', configFile: config }), { message: broken.message });
  assert.ok(db instanceof Map && db.get('ipqos')?.[0] === 'cs0 cs0');
});

test('a missing config fails every host with ssh’s message, and a name that is an option never reaches ssh', async () => {
  const client = await locateSsh();
  const results = await sshGBatch(client, ['a', 'b'], { configFile: path.join(dir, 'missing') });
  for (const result of results) {
    assert.ok(result instanceof UserError);
    assert.match(result.message, /Can't open user config file/);
  }
  await assert.rejects(sshGBatch(client, ['web', '-oProxyCommand=x'], { configFile: config }), UserError);
});
