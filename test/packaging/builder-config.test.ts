// electron-builder.yml and the entitlements, checked without a Mac: the schema electron-builder ships,
// the files the config names, the entitlements the README lists, and the settings the app relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parsePlist } from 'plist';
import { trayIconDirectory, trayIconFileName, TRAY_STATES } from '../../main/electron/tray-icon-paths.ts';
import {
  builderConfig,
  object,
  readmeSection,
  readText,
  ROOT,
  type Json,
  type JsonObject,
} from './helpers.ts';

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readText('node_modules/app-builder-lib/scheme.json')) as object,
);

function schemaErrors(config: Json): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

test('electron-builder.yml validates against the schema electron-builder ships', () => {
  assert.deepEqual(schemaErrors(builderConfig()), []);
  // The validator is live: a misspelt fuse and a wrong arch are refused.
  const broken = structuredClone(builderConfig());
  object(broken['electronFuses'])['runAsNod'] = false;
  assert.ok(schemaErrors(broken).some((error) => error.startsWith('/electronFuses')));
  const badArch = structuredClone(builderConfig());
  object((object(badArch['mac'])['target'] as Json[])[0])['arch'] = 'universl';
  assert.notDeepEqual(schemaErrors(badArch), []);
});

// Every path-valued setting, and the directories extraResources copies from (with a file to copy).
function missingReferences(config: JsonObject): string[] {
  const mac = object(config['mac']);
  const paths = [mac['icon'], mac['entitlements'], mac['entitlementsInherit']].map(String);
  const missing = paths.filter((path) => !existsSync(join(ROOT, path)));
  for (const resource of (config['extraResources'] ?? []) as Json[]) {
    const from = String(object(resource)['from']);
    if (!existsSync(join(ROOT, from)) || readdirSync(join(ROOT, from)).length === 0) missing.push(from);
  }
  return missing;
}

test('every file electron-builder.yml names exists', () => {
  const config = builderConfig();
  assert.deepEqual(missingReferences(config), []);
  assert.equal(object(config['mac'])['icon'], 'build/icon.icns');
  const broken = structuredClone(config);
  object(broken['mac'])['icon'] = 'build/no-such-icon.icns';
  assert.deepEqual(missingReferences(broken), ['build/no-such-icon.icns']);
});

function entitlementKeys(path: string): Record<string, unknown> {
  return parsePlist(readText(path)) as Record<string, unknown>;
}

function readmeEntitlements(): string[] {
  return [...readmeSection('Entitlements').matchAll(/`(com\.apple\.[a-z0-9.-]+)`/g)].map((m) => m[1] ?? '');
}

// Unequal key sets, as "+key" (in the plist, not the README) and "-key" (the other way).
function entitlementDrift(plist: Record<string, unknown>, listed: string[]): string[] {
  const keys = Object.keys(plist);
  return [
    ...keys.filter((key) => !listed.includes(key)).map((key) => `+${key}`),
    ...listed.filter((key) => !keys.includes(key)).map((key) => `-${key}`),
  ];
}

test('the entitlements plist parses and holds exactly the keys the README lists, each true', () => {
  const mac = object(builderConfig()['mac']);
  for (const path of new Set([String(mac['entitlements']), String(mac['entitlementsInherit'])])) {
    const plist = entitlementKeys(path);
    assert.deepEqual(entitlementDrift(plist, readmeEntitlements()), [], path);
    for (const [key, value] of Object.entries(plist)) assert.equal(value, true, key);
  }
  assert.deepEqual(readmeEntitlements(), ['com.apple.security.cs.allow-jit']);
  const withExtra = {
    ...entitlementKeys('build/entitlements.mac.plist'),
    'com.apple.security.app-sandbox': true,
  };
  assert.deepEqual(entitlementDrift(withExtra, readmeEntitlements()), ['+com.apple.security.app-sandbox']);
});

test('a menu-bar app: LSUIElement, hardened runtime, universal dmg and zip, asar', () => {
  const config = builderConfig();
  const mac = object(config['mac']);
  assert.equal(object(mac['extendInfo'])['LSUIElement'], true);
  // Without it macOS 15+ blocks LAN hosts silently (verify-app.ts checks the packaged Info.plist).
  assert.match(String(object(mac['extendInfo'])['NSLocalNetworkUsageDescription']), /local network/);
  assert.equal(mac['hardenedRuntime'], true);
  assert.equal(config['asar'], true);
  assert.equal(config['productName'], 'IPQoS Doctor');
  const targets = (mac['target'] as Json[]).map((t) => `${object(t)['target']}:${object(t)['arch']}`);
  assert.deepEqual(targets.sort(), ['dmg:universal', 'zip:universal']);
});

test('fuses: no run-as-node, NODE_OPTIONS or --inspect; only app.asar, integrity-checked', () => {
  assert.deepEqual(builderConfig()['electronFuses'], {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    grantFileProtocolExtraPrivileges: false,
    // Re-signs ad hoc after the flip, so an unsigned build launches on Apple silicon (package-app.test.ts).
    resetAdHocDarwinSignature: true,
  });
});

test('no signing or notarization secret in the config; updates published to GitHub', () => {
  const text = readText('electron-builder.yml');
  for (const key of ['cscLink', 'cscKeyPassword', 'appleId', 'appleIdPassword', 'teamId', 'token']) {
    assert.doesNotMatch(text, new RegExp(`^\\s*${key}:`, 'm'), key);
  }
  assert.equal(object(builderConfig()['publish'])['provider'], 'github');
});

test("ssh2's native addons are excluded and nothing is rebuilt", () => {
  const config = builderConfig();
  const files = config['files'] as string[];
  assert.ok(files.includes('!**/node_modules/cpu-features{,/**/*}'));
  assert.ok(files.includes('!**/node_modules/ssh2/lib/protocol/crypto/{build,src}{,/**/*}'));
  assert.ok(files.includes('!**/*.map'));
  assert.equal(config['npmRebuild'], false);
});

test('the tray images are shipped where trayIconPath looks for them, packaged and in development', () => {
  const resources = (builderConfig()['extraResources'] as Json[]).map(object);
  const tray = resources.find((resource) => resource['from'] === 'build/tray');
  assert.ok(tray, 'extraResources copies build/tray');
  const resourcesPath = '/Applications/IPQoS Doctor.app/Contents/Resources';
  assert.equal(
    relative(resourcesPath, trayIconDirectory({ packaged: true, resourcesPath, appPath: '' })),
    tray['to'],
  );
  assert.equal(
    trayIconDirectory({ packaged: false, resourcesPath: '', appPath: ROOT }),
    join(ROOT, 'build/tray'),
  );
  const filters = (tray['filter'] as string[]).map((glob) => new RegExp(`^${glob.replace('*', '[^/]*')}$`));
  for (const state of TRAY_STATES) {
    for (const scale of [1, 2] as const) {
      const name = trayIconFileName(state, scale);
      assert.ok(existsSync(join(ROOT, 'build/tray', name)), name);
      assert.ok(
        filters.some((filter) => filter.test(name)),
        `${name} passes the extraResources filter`,
      );
    }
  }
});
