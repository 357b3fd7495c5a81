// One valid request and response for every IPC channel, checked against the contract by the type below,
// so a new channel fails to compile here until it has samples.
import {
  DEFAULT_SETTINGS,
  type AppState,
  type EditOutcome,
  type EditPreview,
  type InvokeChannel,
  type RequestOf,
  type ResponseOf,
} from '../../main/shared/ipc-contract.ts';

export const PLAN_HASH = 'a'.repeat(64);

export function sampleState(overrides: Partial<AppState> = {}): AppState {
  return {
    revision: 3,
    configFile: '/tmp/ipqos-test/.ssh/config',
    sshVersion: 'OpenSSH_9.8p1',
    network: { id: 'net-1', label: 'en0 via 192.168.1.1' },
    check: { running: false, mode: null, done: 0, total: 0, queued: false },
    lastCheck: { finishedAt: '2026-11-25T13:00:00.000Z', durationMs: 1200, mode: 'screen' },
    hosts: [
      {
        alias: 'web',
        hostname: 'web.example',
        port: 22,
        user: 'me',
        status: 'needs-ipqos-0',
        summary: { code: 'verdict.needs', params: { alias: 'web' }, text: 'web needs IPQoS 0' },
        evidence: [],
        fixAlias: 'web',
        fixedByTool: false,
        lastCheckedAt: '2026-11-25T13:00:00.000Z',
        lastSessionAt: null,
      },
    ],
    problem: null,
    notifications: { status: 'on', mutedUntil: null, detail: null },
    tray: 'needs-fix',
    menuBarIconHidden: false,
    consentNeeded: false,
    ...overrides,
  };
}

const preview: EditPreview = {
  kind: 'fix',
  planHash: PLAN_HASH,
  hosts: ['web'],
  configFile: '/tmp/ipqos-test/.ssh/config',
  backupDir: null,
  diff: '+Host web\n+  IPQoS 0\n',
  nothingToDo: false,
  decisions: [{ host: 'web', action: 'add', detail: 'adds IPQoS 0' }],
  notes: [],
  writable: true,
  manual: null,
};

const outcome: EditOutcome = {
  kind: 'fix',
  status: 'verified',
  message: { code: 'fix.verified', params: {}, text: 'Verified with ssh -G.' },
  backupPath: null,
  proof: [{ alias: 'web', ipqos: 'cs0 cs0' }],
};

type Samples = { [C in InvokeChannel]: { request: RequestOf<C>; response: ResponseOf<C> } };

export const SAMPLES: Samples = {
  'state:get': { request: {}, response: sampleState() },
  'check:run': { request: { mode: 'session' }, response: { started: true, queued: false } },
  'fix:plan': { request: { hosts: ['web'] }, response: preview },
  'fix:apply': { request: { hosts: ['web'], planHash: PLAN_HASH }, response: outcome },
  'undo:plan': { request: { hosts: ['web'] }, response: { ...preview, kind: 'undo' } },
  'undo:apply': { request: { hosts: ['web'], planHash: PLAN_HASH }, response: { ...outcome, kind: 'undo' } },
  'settings:get': { request: {}, response: { ...DEFAULT_SETTINGS } },
  'settings:set': {
    request: { intervalMinutes: 30 },
    response: { ...DEFAULT_SETTINGS, intervalMinutes: 30 },
  },
  'notifications:mute': { request: { hours: 4 }, response: { ...DEFAULT_SETTINGS } },
  'report:markdown': { request: { alias: 'web' }, response: { markdown: '# web\n' } },
  'app:open-log': { request: {}, response: null },
  'app:open-system-settings': { request: { pane: 'menu-bar' }, response: null },
  'window:hide': { request: {}, response: null },
  'check:cancel': { request: {}, response: null },
  'app:menu': { request: { item: 'about' }, response: null },
  'window:fit': { request: { height: 320 }, response: null },
  'app:show-in-finder': { request: { path: '/tmp/ipqos-test/.ssh/backups' }, response: null },
};
