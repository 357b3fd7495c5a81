// Shared by the packaging checks: the repo's files, parsed; a stand-in Electron.app for electron-builder.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { FUSE_SENTINEL } from '../../build/scripts/verify-app.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

export function builderConfig(): JsonObject {
  return parseYaml(readText('electron-builder.yml')) as JsonObject;
}

export function packageJson(): JsonObject & { main: string; dependencies: Record<string, string> } {
  return JSON.parse(readText('package.json')) as JsonObject & {
    main: string;
    dependencies: Record<string, string>;
  };
}

export function object(value: Json | undefined): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return value;
}

/** The README section under `heading` (a `## ` or `### ` line), up to the next heading of any level. */
export function readmeSection(heading: string): string {
  const lines = readText('README.md').split('\n');
  const start = lines.findIndex((line) => /^#{2,3} /.test(line) && line.replace(/^#+ /, '') === heading);
  if (start === -1) throw new Error(`README has no "${heading}" section`);
  const end = lines.findIndex((line, index) => index > start && /^#{1,3} /.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

/**
 * An Electron.app with no Electron in it, for `electronDist`: the Info.plists electron-builder
 * rewrites, the helper it renames, and an "Electron Framework" holding a V1 fuse wire with Electron's
 * default states (RunAsNode, NODE_OPTIONS, --inspect, file:// privileges on; the rest off), so the
 * fuses electron-builder flips can be read back. Nothing here can run.
 */
export function makeStandInElectron(distDir: string): void {
  const app = join(distDir, 'Electron.app', 'Contents');
  const plist = (name: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0"><dict><key>CFBundleExecutable</key><string>${name}</string><key>CFBundleIdentifier</key><string>com.github.Electron</string><key>CFBundleName</key><string>${name}</string></dict></plist>\n`;
  const files: Record<string, string | Buffer> = {
    'Info.plist': plist('Electron'),
    'MacOS/Electron': 'stand-in\n',
    'Frameworks/Electron Helper.app/Contents/Info.plist': plist('Electron Helper'),
    'Frameworks/Electron Helper.app/Contents/MacOS/Electron Helper': 'stand-in\n',
    'Frameworks/Electron Framework.framework/Electron Framework': Buffer.concat([
      Buffer.from('stand-in\0'),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from('10110001'),
      Buffer.from('\0'),
    ]),
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(app, path)), { recursive: true });
    writeFileSync(join(app, path), content);
  }
  writeFileSync(join(distDir, 'version'), '45.4.1');
}

/** Writes the files under `prefix` (e.g. "/node_modules") in an app.asar to `dest`, as they are packed. */
export function extractAsar(asarPath: string, prefix: string, dest: string): number {
  const bytes = readFileSync(asarPath);
  const headerLength = bytes.readUInt32LE(12);
  const dataStart = 8 + bytes.readUInt32LE(4);
  interface Entry {
    files?: Record<string, Entry>;
    offset?: string;
    size?: number;
    unpacked?: boolean;
  }
  let written = 0;
  const walk = (entry: Entry, path: string): void => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const childPath = `${path}/${name}`;
      if (child.files) walk(child, childPath);
      else if (childPath.startsWith(`${prefix}/`) && child.offset !== undefined && !child.unpacked) {
        const start = dataStart + Number(child.offset);
        mkdirSync(dirname(join(dest, childPath)), { recursive: true });
        writeFileSync(join(dest, childPath), bytes.subarray(start, start + (child.size ?? 0)));
        written++;
      }
    }
  };
  walk(JSON.parse(bytes.subarray(16, 16 + headerLength).toString('utf8')) as Entry, '');
  return written;
}
