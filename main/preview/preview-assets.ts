/**
 * What the preview serves: the renderer bundled with the same esbuild options
 * as `npm run build`, the bridge script, and index.html with the bridge's
 * <script> tag added before popover.js. Built in memory at start-up.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT, rendererBuildOptions } from '../../build/scripts/bundle.ts';

export interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export const BRIDGE_ENTRY = 'renderer/src/preview-bridge.ts';
const OUT = '/preview-out';

export async function buildPreviewAssets(root = ROOT): Promise<Map<string, Asset>> {
  const renderer = rendererBuildOptions(root);
  const [app, bridge, html] = await Promise.all([
    build({ ...renderer, outdir: OUT, write: false, metafile: false }),
    build({
      ...renderer,
      entryPoints: { 'preview-bridge': BRIDGE_ENTRY },
      outdir: OUT,
      write: false,
      metafile: false,
    }),
    readFile(join(root, 'renderer/index.html'), 'utf8'),
  ]);
  const assets = new Map<string, Asset>();
  for (const file of [...app.outputFiles, ...bridge.outputFiles]) {
    const name = file.path.slice(OUT.length + 1);
    const extension = name.slice(name.lastIndexOf('.'));
    assets.set(`/${name}`, {
      body: Buffer.from(file.contents),
      type: TYPES[extension] ?? 'application/octet-stream',
    });
  }
  const tag = '<script defer src="popover.js"></script>';
  if (!html.includes(tag)) throw new Error(`renderer/index.html no longer loads popover.js with ${tag}`);
  // A classic script without defer runs before the deferred popover.js: window.ipqos exists first.
  const withBridge = html.replace(tag, `<script src="preview-bridge.js"></script>\n    ${tag}`);
  assets.set('/index.html', { body: Buffer.from(withBridge), type: TYPES['.html'] ?? '' });
  return assets;
}
