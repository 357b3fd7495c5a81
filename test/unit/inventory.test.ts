import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { UserError } from '../../main/core/errors.ts';
import { readConfigTree } from '../../main/core/inventory/config-files.ts';
import { concreteAliases } from '../../main/core/inventory/host-aliases.ts';
import { hostLineMatches } from '../../main/core/inventory/host-patterns.ts';
import { buildInventory } from '../../main/core/inventory/inventory.ts';
import { locateSsh } from '../../main/core/ssh/ssh-client.ts';

let dir: string;
let home: string;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ipqos-inventory-'));
  home = path.join(dir, 'home');
  await mkdir(path.join(home, '.ssh', 'conf.d'), { recursive: true });
  await writeFile(
    path.join(dir, 'config'),
    [
      'Compression no',
      `Include ${path.join(dir, 'first.conf')}`,
      'Host web web-alt !web-old *.lab',
      '  HostName 192.0.2.10',
      'Host db',
      '  Include conf.d/*.conf',
      'Host "quoted host"',
      'Host *',
      '  IPQoS af21 cs1',
      '',
    ].join('\n'),
  );
  await writeFile(path.join(dir, 'first.conf'), 'Host early\n  Port 2222\n');
  // Relative Includes resolve against the (temp) home's .ssh, as ssh_config(5) says.
  await writeFile(path.join(home, '.ssh', 'conf.d', 'b.conf'), 'Host from-b\n');
  await writeFile(path.join(home, '.ssh', 'conf.d', 'a.conf'), 'Host from-a\n  IPQoS 0\n');
});
after(() => rm(dir, { recursive: true, force: true }));

test('Includes are read in OpenSSH order: depth first, globs sorted, relative to the home’s .ssh', async () => {
  const files = await readConfigTree(path.join(dir, 'config'), { home });
  assert.deepEqual(
    files.map((file) => path.relative(dir, file.path)),
    ['config', 'first.conf', 'home/.ssh/conf.d/a.conf', 'home/.ssh/conf.d/b.conf'],
  );
});

test('concrete aliases are the Host tokens without wildcards or negation, first declaration wins', async () => {
  const files = await readConfigTree(path.join(dir, 'config'), { home });
  assert.deepEqual(
    concreteAliases(files).map((alias) => alias.alias),
    ['early', 'web', 'web-alt', 'db', 'from-a', 'from-b'],
  );
});

test('Host patterns match like ssh: any positive pattern and no negated one', () => {
  assert.ok(hostLineMatches(['*.lab', '!bad.lab'], 'good.lab'));
  assert.ok(!hostLineMatches(['*.lab', '!bad.lab'], 'bad.lab'));
  assert.ok(hostLineMatches(['web?'], 'WEB1'));
  assert.ok(!hostLineMatches(['!web'], 'other'));
});

test('a missing config is a clear error, not a crash', async () => {
  await assert.rejects(readConfigTree(path.join(dir, 'nope'), { home }), (error: unknown) => {
    assert.ok(error instanceof UserError);
    assert.match(error.message, /does not exist/);
    return true;
  });
});

test('effective settings for each alias come from the real ssh -G', async () => {
  const client = await locateSsh();
  const inventory = await buildInventory({
    client,
    configFile: path.join(dir, 'config'),
    hosts: ['web', 'from-a', 'early'],
    home,
  });
  const byAlias = new Map(inventory.targets.map((target) => [target.alias, target.effective]));
  assert.equal(byAlias.get('web')?.hostname, '192.0.2.10');
  assert.deepEqual(byAlias.get('web')?.ipqos, { interactive: 'af21', bulk: 'cs1' });
  assert.equal(byAlias.get('early')?.port, 2222);
  assert.equal(byAlias.get('from-a')?.hostname, 'from-a');
});

test('a host the config does not name is refused with the known aliases as a hint', async () => {
  const client = await locateSsh();
  await assert.rejects(
    buildInventory({ client, configFile: path.join(dir, 'config'), hosts: ['wbe'], home }),
    (error: unknown) =>
      error instanceof UserError && /"wbe" is not a host/.test(error.message) && /web/.test(error.hint ?? ''),
  );
  const named = await buildInventory({
    client,
    configFile: path.join(dir, 'config'),
    hosts: ['box.lab'],
    home,
  });
  assert.equal(named.targets[0]?.alias, 'box.lab', 'a name a Host pattern covers is a host');
});

test('an Include of a missing file is skipped, as ssh does', async () => {
  const config = path.join(dir, 'with-missing-include');
  await writeFile(config, `Include ${path.join(dir, 'not-there.conf')}\nHost after-missing\n`);
  const files = await readConfigTree(config, { home });
  assert.deepEqual(
    concreteAliases(files).map((alias) => alias.alias),
    ['after-missing'],
  );
});
