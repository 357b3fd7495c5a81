import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { listBackups, pruneBackups, writeBackup } from '../../main/core/config-edit/backup.ts';
import { acquireLock, lockPathFor } from '../../main/core/config-edit/file-lock.ts';
import { runCliIn, withSandbox, writeConfig } from './helpers.ts';

const FILE_LOCK = path.resolve(import.meta.dirname, '../../main/core/config-edit/file-lock.ts');

test('backups: the newest 10 of a config are kept, other configs are left alone', async () => {
  await withSandbox(async ({ dir }) => {
    const backups = path.join(dir, 'backups');
    const own = { mode: 0o600, uid: -1, gid: -1 };
    const config = path.join(dir, 'config');
    const other = path.join(dir, 'other', 'config');
    await writeBackup(backups, other, Buffer.from('other'), own, new Date('2024-01-01T00:00:00Z'));
    const written: string[] = [];
    for (let i = 0; i < 13; i++) {
      // Two in the same second get a counter and still sort in time order.
      const when = new Date(Date.UTC(2025, 0, 1, 0, 0, Math.floor(i / 2)));
      written.push(await writeBackup(backups, config, Buffer.from(`v${i}`), own, when));
      await pruneBackups(backups, config);
    }
    const kept = await listBackups(backups, config);
    assert.deepEqual(kept, written.slice(3), 'the oldest three are gone');
    assert.equal(await readFile(kept.at(-1) ?? '', 'utf8'), 'v12');
    assert.equal((await listBackups(backups, other)).length, 1, "another config's backup is kept");
    assert.equal((await readdir(backups)).length, 11);
  });
});

test('undo --dry-run prints what undo would remove and writes nothing', async () => {
  await withSandbox(async ({ dir }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, 'Host web\n    HostName 192.0.2.1\nHost *\n    IPQoS af21\n');
    assert.equal((await runCliIn(dir, ['fix', 'web', '--config', configFile, '--yes'])).code, 0);
    const fixed = await readFile(configFile, 'utf8');
    const run = await runCliIn(dir, ['undo', 'web', '--config', configFile, '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^-Host web$/m);
    assert.match(run.stdout, /^- {4}IPQoS 0$/m);
    assert.match(run.stdout, /Dry run: nothing was written/);
    assert.equal(await readFile(configFile, 'utf8'), fixed);
  });
});

/**
 * Several processes find the same dead lock at the same instant. Each that
 * gets the lock logs its time inside; no two may ever overlap.
 */
test('a dead lock taken over by several processes at once: one at a time holds it', async () => {
  await withSandbox(async ({ dir }) => {
    const lockPath = lockPathFor(path.join(dir, 'state'), path.join(dir, 'config'));
    const log = path.join(dir, 'log');
    await writeFile(log, '');
    const contenders = 8;
    for (let round = 0; round < 3; round++) {
      await mkdir(path.dirname(lockPath), { recursive: true });
      await writeFile(lockPath, '2147483646\n'); // a process that does not exist
      const start = Date.now() + 400;
      const script =
        `import { acquireLock } from ${JSON.stringify(FILE_LOCK)};\n` +
        `import { appendFileSync } from 'node:fs';\n` +
        `while (Date.now() < ${start}) {}\n` +
        `let release;\n` +
        `try { release = await acquireLock(${JSON.stringify(lockPath)}, 'config'); } catch { process.exit(3); }\n` +
        `appendFileSync(${JSON.stringify(log)}, 'in ' + process.pid + ' ' + performance.timeOrigin + performance.now() + '\\n');\n` +
        `await new Promise((r) => setTimeout(r, 100));\n` +
        `appendFileSync(${JSON.stringify(log)}, 'out ' + process.pid + '\\n');\n` +
        `await release();\n`;
      const codes = await Promise.all(
        Array.from(
          { length: contenders },
          () =>
            new Promise<number | null>((resolve, reject) => {
              const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
                stdio: 'inherit',
              });
              child.on('error', reject);
              child.on('exit', resolve);
            }),
        ),
      );
      assert.ok(codes.includes(0), `someone got the lock: ${codes.join(',')}`);
      assert.ok(
        codes.every((code) => code === 0 || code === 3),
        `only success or "busy": ${codes.join(',')}`,
      );
    }
    // Every "in" is followed by its own "out" before the next "in": never two holders.
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    for (let i = 0; i < lines.length; i += 2) {
      const [, pid] = (lines[i] ?? '').split(' ');
      assert.equal(lines[i + 1], `out ${pid}`, `overlap at line ${i + 2}:\n${lines.join('\n')}`);
    }
    await assertEmptyLocks(path.dirname(lockPath));
  });
});

async function assertEmptyLocks(dir: string): Promise<void> {
  assert.deepEqual(await readdir(dir), [], 'no lock, takeover lock or draft left behind');
}

test('a dead lock is only removed under the takeover lock, never while another process holds it', async () => {
  await withSandbox(async ({ dir }) => {
    const lockPath = lockPathFor(path.join(dir, 'state'), path.join(dir, 'config'));
    await mkdir(path.dirname(lockPath), { recursive: true });
    await writeFile(lockPath, '2147483646\n');
    // This (live) process is in the middle of a takeover: a contender must wait, not clear the lock itself.
    await writeFile(`${lockPath}.takeover`, `${process.pid}\n`);
    await assert.rejects(acquireLock(lockPath, 'config'), /Cannot take the lock/);
    assert.equal(await readFile(lockPath, 'utf8'), '2147483646\n', 'the dead lock was left to the taker');
    // The takeover lock of a process that died mid-takeover is cleared, then the dead lock taken over.
    await writeFile(`${lockPath}.takeover`, '2147483645\n');
    const release = await acquireLock(lockPath, 'config');
    assert.equal(await readFile(lockPath, 'utf8'), `${process.pid}\n`);
    await release();
    await assertEmptyLocks(path.dirname(lockPath));
  });
});
