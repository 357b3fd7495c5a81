import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkPath } from '../../main/core/inventory/network-path.ts';
import { parseSshG, toEffectiveHost } from '../../main/core/ssh/ssh-options.ts';

const sshG = (lines: readonly string[]) =>
  toEffectiveHost(
    parseSshG(
      [
        ...lines,
        'port 2222',
        'user vagrant',
        'ipqos af21 cs1',
        'addressfamily inet',
        'identityfile ~/.ssh/id',
      ].join('\n'),
    ),
  );

test('two aliases that ssh reads alike are one test; the alias itself does not count', async () => {
  const a = await networkPath(sshG(['host vm', 'hostname 127.0.0.1']));
  const b = await networkPath(sshG(['host vm-again', 'hostname 127.0.0.1']));
  assert.equal(a.endpoint, '127.0.0.1:2222');
  assert.equal(a.key, b.key);
});

test('names of one address are one endpoint, but not one test: ssh checks the host key under the name', async () => {
  const byName = await networkPath(sshG(['host a', 'hostname localhost']));
  const byAddress = await networkPath(sshG(['host b', 'hostname 127.0.0.1']));
  assert.equal(byName.endpoint, byAddress.endpoint, 'AddressFamily inet resolves localhost to 127.0.0.1');
  assert.notEqual(byName.key, byAddress.key);
});

test('another port, marking, user or key is another test', async () => {
  const base = await networkPath(sshG(['host vm', 'hostname 127.0.0.1']));
  for (const differs of [['port 2200'], ['ipqos 0 0'], ['user root'], ['identityfile ~/.ssh/other']]) {
    // toEffectiveHost reads a key's first value: the differing line goes first.
    const other = await networkPath(sshG([...differs, 'host vm', 'hostname 127.0.0.1']));
    assert.notEqual(other.key, base.key, differs.join());
  }
  const ipv6 = await networkPath(toEffectiveHost(parseSshG('hostname ::1\nport 22\n')));
  assert.equal(ipv6.endpoint, '[::1]:22');
});
