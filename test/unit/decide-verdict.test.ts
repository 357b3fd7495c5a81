import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenSshProbeResult } from '../../main/core/probes/openssh-probe.ts';
import type { OpenSshOutcome } from '../../main/core/probes/openssh-outcome.ts';
import type { TosProbeResult } from '../../main/core/probes/tos-probe.ts';
import type { NetOutcome } from '../../main/core/probes/probe-outcome.ts';
import { decideVerdict, type Observations } from '../../main/core/verdicts/decide-verdict.ts';

const raw = (outcome: NetOutcome, tosAfterKex?: number): TosProbeResult => ({
  outcome,
  stage: outcome === 'ok' ? 'reply' : 'auth',
  detail: '',
  durationMs: 50,
  tosAfterKex,
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
const observe = (parts: Partial<Observations>): Observations => ({
  alreadyFixed: false,
  baseline: raw('ok'),
  variants: [raw('ok', 0x10), raw('ok', 0x08)],
  openssh: [ssh(true, false, 'ok'), ssh(false, false, 'ok'), ssh(false, true, 'ok'), ssh(true, true, 'ok')],
  zeroForced: true,
  ...parts,
});

test('a healthy host is ok on the strength of the user’s own ssh', () => {
  const decision = decideVerdict(observe({}));
  assert.equal(decision.verdict, 'ok');
  assert.equal(decision.provenBy, 'openssh');
});

test('a reset without a tty that IPQoS 0 cures needs IPQoS 0 (the F2 case)', () => {
  const decision = decideVerdict(
    observe({
      variants: [raw('reset', 0x10), raw('reset', 0x08)],
      openssh: [ssh(true, false, 'ok'), ssh(false, false, 'reset'), ssh(false, true, 'ok'), ssh(true, true, 'ok')],
    }),
  );
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.equal(decision.provenBy, 'openssh');
  assert.match(decision.summary, /without a tty/);
});

test('a hang that IPQoS 0 cures needs IPQoS 0 (the F1 case)', () => {
  const decision = decideVerdict(observe({ openssh: [ssh(true, false, 'ok'), ssh(false, false, 'timeout'), ssh(false, true, 'timeout'), ssh(true, true, 'ok')] }));
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.match(decision.summary, /without a tty .* and with a tty;/);
});

test('breaking even with IPQoS 0 points at the server’s marking, not at a client fix (F5)', () => {
  const decision = decideVerdict(observe({ openssh: [ssh(true, false, 'reset'), ssh(false, false, 'reset'), ssh(false, true, 'ok'), ssh(true, true, 'ok')] }));
  assert.equal(decision.verdict, 'inconclusive');
  assert.match(decision.summary, /sshd_config/);
});

test('without a non-interactive login the verdict rests on the raw probe and says so', () => {
  const noLogin = [ssh(true, false, 'auth-failed'), ssh(false, false, 'auth-failed'), ssh(false, true, 'auth-failed'), ssh(true, true, 'auth-failed')];
  const broken = decideVerdict(observe({ variants: [raw('timeout', 0x10), raw('ok', 0x08)], openssh: noLogin }));
  assert.equal(broken.verdict, 'needs-ipqos-0');
  assert.equal(broken.provenBy, 'raw-probe');
  assert.match(broken.summary, /Rests on the raw probe/);
  const healthy = decideVerdict(observe({ openssh: noLogin }));
  assert.equal(healthy.verdict, 'ok');
  assert.equal(healthy.provenBy, 'raw-probe');
});

test('a marked SYN that is dropped, with IPQoS 0 reaching authentication, needs IPQoS 0 (F4 without a key)', () => {
  const decision = decideVerdict(observe({ openssh: [ssh(true, false, 'auth-failed'), ssh(false, false, 'timeout'), ssh(false, true, 'timeout'), ssh(true, true, 'auth-failed')] }));
  assert.equal(decision.verdict, 'needs-ipqos-0');
  assert.match(decision.summary, /authentication/);
});

test('an unmarked connection that fails is unreachable, not a QoS problem', () => {
  assert.equal(decideVerdict(observe({ baseline: raw('refused') })).verdict, 'unreachable');
  assert.equal(decideVerdict(observe({ baseline: raw('dns') })).verdict, 'unreachable');
  assert.equal(decideVerdict(observe({ baseline: raw('timeout') })).verdict, 'unreachable');
});

test('a host already at IPQoS 0 is ok and says it is already fixed', () => {
  const decision = decideVerdict(observe({ alreadyFixed: true, variants: [], openssh: [ssh(false, false, 'ok'), ssh(false, true, 'ok')] }));
  assert.equal(decision.verdict, 'ok');
  assert.match(decision.summary, /Already fixed/);
});

test('when this ssh cannot force IPQoS 0 from the command line the fix is not claimed', () => {
  const decision = decideVerdict(observe({ zeroForced: false, openssh: [ssh(true, false, 'reset'), ssh(false, false, 'reset'), ssh(false, true, 'ok'), ssh(true, true, 'ok')] }));
  assert.equal(decision.verdict, 'inconclusive');
  assert.match(decision.summary, /before 8\.7/);
});
