import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fixCommand } from '../../main/cli/fix-commands.ts';
import type { CliIo } from '../../main/cli/cli-io.ts';
import { runCliIn, stateDirOf, withSandbox, writeConfig } from './helpers.ts';

const CONFIG = '# mine\nHost web\n    HostName 192.0.2.1\nHost *\n    IPQoS af21\n';

async function withConfig(
  text: string,
  work: (configFile: string, dir: string) => Promise<void>,
  mode = 0o600,
): Promise<void> {
  await withSandbox(async ({ dir }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, text, mode);
    await work(configFile, dir);
  });
}

test('fix --dry-run prints the diff and writes nothing', async () => {
  await withConfig(CONFIG, async (configFile, dir) => {
    const run = await runCliIn(dir, ['fix', 'web', '--config', configFile, '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\+Host web$/m);
    assert.match(run.stdout, /^\+ {4}IPQoS 0$/m);
    assert.match(run.stdout, /Dry run: nothing was written/);
    assert.equal(await readFile(configFile, 'utf8'), CONFIG);
  });
});

test('fix without a terminal needs --yes (exit 2, nothing written)', async () => {
  await withConfig(CONFIG, async (configFile, dir) => {
    const run = await runCliIn(dir, ['fix', 'web', '--config', configFile]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no terminal to confirm on/);
    assert.match(run.stderr, /--yes/);
    assert.equal(await readFile(configFile, 'utf8'), CONFIG);
  });
});

test('fix --yes applies and verifies; again is a no-op; undo restores; undo again has nothing to do', async () => {
  await withConfig(CONFIG, async (configFile, dir) => {
    const fixed = await runCliIn(dir, ['fix', 'web', '--config', configFile, '--yes']);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, /Wrote .*config\./);
    assert.match(
      fixed.stdout,
      /A backup of the current file goes to .*\/state\/backups \(the newest 10 are kept\)/,
    );
    const backup = /Previous version kept in (\S+)\n/.exec(fixed.stdout)?.[1] ?? '';
    assert.match(backup, /\/state\/backups\/config-[0-9a-f]{8}-\d{8}T\d{6}Z-00\.bak$/);
    assert.equal(await readFile(backup, 'utf8'), CONFIG);
    assert.match(fixed.stdout, /Verified with OpenSSH.* web now print ipqos cs0 cs0; nothing else changed/);
    assert.match(fixed.stdout, /To undo: ipqos-doctor undo web --config /);
    assert.notEqual(await readFile(configFile, 'utf8'), CONFIG);

    const again = await runCliIn(dir, ['fix', 'web', '--config', configFile, '--yes']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already has IPQoS 0/);
    assert.match(again.stdout, /Nothing to change/);

    const undone = await runCliIn(dir, ['undo', 'web', '--config', configFile, '--yes']);
    assert.equal(undone.code, 0, undone.stderr);
    assert.equal(await readFile(configFile, 'utf8'), CONFIG);

    const nothing = await runCliIn(dir, ['undo', '--config', configFile, '--yes']);
    assert.equal(nothing.code, 0);
    assert.match(nothing.stdout, /no lines added by ipqos-doctor at all: nothing to undo/);
  });
});

test('undo of a host that was never fixed is a clear message, exit 0', async () => {
  await withConfig(CONFIG, async (configFile, dir) => {
    const run = await runCliIn(dir, ['undo', 'web', '--config', configFile]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /web: has no lines added by ipqos-doctor; nothing to undo/);
    assert.equal(await readFile(configFile, 'utf8'), CONFIG);
  });
});

const badUsage: { name: string; args: (configFile: string) => string[]; error: RegExp }[] = [
  {
    name: 'a host starting with "-"',
    args: (f) => ['fix', '-oProxyCommand=x', '--config', f],
    error: /start with "-"/,
  },
  { name: 'a "-" host after --', args: (f) => ['fix', '--config', f, '--', '-x'], error: /start with "-"/ },
  { name: 'no host', args: (f) => ['fix', '--config', f], error: /name the hosts/ },
  {
    name: 'an unknown option',
    args: (f) => ['fix', 'web', '--config', f, '--force'],
    error: /Unknown option/,
  },
  {
    name: 'a config that is a directory',
    args: (f) => ['fix', 'web', '--config', path.dirname(f)],
    error: /not a regular file/,
  },
];
for (const b of badUsage) {
  test(`fix with ${b.name} exits 2 and touches nothing`, async () => {
    await withConfig(CONFIG, async (configFile, dir) => {
      const run = await runCliIn(dir, b.args(configFile));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, b.error);
      assert.equal(await readFile(configFile, 'utf8'), CONFIG);
    });
  });
}

test('fix on a read-only config exits 2 and prints the lines to add by hand', async () => {
  await withConfig(
    CONFIG,
    async (configFile, dir) => {
      const run = await runCliIn(dir, ['fix', 'web', '--config', configFile, '--yes']);
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /Cannot change .*config: .* is read-only \(mode 0400\)\. Nothing was written\./,
      );
      assert.match(
        run.stderr,
        /just above line 4 \("Host \*"\), add:\n {4}# Added by ipqos-doctor[^\n]*\n {4}Host web\n {8}IPQoS 0\n/,
      );
      assert.match(run.stderr, /at the end of the file, add:/);
      assert.equal(await readFile(configFile, 'utf8'), CONFIG);
    },
    0o400,
  );
});

/** An ssh that tells the truth except where told to lie: on the proof copy, or on the written file. */
async function lyingSsh(dir: string, lieOn: 'proof' | 'verify'): Promise<string> {
  const real = execFileSync('sh', ['-c', 'command -v ssh'], { encoding: 'utf8' }).trim();
  const file = path.join(dir, `ssh-lies-on-${lieOn}`);
  // The proof runs on a copy in the tool's folder; the check after writing reads the config itself.
  const state = stateDirOf(dir);
  const lie =
    lieOn === 'proof'
      ? `case "$cfg" in ${state}/*) echo "user mallory" ;; esac`
      : `case "$cfg" in ${state}/*) ;; *) grep -q "Added by ipqos-doctor" "$cfg" && echo "user mallory" ;; esac`;
  await writeFile(
    file,
    `#!/bin/sh\ncfg=""; prev=""\nfor a in "$@"; do [ "$prev" = "-F" ] && cfg="$a"; prev="$a"; done\n` +
      `${real} "$@" || exit $?\n[ -n "$cfg" ] && ${lie}\nexit 0\n`,
    { mode: 0o755 },
  );
  return file;
}

/** `fix web --yes` through an ssh whose -G lies at the given step. */
const fixWebWithLyingSsh = async (configFile: string, dir: string, step: 'proof' | 'verify') =>
  runCliIn(dir, ['fix', 'web', '--config', configFile, '--yes', '--ssh', await lyingSsh(dir, step)]);

test('a change that fails the ssh -G proof on the temporary copy exits 1 without touching the file', async () => {
  await withConfig(CONFIG, async (configFile, dir) => {
    const run = await fixWebWithLyingSsh(configFile, dir, 'proof');
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stderr,
      /did not pass the ssh -G check on a temporary copy, so .*config was not touched/,
    );
    assert.match(run.stderr, /web: other settings changed \(user: (\S+) → \1 \| mallory\)/);
    assert.equal(await readFile(configFile, 'utf8'), CONFIG);
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.includes('ipqos-doctor')),
      [],
    );
  });
});

test('a written file that fails verification is restored, exit 1, backup kept', async () => {
  await withConfig(CONFIG, async (configFile, dir) => {
    const run = await fixWebWithLyingSsh(configFile, dir, 'verify');
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /failed the ssh -G check after writing, and its previous content was put back/);
    assert.match(run.stderr, /The previous content is also kept in .*\.bak/);
    assert.equal(await readFile(configFile, 'utf8'), CONFIG);
  });
});

test('on a terminal, fix asks first; "no" writes nothing, "yes" applies', async () => {
  await withConfig(CONFIG, async (configFile, dir) => {
    const out: string[] = [];
    const io = (answer: boolean): CliIo => ({
      out: (text) => out.push(text),
      err: (text) => out.push(text),
      isTty: true,
      env: { IPQOS_DOCTOR_STATE_DIR: stateDirOf(dir) },
      confirm: async (question) => {
        out.push(`? ${question}`);
        return answer;
      },
    });
    assert.equal(await fixCommand(['web', '--config', configFile], io(false)), 0);
    assert.match(out.join(''), /\? Apply this change to .*config\?/);
    assert.match(out.join(''), /Nothing was written/);
    assert.equal(await readFile(configFile, 'utf8'), CONFIG);
    assert.equal(await fixCommand(['web', '--config', configFile], io(true)), 0);
    assert.match(await readFile(configFile, 'utf8'), /^Host web\n {4}IPQoS 0$/m);
  });
});
