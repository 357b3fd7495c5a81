import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { UserError } from '../../main/core/errors.ts';
import { readConfigTree } from '../../main/core/inventory/config-files.ts';
import { concreteAliases } from '../../main/core/inventory/host-aliases.ts';
import { hostLineMatches, isNamedByConfig } from '../../main/core/inventory/host-patterns.ts';
import { buildInventory } from '../../main/core/inventory/inventory.ts';
import { locateSsh, sshG, sshGArguments } from '../../main/core/ssh/ssh-client.ts';
import { toEffectiveHost } from '../../main/core/ssh/ssh-options.ts';
import { requireLegacySsh } from '../support/legacy-openssh.ts';

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

test('check HOST names a host with ssh’s own case rules, the same on OpenSSH 9.2 and 8.4', async (t) => {
  // Each block that names a host sets a port of its own; ssh -G tells whether it applied.
  const plain = path.join(dir, 'case-rules');
  await writeFile(
    plain,
    [
      'Host web',
      '  Port 1001',
      'Host Mixed',
      '  Port 1002',
      'Host db* !db-old',
      '  Port 1003',
      'Match originalhost Api',
      '  Port 1004',
      'Host *',
      '  ServerAliveInterval 30',
      '',
    ].join('\n'),
  );
  // A second pass, with the name in lower case, once canonicalisation is on.
  const canonical = path.join(dir, 'case-rules-canonical');
  await writeFile(canonical, 'CanonicalizeHostname yes\nHost web\n  Port 1001\nHost *\n  User x\n');
  const names = [
    'web',
    'WEB',
    'Web',
    'Mixed',
    'mixed',
    'MIXED',
    'db1',
    'DB1',
    'db-old',
    'api',
    'API',
    'other',
  ];
  const legacy = requireLegacySsh(t);
  for (const bin of ['ssh', ...(legacy ? [legacy] : [])]) {
    const client = await locateSsh(bin);
    for (const config of [plain, canonical]) {
      const files = await readConfigTree(config, { home });
      for (const name of names) {
        const port = toEffectiveHost(await sshG(client, { host: name, configFile: config })).port;
        assert.equal(
          isNamedByConfig(files, name),
          port !== 22,
          `${client.version.raw}, ${path.basename(config)}: "${name}" got port ${port}`,
        );
      }
    }
  }
});

test('a name that differs from an alias only in case is refused with the alias as it is written', async () => {
  const client = await locateSsh();
  await assert.rejects(
    buildInventory({ client, configFile: path.join(dir, 'config'), hosts: ['WEB'], home }),
    (error: unknown) =>
      error instanceof UserError &&
      /"WEB" is not a host/.test(error.message) &&
      /"WEB" is "web" in another case/.test(error.hint ?? ''),
  );
});

test('without --config the system config and its Includes (relative to its folder) are read after the user’s', async () => {
  const system = path.join(dir, 'etc-ssh');
  await mkdir(path.join(system, 'ssh_config.d'), { recursive: true });
  await writeFile(path.join(system, 'ssh_config'), 'Include ssh_config.d/*.conf\nHost *\n  SendEnv LANG\n');
  await writeFile(path.join(system, 'ssh_config.d', 'corp.conf'), 'Host corp-gw early\n  Port 2200\n');
  await writeFile(path.join(home, '.ssh', 'config'), 'Host early\n  Port 2222\n');
  try {
    const files = [
      ...(await readConfigTree(path.join(home, '.ssh', 'config'), { home })),
      ...(await readConfigTree(path.join(system, 'ssh_config'), {
        home,
        relativeIncludeDir: system,
      })),
    ];
    assert.deepEqual(
      files.map((file) => path.relative(dir, file.path)),
      ['home/.ssh/config', 'etc-ssh/ssh_config', 'etc-ssh/ssh_config.d/corp.conf'],
    );
    assert.ok(isNamedByConfig(files, 'corp-gw'), 'a host the system config names is a host for check HOST');
    // The effective settings of the default config come from ssh itself, without -F (see the argv below):
    // here only the alias list is read from a stand-in, as ssh -G would read the real /etc/ssh/ssh_config.
    const client = await locateSsh();
    await assert.rejects(
      buildInventory({
        client,
        configFile: undefined,
        hosts: ['nowhere'],
        home,
        systemConfig: path.join(system, 'ssh_config'),
      }),
      (error: unknown) =>
        error instanceof UserError &&
        error.message.includes(
          `not a host in ${path.join(home, '.ssh', 'config')} or ${path.join(system, 'ssh_config')}`,
        ) &&
        /early, corp-gw/.test(error.hint ?? ''),
    );
  } finally {
    await rm(path.join(home, '.ssh', 'config'), { force: true });
  }
});

test('ssh -G gets -F only for a config given with --config: the default is read the way `ssh host` reads it', () => {
  assert.deepEqual(sshGArguments({ host: 'web' }), ['-G', '--', 'web']);
  assert.deepEqual(sshGArguments({ host: 'web', configFile: '/tmp/c', options: ['IPQoS=0'] }), [
    '-G',
    '-F',
    '/tmp/c',
    '-o',
    'IPQoS=0',
    '--',
    'web',
  ]);
  assert.throws(() => sshGArguments({ host: '-oProxyCommand=x' }), UserError);
});
