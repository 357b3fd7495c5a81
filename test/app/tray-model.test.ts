import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { APP_MESSAGE_TEMPLATES, appMessage, type AppMessageCode } from '../../main/app/app-messages.ts';
import { hostView } from '../../main/app/host-status.ts';
import { menuModel, tooltipOf, trayStateOf } from '../../main/app/tray-model.ts';
import { sampleState } from '../electron/contract-samples.ts';
import {
  AppStateSchema,
  HOST_STATUSES,
  type AppState,
  type HostStatus,
} from '../../main/shared/ipc-contract.ts';

function stateWith(statuses: HostStatus[], patch: Partial<AppState> = {}): AppState {
  const hosts = statuses.map((status, index) => ({
    ...hostView(`h${index}`, undefined, false, false),
    status,
    fixAlias: status === 'needs-ipqos-0' ? `h${index}` : null,
  }));
  const state = sampleState({ tray: 'idle', hosts, ...patch });
  assert.ok(v.safeParse(AppStateSchema, state).success);
  return state;
}

test('tray: an error, then a host to fix, then a server-side break, then checking, else all fine', () => {
  const problem = {
    kind: 'ssh-missing' as const,
    message: appMessage('problem.ssh-missing', { reason: 'x' }),
  };
  assert.equal(trayStateOf(stateWith(['needs-ipqos-0'], { problem })), 'problem');
  const running = { running: true, mode: null, done: 1, total: 3, queued: false };
  assert.equal(trayStateOf(stateWith(['ok', 'needs-ipqos-0'], { check: running })), 'needs-fix');
  assert.equal(trayStateOf(stateWith(['ok', 'server-side'])), 'problem');
  assert.equal(trayStateOf(stateWith(['ok'], { check: running })), 'checking');
  assert.equal(
    trayStateOf(stateWith(['ok', 'screened', 'unreachable', 'not-applicable', 'excluded'])),
    'idle',
  );
});

test('tooltip: one line that names the count and the network; muted says until when', () => {
  assert.equal(
    tooltipOf(stateWith(['needs-ipqos-0', 'ok'])).text,
    'IPQoS Doctor: 1 host(s) need IPQoS 0 on en0 via 192.168.1.1',
  );
  assert.equal(tooltipOf(stateWith(['ok', 'screened'])).code, 'tray.all-fine');
  assert.equal(tooltipOf(stateWith([], { lastCheck: null })).code, 'tray.unchecked');
  const muted = tooltipOf(
    stateWith(['ok'], {
      notifications: { status: 'muted', mutedUntil: '2026-11-25T18:30:00.000Z', detail: null },
    }),
  );
  assert.match(muted.text, /muted until 18:30/);
  assert.doesNotMatch(tooltipOf(stateWith(['ok'])).text, /\n/);
});

test('menu: hosts with status, then Check now, Fix…, Undo last fix, Mute ▸, Preferences…, Open log, Quit', () => {
  const state = stateWith(['needs-ipqos-0', 'ok'], {
    hosts: [
      { ...hostView('web', undefined, false, false), status: 'needs-ipqos-0', fixAlias: 'jump' },
      { ...hostView('db', undefined, false, true), status: 'ok' },
    ],
  });
  const menu = menuModel(state);
  const kinds = menu.map((item) => (item.kind === 'action' || item.kind === 'submenu' ? item.id : item.kind));
  assert.deepEqual(kinds, [
    'host',
    'host',
    'separator',
    'check-now',
    'fix',
    'undo-last-fix',
    'mute',
    'separator',
    'preferences',
    'open-log',
    'quit',
  ]);
  const [web] = menu;
  assert.equal(web?.kind === 'host' && web.label.text, 'web — Needs IPQoS 0');
  const fix = menu.find((item) => item.kind === 'action' && item.id === 'fix');
  assert.deepEqual(
    fix?.kind === 'action' && [fix.enabled, fix.hosts],
    [true, ['jump']],
    'the fix goes to the jump host',
  );
  const undo = menu.find((item) => item.kind === 'action' && item.id === 'undo-last-fix');
  assert.deepEqual(undo?.kind === 'action' && undo.hosts, ['db']);
  const undoNone = menuModel(state, []).find((item) => item.kind === 'action' && item.id === 'undo-last-fix');
  assert.equal(
    undoNone?.kind === 'action' && undoNone.enabled,
    false,
    'nothing fixed lately: nothing to undo',
  );
  const mute = menu.find((item) => item.kind === 'submenu');
  assert.deepEqual(mute?.kind === 'submenu' && mute.items.map((item) => [item.hours, item.enabled]), [
    [1, true],
    [4, true],
    [8, true],
    [0, false],
  ]);
  const running = menuModel(
    stateWith(['ok'], { check: { running: true, mode: null, done: 0, total: 1, queued: false } }),
  );
  const check = running.find((item) => item.kind === 'action' && item.id === 'check-now');
  assert.equal(check?.kind === 'action' && check.enabled, false);
});

test('every message template: a known code family, and every placeholder filled by the controller’s params', () => {
  for (const [code, template] of Object.entries(APP_MESSAGE_TEMPLATES)) {
    assert.match(code, /^(notify|tray|problem|fix|ipc|updates|dialog)\./, code);
    const names = [...template.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '');
    const params = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
    const message = appMessage(code as AppMessageCode, params);
    assert.doesNotMatch(message.text, /\{\{/, code);
    assert.equal(message.code, code);
  }
  for (const status of HOST_STATUSES) assert.ok(`tray.status.${status}` in APP_MESSAGE_TEMPLATES, status);
});
