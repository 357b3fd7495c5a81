import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  externalUrl,
  permissionGranted,
  RENDERER_CSP,
  RENDERER_URL,
  rendererFileFor,
  rendererHeaders,
} from '../../main/electron/renderer-files.ts';
import { trayIconLooksHidden } from '../../main/electron/tray-visibility.ts';
import { logLine, redact } from '../../main/electron/log-redaction.ts';

describe('rendererFileFor (the ipqos:// protocol)', () => {
  const dir = '/app/dist/renderer';

  it('maps our URLs to files in the renderer directory', () => {
    assert.equal(rendererFileFor(RENDERER_URL, dir), '/app/dist/renderer/index.html');
    assert.equal(rendererFileFor('ipqos://popover/', dir), '/app/dist/renderer/index.html');
    assert.equal(rendererFileFor('ipqos://popover/popover.js?v=1#x', dir), '/app/dist/renderer/popover.js');
    assert.equal(rendererFileFor('ipqos://popover/img/a%20b.svg', dir), '/app/dist/renderer/img/a b.svg');
    // The URL parser resolves a literal `..` before we see it: it stays inside.
    assert.equal(rendererFileFor('ipqos://popover/../main.js', dir), '/app/dist/renderer/main.js');
  });

  it('refuses other schemes and hosts, unknown types, and every way out of the directory', () => {
    for (const url of [
      'file:///app/dist/renderer/index.html',
      'ipqos://other/index.html',
      'ipqos://popover/preload.cjs',
      'ipqos://popover/..%2f..%2fsecret.json',
      'ipqos://popover/a%5c..%5c..%5cb.js',
      'ipqos://popover/x%00.html',
      'ipqos://popover/%E0%A4%A.html',
      'not a url',
    ]) {
      assert.equal(rendererFileFor(url, dir), null, url);
    }
  });

  it('never names a file outside the directory, whatever the path', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '.', '%2e%2e', 'a', '%2f', '/', 'b.js', '%5c')), (parts) => {
        const file = rendererFileFor(`ipqos://popover/${parts.join('/')}`, dir);
        assert.ok(file === null || file.startsWith(dir + path.sep), String(file));
      }),
    );
  });

  it('sends the CSP, a content type and nosniff with every file', () => {
    const headers = rendererHeaders('/app/dist/renderer/popover.js');
    assert.equal(headers['Content-Type'], 'text/javascript; charset=utf-8');
    assert.equal(headers['Content-Security-Policy'], RENDERER_CSP);
    assert.equal(headers['X-Content-Type-Options'], 'nosniff');
    assert.match(RENDERER_CSP, /default-src 'none'/);
    assert.match(RENDERER_CSP, /connect-src 'none'/);
    assert.doesNotMatch(RENDERER_CSP, /unsafe-(inline|eval)/);
  });
});

describe('trayIconLooksHidden (macOS 26 "Allow in the Menu Bar" off)', () => {
  const primary = { x: 0, y: 0, width: 1512, height: 982 };
  const above = { x: 0, y: -1080, width: 1920, height: 1080 };

  it('sees a drawn icon in the menu bar of any display', () => {
    assert.equal(trayIconLooksHidden({ x: 1200, y: 0, width: 24, height: 24 }, [primary]), false);
    assert.equal(trayIconLooksHidden({ x: 1600, y: -1080, width: 24, height: 24 }, [primary, above]), false);
  });

  it('reports hidden for a zero size, a y at the screen height, or a place on no display', () => {
    assert.equal(trayIconLooksHidden({ x: 0, y: 0, width: 0, height: 0 }, [primary]), true);
    assert.equal(trayIconLooksHidden({ x: 1200, y: 982, width: 24, height: 24 }, [primary]), true);
    assert.equal(trayIconLooksHidden({ x: 1200, y: 982, width: 24, height: 24 }, [primary, above]), true);
    assert.equal(trayIconLooksHidden({ x: -500, y: 0, width: 24, height: 24 }, [primary]), true);
    assert.equal(trayIconLooksHidden({ x: 10, y: 10, width: 24, height: 24 }, []), true);
  });
});

describe('log redaction', () => {
  it('removes private keys, secret values and the home directory', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----';
    assert.equal(redact(`read ${key} done`, null), 'read [private key redacted] done');
    assert.equal(redact('-----BEGIN RSA PRIVATE KEY-----\ncut off', null), '[private key redacted]');
    assert.equal(redact('password=hunter2 user=me', null), 'password=[redacted] user=me');
    assert.equal(
      redact('{"token":"abc","apiKey": "x"}', null),
      '{"token":"[redacted]","apiKey": "[redacted]"}',
    );
    assert.equal(redact('config /Users/ann/.ssh/config', '/Users/ann'), 'config ~/.ssh/config');
    assert.equal(redact('/ stays', '/'), '/ stays');
  });

  it('writes one line with the data as JSON, redacted', () => {
    assert.equal(
      logLine('check finished', { file: '/home/bo/.ssh/config', hosts: 3 }, '/home/bo'),
      'check finished {"file":"~/.ssh/config","hosts":3}',
    );
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    assert.equal(logLine('x', cyclic, null), 'x [data not serialisable]');
    assert.equal(logLine('multi\nline', undefined, null), 'multi\\nline');
  });
});

describe('externalUrl (links the popover may open in the browser)', () => {
  it('lets https through and drops every other scheme and credentials', () => {
    assert.equal(externalUrl('https://github.com/x/y#z'), 'https://github.com/x/y#z');
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ssh://host',
      'x-apple.systempreferences:com.apple.Notifications-Settings.extension',
      'https://user:pw@example.com/',
      'nonsense',
    ]) {
      assert.equal(externalUrl(url), null, url);
    }
  });
});

describe('permissionGranted', () => {
  it('grants only the clipboard write, and only to the popover', () => {
    assert.equal(permissionGranted('clipboard-sanitized-write', 'ipqos://popover/index.html'), true);
    assert.equal(permissionGranted('clipboard-sanitized-write', 'ipqos://popover'), true);
    assert.equal(permissionGranted('clipboard-sanitized-write', 'https://popover/'), false);
    assert.equal(permissionGranted('clipboard-sanitized-write', 'ipqos://other/'), false);
    assert.equal(permissionGranted('clipboard-sanitized-write', ''), false);
    for (const permission of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal']) {
      assert.equal(permissionGranted(permission, 'ipqos://popover/index.html'), false, permission);
    }
  });
});
