/**
 * Item 0's invariant: after every run of fix or undo — applied, refused,
 * rolled back, killed with SIGKILL — the user's own `ssh -G` still reads the
 * config, even when its Include globs cover the config's own folder. Nothing
 * of the tool's (backup, proof copy, staged file, lock) may be reachable.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyPlan } from '../../main/core/config-edit/apply-plan.ts';
import { planFix } from '../../main/core/config-edit/edit-plan.ts';
import { UserError } from '../../main/core/errors.ts';
import { CLI } from '../cli/run-cli.ts';
import { runCliIn, snapshot, ssh, stateDirOf, withSandbox, writeConfig } from './helpers.ts';

/** A home whose ~/.ssh/config Includes, through globs over its own folder, `config.*` files. */
async function globbingHome(dir: string, include: (dotSsh: string) => string): Promise<string> {
  const dotSsh = path.join(dir, 'home', '.ssh');
  await mkdir(dotSsh, { recursive: true, mode: 0o700 });
  const configFile = path.join(dotSsh, 'config');
  await writeConfig(
    configFile,
    `${include(dotSsh)}\nHost web\n    HostName 192.0.2.1\nHost db\n    HostName 192.0.2.2\nHost *\n    IPQoS af21\n`,
  );
  // The file the glob is meant for. A copy of the config itself would include the glob again: ssh stops.
  await writeFile(path.join(dotSsh, 'config.work'), 'Host work\n    Port 2201\n');
  return configFile;
}

/** The user's own ssh reads the config: every alias, no "recursive includes" error. */
async function assertSshReads(configFile: string): Promise<void> {
  const states = await snapshot(configFile, ['web', 'db', 'work', 'other']);
  assert.equal(states.get('work')?.get('port')?.[0], '2201');
}

const layouts: { name: string; include: (dotSsh: string) => string }[] = [
  { name: 'Include config.* at the top', include: (d) => `Include ${d}/config.*` },
  {
    name: 'Include of every file of the folder but config',
    include: (d) => `Include ${d}/[a-b]* ${d}/c?nfig.*`,
  },
  { name: 'Include config.* inside Match all', include: (d) => `Match all\n    Include ${d}/config.*` },
  {
    name: 'Include config.* inside a Host block',
    include: (d) => `Host web work\n    Include ${d}/config.*`,
  },
];

for (const layout of layouts) {
  test(`${layout.name}: fix and undo leave nothing an Include reaches; ssh -G still reads it`, async () => {
    await withSandbox(async ({ dir, home }) => {
      const configFile = await globbingHome(dir, layout.include);
      const dotSsh = path.dirname(configFile);
      const listing = (await readdir(dotSsh)).sort();
      await assertSshReads(configFile);
      const plan = await planFix({ configFile, hosts: ['web'], ssh: await ssh(), home });
      const result = await applyPlan(plan);
      assert.equal(result.status, 'applied', result.problems.join('\n'));
      assert.ok(result.backupPath?.startsWith(plan.backupDir));
      assert.ok(!plan.backupDir.startsWith(dotSsh));
      assert.deepEqual((await readdir(dotSsh)).sort(), listing, 'nothing new beside the config');
      await assertSshReads(configFile);
      assert.deepEqual((await snapshot(configFile, ['web'])).get('web')?.get('ipqos'), ['cs0 cs0']);
      const undo = await runCliIn(dir, ['undo', 'web', '--config', configFile, '--yes']);
      assert.equal(undo.code, 0, undo.stderr);
      assert.deepEqual((await readdir(dotSsh)).sort(), listing);
      await assertSshReads(configFile);
    });
  });
}

test('an Include that reaches the backup folder is refused before anything is written', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = await globbingHome(
      dir,
      (d) => `Include ${d}/config.* ${path.dirname(d)}/.*/*/*/backups/*`,
    );
    const before = await readFile(configFile);
    const plan = await planFix({ configFile, hosts: ['web'], ssh: await ssh(), home });
    // The first backup is what the glob would reach: the tool sees it before renaming anything.
    await assert.rejects(applyPlan(plan), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(error.message, /reaches .*backups.*nothing was written/);
      return true;
    });
    assert.deepEqual(await readFile(configFile), before);
    assert.deepEqual(await readdir(plan.backupDir).catch(() => []), [], 'no backup was ever written');
    await assertSshReads(configFile);
    // Elsewhere, it works.
    const elsewhere = await planFix({
      configFile,
      hosts: ['web'],
      ssh: await ssh(),
      home,
      stateDir: stateDirOf(dir),
    });
    assert.equal((await applyPlan(elsewhere)).status, 'applied');
    await assertSshReads(configFile);
  });
});

/** An ssh that stops (sleeps) when its -F file passes the shell test `trap` ($f), so a test can SIGKILL the CLI there. */
async function stallingSsh(dir: string, trap: string): Promise<string> {
  const real = (await ssh()).bin;
  const file = path.join(dir, 'ssh-stalls');
  await writeFile(
    file,
    `#!/bin/sh\nprev=""\nfor f in "$@"; do [ "$prev" = "-F" ] && { ${trap}; } && sleep 60; prev="$f"; done\n` +
      `exec ${real} "$@"\n`,
    { mode: 0o755 },
  );
  return file;
}

/** Starts `fix web --yes`, waits until it is stuck in the trapped ssh -G, and SIGKILLs it. */
async function killFixMidway(dir: string, configFile: string, trap: string, stateDir: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [CLI, 'fix', 'web', '--config', configFile, '--yes', '--ssh', await stallingSsh(dir, trap)],
    { env: { ...process.env, IPQOS_DOCTOR_STATE_DIR: stateDir }, stdio: 'ignore', detached: true },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // Wait for the sleeping ssh: then the run is mid-way (scratch, staged file, lock, maybe the backup).
  let stuck = false;
  for (let i = 0; i < 800 && !stuck; i++) {
    stuck = await stuckInTrap(child.pid ?? 0);
    if (!stuck) await sleep(25);
  }
  assert.ok(stuck, 'the run reached the trapped ssh -G');
  process.kill(-(child.pid ?? 0), 'SIGKILL'); // the CLI and its stalled ssh, like a power cut
  await exited;
}

async function stuckInTrap(pid: number): Promise<boolean> {
  const pids = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => ''))
    .trim()
    .split(/\s+/);
  for (const child of pids.filter(Boolean)) {
    const grandchildren = (
      await readFile(`/proc/${child}/task/${child}/children`, 'utf8').catch(() => '')
    ).trim();
    for (const g of grandchildren.split(/\s+/).filter(Boolean)) {
      if ((await readFile(`/proc/${g}/comm`, 'utf8').catch(() => '')).trim() === 'sleep') return true;
    }
  }
  return false;
}

const inScratch = (state: string): string => `case "$f" in ${state}/tmp/*) true ;; *) false ;; esac`;
const killPoints: { name: string; trap: (state: string, configFile: string) => string; sameDisk: boolean }[] =
  [
    { name: 'during the proof on the copy', trap: inScratch, sameDisk: true },
    {
      name: 'after the rename, during the check',
      trap: (_, configFile) => `[ "$f" = "${configFile}" ] && grep -q "Added by ipqos-doctor" "$f"`,
      sameDisk: true,
    },
    { name: 'during the proof, staged beside the config (other disk)', trap: inScratch, sameDisk: false },
  ];

for (const point of killPoints) {
  test(`fix killed with SIGKILL ${point.name}: ssh -G still reads the config, the next run cleans up and applies`, async (t) => {
    await withSandbox(async ({ dir }) => {
      let state = stateDirOf(dir);
      if (!point.sameDisk) {
        // /dev/shm is another filesystem here: the staged file must go beside the config.
        const shm = await mkdtemp('/dev/shm/ipqos-state-').catch(() => null);
        if (shm === null || (await stat(shm)).dev === (await stat(dir)).dev) {
          if (process.env.CI === 'true') throw new Error('no second filesystem at /dev/shm');
          t.skip('no second filesystem at /dev/shm');
          return;
        }
        state = shm;
        t.after(() => rm(shm, { recursive: true, force: true }));
      }
      const configFile = await globbingHome(dir, (d) => `Include ${d}/config.*`);
      const original = await readFile(configFile);
      await killFixMidway(dir, configFile, point.trap(state, configFile), state);
      await assertSshReads(configFile);
      const text = await readFile(configFile);
      assert.ok(
        text.equals(original) || /Added by ipqos-doctor/.test(text.toString()),
        'old or new, never half',
      );
      const leftovers = (await readdir(path.dirname(configFile))).filter((n) => n.includes('ipqos-doctor'));
      assert.equal(leftovers.length, point.sameDisk ? 0 : 1, `beside the config: ${leftovers.join(', ')}`);

      const next = await runCliIn(dir, ['fix', 'db', '--config', configFile, '--yes'], {
        env: { ...process.env, IPQOS_DOCTOR_STATE_DIR: state },
      });
      assert.equal(next.code, 0, next.stderr);
      await assertSshReads(configFile);
      assert.deepEqual(
        (await readdir(path.dirname(configFile))).filter((n) => n.includes('ipqos-doctor')),
        [],
      );
      assert.deepEqual(await readdir(path.join(state, 'tmp')), [], 'stale scratch folders removed');
      assert.deepEqual(
        await readdir(path.join(state, 'locks')),
        [],
        'the dead lock was taken over and released',
      );
    });
  });
}
