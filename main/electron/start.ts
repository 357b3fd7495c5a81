// `npm start`: build, then run the menu-bar app with the local Electron. Where Electron's binary is absent
// (a Linux CI box, a machine that never downloaded it), say so in one line and point to the CLI.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { appRoot } from './app-root.ts';
import { findElectronBinary, missingElectronMessage } from './electron-binary.ts';

const root = appRoot(import.meta.url);
const binary = findElectronBinary();
if (!binary.found) {
  console.error(missingElectronMessage(binary));
  process.exit(1);
}

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('IPQoS Doctor: `npm run build` failed (see above); fix that, then run `npm start` again.');
  process.exit(build.status ?? 1);
}

const child = spawn(binary.path, [path.resolve(root), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
