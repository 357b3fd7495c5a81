import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../main/electron/electron-binary.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const temp = mkdtempSync(path.join(tmpdir(), 'ipqos-electron-binary-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** A fake `node_modules/electron`: optionally path.txt and the file it names under dist/. */
function fakePackage(name: string, { pathTxt, binary }: { pathTxt?: string; binary?: boolean }): string {
  const dir = path.join(temp, name);
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  if (pathTxt !== undefined) writeFileSync(path.join(dir, 'path.txt'), pathTxt);
  if (pathTxt !== undefined && binary) {
    const file = path.join(dir, 'dist', pathTxt);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
  }
  return dir;
}

describe('findElectronBinary', () => {
  const macPath = 'Electron.app/Contents/MacOS/Electron';

  it('finds the binary path.txt names under dist/', () => {
    const dir = fakePackage('installed', { pathTxt: macPath, binary: true });
    assert.deepEqual(findElectronBinary(dir, {}), { found: true, path: path.join(dir, 'dist', macPath) });
  });

  it('reports it missing when path.txt is absent or names a file that is not there', () => {
    const none = fakePackage('never-downloaded', {});
    assert.deepEqual(findElectronBinary(none, {}), { found: false, looked: path.join(none, 'dist') });
    const gone = fakePackage('dist-deleted', { pathTxt: 'electron' });
    assert.deepEqual(findElectronBinary(gone, {}), {
      found: false,
      looked: path.join(gone, 'dist', 'electron'),
    });
    assert.equal(findElectronBinary(null, {}).found, false);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like require("electron") does', () => {
    const dir = fakePackage('override', { pathTxt: 'electron', binary: true });
    const elsewhere = path.join(temp, 'custom-dist');
    mkdirSync(elsewhere, { recursive: true });
    const env = { ELECTRON_OVERRIDE_DIST_PATH: elsewhere };
    assert.deepEqual(findElectronBinary(dir, env), {
      found: false,
      looked: path.join(elsewhere, 'electron'),
    });
    writeFileSync(path.join(elsewhere, 'electron'), '');
    assert.deepEqual(findElectronBinary(dir, env), { found: true, path: path.join(elsewhere, 'electron') });
  });
});

describe('npm start without an Electron binary', () => {
  it('prints one line that points to the CLI, builds nothing, and exits 1', () => {
    const emptyDist = mkdtempSync(path.join(temp, 'empty-dist-'));
    const run = spawnSync(process.execPath, [path.join(root, 'main/electron/start.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
      timeout: 30_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, '', 'nothing ran (no build output)');
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `one line, got:\n${run.stderr}`);
    assert.match(lines[0] ?? '', /^IPQoS Doctor: no Electron binary here \(.*empty-dist-/);
    for (const command of ['npm run cli -- check', 'npm run cli -- watch', 'npm run preview']) {
      assert.ok(lines[0]?.includes(`\`${command}\``), command);
    }
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});
