import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSshG, toEffectiveHost } from '../../main/core/ssh/ssh-options.ts';
import { firstJumpHop, hopOptions } from '../../main/core/diagnosis/jump-hosts.ts';

const SSH_G = `host web
hostname 192.0.2.10
port 2222
user deploy
ipqos af21 cs1
connecttimeout none
proxyjump bastion,inner
proxycommand none
userknownhostsfile /home/u/.ssh/known_hosts /home/u/.ssh/known_hosts2
kexalgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,diffie-hellman-group14-sha256
addressfamily inet
identityfile /home/u/.ssh/id_ed25519
identityfile /home/u/.ssh/id_rsa
`;

test('ssh -G output keeps repeated keys in order', () => {
  const options = parseSshG(SSH_G);
  assert.deepEqual(options.get('identityfile'), ['/home/u/.ssh/id_ed25519', '/home/u/.ssh/id_rsa']);
  assert.deepEqual(options.get('hostname'), ['192.0.2.10']);
});

test('effective host settings come from ssh -G', () => {
  const host = toEffectiveHost(parseSshG(SSH_G));
  assert.equal(host.hostname, '192.0.2.10');
  assert.equal(host.port, 2222);
  assert.equal(host.user, 'deploy');
  assert.deepEqual(host.ipqos, { interactive: 'af21', bulk: 'cs1' });
  assert.equal(host.proxyJump, 'bastion,inner');
  assert.equal(host.proxyCommand, undefined, '"none" means no ProxyCommand');
  assert.equal(host.connectTimeout, undefined);
  assert.deepEqual(host.userKnownHostsFiles, ['/home/u/.ssh/known_hosts', '/home/u/.ssh/known_hosts2']);
  assert.deepEqual(host.kexAlgorithms, [
    'sntrup761x25519-sha512@openssh.com',
    'curve25519-sha256',
    'diffie-hellman-group14-sha256',
  ]);
  assert.equal(host.addressFamily, 'inet');
});

test('the first ProxyJump hop is parsed in every form ssh_config(5) allows', () => {
  assert.deepEqual(firstJumpHop('bastion,inner'), { host: 'bastion', user: undefined, port: undefined });
  assert.deepEqual(firstJumpHop('ops@bastion:2200'), { host: 'bastion', user: 'ops', port: 2200 });
  assert.deepEqual(firstJumpHop('ssh://ops@[2001:db8::1]:22'), {
    host: '2001:db8::1',
    user: 'ops',
    port: 22,
  });
  assert.equal(firstJumpHop('-oProxyCommand=evil'), undefined, 'never hand ssh an option as a host');
  assert.deepEqual(hopOptions({ host: 'b', user: 'ops', port: 2200 }), ['User=ops', 'Port=2200']);
});
