/**
 * States for the popover's look-and-words tests (issue 17): every status, with
 * the core's real message codes and their English made from the core's own
 * templates, so the Japanese view is the catalog's real output.
 */
import * as v from 'valibot';
import { interpolate } from '../../main/shared/interpolate.ts';
import { MESSAGE_TEMPLATES } from '../../main/core/verdicts/messages.ts';
import {
  AppStateSchema,
  type AppState,
  type HostStatus,
  type HostView,
  type Message,
} from '../../main/shared/ipc-contract.ts';

type Params = Message['params'];
const message = (code: keyof typeof MESSAGE_TEMPLATES, params: Params): Message => ({
  code,
  params,
  text: interpolate(MESSAGE_TEMPLATES[code], params as Record<string, string | number | boolean | null>),
});

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function host(
  alias: string,
  status: HostStatus,
  summary: Message | null,
  evidence: Message[],
  extra: Partial<HostView> = {},
): HostView {
  return {
    alias,
    hostname: `${alias.split('.')[0]}.lan.example.com`,
    port: 22,
    user: 'me',
    status,
    summary,
    evidence,
    fixAlias: status === 'needs-ipqos-0' ? alias : null,
    fixedByTool: false,
    lastCheckedAt: ago(2),
    lastSessionAt: null,
    ...extra,
  };
}

const EVIDENCE: Message[] = [
  message('evidence.ssh-g', {
    user: 'me',
    hostname: 'nas.lan.example.com',
    port: 22,
    interactive: 'af21',
    bulk: 'cs1',
    interactiveTos: '0x48',
    bulkTos: '0x20',
  }),
  message('evidence.client.marks-continually', {
    version: 'OpenSSH_9.2p1 Debian-2, OpenSSL 3.0.11 27 Jan 2026',
  }),
  message('evidence.raw-probe.baseline-failed', {
    ms: 3,
    outcome: 'refused',
    detail: 'ECONNREFUSED during connect',
  }),
  message('evidence.ssh-run.failed', {
    command: 'ssh nas true',
    ms: 812,
    outcome: 'reset',
    reason: 'client_loop: send disconnect: Broken pipe',
    tosSet: '0x00 → 0x48',
  }),
];

/** One host of each status (a long alias among them), the way the controller sorts them. */
export function richState(overrides: Partial<AppState> = {}): AppState {
  const hosts: HostView[] = [
    host(
      'nas',
      'needs-ipqos-0',
      message('verdict.needs-ipqos-0.screen-confirmed', { tos: '0x48', outcome: 'reset' }),
      EVIDENCE,
    ),
    host(
      'build-server-with-a-very-long-name.internal.example.com',
      'needs-ipqos-0',
      message('verdict.needs-ipqos-0.screen-only', { tos: '0x48', outcome: 'timeout' }),
      EVIDENCE,
    ),
    host('git', 'server-side', message('verdict.server-side', {}), EVIDENCE),
    host(
      'old-box',
      'unreachable',
      message('verdict.unreachable', { outcome: 'refused', stage: 'connect' }),
      EVIDENCE,
    ),
    host(
      'flaky',
      'inconclusive',
      message('verdict.inconclusive.no-session', { outcome: 'auth-failed' }),
      EVIDENCE,
    ),
    host('pi', 'screened', message('verdict.ok.screen.no-login', { tos: '0x48' }), [
      message('evidence.no-login', { reason: 'Permission denied (publickey)' }),
    ]),
    host('web', 'ok', message('verdict.ok.session', {}), EVIDENCE, {
      lastSessionAt: ago(60),
      fixedByTool: true,
    }),
    host('bastion-hop', 'not-applicable', message('verdict.not-applicable.proxy-command', {}), []),
    host('skipped', 'excluded', null, []),
    host('new', 'unchecked', null, [], { lastCheckedAt: null }),
  ];
  return v.parse(AppStateSchema, {
    revision: 1,
    configFile: '/Users/someone/.ssh/config',
    sshVersion: 'OpenSSH_9.8p1',
    network: { id: 'home', label: 'en0 via 192.168.1.1' },
    check: { running: false, mode: null, done: 0, total: 0, queued: false },
    lastCheck: { finishedAt: ago(2), durationMs: 4200, mode: 'screen' },
    hosts,
    problem: null,
    notifications: { status: 'on', mutedUntil: null, detail: null },
    tray: 'needs-fix',
    menuBarIconHidden: false,
    consentNeeded: false,
    ...overrides,
  });
}
