/** Serves dist/renderer as `ipqos://popover/…` (see renderer-files.ts for why not file://). */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import type { Logger } from '../app/ports.ts';
import { RENDERER_SCHEME, rendererFileFor, rendererHeaders } from './renderer-files.ts';

/** Before `ready`: a standard, secure scheme, so the page gets an origin of its own and `'self'` means it. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After `ready`: only files under `rendererDir`, each with the CSP header. */
export function serveRenderer(rendererDir: string, log: Logger): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererDir);
    if (file === null) {
      log.warn('renderer protocol: refused', { url: request.url.slice(0, 200) });
      return new Response('Not found', { status: 404 });
    }
    try {
      return new Response(new Uint8Array(await readFile(file)), { headers: rendererHeaders(file) });
    } catch {
      log.error('renderer protocol: missing file (run `npm run build`)', { file });
      // A network error, not a 404 page: for the page itself that fails the load (did-fail-load,
      // ERR_FAILED: electron/electron lib/browser/api/protocol.ts), which start-up reports instead of
      // showing a blank popover (startup-race.ts).
      return Response.error();
    }
  });
}
