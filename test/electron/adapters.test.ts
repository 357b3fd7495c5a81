// The Electron adapters' own logic, driven through stand-ins for the Electron objects they are handed
// (Notification, powerMonitor, app, Tray, nativeImage, Menu). Electron itself cannot run here; these
// stand-ins follow its documented events, and the smoke test runs the real thing on a Mac.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { Menu, MenuItemConstructorOptions, NativeImage, NotificationConstructorOptions } from 'electron';
import type { AlertNotification, Logger } from '../../main/app/ports.ts';
import { createNotifier, KEEP_NOTIFICATIONS, type NotificationLike } from '../../main/electron/notifier.ts';
import type { Popover } from '../../main/electron/popover.ts';
import { createPowerEvents } from '../../main/electron/power-events.ts';
import { guardQuit, type QuitEvent } from '../../main/electron/quit-guard.ts';
import { trayIconPath } from '../../main/electron/tray-icon-paths.ts';
import { trayText } from '../../main/app/tray-model.ts';
import { createTrayView } from '../../main/electron/tray.ts';
import { sampleState } from './contract-samples.ts';

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

const alert: AlertNotification = {
  kind: 'needs-ipqos-0',
  hosts: ['web'],
  title: { code: 't', params: {}, text: 'web needs IPQoS 0' },
  body: { code: 'b', params: {}, text: 'Its connections break on this network.' },
  quiet: false,
  focusAlias: 'web',
};

/** Electron's Notification as documented: `show()`, then the system answers with `show` or `failed`. */
function fakeNotifications(supported = true) {
  const made: FakeNotification[] = [];
  class FakeNotification extends EventEmitter implements NotificationLike {
    static isSupported = () => supported;
    options: NotificationConstructorOptions;
    shown = false;
    constructor(options: NotificationConstructorOptions) {
      super();
      this.options = options;
      made.push(this);
    }
    show(): void {
      this.shown = true;
    }
  }
  return { FakeNotification, made };
}

describe('notifier (Electron ≥ 42: show or failed)', () => {
  it('resolves shown when the system shows it, with the alert as title, body and sound', async () => {
    const { FakeNotification, made } = fakeNotifications();
    const notifier = createNotifier(FakeNotification, recordingLog());
    const result = notifier.show(alert);
    assert.equal(made.length, 1);
    assert.equal(made[0]?.shown, true);
    assert.deepEqual(made[0]?.options, { title: alert.title.text, body: alert.body.text, silent: false });
    made[0]?.emit('show');
    assert.deepEqual(await result, { shown: true });
  });

  it("resolves not shown with the system's reason on failed (an unsigned app), and logs it", async () => {
    const { FakeNotification, made } = fakeNotifications();
    const log = recordingLog();
    const notifier = createNotifier(FakeNotification, log);
    const result = notifier.show({ ...alert, quiet: true });
    assert.equal(made[0]?.options.silent, true);
    made[0]?.emit('failed', {}, 'Notifications are not allowed for this application');
    assert.deepEqual(await result, {
      shown: false,
      reason: 'Notifications are not allowed for this application',
    });
    assert.deepEqual(log.lines, ['warn notification failed']);
    assert.equal(notifier.alive(), 0);
  });

  it('does not wait forever for an answer', async () => {
    const { FakeNotification } = fakeNotifications();
    const result = await createNotifier(FakeNotification, recordingLog(), 20).show(alert);
    assert.equal(result.shown, false);
  });

  it('says so without building a notification where they are unsupported', async () => {
    const { FakeNotification, made } = fakeNotifications(false);
    const notifier = createNotifier(FakeNotification, recordingLog());
    assert.equal(notifier.isSupported(), false);
    assert.equal((await notifier.show(alert)).shown, false);
    assert.equal(made.length, 0);
  });

  it('hands a click to the listeners, and keeps recent notifications alive for clicks', async () => {
    const { FakeNotification, made } = fakeNotifications();
    const notifier = createNotifier(FakeNotification, recordingLog());
    const clicked: AlertNotification[] = [];
    const off = notifier.onClick((a) => clicked.push(a));
    for (let i = 0; i < KEEP_NOTIFICATIONS + 5; i += 1) {
      void notifier.show(alert);
      made.at(-1)?.emit('show');
    }
    assert.equal(notifier.alive(), KEEP_NOTIFICATIONS);
    made.at(-1)?.emit('click');
    assert.deepEqual(clicked, [alert]);
    made.at(-2)?.emit('close');
    assert.equal(notifier.alive(), KEEP_NOTIFICATIONS - 2);
    off();
    made.at(-3)?.emit('click');
    assert.equal(clicked.length, 1);
  });
});

describe('power events', () => {
  it('turns resume and unlock-screen into wake, and unsubscribes from both', () => {
    const monitor = Object.assign(new EventEmitter(), { isOnBatteryPower: () => false });
    const power = createPowerEvents(monitor);
    let wakes = 0;
    const off = power.onWake(() => (wakes += 1));
    monitor.emit('resume');
    monitor.emit('unlock-screen');
    monitor.emit('suspend');
    assert.equal(wakes, 2);
    off();
    monitor.emit('resume');
    assert.equal(wakes, 2);
    assert.equal(monitor.listenerCount('resume') + monitor.listenerCount('unlock-screen'), 0);
  });

  it('follows on-battery and on-ac from the state at start', () => {
    const monitor = Object.assign(new EventEmitter(), { isOnBatteryPower: () => true });
    const power = createPowerEvents(monitor);
    assert.equal(power.onBattery?.(), true);
    monitor.emit('on-ac');
    assert.equal(power.onBattery?.(), false);
    monitor.emit('on-battery');
    assert.equal(power.onBattery?.(), true);
  });
});

/** Electron's app as far as quitting goes: `quit()` emits before-quit, and quits unless it is prevented. */
class FakeApp extends EventEmitter {
  quitCalls = 0;
  quitted = false;
  quit(): void {
    this.quitCalls += 1;
    this.requestQuit();
  }
  /** Cmd+Q, the menu's Quit, or Playwright's close: returns whether the quit was held back. */
  requestQuit(): boolean {
    let prevented = false;
    const event: QuitEvent = { preventDefault: () => (prevented = true) };
    this.emit('before-quit', event);
    if (!prevented) this.quitted = true;
    return prevented;
  }
}

describe('quit guard', () => {
  it('holds the quit until the controller has stopped, stops it once, then quits', async () => {
    const app = new FakeApp();
    let stops = 0;
    let finish: () => void = () => undefined;
    guardQuit(
      app,
      () => {
        stops += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      recordingLog(),
    );
    assert.equal(app.requestQuit(), true);
    assert.equal(app.requestQuit(), true, 'a second Cmd+Q while stopping is held too');
    assert.equal(stops, 1);
    assert.equal(app.quitted, false);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(app.quitCalls, 1);
    assert.equal(app.quitted, true);
  });

  it('quits anyway when stopping hangs or fails', async () => {
    const hung = new FakeApp();
    const log = recordingLog();
    guardQuit(hung, () => new Promise<void>(() => undefined), log, 20);
    hung.requestQuit();
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(hung.quitted, true);
    assert.ok(log.lines.includes('warn the controller did not stop in time; quitting anyway'));

    const failing = new FakeApp();
    const log2 = recordingLog();
    guardQuit(failing, () => Promise.reject(new Error('disk full')), log2);
    failing.requestQuit();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(failing.quitted, true);
    assert.ok(log2.lines.includes('error stopping failed'));
  });
});

describe('tray view', () => {
  const location = { packaged: false, resourcesPath: '/r', appPath: '/app' };

  function fixture(destroyed = false) {
    const calls: string[] = [];
    const images: { file: string; template: boolean }[] = [];
    const tray = {
      isDestroyed: () => destroyed,
      setImage: (image: { file: string }) => calls.push(`image ${image.file}`),
      setToolTip: (text: string) => calls.push(`tooltip ${text}`),
    };
    const popover = {
      tray: () => tray,
      setContextMenu: (menu: { items: MenuItemConstructorOptions[] }) =>
        calls.push(`menu ${menu.items.length}`),
    } as unknown as Popover;
    const platform = {
      nativeImage: {
        createFromPath(file: string): NativeImage {
          const image = { file, template: false };
          images.push(image);
          return {
            isEmpty: () => false,
            setTemplateImage: (on: boolean) => (image.template = on),
            file,
          } as unknown as NativeImage;
        },
      },
      Menu: { buildFromTemplate: (items: MenuItemConstructorOptions[]) => ({ items }) as unknown as Menu },
    };
    const noop = () => undefined;
    const actions = {
      focusHost: noop,
      checkNow: noop,
      openFix: noop,
      openUndo: noop,
      mute: noop,
      preferences: noop,
      openLog: noop,
      checkForUpdates: noop,
      quit: noop,
    };
    const view = createTrayView({
      platform,
      popover,
      location,
      actions,
      text: (state) => trayText(state, [], (message) => message),
      log: recordingLog(),
    });
    return { view, calls, images };
  }

  it('shows the template image, tooltip and menu of the state, and redoes only what changed', () => {
    const { view, calls, images } = fixture();
    view.update(sampleState());
    assert.equal(calls[0], `image ${trayIconPath('needs-fix', location)}`);
    assert.match(calls[1] ?? '', /^tooltip .+/);
    assert.match(calls[2] ?? '', /^menu \d+$/);
    assert.deepEqual(images, [{ file: trayIconPath('needs-fix', location), template: true }]);

    view.update(sampleState({ revision: 4 }));
    assert.equal(calls.length, 3, 'same picture: nothing set again');

    const running = (done: number) =>
      sampleState({
        hosts: [],
        check: { running: true, mode: 'screen', done, total: 3, queued: false },
      });
    view.update(running(1));
    view.update(running(2));
    const after = calls.slice(3);
    assert.equal(after.filter((c) => c.startsWith('image')).length, 1);
    assert.equal(after[0], `image ${trayIconPath('checking', location)}`);
    assert.equal(after.filter((c) => c.startsWith('tooltip')).length, 2, 'progress shows in the tooltip');
    assert.equal(after.filter((c) => c.startsWith('menu')).length, 1, 'progress does not rebuild the menu');
  });

  it('leaves a destroyed tray alone', () => {
    const { view, calls } = fixture(true);
    view.update(sampleState());
    assert.deepEqual(calls, []);
  });
});
