/**
 * macOS 26 with the menu-bar icon switched off: `tray.getBounds()` lies off
 * every display. Opening the app again during start-up (a `second-instance`
 * before the popover is ready) is not lost; the popover comes up as a normal
 * window that can be moved (a drag region on its header) and is not kept on
 * top. The notification the config's problem raises fails the way an unsigned
 * app's does, and the state says notifications are not allowed.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fake, startMain, until, whenReady, type Harness } from './main-harness.ts';

// After the harness: popover.ts imports `electron`, which only the harness's hook turns into the fake.
const { WINDOW_DRAG_CSS } = await import('../../main/electron/popover.ts');
const { recorded } = fake;

describe('main.ts with a hidden menu-bar icon and refused notifications (stand-in electron)', () => {
  let harness: Harness | null = null;
  after(async () => harness?.cleanup());

  it('shows the popover as a movable normal window, and reports refused notifications', async () => {
    harness = await startMain({
      holdReady: true,
      config: '# no hosts yet\n',
      fake: { trayBounds: { x: 1200, y: 982, width: 24, height: 24 }, notifications: 'failed' },
    });
    // The hidden-icon check is macOS-only (lifecycle.ts): from here this file plays a Mac (after the
    // bundle: esbuild picks its binary by platform).
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    harness.fireReady();
    await until(() => recorded.trays.length > 0, 'the tray');
    fake.app.emit('second-instance', {}, [], '/');
    const hooks = await whenReady(harness);
    const controller = hooks.controller();
    assert.ok(controller);
    assert.equal(controller.state().menuBarIconHidden, true);
    const [window] = recorded.windows;
    assert.ok(window);
    await until(() => window.webContents.css.size > 0, 'the drag region');
    assert.equal(window.isVisible(), true);
    assert.equal(window.movable, true);
    assert.equal(window.isAlwaysOnTop(), false, 'a normal window is not kept on top');
    assert.deepEqual([...window.webContents.css.values()], [WINDOW_DRAG_CSS]);
    await until(() => controller.state().notifications.status === 'not-allowed', 'notifications refused');
    assert.equal(recorded.notifications[0]?.outcome, 'failed');
    assert.equal(controller.state().problem?.kind, 'no-hosts');
  });
});
