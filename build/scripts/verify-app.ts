// Checks a packaged "IPQoS Doctor.app" against electron-builder.yml and package.json: what app.asar
// holds (the entry points, the production dependencies, every module the main process imports; no
// native addon, source map, test or source file), Info.plist (LSUIElement, bundle id, icon, the asar
// integrity hash matching the asar, the Local Network usage string), the tray images where
// tray-icon-paths.ts looks, electron-updater's app-update.yml, the fuse wire(s) and, on a Mac, that the
// code signature (ad hoc for an unsigned build) is valid after the fuses were flipped.
// The packaging tests run it on an app electron-builder packs here around a stand-in Electron; the
// macOS workflows run it on the real app: node build/scripts/verify-app.ts "release/mac-…/IPQoS Doctor.app"
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, resolve } from 'node:path';
import { parse as parsePlist, parseBinary } from 'plist';
import { parse as parseYaml } from 'yaml';
import { TRAY_STATES, trayIconDirectory, trayIconFileName } from '../../main/electron/tray-icon-paths.ts';
import { OUTPUTS, ROOT } from './bundle.ts';

type PlistObject = Record<string, unknown>;

/** The parts of electron-builder.yml this check reads. */
export interface BuilderConfig {
  appId: string;
  electronFuses?: Record<string, boolean> | null;
}

export interface PackageJson {
  main: string;
  dependencies?: Record<string, string>;
}

// @electron/fuses: a sentinel, then the wire version (1), its length, and one byte per fuse in
// FuseV1Options order: '0' disabled, '1' enabled, 'r' removed.
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_INDEX: Readonly<Record<string, number>> = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};

/** Every fuse wire in a binary (a universal binary has one per slice), as the bytes of its fuses. */
export function readFuseWires(binary: Buffer): Buffer[] {
  const wires: Buffer[] = [];
  for (let at = binary.indexOf(FUSE_SENTINEL); at !== -1; at = binary.indexOf(FUSE_SENTINEL, at + 1)) {
    const position = at + FUSE_SENTINEL.length;
    if (binary[position] !== 1) throw new Error(`fuse wire version ${binary[position]} is not 1`);
    const length = binary[position + 1] ?? 0;
    wires.push(binary.subarray(position + 2, position + 2 + length));
  }
  return wires;
}

/**
 * app.asar's header: the JSON string (what ElectronAsarIntegrity hashes), every path in it, and a reader
 * for the files packed in it (null for a directory, an unpacked file, or a path it does not hold).
 */
export function readAsarHeader(asarPath: string): {
  headerString: string;
  paths: string[];
  read: (path: string) => Buffer | null;
} {
  // Two Chromium pickles: [4][header pickle size], then [payload size][string length][JSON string];
  // file contents follow the second pickle, at the offsets the header gives.
  const bytes = readFileSync(asarPath);
  const stringLength = bytes.readUInt32LE(12);
  const dataStart = 8 + bytes.readUInt32LE(4);
  const headerString = bytes.subarray(16, 16 + stringLength).toString('utf8');
  interface Entry {
    files?: Record<string, Entry>;
    offset?: string;
    size?: number;
    unpacked?: boolean;
  }
  const entries = new Map<string, Entry>();
  const walk = (entry: Entry, prefix: string): void => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const path = `${prefix}/${name}`;
      entries.set(path, child);
      walk(child, path);
    }
  };
  walk(JSON.parse(headerString) as Entry, '');
  const read = (path: string): Buffer | null => {
    const entry = entries.get(path);
    if (entry?.offset === undefined || entry.unpacked) return null;
    const start = dataStart + Number(entry.offset);
    return bytes.subarray(start, start + (entry.size ?? 0));
  };
  return { headerString, paths: [...entries.keys()], read };
}

/**
 * What an ES module loads: static imports and re-exports, literal import() calls, and files named by
 * `new URL('./…', import.meta.url)` (workers).
 */
export function importedSpecifiers(source: string): string[] {
  const patterns = [
    /(?:^|[;}])\s*(?:import|export)\s[^'"`;]*?\bfrom\s*(["'])([^"']+)\1/gm,
    /(?:^|[;}])\s*import\s*(["'])([^"']+)\1/gm,
    /\bimport\(\s*(["'])([^"']+)\1\s*\)/g,
    /\bnew URL\(\s*(["'])(\.{1,2}\/[^"']+)\1\s*,\s*import\.meta\.url\s*\)/g,
  ];
  return [...new Set(patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[2] ?? '')))];
}

/**
 * What the packaged app cannot load, following the main process from `entry` (package.json main)
 * through every module it loads: a relative file missing from app.asar, or a package that is neither
 * built in (node:, electron) nor among the packed node_modules (a devDependency, say, which
 * electron-builder leaves out). Files nothing loads (dev tools compiled alongside) are not looked at.
 */
export function unresolvedImports(
  entry: string,
  paths: string[],
  read: (path: string) => Buffer | null,
): string[] {
  const inAsar = new Set(paths);
  const problems: string[] = [];
  const seen = new Set([entry]);
  const queue = [entry];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    for (const specifier of importedSpecifiers(read(path)?.toString('utf8') ?? '')) {
      if (specifier.startsWith('.')) {
        const target = posix.join(posix.dirname(path), specifier);
        if (!inAsar.has(target)) problems.push(`${path} loads ${specifier}, which app.asar lacks`);
        else if (/\.[cm]?js$/.test(target) && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
        continue;
      }
      const name = specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
      if (specifier.startsWith('node:') || builtinModules.includes(name) || name === 'electron') continue;
      if (!inAsar.has(`/node_modules/${name}/package.json`)) {
        problems.push(`${path} imports ${specifier}, which is not packed (a devDependency?)`);
      }
    }
  }
  return problems;
}

/** What must not ship: native addons, source maps, tests, TypeScript sources of our own. */
export function forbiddenReason(path: string): string | null {
  if (path.endsWith('.node')) return 'a native addon';
  if (/\/(cpu-features|ssh2\/lib\/protocol\/crypto\/build)(\/|$)/.test(path)) return "ssh2's native addon";
  if (path.endsWith('.map')) return 'a source map';
  if (path.startsWith('/node_modules/')) return null;
  if (/^\/(test|main|renderer|build|\.github)(\/|$)/.test(path)) return 'not built output';
  if (/\.tsx?$/.test(path)) return 'a TypeScript source';
  return null;
}

export interface VerifyOptions {
  /** electron-builder writes app-update.yml only when it makes a dmg or zip, not for a `dir` target. */
  updateConfig?: boolean;
  /** Runs `codesign --verify`: only a Mac has it (the default there). */
  signature?: boolean;
}

/**
 * arm64 macOS kills a process whose code signature is invalid, and flipping the fuses invalidates the
 * one Electron ships with: electronFuses.resetAdHocDarwinSignature signs again ad hoc. `--deep --strict`
 * covers the helpers and frameworks too.
 */
export function signatureProblem(appPath: string): string | null {
  const run = spawnSync('codesign', ['--verify', '--deep', '--strict', '--verbose=2', appPath], {
    encoding: 'utf8',
  });
  if (run.status === 0) return null;
  const why = `${run.stderr ?? ''}${run.error ? String(run.error) : ''}`.trim().split('\n').at(-1);
  return `codesign --verify failed (arm64 macOS will not launch it): ${why}`;
}

/** Problems found in the packaged app; empty when it is as the config says. */
export function verifyApp(
  appPath: string,
  config: BuilderConfig,
  pkg: PackageJson,
  { updateConfig = true, signature = process.platform === 'darwin' }: VerifyOptions = {},
): string[] {
  const problems: string[] = [];
  const contents = join(appPath, 'Contents');
  const resources = join(contents, 'Resources');
  const asarPath = join(resources, 'app.asar');
  if (!existsSync(asarPath)) return [`no ${asarPath}: asar must be on`];

  const { headerString, paths, read } = readAsarHeader(asarPath);
  const inAsar = new Set(paths);
  problems.push(...unresolvedImports(`/${pkg.main}`, paths, read));
  const required = [
    '/package.json',
    `/${pkg.main}`,
    ...Object.values(OUTPUTS).map((output) => `/dist/${output}`),
    ...Object.keys(pkg.dependencies ?? {}).map((name) => `/node_modules/${name}/package.json`),
  ];
  for (const path of required) if (!inAsar.has(path)) problems.push(`app.asar lacks ${path}`);
  for (const path of paths) {
    const reason = forbiddenReason(path);
    if (reason) problems.push(`app.asar ships ${path} (${reason})`);
  }

  const infoPlistPath = join(contents, 'Info.plist');
  const infoBytes = readFileSync(infoPlistPath);
  const info = (
    infoBytes.subarray(0, 6).toString('latin1') === 'bplist'
      ? parseBinary(infoBytes)
      : parsePlist(infoBytes.toString('utf8'))
  ) as PlistObject;
  if (info['LSUIElement'] !== true)
    problems.push('Info.plist: LSUIElement is not true (the app would show in the Dock)');
  if (info['CFBundleIdentifier'] !== config.appId) {
    problems.push(
      `Info.plist: CFBundleIdentifier ${String(info['CFBundleIdentifier'])} is not ${config.appId}`,
    );
  }
  const localNetwork = info['NSLocalNetworkUsageDescription'];
  if (typeof localNetwork !== 'string' || localNetwork.trim() === '')
    problems.push(
      'Info.plist: no NSLocalNetworkUsageDescription (macOS 15+ would block LAN hosts without asking)',
    );
  const icon = info['CFBundleIconFile'];
  if (typeof icon !== 'string' || !existsSync(join(resources, icon)))
    problems.push('Info.plist: no app icon in Resources');
  const integrity = (info['ElectronAsarIntegrity'] as PlistObject | undefined)?.['Resources/app.asar'] as
    PlistObject | undefined;
  const headerHash = createHash('sha256').update(headerString).digest('hex');
  if (integrity?.['hash'] !== headerHash) {
    problems.push(
      `Info.plist: ElectronAsarIntegrity hash ${String(integrity?.['hash'])} is not app.asar's ${headerHash}`,
    );
  }

  // electron-updater's own config; without it "Check for updates…" cannot work.
  const updateConfigPath = join(resources, 'app-update.yml');
  const provider = existsSync(updateConfigPath)
    ? (parseYaml(readFileSync(updateConfigPath, 'utf8')) as { provider?: string }).provider
    : undefined;
  if (updateConfig && provider !== 'github')
    problems.push(`${updateConfigPath}: missing, or its provider is not github`);

  const trayDirectory = trayIconDirectory({ packaged: true, resourcesPath: resources, appPath: asarPath });
  for (const state of TRAY_STATES) {
    for (const scale of [1, 2] as const) {
      const file = join(trayDirectory, trayIconFileName(state, scale));
      if (!existsSync(file)) problems.push(`no tray image ${file}`);
    }
  }

  const framework = join(contents, 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
  const wires = existsSync(framework) ? readFuseWires(readFileSync(framework)) : [];
  if (wires.length === 0) problems.push(`no fuse wire in ${framework}`);
  for (const [name, enabled] of Object.entries(config.electronFuses ?? {})) {
    const index = FUSE_INDEX[name];
    if (index === undefined) continue; // not a fuse (resetAdHocDarwinSignature)
    for (const wire of wires) {
      const state = String.fromCharCode(wire[index] ?? 0);
      if (state !== (enabled ? '1' : '0'))
        problems.push(`fuse ${name} is '${state}', not ${enabled ? 'on' : 'off'}`);
    }
  }
  if (signature) {
    const problem = signatureProblem(appPath);
    if (problem) problems.push(problem);
  }
  return problems;
}

if (import.meta.main) {
  const appPath = process.argv[2];
  if (!appPath) {
    console.error('usage: node build/scripts/verify-app.ts "path/to/IPQoS Doctor.app"');
    process.exit(2);
  }
  const config = parseYaml(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  const problems = verifyApp(resolve(appPath), config, pkg);
  for (const problem of problems) console.error(`verify-app: ${problem}`);
  console.log(problems.length === 0 ? `verify-app: ${appPath} is as configured` : '');
  process.exitCode = problems.length === 0 ? 0 : 1;
}
