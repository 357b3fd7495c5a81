import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { applyPlan } from '../../main/core/config-edit/apply-plan.ts';
import { planFix } from '../../main/core/config-edit/edit-plan.ts';
import { ConfigNotWritableError } from '../../main/core/config-edit/manual-steps.ts';
import { UserError } from '../../main/core/errors.ts';
import { aliasesOf, assertInvariant, fix, withSandbox, snapshot, ssh, undo, writeConfig } from './helpers.ts';

/**
 * Each config is fixed, proven with the real `ssh -G` on every alias (plus
 * strangers that only wildcards match), undone, and proven again: undo gives
 * back every alias's output and the original bytes.
 */
interface Case {
  name: string;
  /** The root config; `DIR` becomes the sandbox path (Includes must be absolute). */
  config: string | Buffer;
  /** Other files, relative to the sandbox. */
  files?: Record<string, string>;
  targets: string[];
  expect: 'fixed' | 'noop';
  /** Extra checks on the written text. */
  check?: (text: string) => void;
}

const STRANGERS = ['stranger', 'web9.example.com'];

const cases: Case[] = [
  {
    name: 'global directives at the top stay global',
    config:
      '# mine\nUser me\nPort 2222\n\nHost web\n    HostName 192.0.2.1\n\nHost db\n    HostName 192.0.2.2\n',
    targets: ['web'],
    expect: 'fixed',
  },
  {
    name: 'a global IPQoS af21 at the top must not win',
    config:
      'IPQoS af21\nUser me\nCompression yes\n\nHost web\n  HostName 192.0.2.1\nHost db\n  HostName 192.0.2.2\n',
    targets: ['web'],
    expect: 'fixed',
    check: (text) => assert.match(text, /^# Added by ipqos-doctor[^\n]*\nHost web\n {2}IPQoS 0\nHost \*\n/),
  },
  {
    name: 'an earlier Host * that sets IPQoS',
    config:
      'Host *\n    IPQoS af21 cs1\n    ServerAliveInterval 20\n\nHost web\n    HostName 192.0.2.1\n    IPQoS ef\n',
    targets: ['web'],
    expect: 'fixed',
  },
  {
    name: 'Match all that sets IPQoS',
    config: 'Host web\n\tHostName 192.0.2.1\nMatch all\n\tIPQoS cs1\n\tUser ops\nHost db\n\tIPQoS af11\n',
    targets: ['web', 'db'],
    expect: 'fixed',
    check: (text) => assert.match(text, /\n\tIPQoS 0\n/, 'reuses the tab indent'),
  },
  {
    name: 'a host defined in an Included file',
    config: 'Include DIR/conf.d/*.conf\n\nHost *\n    IPQoS af21\n',
    files: {
      'conf.d/a.conf': 'Host inc1 inc2\n    HostName 192.0.2.3\n    IPQoS cs1\n',
      'conf.d/b.conf': 'User included\nHost inc3\n    Port 2200\n',
    },
    targets: ['inc1'],
    expect: 'fixed',
  },
  {
    name: 'an Include inside a Host block',
    config: 'Host bastion\n    HostName 192.0.2.9\nHost *\n    Include DIR/late.conf\n    Compression yes\n',
    files: { 'late.conf': 'IPQoS lowdelay throughput\nHost late\n    Port 2022\n' },
    targets: ['late', 'bastion'],
    expect: 'fixed',
  },
  {
    name: 'several aliases on one Host line: only the target changes',
    config: 'Host alpha beta gamma\n    HostName 192.0.2.4\n    IPQoS af21\n    User team\n',
    targets: ['beta'],
    expect: 'fixed',
  },
  {
    name: 'a host already at IPQoS 0 is a no-op',
    config: 'Host web\n    IPQoS 0\n    HostName 192.0.2.1\nHost db\n    IPQoS cs1\n',
    targets: ['web'],
    expect: 'noop',
  },
  {
    name: 'IPQoS 0 first but a later line would win on OpenSSH < 8.7: only the end block is added',
    config: 'Host web\n    IPQoS 0\nHost *\n    IPQoS af21\n',
    targets: ['web'],
    expect: 'fixed',
    check: (text) => assert.equal(text.match(/^Host web$/gm)?.length, 2),
  },
  {
    name: 'CRLF endings stay CRLF',
    config: 'User me\r\n\r\nHost web\r\n  HostName 192.0.2.1\r\nHost *\r\n  IPQoS af21\r\n',
    targets: ['web'],
    expect: 'fixed',
    check: (text) => assert.equal(/(^|[^\r])\n/.test(text), false, 'no bare LF'),
  },
  {
    name: 'a non-UTF-8 byte survives byte for byte',
    config: Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from(' (latin1)\nHost web\n    HostName 192.0.2.1\n    # \u00e9t\u00e9 in UTF-8\n'),
    ]),
    targets: ['web'],
    expect: 'fixed',
  },
  {
    name: 'a file without a final newline',
    config: 'Host web\n    HostName 192.0.2.1\nHost *\n    IPQoS af21',
    targets: ['web'],
    expect: 'fixed',
  },
  {
    name: 'an Include of a missing file is skipped like ssh does',
    config: 'Include DIR/missing.conf\nHost web\n    HostName 192.0.2.1\n',
    targets: ['web'],
    expect: 'fixed',
  },
  {
    name: 'a target that is not in the config gets a block of its own where it takes effect',
    config: 'Host *.example.com\n    IPQoS af21\n    User deploy\nHost web\n    HostName 192.0.2.1\n',
    targets: ['web1.example.com'],
    expect: 'fixed',
  },
  {
    name: 'negated and wildcard patterns',
    config:
      'Host * !web\n    IPQoS af21\nHost w?b web*\n    IPQoS cs1\n    Port 2201\nHost web\n    User w\n',
    targets: ['web', 'wxb'],
    expect: 'fixed',
  },
  {
    name: 'Match lines the text cannot decide (exec, host) get IPQoS 0 before and after',
    config:
      'Host web\n    HostName 192.0.2.1\nMatch host 192.0.2.* exec "true"\n    IPQoS ef\n    User matched\n',
    targets: ['web'],
    expect: 'fixed',
  },
  {
    name: 'a flat (unindented) file stays flat',
    config: 'Host web\nHostName 192.0.2.1\nHost *\nIPQoS af21\n',
    targets: ['web'],
    expect: 'fixed',
    check: (text) => assert.match(text, /\nIPQoS 0\n/),
  },
  {
    name: 'an empty file',
    config: '',
    targets: ['web'],
    expect: 'fixed',
  },
];

for (const c of cases) {
  test(`fix: ${c.name}`, async () => {
    await withSandbox(async ({ dir, home }) => {
      const configFile = path.join(dir, 'config');
      for (const [name, text] of Object.entries(c.files ?? {})) {
        await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await writeFile(path.join(dir, name), text.replaceAll('DIR', dir));
      }
      const original = typeof c.config === 'string' ? Buffer.from(c.config.replaceAll('DIR', dir)) : c.config;
      await writeConfig(configFile, original);
      const aliases = await aliasesOf(configFile, home, [...c.targets, ...STRANGERS]);
      const before = await snapshot(configFile, aliases);

      const { plan, result } = await fix(configFile, home, c.targets);
      const written = await readFile(configFile);
      if (c.expect === 'noop') {
        assert.equal(plan.edits.length, 0);
        assert.equal(result.status, 'unchanged');
        assert.deepEqual(written, original);
      } else {
        assert.equal(result.status, 'applied', result.problems.join('\n'));
        assert.ok(result.backupPath);
        assert.deepEqual(await readFile(result.backupPath), original, 'backup holds the previous bytes');
      }
      assertInvariant(before, await snapshot(configFile, aliases), c.targets);
      c.check?.(written.toString('latin1'));
      // Every original byte is still there, in order: only whole lines were added.
      assert.equal(removeAddedLines(written), original.toString('latin1').replace(/(?<!\r)\n?$/, ''));
      assert.equal((await stat(configFile)).mode & 0o777, 0o600, 'mode kept');

      const again = await fix(configFile, home, c.targets);
      assert.equal(again.plan.edits.length, 0, 'applying twice is a no-op');

      const undone = await undo(configFile, home);
      assert.equal(undone.result.status, c.expect === 'noop' ? 'unchanged' : 'applied');
      assert.deepEqual(await snapshot(configFile, aliases), before, 'undo restores every alias');
      assert.deepEqual(await readFile(configFile), original, 'undo restores the bytes');
    });
  });
}

/** The written text without the tool's blocks and without a trailing newline, to compare with the original. */
function removeAddedLines(written: Buffer): string {
  const lines = written.toString('latin1').split(/(?<=\n)/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^# Added by ipqos-doctor on \S+ \(this line and the next (\d+)\)/.exec(lines[i] as string);
    if (match) i += Number(match[1]);
    else kept.push(lines[i] as string);
  }
  return kept.join('').replace(/(?<!\r)\n?$/, '');
}

test('fix: a symlinked config keeps the link and writes the file it points to', async () => {
  await withSandbox(async ({ dir, home }) => {
    await mkdir(path.join(dir, 'dotfiles'));
    const real = path.join(dir, 'dotfiles', 'ssh_config');
    const link = path.join(dir, 'config');
    await writeConfig(real, 'Host web\n    HostName 192.0.2.1\nHost *\n    IPQoS af21\n', 0o640);
    await symlink('dotfiles/ssh_config', link);
    const aliases = await aliasesOf(link, home, ['web', 'x']);
    const before = await snapshot(link, aliases);
    const { plan, result } = await fix(link, home, ['web']);
    assert.equal(plan.isSymlink, true);
    assert.equal(plan.realPath, real);
    assert.equal(result.status, 'applied');
    assert.ok((await lstat(link)).isSymbolicLink(), 'still a symlink');
    assert.equal(await readlink(link), 'dotfiles/ssh_config');
    assert.equal((await stat(real)).mode & 0o777, 0o640, 'mode of the real file kept');
    assert.equal(path.dirname(result.backupPath ?? ''), plan.backupDir, "backup in the tool's folder");
    assert.ok(
      result.backupPath?.includes(path.join('.local', 'state', 'ipqos-doctor', 'backups', 'ssh_config-')),
    );
    assert.equal((await stat(result.backupPath ?? '')).mode & 0o777, 0o640, 'backup keeps the mode');
    assertInvariant(before, await snapshot(link, aliases), ['web']);
  });
});

test('fix: a read-only config is refused with the lines to add by hand, file unchanged', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = path.join(dir, 'config');
    const text = 'IPQoS af21\nHost web\n    HostName 192.0.2.1\n';
    await writeConfig(configFile, text, 0o444);
    const plan = await planFix({ configFile, hosts: ['web'], ssh: await ssh(), home });
    assert.equal(plan.writable.ok, false);
    assert.match(plan.writable.reason, /read-only \(mode 0444\)/);
    await assert.rejects(applyPlan(plan), (error: unknown) => {
      assert.ok(error instanceof ConfigNotWritableError);
      assert.match(error.message, /Nothing was written/);
      assert.match(error.hint ?? '', /at the very top of the file, add:\n {4}# Added by ipqos-doctor/);
      assert.match(error.hint ?? '', /\n {4}Host web\n {8}IPQoS 0\n {4}Host \*\n/);
      assert.deepEqual(
        error.steps.map((step) => [step.action, step.line]),
        [
          ['insert', 4],
          ['insert', 1],
        ],
        'bottom up, so line numbers stay right',
      );
      return true;
    });
    assert.equal(await readFile(configFile, 'utf8'), text);
    await chmod(configFile, 0o600);
  });
});

test('fix: a config that does not exist yet is created 0600 with one block', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = path.join(dir, 'config');
    const { plan, result } = await fix(configFile, home, ['web']);
    assert.equal(plan.exists, false);
    assert.equal(result.status, 'applied');
    assert.equal(result.backupPath, null);
    assert.equal((await stat(configFile)).mode & 0o777, 0o600);
    assert.match(
      await readFile(configFile, 'utf8'),
      /^# Added by ipqos-doctor[^\n]*\nHost web\n {4}IPQoS 0\n$/,
    );
    const after = await snapshot(configFile, ['web', 'other']);
    assert.deepEqual(after.get('web')?.get('ipqos'), ['cs0 cs0']);
    assert.notDeepEqual(after.get('other')?.get('ipqos'), ['cs0 cs0']);
  });
});

const refusals: { name: string; config: string; hosts: string[]; error: RegExp }[] = [
  {
    name: 'a malformed line (unbalanced quote)',
    config: 'Host web\n    HostName "192.0.2.1\n',
    hosts: ['web'],
    error: /line 2 cannot be parsed/,
  },
  {
    name: 'an unknown directive',
    config: 'Host web\n    Frobnicate yes\n',
    hosts: ['web'],
    error: /Bad configuration option: frobnicate/i,
  },
  {
    name: 'a keyword without a value',
    config: 'Host web\n    Port\n',
    hosts: ['web'],
    error: /line 2|argument/,
  },
  {
    name: 'an alias starting with "-"',
    config: 'Host web\n',
    hosts: ['-oProxyCommand=x'],
    error: /start with "-"/,
  },
  { name: 'a wildcard as target', config: 'Host web\n', hosts: ['web*'], error: /cannot go on a Host line/ },
  { name: 'user@host as target', config: 'Host web\n', hosts: ['me@web'], error: /cannot go on a Host line/ },
  { name: 'a NUL byte', config: 'Host web\n    User a\0b\n', hosts: ['web'], error: /NUL byte/ },
];

for (const r of refusals) {
  test(`fix refuses ${r.name} clearly and writes nothing`, async () => {
    await withSandbox(async ({ dir, home }) => {
      const configFile = path.join(dir, 'config');
      await writeConfig(configFile, r.config);
      await assert.rejects(
        planFix({ configFile, hosts: r.hosts, ssh: await ssh(), home }),
        (error: unknown) => {
          assert.ok(error instanceof UserError, String(error));
          assert.match(error.message, r.error);
          return true;
        },
      );
      assert.equal(await readFile(configFile, 'utf8'), r.config);
    });
  });
}

test('a plan is plain data: it survives JSON and applies the same', async () => {
  await withSandbox(async ({ dir, home }) => {
    const configFile = path.join(dir, 'config');
    await writeConfig(configFile, 'Host web\n    HostName 192.0.2.1\nHost *\n    IPQoS af21\n');
    const plan = await planFix({ configFile, hosts: ['web'], ssh: await ssh(), home });
    const copy = JSON.parse(JSON.stringify(plan)) as typeof plan;
    assert.deepEqual(copy, plan);
    assert.equal((await applyPlan(copy)).status, 'applied');
  });
});

test('fix creates a missing .ssh (0700) and config (0600) in the temp home it is given', async () => {
  await withSandbox(async ({ dir }) => {
    const home = path.join(dir, 'fresh-home');
    await mkdir(home);
    const configFile = path.join(home, '.ssh', 'config');
    const plan = await planFix({ configFile, hosts: ['web'], ssh: await ssh(), home });
    assert.deepEqual(plan.writable, { ok: true, reason: '', createDirectory: true });
    assert.equal((await applyPlan(plan)).status, 'applied');
    assert.equal((await stat(path.join(home, '.ssh'))).mode & 0o777, 0o700);
    assert.equal((await stat(configFile)).mode & 0o777, 0o600);
  });
});
