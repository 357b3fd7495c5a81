/**
 * A probe login's key exchange. The default first choice of OpenSSH 9.x,
 * sntrup761x25519, costs about 100 ms of client CPU per login here against
 * about 20 ms for curve25519 (test/bench/check-bench.ts prints both ends'
 * CPU). The key exchange does not change how ssh marks its packets, so a
 * probe may put the cheap ones first.
 */
const CHEAP_KEX = new Set([
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'ecdh-sha2-nistp256',
  'ecdh-sha2-nistp384',
  'ecdh-sha2-nistp521',
]);

/**
 * The user's own KexAlgorithms (as `ssh -G` prints them) with the cheap ones
 * moved to the front, each group in the user's order; undefined when that
 * changes nothing. Only algorithms the user allows are listed, so nothing is
 * added or removed; and since the client's first algorithm the server also
 * offers is the one used, a server that offers no cheap one gets the same
 * algorithm as without the option. An explicit list works on every OpenSSH,
 * where `^` would put the cheap ones before ssh's default list and drop a
 * KexAlgorithms line of the user's.
 */
export function cheapKexFirst(userOrder: readonly string[]): string[] | undefined {
  const order = [
    ...userOrder.filter((kex) => CHEAP_KEX.has(kex)),
    ...userOrder.filter((kex) => !CHEAP_KEX.has(kex)),
  ];
  return order.every((kex, index) => kex === userOrder[index]) ? undefined : order;
}

/** The `-o` option for a probe login of this host, or none when the user's order is already cheap. */
export function kexProbeOptions(userOrder: readonly string[]): string[] {
  const order = cheapKexFirst(userOrder);
  return order ? [`KexAlgorithms=${order.join(',')}`] : [];
}
