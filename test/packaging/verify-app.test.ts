// The pure parts of verify-app.ts: reading fuse wires (a universal binary has two) and telling what must
// not ship, and the main process's imports that the package cannot satisfy. The whole check runs on a
// real package in package-app.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  forbiddenReason,
  FUSE_INDEX,
  FUSE_SENTINEL,
  readFuseWires,
  unresolvedImports,
} from '../../build/scripts/verify-app.ts';

function wire(states: string, version = 1): Buffer {
  return Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([version, states.length]),
    Buffer.from(states),
  ]);
}

test('every fuse wire in a binary is read, one per slice of a universal binary', () => {
  const universal = Buffer.concat([
    Buffer.from('x86_64 slice'),
    wire('00001101'),
    Buffer.from('arm64'),
    wire('0000110r'),
  ]);
  const wires = readFuseWires(universal).map((bytes) => bytes.toString('latin1'));
  assert.deepEqual(wires, ['00001101', '0000110r']);
  assert.equal(wires[1]?.[FUSE_INDEX['grantFileProtocolExtraPrivileges'] ?? -1], 'r');
  assert.deepEqual(readFuseWires(Buffer.from('no sentinel here')), []);
  assert.throws(() => readFuseWires(wire('0000', 2)), /fuse wire version 2 is not 1/);
});

test('what must not ship: native addons, maps, tests and sources; node_modules code may', () => {
  const cases: [string, string | null][] = [
    ['/node_modules/ssh2/lib/protocol/crypto/build/Release/sshcrypto.node', 'a native addon'],
    ['/node_modules/cpu-features/lib/index.js', "ssh2's native addon"],
    ['/node_modules/ssh2/lib/protocol/crypto/poly1305.js', null],
    ['/dist/main/electron/main.js.map', 'a source map'],
    ['/test/packaging/helpers.ts', 'not built output'],
    ['/main/electron/main.ts', 'not built output'],
    ['/dist/main/electron/main.ts', 'a TypeScript source'],
    ['/node_modules/valibot/dist/index.d.ts', null],
    ['/dist/main/electron/main.js', null],
  ];
  for (const [path, reason] of cases) assert.equal(forbiddenReason(path), reason, path);
});

test('everything the main process loads, from its entry on, is found in app.asar, or reported', () => {
  const files: Record<string, string> = {
    '/dist/main/electron/main.js': [
      "import { app } from 'electron';",
      "import path from 'node:path';",
      "import { readFile } from 'fs/promises';",
      'import {',
      '  createUpdater,',
      "} from './updates.js';",
      "import * as v from 'valibot';",
      "export { trayIconPath } from './tray-icon-paths.js';",
      "import './side-effect.js';",
      "const worker = new Worker(new URL('../app/worker.ts', import.meta.url));",
    ].join('\n'),
    // Reached through main.js: its imports count.
    '/dist/main/electron/updates.js':
      "const u = await import('electron-updater'); await import('i18next');\n",
    // Reached by nothing: a dev tool compiled alongside, not looked at.
    '/dist/main/preview/server.js': "import { build } from 'esbuild';\n",
  };
  const paths = [
    ...Object.keys(files),
    '/node_modules/valibot/package.json',
    '/node_modules/electron-updater/package.json',
  ];
  const read = (path: string): Buffer | null => (files[path] === undefined ? null : Buffer.from(files[path]));
  const sorted = (list: string[]): string[] => [...list].sort((a, b) => a.localeCompare(b));
  assert.deepEqual(
    sorted(unresolvedImports('/dist/main/electron/main.js', paths, read)),
    sorted([
      '/dist/main/electron/updates.js imports i18next, which is not packed (a devDependency?)',
      '/dist/main/electron/main.js loads ./tray-icon-paths.js, which app.asar lacks',
      '/dist/main/electron/main.js loads ./side-effect.js, which app.asar lacks',
      '/dist/main/electron/main.js loads ../app/worker.ts, which app.asar lacks',
    ]),
  );
});
