// The icons: tray template images (sizes, black + alpha only, crisp, told apart without colour), the app
// icon, and that every committed file is what `npm run icons` renders from the SVG sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { renderAll, TRAY_SIZE } from '../../build/scripts/make-icons.ts';
import { TRAY_STATES, trayIconFileName } from '../../main/electron/tray-icon-paths.ts';
import { ROOT } from './helpers.ts';

function readPng(path: string): PNG {
  return PNG.sync.read(readFileSync(join(ROOT, path)));
}

function trayPath(state: (typeof TRAY_STATES)[number], scale: 1 | 2): string {
  return join('build', 'tray', trayIconFileName(state, scale));
}

/** Why `png` is not a usable template image of `size` px, or nothing. */
function templateProblems(png: PNG, size: number): string[] {
  const problems: string[] = [];
  if (png.width !== size || png.height !== size)
    problems.push(`${png.width}×${png.height}, not ${size}×${size}`);
  let coloured = 0;
  let opaque = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if ((png.data[i] ?? 0) + (png.data[i + 1] ?? 0) + (png.data[i + 2] ?? 0) > 0 && png.data[i + 3] !== 0)
      coloured++;
    if (png.data[i + 3] === 255) opaque++;
  }
  if (coloured > 0) problems.push(`${coloured} pixels are not black`);
  if (opaque === 0) problems.push('no opaque pixel: an empty image');
  return problems;
}

test('tray images: every state at 16 px and 32 px (@2x), black + alpha only', () => {
  for (const state of TRAY_STATES) {
    for (const scale of [1, 2] as const) {
      assert.deepEqual(
        templateProblems(readPng(trayPath(state, scale)), TRAY_SIZE * scale),
        [],
        trayPath(state, scale),
      );
    }
  }
  // The check bites: a grey pixel and a wrong size are reported.
  const broken = readPng(trayPath('idle', 1));
  broken.data[0] = broken.data[1] = broken.data[2] = 128;
  broken.data[3] = 255;
  assert.deepEqual(templateProblems(broken, 32), ['16×16, not 32×32', '1 pixels are not black']);
});

test('tray images at @1x are crisp: few pixels are partly transparent', () => {
  for (const state of TRAY_STATES) {
    const png = readPng(trayPath(state, 1));
    let visible = 0;
    let partial = 0;
    for (let i = 3; i < png.data.length; i += 4) {
      const alpha = png.data[i] ?? 0;
      if (alpha > 0) visible++;
      if (alpha > 0 && alpha < 255) partial++;
    }
    // Straight edges sit on whole pixels; only the rounded corners and the badge's circle blend.
    assert.ok(partial / visible <= 0.3, `${state}: ${partial} of ${visible} visible pixels are partial`);
  }
});

test('tray states can be told apart without colour', () => {
  const shapes = TRAY_STATES.map((state) => {
    const png = readPng(trayPath(state, 1));
    return Array.from({ length: png.width * png.height }, (_, i) => (png.data[i * 4 + 3] ?? 0) >= 128);
  });
  for (let a = 0; a < shapes.length; a++) {
    for (let b = a + 1; b < shapes.length; b++) {
      const differing = shapes[a]?.filter((on, i) => on !== shapes[b]?.[i]).length ?? 0;
      assert.ok(differing >= 8, `${TRAY_STATES[a]} and ${TRAY_STATES[b]} differ in ${differing} pixels only`);
    }
  }
});

/** An icns file's elements: type → the PNG it carries (every element here is a PNG). */
function icnsElements(icns: Buffer): Map<string, PNG> {
  assert.equal(icns.toString('latin1', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  const elements = new Map<string, PNG>();
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
    elements.set(
      icns.toString('latin1', at, at + 4),
      PNG.sync.read(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))),
    );
  }
  return elements;
}

function worstPixelDifference(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 255;
  return a.data.reduce((max, value, i) => Math.max(max, Math.abs(value - (b.data[i] ?? 0))), 0);
}

test('the app icon: a 1024 px PNG and an icns holding PNGs from 16 to 1024 px', () => {
  const png = readPng('build/icon.png');
  assert.equal(png.width, 1024);
  assert.equal(png.height, 1024);
  const elements = icnsElements(readFileSync(join(ROOT, 'build/icon.icns')));
  for (const element of elements.values()) assert.equal(element.width, element.height);
  assert.equal(elements.get('ic10')?.width, 1024);
  assert.equal(elements.get('icp4')?.width, 16);
  const sizes = [...new Set([...elements.values()].map((element) => element.width))].sort((x, y) => x - y);
  assert.deepEqual(sizes, [16, 32, 64, 128, 256, 512, 1024]);
});

test('the committed icons are what `npm run icons` renders from build/icons/*.svg', () => {
  const rendered = renderAll(ROOT);
  assert.equal(rendered.size, TRAY_STATES.length * 2 + 2);
  for (const [path, bytes] of rendered) {
    const committed = readFileSync(join(ROOT, path));
    // Compare pixels, not bytes: zlib output may differ between platforms.
    const pairs: [string, PNG, PNG | undefined][] = path.endsWith('.icns')
      ? [...icnsElements(bytes)].map(([type, fresh]) => [type, fresh, icnsElements(committed).get(type)])
      : [['', PNG.sync.read(bytes), PNG.sync.read(committed)]];
    for (const [type, fresh, old] of pairs) {
      const worst = old ? worstPixelDifference(fresh, old) : 255;
      assert.ok(worst <= 2, `${path} ${type} differs from its source by ${worst}; run npm run icons`);
    }
  }
});
