/**
 * The popover in a browser, for `npm run preview`: an HTTP server on
 * 127.0.0.1 that serves the bundled renderer and speaks the IPC contract.
 *
 * Anyone who can reach a local port could otherwise drive the controller (and
 * so edit ~/.ssh/config), so every request must show the random token (in the
 * URL, the X-IPQoS-Token header, or the cookie set when the page first loads),
 * carry a Host of 127.0.0.1:PORT or localhost:PORT (a DNS-rebinding page
 * sends its own name), and, when it has an Origin, come from this origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger, Unsubscribe } from '../app/ports.ts';
import { dispatchRequest } from '../app/request-dispatch.ts';
import type { RequestHandlers } from '../app/request-handlers.ts';
import { isInvokeChannel, parseRequest, type AppState, type IpcError } from '../shared/ipc-contract.ts';
import { ipcMessage } from '../shared/ipc-messages.ts';
import type { Asset } from './preview-assets.ts';

/** What the server needs from the controller: AppController fits as it is. */
export interface PreviewBackend {
  state(): AppState;
  onState(listener: (state: AppState) => void): Unsubscribe;
  onFocusHost(listener: (alias: string) => void): Unsubscribe;
  handlers: RequestHandlers;
}

export interface PreviewServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const MAX_BODY_BYTES = 1_000_000;
const HEARTBEAT_MS = 15_000;

export async function startPreviewServer(options: {
  backend: PreviewBackend;
  assets: Map<string, Asset>;
  token?: string;
  log?: Logger;
}): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = 0;
  const server: Server = createServer((request, response) => {
    void route(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, failure('failed', String(error)));
      else response.destroy();
    });
  });

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const refusal = refuse(request, url, port, token);
    if (refusal) {
      sendJson(response, refusal.status, failure('not-allowed', refusal.reason));
      return;
    }
    if (url.pathname === '/api/events') return events(request, response);
    if (url.pathname.startsWith('/api/')) return api(request, response, url.pathname.slice('/api/'.length));
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, failure('not-allowed', `${request.method} is not served here`));
      return;
    }
    const asset = options.assets.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (!asset) {
      response.writeHead(404, baseHeaders('text/plain; charset=utf-8')).end('not found\n');
      return;
    }
    const headers = baseHeaders(asset.type);
    // The page's own requests (scripts, styles) carry the token as a cookie, bound to this port.
    if (url.searchParams.has('token')) {
      headers['set-cookie'] = `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    }
    response.writeHead(200, headers).end(request.method === 'HEAD' ? undefined : asset.body);
  };

  const api = async (request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> => {
    if (request.method !== 'POST') {
      sendJson(response, 405, failure('invalid-request', 'use POST with a JSON body'));
      return;
    }
    if (!isInvokeChannel(channel)) {
      sendJson(response, 404, failure('invalid-request', `no channel ${channel}`));
      return;
    }
    // A JSON content type cannot be sent by a plain cross-site form.
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      sendJson(response, 415, failure('invalid-request', 'the body must be application/json'));
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(await readBody(request));
    } catch (error) {
      sendJson(response, 400, failure('invalid-request', `not JSON: ${(error as Error).message}`));
      return;
    }
    const result = await dispatchRequest(channel, payload, options.backend.handlers, options.log);
    // 400 only for a request the contract refuses; a handler's own refusal is an answer (200), as over
    // Electron IPC, so the page's console shows no failed load for it.
    const malformed =
      !result.ok && result.error.code === 'invalid-request' && !parseRequest(channel, payload).ok;
    sendJson(response, malformed ? 400 : 200, result);
  };

  const events = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET') {
      sendJson(response, 405, failure('invalid-request', 'use GET'));
      return;
    }
    response.writeHead(200, {
      ...baseHeaders('text/event-stream; charset=utf-8'),
      connection: 'keep-alive',
    });
    const send = (event: string, data: unknown) =>
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('state', options.backend.state());
    const unsubscribe = [
      options.backend.onState((state) => send('state', state)),
      options.backend.onFocusHost((alias) => send('focus-host', { alias })),
    ];
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    streams.add(response);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe.forEach((stop) => stop());
      streams.delete(response);
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      streams.forEach((stream) => stream.end());
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export function cookieName(port: number): string {
  return `ipqos-preview-${port}`;
}

/** Why a request is refused, or null. Checked before anything else, for every path. */
export function refuse(
  request: IncomingMessage,
  url: URL,
  port: number,
  token: string,
): { status: number; reason: string } | null {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(request.headers.host ?? '')) {
    return { status: 403, reason: `Host must be ${hosts.join(' or ')} (DNS rebinding protection)` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) {
    return { status: 403, reason: `requests from ${origin} are not allowed` };
  }
  const offered = [
    url.searchParams.get('token'),
    header(request, 'x-ipqos-token'),
    cookies(request.headers.cookie).get(cookieName(port)),
  ].filter((value): value is string => typeof value === 'string' && value !== '');
  if (!offered.some((value) => sameSecret(value, token))) {
    return { status: 401, reason: 'missing or wrong token: open the URL the preview printed' };
  }
  return null;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookies(text: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (text ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) jar.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return jar;
}

function sameSecret(offered: string, token: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function baseHeaders(type: string): Record<string, string> {
  return {
    'content-type': type,
    'cache-control': 'no-store',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** The HTTP framing's own refusals, in the contract's error shape. */
function failure(code: IpcError['code'], reason: string): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message: ipcMessage('ipc.refused', { reason }), hint: null } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, baseHeaders('application/json; charset=utf-8')).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
