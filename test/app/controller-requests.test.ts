/**
 * The controller's requests and problems that need no lab: ssh missing, a
 * config that cannot be read or names no hosts, notifications the system
 * refuses, a clicked notification, settings and shell requests. The ssh here
 * is the machine's real one (or a path that does not exist).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import * as v from 'valibot';
import { AppController } from '../../main/app/app-controller.ts';
import { IpcFailure } from '../../main/app/ipc-failure.ts';
import { AppStateSchema, SettingsSchema } from '../../main/shared/ipc-contract.ts';
import { makeHarness, type Harness } from './app-test-kit.ts';

async function withHarness(
  configText: string | null,
  work: (harness: Harness, config: string) => Promise<void>,
  ssh?: string,
): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-app-'));
  const config = path.join(dir, 'ssh_config');
  if (configText !== null) await writeFile(config, configText);
  const harness = await makeHarness({ configFile: config, dir });
  if (ssh) Object.assign(harness.deps, { core: { ...harness.deps.core, ssh } });
  const controller = ssh ? new AppController(harness.deps) : harness.controller;
  try {
    await work({ ...harness, controller }, config);
  } finally {
    await controller.stop();
    await harness.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

const valid = (state: unknown): boolean => v.safeParse(AppStateSchema, state).success;

test('ssh missing: a problem the tray shows, one error notification, not two', () =>
  withHarness(
    'Host a\n  HostName 127.0.0.1\n',
    async ({ controller, notifier }) => {
      await controller.start();
      await controller.whenIdle();
      const state = controller.state();
      assert.ok(valid(state));
      assert.equal(state.problem?.kind, 'ssh-missing');
      assert.equal(state.problem?.message.code, 'problem.ssh-missing');
      assert.match(state.problem?.message.text ?? '', /OpenSSH client cannot be run/);
      assert.equal(state.tray, 'problem');
      controller.trigger('manual');
      await controller.whenIdle();
      assert.deepEqual(
        notifier.shown.map((alert) => alert.kind),
        ['error'],
      );
    },
    '/nonexistent/ssh',
  ));

test('a config that cannot be read, or names no hosts: a problem that says which', async () => {
  await withHarness(null, async ({ controller }) => {
    await controller.start();
    await controller.whenIdle();
    assert.equal(controller.state().problem?.kind, 'config-unreadable');
    assert.ok(valid(controller.state()));
  });
  await withHarness('# nothing yet\nHost *\n  ServerAliveInterval 30\n', async ({ controller }) => {
    await controller.start();
    await controller.whenIdle();
    assert.equal(controller.state().problem?.kind, 'no-hosts');
    assert.match(controller.state().problem?.message.text ?? '', /names no hosts/);
  });
});

test('notifications the system refuses: the state says so with the reason, logged once', () =>
  withHarness(
    'Host a\n',
    async ({ controller, notifier, log }) => {
      notifier.result = { shown: false, reason: 'Notifications are not allowed for this application' };
      await controller.start();
      await controller.whenIdle();
      const { notifications } = controller.state();
      assert.equal(notifications.status, 'not-allowed');
      assert.equal(notifications.detail, 'Notifications are not allowed for this application');
      // A second problem's notification fails too: still one warning in the log.
      await controller.handle('settings:set', { configFile: '/nonexistent/config' });
      await controller.whenIdle();
      assert.equal(
        log.lines.filter((line) => line.startsWith('warn notifications cannot be shown')).length,
        1,
      );
      notifier.result = { shown: true };
      await controller.handle('settings:set', { configFile: null });
      await controller.whenIdle();
    },
    '/nonexistent/ssh',
  ));

test('a clicked notification asks the popover to show its host', () =>
  withHarness('Host a\n', async ({ controller, notifier }) => {
    const focused: string[] = [];
    controller.onFocusHost((alias) => focused.push(alias));
    await controller.start();
    notifier.click({
      kind: 'needs-ipqos-0',
      hosts: ['a', 'b'],
      title: { code: 'x', params: {}, text: 'x' },
      body: { code: 'x', params: {}, text: 'x' },
      quiet: false,
      focusAlias: 'b',
    });
    assert.deepEqual(focused, ['b']);
  }));

test('settings: validated, saved, and acted on; mute for hours and unmute', () =>
  withHarness('Host a\n', async ({ controller, clock, deps }) => {
    const launch: boolean[] = [];
    deps.shell.setLaunchAtLogin = (on) => launch.push(on);
    await controller.start();
    const saved = await controller.handle('settings:set', { launchAtLogin: true, excludedHosts: ['a'] });
    assert.ok(v.safeParse(SettingsSchema, saved).success);
    assert.deepEqual(launch, [true]);
    assert.deepEqual(deps.settings.read().excludedHosts, ['a']);
    assert.equal(controller.state().hosts.find((host) => host.alias === 'a')?.status, 'excluded');
    assert.throws(() => deps.settings.write({ ...saved, intervalMinutes: 0 }), /intervalMinutes|Invalid/);

    const muted = await controller.handle('notifications:mute', { hours: 8 });
    assert.equal(Date.parse(muted.muteUntil ?? ''), clock.now() + 8 * 3_600_000);
    assert.equal(controller.state().notifications.status, 'muted');
    const revision = controller.state().revision;
    clock.advance(8 * 3_600_000 - 1);
    assert.equal(controller.state().notifications.status, 'muted');
    await controller.whenIdle(); // the interval's check while muted
    clock.advance(1);
    assert.equal(controller.state().notifications.status, 'on', 'the mute ran out, and the state says so');
    assert.ok(controller.state().revision > revision);
    controller.setMenuBarIconHidden(true);
    assert.equal(controller.state().menuBarIconHidden, true);
    await controller.handle('notifications:mute', { hours: 1 });
    const unmuted = await controller.handle('notifications:mute', { hours: 0 });
    assert.equal(unmuted.muteUntil, null);
  }));

test('a corrupt settings file: the controller starts on the defaults, the bad file kept aside', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-app-'));
  try {
    await writeFile(path.join(dir, 'settings.json'), '{"intervalMinutes": "soon"');
    await writeFile(path.join(dir, 'ssh_config'), 'Host a\n');
    const harness = await makeHarness({ configFile: path.join(dir, 'ssh_config'), dir });
    const settings = await harness.controller.handle('settings:get', {});
    assert.equal(settings.intervalMinutes, 15);
    assert.equal(
      settings.configFile,
      path.join(dir, 'ssh_config'),
      'and works on: the harness could save its config',
    );
    assert.ok((await readdir(dir)).some((name) => name.startsWith('settings.json.corrupt-')));
    await harness.dispose();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('shell requests reach the platform; a report for an unchecked host is refused', () =>
  withHarness('Host a\n', async ({ controller, deps }) => {
    const calls: string[] = [];
    deps.shell.openLog = () => (calls.push('log'), Promise.resolve());
    deps.shell.openSystemSettings = (pane) => (calls.push(`settings:${pane}`), Promise.resolve());
    deps.shell.hideWindow = () => calls.push('hide');
    assert.equal(await controller.handle('app:open-log', {}), null);
    assert.equal(await controller.handle('app:open-system-settings', { pane: 'notifications' }), null);
    assert.equal(await controller.handle('window:hide', {}), null);
    assert.deepEqual(calls, ['log', 'settings:notifications', 'hide']);
    await assert.rejects(controller.handle('report:markdown', { alias: 'a' }), (error: unknown) => {
      assert.ok(error instanceof IpcFailure);
      assert.equal(error.error.code, 'not-allowed');
      return true;
    });
    await assert.rejects(
      controller.handle('fix:plan', { hosts: ['a'] }),
      /not a host this network’s check says needs IPQoS 0/,
    );
  }));
