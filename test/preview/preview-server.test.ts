import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startPreview, type Preview } from '../../main/preview/preview.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let preview: Preview;
let home: string;
let port: number;
let token: string;

/** Raw HTTP, so the test can send any Host and Origin (fetch would not let it). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; readFor?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        res.on('end', done);
        // An event stream never ends by itself: read a little, then hang up.
        if (options.readFor !== undefined) {
          setTimeout(() => {
            req.destroy();
            done();
          }, options.readFor);
        }
      },
    );
    req.on('error', (error) => (options.readFor !== undefined ? undefined : reject(error)));
    req.end(options.body);
  });
}

const json = { 'content-type': 'application/json' };

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'ipqos-preview-test-'));
  const config = join(home, 'config');
  // A loopback port nothing listens on: the check ends at once with "unreachable".
  await writeFile(config, 'Host alpha\n  HostName 127.0.0.1\n  Port 9\n');
  preview = await startPreview({ configFile: config, home, print: () => undefined });
  ({ port, token } = preview.server);
});

after(async () => {
  await preview?.stop();
  await rm(home, { recursive: true, force: true });
});

test('the printed URL is loopback with a long random token', () => {
  assert.match(preview.server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32,}$/);
});

test('without the token nothing is served: page, scripts, API, events', async () => {
  for (const path of ['/', '/popover.js', '/preview-bridge.js', '/api/events']) {
    const reply = await send(path);
    assert.equal(reply.status, 401, path);
  }
  const api = await send('/api/state:get', { method: 'POST', headers: json, body: '{}' });
  assert.equal(api.status, 401);
  assert.equal(JSON.parse(api.body).error.code, 'not-allowed');
});

test('a wrong token of the same length is refused', async () => {
  const wrong = token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  assert.equal((await send(`/?token=${wrong}`)).status, 401);
  const api = await send('/api/state:get', {
    method: 'POST',
    headers: { ...json, 'x-ipqos-token': wrong },
    body: '{}',
  });
  assert.equal(api.status, 401);
});

test('a foreign Host is refused even with the token (DNS rebinding)', async () => {
  for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `[::1]:${port}`]) {
    const reply = await send(`/?token=${token}`, { headers: { host } });
    assert.equal(reply.status, 403, host);
  }
  assert.equal((await send(`/?token=${token}`, { headers: { host: `localhost:${port}` } })).status, 200);
});

test('a foreign Origin is refused even with the token', async () => {
  for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null']) {
    const reply = await send('/api/state:get', {
      method: 'POST',
      headers: { ...json, 'x-ipqos-token': token, origin },
      body: '{}',
    });
    assert.equal(reply.status, 403, origin);
  }
  const same = await send('/api/state:get', {
    method: 'POST',
    headers: { ...json, 'x-ipqos-token': token, origin: `http://127.0.0.1:${port}` },
    body: '{}',
  });
  assert.equal(same.status, 200);
});

test('the page sets a strict same-site cookie that lets its own scripts load', async () => {
  const page = await send(`/?token=${token}`);
  assert.equal(page.status, 200);
  const cookie = String(page.headers['set-cookie']);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const script = await send('/popover.js', { headers: { cookie: cookie.split(';')[0] ?? '' } });
  assert.equal(script.status, 200);
  assert.match(String(script.headers['content-type']), /javascript/);
});

test('the page has a strict CSP and no inline script or style', async () => {
  const page = await send(`/?token=${token}`);
  assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
  assert.match(page.body, /http-equiv="Content-Security-Policy"/);
  const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 2);
  for (const [, attributes, content] of scripts) {
    assert.match(attributes ?? '', /src="/);
    assert.equal(content, '');
  }
  assert.doesNotMatch(page.body, /<style|style="/);
});

test('the API validates requests against the contract', async () => {
  const auth = { ...json, 'x-ipqos-token': token };
  const plain = await send('/api/state:get', {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'x-ipqos-token': token },
    body: '{}',
  });
  assert.equal(plain.status, 415, 'a cross-site form cannot send JSON');
  const bad = await send('/api/fix:plan', {
    method: 'POST',
    headers: auth,
    body: '{"hosts":["-oProxyCommand=x"]}',
  });
  assert.equal(bad.status, 400);
  assert.equal(JSON.parse(bad.body).error.code, 'invalid-request');
  // The same request path as Electron's: an empty array is not an (empty) request object.
  for (const channel of ['state:get', 'window:hide', 'app:open-log']) {
    const array = await send(`/api/${channel}`, { method: 'POST', headers: auth, body: '[]' });
    assert.equal(array.status, 400, channel);
    assert.equal(JSON.parse(array.body).error.message.code, 'ipc.not-an-object', channel);
  }
  const unknown = await send('/api/shell:run', { method: 'POST', headers: auth, body: '{}' });
  assert.equal(unknown.status, 404);
  const get = await send('/api/fix:apply', { headers: { 'x-ipqos-token': token } });
  assert.equal(get.status, 405);
  const state = await send('/api/state:get', { method: 'POST', headers: auth, body: '{}' });
  const reply = JSON.parse(state.body);
  assert.equal(reply.ok, true);
  assert.equal(reply.value.hosts[0].alias, 'alpha');
});

test('a confirmation with a hash that was never shown is refused', async () => {
  const reply = await send('/api/fix:apply', {
    method: 'POST',
    headers: { ...json, 'x-ipqos-token': token },
    body: JSON.stringify({ hosts: ['alpha'], planHash: 'a'.repeat(64) }),
  });
  const body = JSON.parse(reply.body);
  assert.equal(body.ok, false);
  assert.notEqual(body.error.code, 'invalid-request');
});

test('the event stream starts with the current state', async () => {
  const reply = await send(`/api/events?token=${token}`, { readFor: 300 });
  assert.equal(reply.status, 200);
  assert.match(String(reply.headers['content-type']), /text\/event-stream/);
  const first = /^event: state\ndata: (.*)\n\n/.exec(reply.body);
  assert.ok(first, reply.body.slice(0, 200));
  assert.equal(JSON.parse(first[1] ?? '').configFile, join(home, 'config'));
});

test('npm run preview prints its URL, serves it, and stops cleanly on Ctrl-C', async () => {
  const child = spawn(process.execPath, ['main/preview/preview.ts', '--config', join(home, 'config')], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 30_000);
      child.stdout.on('data', () => {
        const found = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    assert.equal((await fetch(url)).status, 200);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
    assert.match(output, /preview stopped/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
