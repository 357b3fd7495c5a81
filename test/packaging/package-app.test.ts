// electron-builder packs the app here, around a stand-in Electron.app (the real binary cannot be
// downloaded on this machine), and verify-app.ts checks the result: app.asar holds the built entry
// points and production dependencies and no native addon, source map or test; Info.plist has
// LSUIElement and the asar integrity hash; the tray images are in Resources; the fuses are flipped.
// ssh2 taken out of that app.asar connects without its native addons. A copy of the config with its
// safeguards removed must fail the same check.
// An unsigned build must still launch on Apple silicon: @electron/fuses re-signs the app ad hoc after
// flipping the fuses, by running `codesign` (dist/index.js, flipFuses) when electron-builder passes it
// electronFuses.resetAdHocDarwinSignature (app-builder-lib out/platformPackager.js, generateFuseConfig).
// Linux has no codesign: a stand-in on PATH records each call and the fuse wire it signed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { localReferences, OUTPUTS } from '../../build/scripts/bundle.ts';
import { readFuseWires, verifyApp, type BuilderConfig } from '../../build/scripts/verify-app.ts';
import {
  builderConfig,
  extractAsar,
  makeStandInElectron,
  object,
  packageJson,
  ROOT,
  type JsonObject,
} from './helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'ipqos-package-'));
const project = join(work, 'project');
const electronDist = join(work, 'electron-dist');
const fakeBin = join(work, 'bin');
const codesignLog = join(work, 'codesign');
// The stand-in codesign signs nothing, so verify-app's own `codesign --verify` (a Mac's) is not asked.
const DIR_TARGET = { updateConfig: false, signature: false };
const nativeAddons = [
  'node_modules/ssh2/lib/protocol/crypto/build/Release/sshcrypto.node',
  'node_modules/cpu-features/build/Release/cpufeatures.node',
];

before(() => {
  mkdirSync(project);
  cpSync(join(ROOT, 'package.json'), join(project, 'package.json'));
  symlinkSync(join(ROOT, 'build'), join(project, 'build')); // icons, tray images; electron-builder only reads it
  // node_modules as hard links (cheap, same disk), so what ssh2 would build on a Mac can be added here
  // without touching the real tree; a plain copy where hard links are not possible. From its real path:
  // copying a symlinked node_modules would copy the link, and the files below would land in the original.
  const source = realpathSync(join(ROOT, 'node_modules'));
  const linked = spawnSync('cp', ['-al', source, join(project, 'node_modules')]);
  if (linked.status !== 0) cpSync(source, join(project, 'node_modules'), { recursive: true });
  const inProject = realpathSync(project);
  for (const addon of nativeAddons) {
    mkdirSync(join(project, addon, '..'), { recursive: true });
    const directory = realpathSync(join(project, addon, '..'));
    assert.ok(
      directory.startsWith(`${inProject}/`),
      `${addon} would be written outside the copy: ${directory}`,
    );
    writeFileSync(join(project, addon), 'a stand-in native addon\n', { flag: 'wx' }); // a new file, never a link
  }
  makeStandInElectron(electronDist);
  // The stand-in codesign: one directory per call, holding its arguments and the framework it signed.
  mkdirSync(fakeBin);
  writeFileSync(
    join(fakeBin, 'codesign'),
    [
      '#!/bin/sh',
      'mkdir -p "$CODESIGN_LOG"',
      'call="$CODESIGN_LOG/$(printf %03d "$(ls "$CODESIGN_LOG" | wc -l)")"',
      'mkdir -p "$call"',
      'for arg in "$@"; do printf "%s\\n" "$arg"; done > "$call/args"',
      'for last in "$@"; do :; done',
      'cp "$last/Contents/Frameworks/Electron Framework.framework/Electron Framework" "$call/framework"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
});

interface CodesignCall {
  args: string[];
  framework: Buffer;
}

/** The stand-in codesign's calls during the last pack. */
function codesignCalls(): CodesignCall[] {
  if (!existsSync(codesignLog)) return [];
  return readdirSync(codesignLog)
    .sort()
    .map((call) => ({
      args: readFileSync(join(codesignLog, call, 'args'), 'utf8')
        .trimEnd()
        .split('\n'),
      framework: readFileSync(join(codesignLog, call, 'framework')),
    }));
}

/** What keeps the packed app from launching on arm64 macOS: flipped fuses that nothing signed again. */
function adHocSignatureProblems(app: string, calls: CodesignCall[]): string[] {
  const signing = calls.find((call) => call.args.includes('--sign') && call.args.at(-1) === app);
  if (!signing) return ['the fuses were flipped and nothing signed the app again (arm64 macOS refuses it)'];
  const problems: string[] = [];
  if (signing.args[signing.args.indexOf('--sign') + 1] !== '-') problems.push('not an ad-hoc signature');
  for (const flag of ['--force', '--deep']) if (!signing.args.includes(flag)) problems.push(`no ${flag}`);
  const signed = readFuseWires(signing.framework);
  const shipped = readFuseWires(
    readFileSync(join(app, 'Contents/Frameworks/Electron Framework.framework/Electron Framework')),
  );
  if (signed.length === 0 || !signed.every((wire, i) => wire.equals(shipped[i] ?? Buffer.alloc(0))))
    problems.push('signed before the fuses were flipped');
  return problems;
}

after(() => rmSync(work, { recursive: true, force: true }));

/** Packs `dist` with `config` (a variant of electron-builder.yml) into a fresh output directory. */
function pack(name: string, dist: string, config: JsonObject): string {
  rmSync(join(project, 'dist'), { recursive: true, force: true });
  cpSync(dist, join(project, 'dist'), { recursive: true });
  const output = join(work, `out-${name}`);
  rmSync(codesignLog, { recursive: true, force: true });
  const mac = object(config['mac']);
  const packConfig = {
    ...config,
    electronDist,
    directories: { ...object(config['directories']), output },
    // Only what cannot happen here differs: one arch, no signing, and the `dir` target (the dmg and zip
    // tools are downloaded from GitHub; the macOS workflows make both and check app-update.yml, which
    // electron-builder writes only then). Owner and repo stand in for the git remote read on CI.
    mac: { ...mac, target: ['dir'], identity: null },
    publish: { ...object(config['publish']), owner: 'ipqos-doctor', repo: 'ipqos-doctor' },
  };
  const configPath = join(work, `builder-${name}.json`);
  writeFileSync(configPath, JSON.stringify(packConfig, null, 2));
  const cli = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const run = spawnSync(
    process.execPath,
    [cli, '--mac', '--x64', '--config', configPath, '--publish', 'never', '--projectDir', project],
    {
      cwd: project,
      encoding: 'utf8',
      timeout: 300_000,
      env: {
        ...process.env,
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
        PATH: `${fakeBin}:${process.env['PATH'] ?? ''}`,
        CODESIGN_LOG: codesignLog,
      },
    },
  );
  assert.equal(run.status, 0, `electron-builder failed:\n${run.stdout}\n${run.stderr}`);
  return join(output, 'mac', 'IPQoS Doctor.app');
}

/** A dist/ of the shape `npm run build` makes, plus a source map that must not ship. */
function fixtureDist(): string {
  const dist = join(work, 'fixture-dist');
  const files: Record<string, string> = {
    [relative('dist', packageJson().main)]: 'export {};\n',
    [`${relative('dist', packageJson().main)}.map`]: '{}\n',
    [OUTPUTS.preload]: '"use strict";\n',
    [OUTPUTS.rendererHtml]: '<script defer src="popover.js"></script>\n',
    [OUTPUTS.rendererScript]: '"use strict";\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), content);
  }
  return dist;
}

test('without its safeguards the config fails the same check', () => {
  const config = builderConfig();
  const broken = structuredClone(config);
  broken['files'] = ['package.json', 'dist/**/*']; // no exclusions, and all of dist
  delete object(broken['mac'])['extendInfo'];
  delete broken['extraResources'];
  delete broken['electronFuses'];
  const app = pack('broken', fixtureDist(), broken);
  const problems = verifyApp(app, config as unknown as BuilderConfig, packageJson(), { signature: false });
  const expected = [
    'app.asar ships /node_modules/ssh2/lib/protocol/crypto/build/Release/sshcrypto.node (a native addon)',
    'app.asar ships /node_modules/cpu-features/build/Release/cpufeatures.node (a native addon)',
    `app.asar ships /${packageJson().main}.map (a source map)`,
    'Info.plist: LSUIElement is not true (the app would show in the Dock)',
    'Info.plist: no NSLocalNetworkUsageDescription (macOS 15+ would block LAN hosts without asking)',
    "fuse runAsNode is '1', not off",
    "fuse onlyLoadAppFromAsar is '0', not on",
  ];
  for (const problem of expected) assert.ok(problems.includes(problem), `expected: ${problem}`);
  assert.ok(problems.some((problem) => problem.startsWith('no tray image')));
});

test('flipped fuses without resetAdHocDarwinSignature leave an app arm64 macOS will not launch', () => {
  const config = builderConfig();
  const unsigned = structuredClone(config);
  assert.equal(object(config['electronFuses'])['resetAdHocDarwinSignature'], true);
  delete object(unsigned['electronFuses'])['resetAdHocDarwinSignature'];
  const app = pack('no-adhoc', fixtureDist(), unsigned);
  assert.deepEqual(adHocSignatureProblems(app, codesignCalls()), [
    'the fuses were flipped and nothing signed the app again (arm64 macOS refuses it)',
  ]);
});

/**
 * A key exchange and login between an ssh2 client and server loaded from `nodeModules` (files taken
 * out of the packaged app.asar), on loopback; resolves to whether ssh2 found its native crypto binding.
 */
async function ssh2RoundTrip(nodeModules: string): Promise<{ bindingAvailable: boolean }> {
  const load = createRequire(join(nodeModules, 'index.js'));
  assert.ok(load.resolve('ssh2').startsWith(nodeModules), 'ssh2 comes from the packaged files');
  const ssh2 = load('ssh2') as typeof import('ssh2');
  const { bindingAvailable } = load('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean };
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519').private;
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    client.on('authentication', (context) => context.accept());
    client.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const client = new ssh2.Client();
      client.on('ready', () => {
        client.end();
        resolve();
      });
      client.on('error', reject);
      client.connect({ host: '127.0.0.1', port, username: 'packaged', readyTimeout: 20_000 });
    });
  } finally {
    server.close();
  }
  return { bindingAvailable };
}

test('npm run build makes every entry point, they pack into the app, and ssh2 runs from it', async (t) => {
  if (!existsSync(join(ROOT, 'main/electron/main.ts')) && process.env['CI'] !== 'true') {
    t.skip('main/electron/main.ts does not exist yet; with CI=true this fails');
    return;
  }
  const dist = join(work, 'real-dist');
  const build = spawnSync('npm', ['run', 'build', '--', '--outdir', dist], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
  const main = join(dist, relative('dist', packageJson().main));
  for (const file of [main, ...Object.values(OUTPUTS).map((output) => join(dist, output))]) {
    assert.ok(existsSync(file), `npm run build made ${relative(work, file)}`);
  }
  const html = readFileSync(join(dist, OUTPUTS.rendererHtml), 'utf8');
  for (const reference of localReferences(html))
    assert.ok(existsSync(join(dist, 'renderer', reference)), reference);
  for (const bundled of [OUTPUTS.preload, OUTPUTS.rendererScript]) {
    assert.doesNotMatch(
      readFileSync(join(dist, bundled), 'utf8'),
      /sourceMappingURL/,
      `${bundled} has no source map`,
    );
    assert.ok(!existsSync(join(dist, `${bundled}.map`)));
  }
  assert.ok(existsSync(`${main}.map`), 'tsc left a source map to leave out');
  for (const addon of nativeAddons)
    assert.ok(existsSync(join(project, addon)), `${addon} is there to leave out`);
  const config = builderConfig();
  const app = pack('real', dist, config);
  assert.deepEqual(verifyApp(app, config as unknown as BuilderConfig, packageJson(), DIR_TARGET), []);
  assert.deepEqual(adHocSignatureProblems(app, codesignCalls()), []);
  // The pure-JS path: ssh2 as packaged, without its native addons, still connects.
  const unpacked = join(work, 'asar-node-modules');
  assert.ok(extractAsar(join(app, 'Contents/Resources/app.asar'), '/node_modules', unpacked) > 0);
  assert.deepEqual(await ssh2RoundTrip(join(unpacked, 'node_modules')), { bindingAvailable: false });
});
