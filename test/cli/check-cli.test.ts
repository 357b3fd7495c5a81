import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../main/cli/cli-main.ts';
import { runCli } from './run-cli.ts';

let dir: string;
let config: string;
let closedPort: number;

/** A loopback port nobody listens on: bind one, note it, close it. */
async function unusedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const digest = async (file: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ipqos-cli-'));
  config = path.join(dir, 'config');
  closedPort = await unusedPort();
  await writeFile(
    config,
    `Host closed\n  HostName 127.0.0.1\n  Port ${closedPort}\nHost piped\n  ProxyCommand nc %h %p\nHost *\n  UserKnownHostsFile ${dir}/known_hosts\n`,
  );
});
after(() => rm(dir, { recursive: true, force: true }));

test('no command prints usage and exits 2', async () => {
  const run = await runCli([]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Usage:/);
});

test('--help prints usage and exits 0', async () => {
  const run = await runCli(['--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /ipqos-doctor check/);
});

test('bad input gets a clear message, exit 2, and leaves the config untouched', async () => {
  const before = await digest(config);
  const malformed = path.join(dir, 'malformed');
  await writeFile(malformed, 'Host a\n  Bogus yes\n');
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', '--config', path.join(dir, 'missing')], /does not exist/],
    [['check', '--config', dir], /is a directory/],
    [['check', '--config', malformed], /Bad configuration option: bogus/i],
    [['check', '--config', config, 'nosuchhost'], /"nosuchhost" is not a host/],
    [['check', '--config', config, '--', '-oProxyCommand=touch /tmp/pwned'], /not a host alias/],
    [['check', '--config', config, '--concurrency', '0'], /--concurrency must be a whole number/],
    [['check', '--config', config, '--bogus'], /Unknown option '--bogus'/],
    [['check', '--config', config, '--ssh', path.join(dir, 'no-ssh-here')], /Cannot run the OpenSSH client/],
  ];
  for (const [args, message] of cases) {
    const run = await runCli(args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(' '));
    assert.equal(run.stdout, '', 'errors go to stderr only');
  }
  assert.equal(await digest(config), before);
});

test('--json reports a refused host as unreachable and a ProxyCommand host as not applicable', async () => {
  const run = await runCli(['check', '--config', config, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as {
    hosts: { alias: string; verdict: string; port: number; evidence: string[]; durationMs: number }[];
  };
  const byAlias = new Map(report.hosts.map((host) => [host.alias, host]));
  assert.equal(byAlias.get('closed')?.verdict, 'unreachable');
  assert.equal(byAlias.get('closed')?.port, closedPort);
  assert.match(byAlias.get('closed')?.evidence.join('\n') ?? '', /ECONNREFUSED/);
  assert.equal(byAlias.get('piped')?.verdict, 'not-applicable');
  assert.match(byAlias.get('piped')?.evidence.join('\n') ?? '', /ProxyCommand nc %h %p/);
});

test('the human report is a table without colour when not on a terminal', async () => {
  const run = await runCli(['check', '--config', config, 'closed']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^HOST\s+ADDRESS\s+VERDICT\s+TIME$/m);
  assert.match(run.stdout, new RegExp(`^closed\\s+127\\.0\\.0\\.1:${closedPort}\\s+unreachable`, 'm'));
  assert.ok(!run.stdout.includes('\u001b['), 'no ANSI colour codes off a terminal');
  assert.match(run.stdout, /No host needs IPQoS 0/);
});

test('on a terminal: a progress line on stderr, cleared before the report, and colour in the table', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['check', '--config', config, 'closed'], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    isTty: true,
    env: {},
    confirm: async () => false,
  });
  assert.equal(code, 0);
  const progress = err.join('');
  assert.match(progress, /Checking 0\/1 hosts — closed: /);
  assert.match(progress, /Checking 1\/1 hosts/);
  assert.ok(progress.endsWith('\r\u001b[2K'), 'the progress line is wiped before the report');
  assert.ok(!progress.endsWith('\r\u001b[2K\r\u001b[2K'), 'and wiped once');
  assert.ok(out.join('').includes('\u001b[33munreachable'), 'the verdict is coloured on a terminal');
});

test('NO_COLOR turns colour off even on a terminal', async () => {
  const out: string[] = [];
  await main(['check', '--config', config, 'closed'], {
    out: (text) => out.push(text),
    err: () => {},
    isTty: true,
    env: { NO_COLOR: '1' },
    confirm: async () => false,
  });
  assert.ok(!out.join('').includes('\u001b['));
});

/** `Host a|b` is valid in the file, but ssh refuses `a|b` as a name: before issue 15 it failed the whole check. */
test('an alias ssh refuses by name is not checked; the others are', async () => {
  const file = path.join(dir, 'bar-alias');
  await writeFile(file, `Host a|b plain\n  HostName 127.0.0.1\n  Port ${closedPort}\n`);
  const run = await runCli(['check', '--config', file, '--mode', 'screen', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as {
    hosts: { alias: string; verdict: string }[];
    leftOut: { alias: string; reason: string }[];
  };
  assert.deepEqual(
    report.hosts.map((host) => [host.alias, host.verdict]),
    [['plain', 'unreachable']],
  );
  // Said, not silent: the report names what was left out and why.
  assert.deepEqual(
    report.leftOut.map((entry) => [entry.alias, entry.reason]),
    [['a|b', 'ssh-refuses-name']],
  );
  const human = await runCli(['check', '--config', file, '--mode', 'screen']);
  assert.match(human.stdout, /^Not checked: "a\|b" \(this ssh refuses such a name/m);
});
