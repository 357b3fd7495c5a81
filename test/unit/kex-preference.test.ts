import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cheapKexFirst, kexProbeOptions } from '../../main/core/ssh/kex-preference.ts';

// OpenSSH 9.2's default order, as `ssh -G` prints it here.
const DEFAULT_9_2 = [
  'sntrup761x25519-sha512@openssh.com',
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'ecdh-sha2-nistp256',
  'ecdh-sha2-nistp384',
  'ecdh-sha2-nistp521',
  'diffie-hellman-group-exchange-sha256',
  'diffie-hellman-group16-sha512',
  'diffie-hellman-group18-sha512',
  'diffie-hellman-group14-sha256',
];

/** RFC 4253 7.1: the client's first algorithm that the server also offers. */
const negotiated = (client: readonly string[], server: readonly string[]): string | undefined =>
  client.find((kex) => server.includes(kex));

test('the default order gets curve25519 first, everything else in the user order', () => {
  assert.deepEqual(cheapKexFirst(DEFAULT_9_2), [
    'curve25519-sha256',
    'curve25519-sha256@libssh.org',
    'ecdh-sha2-nistp256',
    'ecdh-sha2-nistp384',
    'ecdh-sha2-nistp521',
    'sntrup761x25519-sha512@openssh.com',
    'diffie-hellman-group-exchange-sha256',
    'diffie-hellman-group16-sha512',
    'diffie-hellman-group18-sha512',
    'diffie-hellman-group14-sha256',
  ]);
  assert.deepEqual(kexProbeOptions(DEFAULT_9_2), [`KexAlgorithms=${cheapKexFirst(DEFAULT_9_2)?.join(',')}`]);
});

test('no option when the user’s order already has the cheap ones first, or has none', () => {
  assert.deepEqual(kexProbeOptions(DEFAULT_9_2.slice(1)), []);
  // A cheap first choice is not enough: a server without it would pick the next one, here an expensive one.
  assert.deepEqual(
    cheapKexFirst(['ecdh-sha2-nistp256', 'diffie-hellman-group16-sha512', 'ecdh-sha2-nistp384']),
    ['ecdh-sha2-nistp256', 'ecdh-sha2-nistp384', 'diffie-hellman-group16-sha512'],
  );
  assert.deepEqual(
    kexProbeOptions(['sntrup761x25519-sha512@openssh.com', 'diffie-hellman-group14-sha256']),
    [],
  );
  assert.deepEqual(kexProbeOptions([]), []);
});

test('the reordered list allows exactly the user’s algorithms and picks a cheap one whenever the server offers one', () => {
  const names = [...DEFAULT_9_2, 'mlkem768x25519-sha256', 'gss-curve25519-sha256-'];
  const cheap = new Set(DEFAULT_9_2.slice(1, 6));
  fc.assert(
    fc.property(fc.shuffledSubarray(names, { minLength: 1 }), fc.subarray(names), (user, server) => {
      const order = cheapKexFirst(user) ?? user;
      assert.deepEqual([...order].sort(), [...user].sort(), 'nothing added or removed');
      const withOption = negotiated(order, server);
      const without = negotiated(user, server);
      if (user.some((kex) => cheap.has(kex) && server.includes(kex))) {
        assert.ok(withOption !== undefined && cheap.has(withOption), `${withOption} is cheap`);
      } else {
        // No cheap one in common: the user's own choice, or no agreement just as without the option.
        assert.equal(withOption, without);
      }
    }),
    { numRuns: 500 },
  );
});
