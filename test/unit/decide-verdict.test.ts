import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenSshOutcome, OpenSshStage } from '../../main/core/probes/openssh-outcome.ts';
import type { OpenSshProbeResult } from '../../main/core/probes/openssh-probe.ts';
import type { NetOutcome } from '../../main/core/probes/probe-outcome.ts';
import type { TosBaseline, TosProbeResult } from '../../main/core/probes/tos-probe.ts';
import { decideVerdict, type Decision, type Observations } from '../../main/core/verdicts/decide-verdict.ts';
import { formatMessage } from '../../main/core/verdicts/messages.ts';

/** The raw probe: the unmarked part, then each switch in turn, up to the first that breaks. */
const raw = (baseline: NetOutcome, ...switches: [number, NetOutcome][]): TosProbeResult => ({
  baseline: {
    outcome: baseline,
    stage: baseline === 'ok' ? 'auth' : 'connect',
    detail: baseline,
    durationMs: 40,
    bytesReceived: baseline === 'ok' ? 2048 : 0,
    errno: null,
    address: null,
  },
  switched:
    baseline === 'ok'
      ? switches.map(([tos, outcome]) => ({ tos, outcome, detail: outcome, durationMs: 5, timeoutMs: 600 }))
      : [],
});
/** One run of the user's ssh; a failure happens at `stage` (key exchange unless said otherwise). */
const ssh = (
  ipqosZero: boolean,
  tty: boolean,
  outcome: OpenSshOutcome,
  stage: OpenSshStage = outcome === 'ok' ? 'session' : 'kex',
): OpenSshProbeResult => ({
  outcome,
  stage,
  reason: outcome === 'auth-failed' ? 'root@10.0.0.2: Permission denied (publickey).' : outcome,
  tosSet: [],
  banners: outcome === 'ok' || stage !== 'start' ? 1 : 0,
  logins: outcome === 'ok' ? 1 : 0,
  ipqosZero,
  viaFixedConfig: false,
  tty,
  durationMs: 100,
  exitCode: outcome === 'ok' ? 0 : 255,
});
const healthyRaw = raw('ok', [0x08, 'ok'], [0x10, 'ok']);
const observe = (parts: Partial<Observations>): Observations => ({
  hostname: 'web.example',
  alreadyFixed: false,
  raw: healthyRaw,
  openssh: [],
  zeroForced: true,
  platform: 'linux',
  ...parts,
});
/** A raw probe whose unmarked part ended as `parts` say. */
const failedAt = (parts: Partial<TosBaseline>): TosProbeResult => ({
  baseline: { ...raw('timeout').baseline, ...parts },
  switched: [],
});
const summary = (decision: Decision): string => formatMessage(decision.summaryCode);
const notes = (decision: Decision): string => decision.notes.map(formatMessage).join('\n');

test('screen mode: a path that carries both markings is ok on the screen alone, and says so', () => {
  const decision = decideVerdict(observe({}));
  assert.equal(decision.verdict, 'ok');
  assert.equal(decision.provenBy, 'screen');
  assert.equal(decision.sessionOk, false);
  assert.equal(decision.summaryCode.code, 'verdict.ok.screen');
  assert.match(summary(decision), /0x08, 0x10.*no session was opened/);
});

test('session mode: a working session with the host’s own marking is ok, proven by the user’s ssh', () => {
  const decision = decideVerdict(observe({ openssh: [ssh(false, false, 'ok')] }));
  assert.equal(decision.verdict, 'ok');
  assert.equal(decision.provenBy, 'openssh');
  assert.equal(decision.sessionOk, true);
  assert.equal(decision.summaryCode.code, 'verdict.ok.session');
});

test('no prompt-free login: the screen’s ok stands, marked screen, with the reason as evidence', () => {
  for (const outcome of ['auth-failed', 'host-key'] as const) {
    const decision = decideVerdict(observe({ openssh: [ssh(false, false, outcome)] }));
    assert.equal(decision.verdict, 'ok', outcome);
    assert.equal(decision.provenBy, 'screen');
    assert.equal(decision.sessionOk, false);
    assert.equal(decision.summaryCode.code, 'verdict.ok.screen.no-login');
    assert.deepEqual(
      decision.notes.map((note) => note.code),
      ['evidence.no-login'],
    );
  }
  const noKey = decideVerdict(observe({ openssh: [ssh(false, false, 'auth-failed')] }));
  assert.match(notes(noKey), /cannot log in without a prompt \(root@10\.0\.0\.2: Permission denied/);
});

test('a session that fails for a reason that is neither the path nor a login is not ok', () => {
  const decision = decideVerdict(observe({ openssh: [ssh(false, false, 'error')] }));
  assert.equal(decision.verdict, 'inconclusive');
  assert.equal(decision.sessionOk, false);
});

test('a session that breaks after login with and without IPQoS 0, on a clean screen, is server-side (F5)', () => {
  for (const outcome of ['timeout', 'reset'] as const) {
    const decision = decideVerdict(
      observe({ openssh: [ssh(false, false, outcome, 'session'), ssh(true, false, outcome, 'session')] }),
    );
    assert.equal(decision.verdict, 'server-side', outcome);
    assert.equal(decision.provenBy, 'openssh');
    assert.equal(decision.sessionOk, false);
    assert.match(summary(decision), /server marks its own packets.*sshd_config/);
    assert.match(notes(decision), /server’s admin.*IPQoS 0 \(or none\) in sshd_config on web\.example/);
  }
});

test('with --thorough, server-side still needs every break to come after login', () => {
  const afterLogin = decideVerdict(
    observe({
      openssh: [
        ssh(false, false, 'timeout', 'session'),
        ssh(false, true, 'timeout', 'session'),
        ssh(true, false, 'timeout', 'session'),
        ssh(true, true, 'timeout', 'authenticated'),
      ],
    }),
  );
  assert.equal(afterLogin.verdict, 'server-side');
  // A break during key exchange is no server marking: sshd marks only once a session starts.
  const early = decideVerdict(
    observe({ openssh: [ssh(false, false, 'timeout', 'session'), ssh(true, false, 'timeout', 'kex')] }),
  );
  assert.equal(early.verdict, 'inconclusive');
  assert.equal(early.summaryCode.code, 'verdict.inconclusive.zero-breaks.no-tty');
});

test('a break with and without IPQoS 0 where the screen also broke is not blamed on the server', () => {
  const decision = decideVerdict(
    observe({
      raw: raw('ok', [0x08, 'reset']),
      openssh: [ssh(false, false, 'reset', 'session'), ssh(true, false, 'reset', 'session')],
    }),
  );
  assert.equal(decision.verdict, 'inconclusive');
});

test('a host already at IPQoS 0 whose sessions break after login is server-side', () => {
  const decision = decideVerdict(
    observe({ alreadyFixed: true, raw: raw('ok'), openssh: [ssh(false, false, 'timeout', 'session')] }),
  );
  assert.equal(decision.verdict, 'server-side');
  assert.equal(decision.summaryCode.code, 'verdict.server-side.already-fixed');
  const early = decideVerdict(
    observe({ alreadyFixed: true, raw: raw('ok'), openssh: [ssh(false, false, 'timeout', 'kex')] }),
  );
  assert.equal(early.verdict, 'inconclusive');
});

test('a host already at IPQoS 0: ok with a session, screen-only without one', () => {
  const withSession = decideVerdict(
    observe({ alreadyFixed: true, raw: raw('ok'), openssh: [ssh(false, false, 'ok')] }),
  );
  assert.equal(withSession.verdict, 'ok');
  assert.equal(withSession.provenBy, 'openssh');
  assert.equal(withSession.sessionOk, true);
  assert.match(summary(withSession), /Already fixed/);
  const screen = decideVerdict(observe({ alreadyFixed: true, raw: raw('ok') }));
  assert.equal(screen.provenBy, 'screen');
  assert.equal(screen.summaryCode.code, 'verdict.ok.already-fixed.screen');
  const noLogin = decideVerdict(
    observe({ alreadyFixed: true, raw: raw('ok'), openssh: [ssh(false, false, 'auth-failed')] }),
  );
  assert.equal(noLogin.verdict, 'ok');
  assert.equal(noLogin.provenBy, 'screen');
  assert.equal(noLogin.summaryCode.code, 'verdict.ok.already-fixed.no-login');
});

test('a session break without a tty that IPQoS 0 cures needs IPQoS 0 (the F2 case)', () => {
  const decision = decideVerdict(
    observe({ openssh: [ssh(true, false, 'ok'), ssh(false, false, 'reset', 'session')] }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.equal(decision.provenBy, 'openssh');
  assert.equal(decision.summaryCode.code, 'verdict.needs-ipqos-0.session-breaks.no-tty');
  assert.match(summary(decision), /without a tty/);
});

test('hangs with and without a tty that IPQoS 0 cures need IPQoS 0, and say both (F1)', () => {
  const decision = decideVerdict(
    observe({
      openssh: [
        ssh(true, false, 'ok'),
        ssh(false, false, 'timeout', 'session'),
        ssh(false, true, 'timeout', 'session'),
        ssh(true, true, 'ok'),
      ],
    }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.equal(decision.summaryCode.code, 'verdict.needs-ipqos-0.session-breaks.both');
});

test('a screen break confirmed by a working IPQoS 0 session needs IPQoS 0, proven by the user’s ssh', () => {
  const decision = decideVerdict(
    observe({ raw: raw('ok', [0x08, 'reset']), openssh: [ssh(true, false, 'ok')] }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.equal(decision.provenBy, 'openssh');
  assert.equal(decision.sessionOk, false);
  assert.match(
    summary(decision),
    /switch to TOS 0x08 mid-connection breaks it \(reset\); your ssh with IPQoS 0 works/,
  );
});

test('a screen break without a login rests on the screen and says why', () => {
  const broken = decideVerdict(
    observe({ raw: raw('ok', [0x08, 'ok'], [0x10, 'timeout']), openssh: [ssh(true, false, 'auth-failed')] }),
  );
  assert.equal(broken.verdict, 'needs-ipqos-0');
  assert.equal(broken.provenBy, 'screen');
  assert.match(
    summary(broken),
    /0x10.*\(timeout\)\. Rests on the screen: your ssh could not confirm the fix .*Permission denied/,
  );
});

test('screen mode: a screen break is needs-ipqos-0, marked as not yet confirmed', () => {
  const decision = decideVerdict(observe({ raw: raw('ok', [0x08, 'reset']) }));
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.equal(decision.provenBy, 'screen');
  assert.equal(decision.summaryCode.code, 'verdict.needs-ipqos-0.screen-only');
});

test('a marked SYN that is dropped, with IPQoS 0 reaching authentication, needs IPQoS 0 (F4 without a key)', () => {
  const decision = decideVerdict(
    observe({ openssh: [ssh(true, false, 'auth-failed'), ssh(false, false, 'timeout')] }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.equal(decision.provenBy, 'openssh');
  assert.match(summary(decision), /authentication/);
});

test('an unmarked connection that fails is unreachable, not a QoS problem', () => {
  for (const outcome of ['refused', 'dns', 'timeout'] as const) {
    const decision = decideVerdict(observe({ raw: raw(outcome, [0x08, 'ok']) }));
    assert.equal(decision.verdict, 'unreachable', outcome);
    assert.match(summary(decision), new RegExp(outcome));
  }
});

test('TCP refused or never connected: unreachable; connected but not one byte back: the server’s side', () => {
  const cases: [Partial<TosBaseline>, string, string][] = [
    [{ outcome: 'refused', stage: 'connect', errno: 'ECONNREFUSED' }, 'unreachable', 'verdict.unreachable'],
    [{ outcome: 'timeout', stage: 'connect' }, 'unreachable', 'verdict.unreachable'],
    [{ outcome: 'dns', stage: 'connect', errno: 'ENOTFOUND' }, 'unreachable', 'verdict.unreachable'],
    // sshd 10.1+ marks its version line EF: a path that drops it leaves a connected, silent socket.
    [{ outcome: 'timeout', stage: 'version' }, 'server-side', 'verdict.server-side.no-banner.timeout'],
    [
      { outcome: 'reset', stage: 'version', errno: 'ECONNRESET' },
      'server-side',
      'verdict.server-side.no-banner.reset',
    ],
    // connect() itself reports a reset that came after the handshake, when the loop was late to look.
    [
      { outcome: 'reset', stage: 'connect', errno: 'ECONNRESET' },
      'server-side',
      'verdict.server-side.no-banner.reset',
    ],
    // A close is the server's own refusal (MaxStartups), and bytes that are not a version line are no sshd.
    [{ outcome: 'closed', stage: 'version' }, 'unreachable', 'verdict.unreachable'],
    [{ outcome: 'timeout', stage: 'kex', bytesReceived: 40 }, 'unreachable', 'verdict.unreachable'],
  ];
  for (const [baseline, verdict, code] of cases) {
    const decision = decideVerdict(observe({ raw: failedAt(baseline) }));
    const label = JSON.stringify(baseline);
    assert.equal(decision.verdict, verdict, label);
    assert.equal(decision.summaryCode.code, code, label);
    assert.equal(decision.provenBy, 'screen', label);
  }
});

test('a server silent after the connect names the server’s admin’s line and offers no client fix', () => {
  const decision = decideVerdict(observe({ raw: failedAt({ outcome: 'timeout', stage: 'version' }) }));
  assert.match(
    summary(decision),
    /OpenSSH 10\.1 and later mark EF from the banner on.*less likely, its sshd is hung/,
  );
  assert.match(summary(decision), /IPQoS 0 on this client cannot help.*IPQoS none in sshd_config/);
  assert.deepEqual(
    decision.notes.map((note) => note.code),
    ['evidence.server-side.no-banner'],
  );
  assert.match(notes(decision), /IPQoS none in sshd_config on web\.example/);
});

test('the banner arrives and a switch breaks later: the client-side cases stay as they were', () => {
  // A 10.1+ server marks EF from its banner, which this path carries; the client's change is what breaks.
  const decision = decideVerdict(
    observe({ raw: raw('ok', [0x08, 'reset']), openssh: [ssh(true, false, 'ok')] }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.equal(decision.summaryCode.code, 'verdict.needs-ipqos-0.screen-confirmed');
});

test('macOS Local Network privacy: a refused connect to a local target is a permission problem', () => {
  const rows: [NodeJS.Platform, string, string, string | null, boolean][] = [
    ['darwin', 'EHOSTUNREACH', '192.168.1.20', null, true],
    ['darwin', 'EPERM', '10.0.0.5', null, true],
    ['darwin', 'EPERM', '172.16.0.1', null, true],
    ['darwin', 'EPERM', '172.31.255.254', null, true],
    ['darwin', 'EPERM', '169.254.10.1', null, true],
    ['darwin', 'EHOSTUNREACH', 'fd12:3456::1', null, true],
    ['darwin', 'EHOSTUNREACH', 'fe80::1%en0', null, true],
    ['darwin', 'EHOSTUNREACH', 'nas.local', null, true],
    ['darwin', 'EHOSTUNREACH', 'NAS.LOCAL.', null, true],
    ['darwin', 'EPERM', 'pi.home.arpa', '192.168.1.30', true],
    ['darwin', 'EPERM', 'pi.home.arpa', '::ffff:192.168.1.30', true],
    // Not local: the public Internet, 172.32/12's neighbours, CGNAT, loopback.
    ['darwin', 'EHOSTUNREACH', '8.8.8.8', null, false],
    ['darwin', 'EPERM', '172.32.0.1', null, false],
    ['darwin', 'EPERM', '100.64.0.1', null, false],
    ['darwin', 'EPERM', '2001:db8::1', null, false],
    ['darwin', 'EPERM', 'example.com', '93.184.216.34', false],
    ['darwin', 'EPERM', 'example.com', null, false],
    // Other errors, other systems: what they always were.
    ['darwin', 'ECONNREFUSED', '192.168.1.20', null, false],
    ['darwin', 'ETIMEDOUT', '192.168.1.20', null, false],
    ['linux', 'EHOSTUNREACH', '192.168.1.20', null, false],
    ['linux', 'EPERM', 'nas.local', '192.168.1.20', false],
  ];
  for (const [platform, errno, hostname, address, blocked] of rows) {
    const decision = decideVerdict(
      observe({
        hostname,
        platform,
        raw: failedAt({
          outcome: errno === 'EPERM' ? 'error' : 'unreachable-network',
          stage: 'connect',
          errno,
          address,
        }),
      }),
    );
    const label = `${platform} ${errno} ${hostname} ${address}`;
    if (blocked) {
      assert.equal(decision.verdict, 'inconclusive', label);
      assert.equal(decision.summaryCode.code, 'verdict.inconclusive.local-network', label);
      assert.match(summary(decision), /System Settings › Privacy & Security › Local Network/, label);
      assert.equal(decision.summaryCode.params.errno, errno, label);
    } else {
      assert.equal(decision.verdict, 'unreachable', label);
    }
  }
});

test('when IPQoS 0 could not be put on the wire (before 8.7, no copy with the fix) the fix is not claimed', () => {
  const decision = decideVerdict(
    observe({
      zeroForced: false,
      openssh: [ssh(true, false, 'reset', 'session'), ssh(false, false, 'reset', 'session')],
    }),
  );
  assert.equal(decision.verdict, 'inconclusive');
  assert.match(summary(decision), /before 8\.7/);
});

test('a screen break whose IPQoS 0 run could not put 0 on the wire is not blamed on the server', () => {
  // Before 8.7 without a copy of the config with the fix, "-o IPQoS=0" ran with the config's marking.
  for (const outcome of ['reset', 'ok'] as const) {
    const decision = decideVerdict(
      observe({ raw: raw('ok', [0x08, 'reset']), zeroForced: false, openssh: [ssh(true, false, outcome)] }),
    );
    assert.equal(decision.verdict, 'inconclusive', outcome);
    assert.equal(decision.summaryCode.code, 'verdict.inconclusive.screen-not-forced');
    assert.doesNotMatch(summary(decision), /server/);
  }
});

test('the user’s ssh working outweighs a raw break, with a caution', () => {
  const decision = decideVerdict(
    observe({
      raw: raw('ok', [0x08, 'ok'], [0x10, 'reset']),
      openssh: [ssh(true, false, 'ok'), ssh(false, false, 'ok')],
    }),
  );
  assert.equal(decision.verdict, 'ok');
  assert.equal(decision.sessionOk, true);
  assert.match(summary(decision), /0x10.*watch this host/);
});

test('a raw break that IPQoS 0 does not cure is not blamed on the client', () => {
  const decision = decideVerdict(
    observe({ raw: raw('ok', [0x08, 'timeout']), openssh: [ssh(true, false, 'timeout')] }),
  );
  assert.equal(decision.verdict, 'inconclusive');
  assert.match(summary(decision), /even with IPQoS 0/);
});

test('every decision’s summary and notes have a value for each placeholder', () => {
  const cases: Observations[] = [
    observe({}),
    observe({ openssh: [ssh(false, false, 'auth-failed')] }),
    observe({ openssh: [ssh(false, false, 'timeout', 'session'), ssh(true, false, 'timeout', 'session')] }),
    observe({ raw: raw('ok', [0x08, 'reset']), openssh: [ssh(true, false, 'auth-failed')] }),
    observe({ raw: raw('refused') }),
    observe({ openssh: [ssh(false, false, 'error')] }),
  ];
  for (const obs of cases) {
    const decision = decideVerdict(obs);
    for (const text of [summary(decision), notes(decision)]) assert.doesNotMatch(text, /\{\{/, text);
  }
});
