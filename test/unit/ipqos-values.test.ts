import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTos, isUnmarked, tosByte } from '../../main/core/ssh/ipqos-values.ts';
import { ipqosRule, markingBehaviour, parseOpenSshVersion } from '../../main/core/ssh/openssh-version.ts';

test('IPQoS keywords map to the TOS byte OpenSSH puts on the wire', () => {
  assert.equal(tosByte('af21'), 0x48);
  assert.equal(tosByte('cs1'), 0x20);
  assert.equal(tosByte('EF'), 0xb8);
  assert.equal(tosByte('lowdelay'), 0x10);
  assert.equal(tosByte('throughput'), 0x08);
  assert.equal(tosByte('cs0'), 0);
  assert.equal(tosByte('none'), undefined);
});

test('numeric IPQoS values are the TOS byte, read like strtol base 0', () => {
  assert.equal(tosByte('0'), 0);
  assert.equal(tosByte('0x48'), 0x48);
  assert.equal(tosByte('010'), 8);
  assert.equal(tosByte('184'), 184);
  assert.equal(tosByte('256'), undefined);
  assert.equal(tosByte('12abc'), undefined);
});

test('unmarked means 0 on the wire, whether set explicitly or left alone', () => {
  assert.ok(isUnmarked('0'));
  assert.ok(isUnmarked('cs0'));
  assert.ok(isUnmarked('none'));
  assert.ok(!isUnmarked('af21'));
  assert.equal(formatTos(0x48), '0x48');
  assert.equal(formatTos(undefined), 'unset');
});

test('ssh -V output gives the version and the IPQoS precedence rule', () => {
  const debian = parseOpenSshVersion('OpenSSH_9.2p1 Debian-2+deb12u6, OpenSSL 3.0.19 27 Jan 2026\n');
  assert.deepEqual(debian && { major: debian.major, minor: debian.minor }, { major: 9, minor: 2 });
  const monterey = parseOpenSshVersion('OpenSSH_8.6p1, LibreSSL 3.3.6');
  assert.ok(monterey && debian);
  assert.equal(ipqosRule(monterey), 'last-match');
  assert.equal(ipqosRule(debian), 'first-match');
  assert.equal(ipqosRule({ major: 8, minor: 7, raw: '' }), 'first-match');
  assert.match(markingBehaviour({ major: 10, minor: 1, raw: '' }), /re-evaluates continually/);
  assert.match(markingBehaviour({ major: 8, minor: 1, raw: '' }), /key exchange unmarked/);
  assert.equal(parseOpenSshVersion('Sun_SSH_1.1'), undefined);
});
