import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenSshOutcome } from '../../main/core/probes/openssh-outcome.ts';
import type { OpenSshProbeResult } from '../../main/core/probes/openssh-probe.ts';
import type { NetOutcome } from '../../main/core/probes/probe-outcome.ts';
import type { TosProbeResult } from '../../main/core/probes/tos-probe.ts';
import { decideVerdict, type Observations } from '../../main/core/verdicts/decide-verdict.ts';

/** The raw probe: the unmarked part, then each switch in turn, up to the first that breaks. */
const raw = (baseline: NetOutcome, ...switches: [number, NetOutcome][]): TosProbeResult => ({
  baseline: {
    outcome: baseline,
    stage: baseline === 'ok' ? 'auth' : 'connect',
    detail: baseline,
    durationMs: 40,
  },
  switched:
    baseline === 'ok'
      ? switches.map(([tos, outcome]) => ({ tos, outcome, detail: outcome, durationMs: 5, timeoutMs: 600 }))
      : [],
});
const ssh = (ipqosZero: boolean, tty: boolean, outcome: OpenSshOutcome): OpenSshProbeResult => ({
  outcome,
  stage: outcome === 'ok' ? 'session' : 'kex',
  reason: outcome,
  tosSet: [],
  ipqosZero,
  tty,
  durationMs: 100,
  exitCode: outcome === 'ok' ? 0 : 255,
});
const healthyRaw = raw('ok', [0x08, 'ok'], [0x10, 'ok']);
const observe = (parts: Partial<Observations>): Observations => ({
  alreadyFixed: false,
  raw: healthyRaw,
  openssh: [],
  zeroForced: true,
  ...parts,
});

test('a path that carries both markings is ok on the raw probe alone, and says what it carried', () => {
  const decision = decideVerdict(observe({}));
  assert.equal(decision.verdict, 'ok');
  assert.equal(decision.provenBy, 'raw-probe');
  assert.match(decision.summary, /0x08 and 0x10/);
});

test('with --thorough runs that all work, the user’s own ssh is the proof', () => {
  const decision = decideVerdict(observe({ openssh: [ssh(false, false, 'ok'), ssh(false, true, 'ok')] }));
  assert.equal(decision.verdict, 'ok');
  assert.equal(decision.provenBy, 'openssh');
});

test('a reset without a tty that IPQoS 0 cures needs IPQoS 0 (the F2 case)', () => {
  const decision = decideVerdict(
    observe({
      raw: raw('ok', [0x08, 'reset']),
      openssh: [ssh(true, false, 'ok'), ssh(false, false, 'reset')],
    }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.equal(decision.provenBy, 'openssh');
  assert.match(decision.summary, /without a tty/);
});

test('hangs with and without a tty that IPQoS 0 cures need IPQoS 0 (the F1 case)', () => {
  const decision = decideVerdict(
    observe({
      openssh: [
        ssh(true, false, 'ok'),
        ssh(false, false, 'timeout'),
        ssh(false, true, 'timeout'),
        ssh(true, true, 'ok'),
      ],
    }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.match(decision.summary, /without a tty .* and with a tty;/);
});

test('breaking even with IPQoS 0 points at the server’s marking, not at a client fix (F5)', () => {
  const decision = decideVerdict(
    observe({ openssh: [ssh(true, false, 'reset'), ssh(false, false, 'reset')] }),
  );
  assert.equal(decision.verdict, 'inconclusive');
  assert.match(decision.summary, /sshd_config/);
});

test('without a non-interactive login the verdict rests on the raw probe and says so', () => {
  const noLogin = [ssh(true, false, 'auth-failed'), ssh(false, false, 'auth-failed')];
  const broken = decideVerdict(
    observe({ raw: raw('ok', [0x08, 'ok'], [0x10, 'timeout']), openssh: noLogin }),
  );
  assert.equal(broken.verdict, 'needs-ipqos-0');
  assert.equal(broken.provenBy, 'raw-probe');
  assert.match(broken.summary, /timeout after a switch to 0x10.*Rests on the raw probe.*could not confirm/);
});

test('a marked SYN that is dropped, with IPQoS 0 reaching authentication, needs IPQoS 0 (F4 without a key)', () => {
  const decision = decideVerdict(
    observe({ openssh: [ssh(true, false, 'auth-failed'), ssh(false, false, 'timeout')] }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.equal(decision.provenBy, 'openssh');
  assert.match(decision.summary, /authentication/);
});

test('an unmarked connection that fails is unreachable, not a QoS problem', () => {
  for (const outcome of ['refused', 'dns', 'timeout'] as const) {
    const decision = decideVerdict(observe({ raw: raw(outcome, [0x08, 'ok']) }));
    assert.equal(decision.verdict, 'unreachable', outcome);
    assert.match(decision.summary, new RegExp(outcome));
  }
});

test('a host already at IPQoS 0 is ok and says it is already fixed', () => {
  const decision = decideVerdict(observe({ alreadyFixed: true, raw: raw('ok') }));
  assert.equal(decision.verdict, 'ok');
  assert.match(decision.summary, /Already fixed/);
});

test('when this ssh cannot force IPQoS 0 from the command line the fix is not claimed', () => {
  const decision = decideVerdict(
    observe({ zeroForced: false, openssh: [ssh(true, false, 'reset'), ssh(false, false, 'reset')] }),
  );
  assert.equal(decision.verdict, 'inconclusive');
  assert.match(decision.summary, /before 8\.7/);
});

test('the user’s ssh working outweighs a raw break, with a caution', () => {
  const decision = decideVerdict(
    observe({
      raw: raw('ok', [0x08, 'ok'], [0x10, 'reset']),
      openssh: [ssh(true, false, 'ok'), ssh(false, false, 'ok')],
    }),
  );
  assert.equal(decision.verdict, 'ok');
  assert.match(decision.summary, /watch this host/);
});

test('by default a raw break plus a working IPQoS 0 login needs IPQoS 0', () => {
  const decision = decideVerdict(
    observe({ raw: raw('ok', [0x08, 'reset']), openssh: [ssh(true, false, 'ok')] }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.match(decision.summary, /reset after a switch to 0x08\); your ssh with IPQoS 0 works/);
});

test('a raw break that IPQoS 0 does not cure is not blamed on the client', () => {
  const decision = decideVerdict(
    observe({ raw: raw('ok', [0x08, 'timeout']), openssh: [ssh(true, false, 'timeout')] }),
  );
  assert.equal(decision.verdict, 'inconclusive');
  assert.match(decision.summary, /even with IPQoS 0/);
});
