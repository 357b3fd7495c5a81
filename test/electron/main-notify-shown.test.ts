/**
 * A signed app on a visible menu bar: the notification the config's problem
 * raises is shown by the system (the stand-in answers `show`), the state keeps
 * notifications on, and the popover stays anchored (no window mode).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fake, startMain, until, whenReady, type Harness } from './main-harness.ts';

const { recorded } = fake;

describe('main.ts with notifications allowed (stand-in electron)', () => {
  let harness: Harness | null = null;
  after(async () => harness?.cleanup());

  it('shows the problem as a notification and keeps notifications on', async () => {
    harness = await startMain({ config: '# no hosts yet\n', fake: { notifications: 'shown' } });
    const controller = (await whenReady(harness)).controller();
    assert.ok(controller);
    await until(() => recorded.notifications.length > 0, 'a notification');
    assert.equal(recorded.notifications[0]?.outcome, 'shown');
    assert.match(recorded.notifications[0]?.title ?? '', /\S/);
    await until(() => controller.state().problem?.kind === 'no-hosts', 'the problem');
    assert.equal(controller.state().notifications.status, 'on');
    assert.equal(controller.state().menuBarIconHidden, false);
    assert.equal(recorded.windows[0]?.webContents.css.size, 0, 'no window-mode drag region');
  });
});
