import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { menuModel } from '../../main/app/tray-model.ts';
import { menuTemplate, type MenuActions } from '../../main/electron/context-menu.ts';
import { sampleState } from './contract-samples.ts';

/** Actions that record what a click asked for. */
function recorder(): { actions: MenuActions; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push([name, ...args]);
  const actions: MenuActions = {
    focusHost: record('focusHost'),
    checkNow: record('checkNow'),
    openFix: record('openFix'),
    openUndo: record('openUndo'),
    mute: record('mute'),
    preferences: record('preferences'),
    openLog: record('openLog'),
    checkForUpdates: record('checkForUpdates'),
    quit: record('quit'),
  };
  return { actions, calls };
}

const click = (item: MenuItemConstructorOptions | undefined): void => {
  assert.ok(item?.click, `no click on ${item?.label}`);
  (item.click as () => void)();
};
const byLabel = (
  items: MenuItemConstructorOptions[],
  pattern: RegExp,
): MenuItemConstructorOptions | undefined => items.find((item) => pattern.test(item.label ?? ''));

describe('tray menu template from the controller model', () => {
  it('lists hosts, then Check now, Fix…, Undo, Mute, Preferences, Open log, Check for Updates…, Quit', () => {
    const { actions } = recorder();
    const template = menuTemplate(menuModel(sampleState()), actions);
    const labels = template.map((item) => (item.type === 'separator' ? '—' : item.label));
    assert.match(labels[0] ?? '', /web/);
    assert.equal(labels[1], '—');
    const rest = labels.slice(2);
    assert.equal(rest.length, 9, rest.join(' | '));
    assert.deepEqual(rest.slice(-2), ['Check for Updates…', rest.at(-1)]);
    assert.match(rest.at(-1) ?? '', /Quit/);
    assert.equal(template.at(-1)?.accelerator, 'Command+Q');
  });

  it('wires each item to its action: a host opens the popover at it, Fix and Undo only open the confirmation', () => {
    const { actions, calls } = recorder();
    const state = sampleState();
    const [web] = sampleState().hosts;
    assert.ok(web);
    state.hosts.push({ ...web, alias: 'db', status: 'ok', fixAlias: null, fixedByTool: true });
    const template = menuTemplate(menuModel(state, ['db']), actions);
    click(byLabel(template, /^web/));
    click(byLabel(template, /Check/));
    click(byLabel(template, /Fix/));
    click(byLabel(template, /Undo/));
    click(byLabel(template, /Open log/i));
    click(byLabel(template, /Updates/));
    const mute = byLabel(template, /Mute/);
    const hours = (mute?.submenu as MenuItemConstructorOptions[]).map((entry) => entry.enabled);
    assert.deepEqual(hours, [true, true, true, false], 'unmute is disabled when not muted');
    click((mute?.submenu as MenuItemConstructorOptions[])[1]);
    assert.deepEqual(calls, [
      ['focusHost', 'web'],
      ['checkNow'],
      ['openFix', ['web']],
      ['openUndo', ['db']],
      ['openLog'],
      ['checkForUpdates'],
      ['mute', 4],
    ]);
  });

  it('disables Fix when nothing needs it and Check now during a check', () => {
    const { actions } = recorder();
    const state = sampleState({ check: { running: true, mode: 'screen', done: 1, total: 3, queued: false } });
    const [web] = sampleState().hosts;
    assert.ok(web);
    state.hosts[0] = { ...web, status: 'ok', fixAlias: null };
    const template = menuTemplate(menuModel(state), actions);
    assert.equal(byLabel(template, /Fix/)?.enabled, false);
    assert.equal(byLabel(template, /Check/)?.enabled, false);
  });
});
