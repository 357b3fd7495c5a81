// Renders the icons from their SVG sources (build/icons/*.svg), so they can be changed:
//   build/tray/tray-<state>Template.png (16 px) and …@2x.png (32 px): black + alpha template images;
//   build/icon.png (1024 px) and build/icon.icns, the app icon electron-builder puts in the bundle.
// Run with `npm run icons`; commit the results (the packaging tests check they match the sources).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { TRAY_STATES, trayIconFileName, type TrayState } from '../../main/electron/tray-icon-paths.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TRAY_SIZE = 16;

export function traySourcePath(root: string, state: TrayState): string {
  return join(root, 'build', 'icons', `tray-${state}.svg`);
}

/** RGBA pixels of an SVG rendered `size` px wide. */
export function renderSvg(svg: string, size: number): PNG {
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render();
  const png = PNG.sync.read(rendered.asPng());
  if (png.width !== size || png.height !== size) {
    throw new Error(`expected a square ${size} px rendering, got ${png.width}×${png.height}`);
  }
  return png;
}

// A source may draw an element twice: `.only-1x` on whole pixels for 16 px, `.only-2x` as smooth vector
// for everything larger. The SVG's own rule hides `.only-1x` (what a browser shows); @1x swaps it.
export function forScale(svg: string, scale: 1 | 2): string {
  return scale === 1 ? svg.replace('.only-1x{display:none}', '.only-2x{display:none}') : svg;
}

/** A template image: the shape's alpha kept, every colour channel forced to black (macOS tints it). */
export function renderTemplate(svg: string, scale: 1 | 2): Buffer {
  const png = renderSvg(forScale(svg, scale), TRAY_SIZE * scale);
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
  }
  return PNG.sync.write(png, { colorType: 6 });
}

// PNG-carrying icns element types by pixel size (Apple's icns format; every one since macOS 10.8).
const ICNS_TYPES: readonly (readonly [type: string, size: number])[] = [
  ['icp4', 16],
  ['ic11', 32], // 16@2x
  ['icp5', 32],
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic13', 256], // 128@2x
  ['ic08', 256],
  ['ic14', 512], // 256@2x
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
];

/** An .icns file: 'icns' + total length, then (type, length, PNG) elements; lengths big-endian. */
export function buildIcns(pngOfSize: (size: number) => Buffer): Buffer {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngOfSize(size);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(8 + elements.reduce((sum, element) => sum + element.length, 0), 4);
  return Buffer.concat([header, ...elements]);
}

/** Every icon file, by its path relative to `root`, rendered from the SVG sources under `root`. */
export function renderAll(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const state of TRAY_STATES) {
    const svg = readFileSync(traySourcePath(root, state), 'utf8');
    files.set(join('build', 'tray', trayIconFileName(state, 1)), renderTemplate(svg, 1));
    files.set(join('build', 'tray', trayIconFileName(state, 2)), renderTemplate(svg, 2));
  }
  const appSvg = readFileSync(join(root, 'build', 'icons', 'app-icon.svg'), 'utf8');
  const appPng = (size: number): Buffer => PNG.sync.write(renderSvg(appSvg, size), { colorType: 6 });
  files.set(join('build', 'icon.png'), appPng(1024));
  files.set(join('build', 'icon.icns'), buildIcns(appPng));
  return files;
}

if (import.meta.main) {
  for (const [path, bytes] of renderAll(ROOT)) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), bytes);
    console.log(`icons: wrote ${path} (${bytes.length} bytes)`);
  }
}
