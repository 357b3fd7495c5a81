import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyOpenSsh } from '../../main/core/probes/openssh-outcome.ts';

const trace = (...lines: string[]): string => `${lines.join('\n')}\n`;
const CONNECTED = [
  'debug3: set_sock_tos: set socket 3 IP_TOS 0x10',
  'debug1: Connection established.',
  'debug1: SSH2_MSG_KEXINIT sent',
];

test('a remote command that ran is ok whatever its exit code: the session opened', () => {
  const result = classifyOpenSsh({
    exitCode: 1,
    timedOut: false,
    stderr: trace(...CONNECTED, 'debug1: Authenticated to x ([10.0.0.2]:22) using "publickey".'),
  });
  assert.equal(result.outcome, 'ok');
  assert.deepEqual(result.tosSet, [0x10]);
});

test('the field symptoms are recognised from ssh’s stderr', () => {
  const cases: [string, string][] = [
    ['client_loop: send disconnect: Broken pipe', 'reset'],
    ['packet_write_wait: Connection to 10.0.0.2 port 22: Broken pipe', 'reset'],
    ['Read from remote host 10.0.0.2: Connection reset by peer', 'reset'],
    ['ssh: connect to host 10.0.0.2 port 22: Connection timed out', 'timeout'],
    ['ssh: connect to host 10.0.0.2 port 22: Connection refused', 'refused'],
    ['ssh: Could not resolve hostname nowhere: Name or service not known', 'dns'],
    ['root@10.0.0.2: Permission denied (publickey).', 'auth-failed'],
    ['Host key verification failed.', 'host-key'],
    ['Connection closed by 10.0.0.2 port 22', 'closed'],
    ['ssh: connect to host 10.0.0.2 port 22: No route to host', 'unreachable-network'],
  ];
  for (const [line, outcome] of cases) {
    assert.equal(
      classifyOpenSsh({ exitCode: 255, timedOut: false, stderr: trace(...CONNECTED, line) }).outcome,
      outcome,
      line,
    );
  }
});

test('a killed run is a timeout, and says how far it got', () => {
  const result = classifyOpenSsh({
    exitCode: null,
    timedOut: true,
    stderr: trace(
      ...CONNECTED,
      'debug1: Authenticated to lab ([10.0.0.2]:2203) using "publickey".',
      'debug3: set_sock_tos: set socket 3 IP_TOS 0x08',
      'debug2: channel 0: open confirm rwindow 0 rmax 32768',
    ),
  });
  assert.equal(result.outcome, 'timeout');
  assert.equal(result.stage, 'session');
  assert.deepEqual(result.tosSet, [0x10, 0x08]);
  assert.match(result.reason, /session opened/);
});

test('debug lines never decide the outcome; the last plain line explains an unknown failure', () => {
  const result = classifyOpenSsh({
    exitCode: 255,
    timedOut: false,
    stderr: trace('debug1: Connection refused earlier', 'Bad stdio forwarding specification'),
  });
  assert.equal(result.outcome, 'error');
  assert.equal(result.reason, 'Bad stdio forwarding specification');
  assert.equal(result.stage, 'start');
});

test('through a ProxyJump the hop’s version line and login count once, the host’s once more', () => {
  const hop = [
    'debug1: Executing proxy command: exec ssh -l root -p 2201 -vvv -W [10.0.0.2]:2215 hop',
    'debug1: Remote protocol version 2.0, remote software version OpenSSH_9.2p1 Debian-2+deb12u10',
    'Authenticated to 10.0.0.2 ([10.0.0.2]:2201) using "publickey".',
    'debug1: Entering interactive session.',
  ];
  const silent = classifyOpenSsh({ exitCode: null, stderr: hop.join('\n'), timedOut: true });
  assert.deepEqual([silent.banners, silent.logins], [1, 1]);
  const through = [
    ...hop,
    'debug1: Remote protocol version 2.0, remote software version OpenSSH_10.6p1 Debian-1',
    'Authenticated to 10.0.0.2 (via proxy) using "publickey".',
  ];
  const worked = classifyOpenSsh({ exitCode: 0, stderr: through.join('\n'), timedOut: false });
  assert.deepEqual([worked.banners, worked.logins], [2, 2]);
});
