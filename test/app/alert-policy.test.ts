import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RECHECK_MIN_MS, evaluateAlerts, type PendingChange } from '../../main/app/alert-policy.ts';
import { alertNotification } from '../../main/app/alert-notifications.ts';
import type { HostRecord } from '../../main/app/network-results.ts';
import type { HostStatus } from '../../main/shared/ipc-contract.ts';
import { translate } from '../../main/shared/i18n/translate.ts';

const record = (alias: string, status: HostStatus): HostRecord => ({
  alias,
  hostname: alias,
  port: 22,
  user: 'me',
  status,
  summary: null,
  evidence: [],
  fixAlias: null,
  alreadyFixed: false,
  ipqos: { interactive: 'af21', bulk: 'cs1' },
  lastCheckedAt: null,
  lastSessionAt: null,
  lastSessionTriedAt: null,
  confirmed: null,
  alerted: null,
  fixedAt: null,
});

/** Feeds one host a series of (status, time) results; returns every alert kind it raised. */
function feed(series: { status: HostStatus; at: number; alreadyFixed?: boolean }[]): string[] {
  const records: Record<string, HostRecord> = { h: record('h', 'ok') };
  let pending: Map<string, PendingChange> = new Map();
  const alerts: string[] = [];
  for (const { status, at, alreadyFixed = false } of series) {
    Object.assign(records.h as HostRecord, { status, alreadyFixed });
    const outcome = evaluateAlerts(records, ['h'], pending, at);
    pending = outcome.pending;
    alerts.push(...outcome.alerts.map((alert) => alert.kind));
  }
  return alerts;
}

const S = 1000;

test('a first fine result needs no confirmation; a first bad one does', () => {
  assert.deepEqual(feed([{ status: 'ok', at: 0 }]), []);
  assert.deepEqual(feed([{ status: 'needs-ipqos-0', at: 0 }]), []);
  assert.deepEqual(
    feed([
      { status: 'needs-ipqos-0', at: 0 },
      { status: 'needs-ipqos-0', at: 45 * S },
    ]),
    ['needs-ipqos-0'],
  );
});

test('the confirming result must come at least RECHECK_MIN_MS after the first sight', () => {
  const early = [
    { status: 'ok' as const, at: 0 },
    { status: 'needs-ipqos-0' as const, at: 10 * S },
    { status: 'needs-ipqos-0' as const, at: 10 * S + RECHECK_MIN_MS - 1 },
  ];
  assert.deepEqual(feed(early), []);
  assert.deepEqual(feed([...early, { status: 'needs-ipqos-0', at: 10 * S + RECHECK_MIN_MS }]), [
    'needs-ipqos-0',
  ]);
});

test('a glitch, a repeat, unreachable in between, a recovery, and a fix', () => {
  const bad = (at: number) => ({ status: 'needs-ipqos-0' as const, at: at * S });
  const ok = (at: number) => ({ status: 'ok' as const, at: at * S });
  assert.deepEqual(feed([ok(0), bad(10), ok(55)]), [], 'glitch');
  assert.deepEqual(feed([ok(0), bad(10), bad(55), bad(100), bad(200)]), ['needs-ipqos-0'], 'no repeat');
  assert.deepEqual(
    feed([ok(0), bad(10), bad(55), { status: 'unreachable', at: 60 * S }, bad(100), bad(200)]),
    ['needs-ipqos-0'],
    'offline in between is not a change',
  );
  assert.deepEqual(feed([ok(0), bad(10), bad(55), ok(100), ok(145)]), ['needs-ipqos-0', 'recovered']);
  assert.deepEqual(feed([ok(0), bad(10), bad(55), ok(100), ok(145), bad(200), bad(245)]), [
    'needs-ipqos-0',
    'recovered',
    'needs-ipqos-0',
  ]);
  assert.deepEqual(feed([ok(0), { status: 'screened', at: 50 * S }]), [], 'ok and screened are both fine');
  assert.deepEqual(
    feed([
      { status: 'server-side', at: 0 },
      { status: 'server-side', at: 45 * S },
    ]),
    ['server-side'],
  );
});

test('a recovery because IPQoS 0 now applies (this app’s fix or the user’s) is not news', () => {
  const series = [
    { status: 'needs-ipqos-0' as const, at: 0 },
    { status: 'needs-ipqos-0' as const, at: 45 * S },
    { status: 'ok' as const, at: 100 * S },
    { status: 'ok' as const, at: 145 * S },
  ];
  assert.deepEqual(feed(series), ['needs-ipqos-0', 'recovered']);
  const fixed = series.map((step) => ({ ...step, alreadyFixed: step.status === 'ok' }));
  assert.deepEqual(feed(fixed), ['needs-ipqos-0']);
});

test('several hosts confirmed together: one summary per kind', () => {
  const records: Record<string, HostRecord> = {
    a: { ...record('a', 'needs-ipqos-0'), confirmed: 'good' },
    b: { ...record('b', 'needs-ipqos-0'), confirmed: 'good' },
    c: { ...record('c', 'server-side'), confirmed: 'good' },
  };
  const first = evaluateAlerts(records, ['a', 'b', 'c'], new Map(), 0);
  assert.deepEqual(first.alerts, []);
  const second = evaluateAlerts(records, ['a', 'b', 'c'], first.pending, 45 * S);
  assert.deepEqual(second.alerts, [
    { kind: 'needs-ipqos-0', aliases: ['a', 'b'] },
    { kind: 'server-side', aliases: ['c'] },
  ]);
});

const STATUSES: HostStatus[] = [
  'ok',
  'screened',
  'needs-ipqos-0',
  'server-side',
  'unreachable',
  'inconclusive',
];
const cls = (status: HostStatus): string | null =>
  status === 'ok' || status === 'screened'
    ? 'good'
    : status === 'needs-ipqos-0' || status === 'server-side'
      ? status
      : null;

test('property: an alert is never repeated for the same state, and always rests on two results of that state far enough apart', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ status: fc.constantFrom(...STATUSES), gap: fc.integer({ min: 1, max: 90 * S }) }),
        {
          maxLength: 40,
        },
      ),
      (steps) => {
        let at = 0;
        const series = steps.map((step) => ({ status: step.status, at: (at += step.gap) }));
        const records: Record<string, HostRecord> = { h: record('h', 'ok') };
        let pending: Map<string, PendingChange> = new Map();
        let lastAlerted: string | null = null;
        // The model: when the current run of one state began (neutral results do not break a run).
        let run: { state: string | null; since: number } = { state: null, since: 0 };
        for (const step of series) {
          const state = cls(step.status);
          if (state !== null && state !== run.state) run = { state, since: step.at };
          (records.h as HostRecord).status = step.status;
          const outcome = evaluateAlerts(records, ['h'], pending, step.at);
          pending = outcome.pending;
          for (const alert of outcome.alerts) {
            const alerted = alert.kind === 'recovered' ? 'good' : alert.kind;
            assert.notEqual(alerted, lastAlerted, 'the same alert twice');
            lastAlerted = alerted;
            assert.equal(alerted, run.state, 'an alert is for the state the host is in');
            assert.ok(step.at - run.since >= RECHECK_MIN_MS, 'confirmed by a result far enough apart');
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('a server-side alert tells the admin the sshd 10.1+ line, IPQoS none, in English and Japanese', () => {
  for (const aliases of [['web'], ['web', 'db']]) {
    const body = alertNotification({ kind: 'server-side', aliases }, 'Office Wi-Fi').body;
    assert.match(body.text, /can set IPQoS none in sshd_config\./);
    assert.doesNotMatch(body.text, /set IPQoS 0 in sshd_config/);
    assert.match(translate('ja', body), /sshd_config に IPQoS none を設定できます。/);
  }
});
