/**
 * macOS 26 lets the user switch an app's menu-bar icon off (System Settings ›
 * Menu Bar › "Allow in the Menu Bar"). `new Tray()` still succeeds and nothing
 * is drawn; `tray.getBounds()` then reports a zero size or a y at the screen's
 * height, off every display (https://github.com/duplicati/duplicati/issues/6848,
 * https://github.com/tashfeenahmed/freellmapi/issues/1146). Pure: tested here.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const contains = (box: Box, x: number, y: number): boolean =>
  x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;

/**
 * `trayBounds` from `tray.getBounds()`, `displays` from `screen.getAllDisplays()`' bounds. An icon that
 * is drawn has a size and its centre on some display (any arrangement: displays above, left, right).
 */
export function trayIconLooksHidden(trayBounds: Box, displays: readonly Box[]): boolean {
  if (trayBounds.width <= 0 || trayBounds.height <= 0) return true;
  const cx = trayBounds.x + trayBounds.width / 2;
  const cy = trayBounds.y + trayBounds.height / 2;
  return !displays.some((display) => contains(display, cx, cy));
}
