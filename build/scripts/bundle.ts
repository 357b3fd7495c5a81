// The esbuild half of `npm run build` (tsc emits the main process; this bundles what tsc cannot ship):
//   main/electron/preload.ts      -> <outdir>/preload/preload.cjs  one CommonJS file: a sandboxed preload
//                                    can require only 'electron' and a few polyfilled modules
//   renderer/src/main.ts(x) + CSS -> <outdir>/renderer/popover.js, popover.css; renderer/index.html copied
// Usage: node build/scripts/bundle.ts [--outdir DIR]   (DIR defaults to dist; tests use a temp dir)
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type BuildOptions } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Electron 44 ships Chromium 152 (electronjs.org/blog/electron-44-0); Electron 45's is newer, so code
// lowered for 152 runs there.
export const TARGET = 'chrome152';

export const PRELOAD_ENTRY = 'main/electron/preload.ts';
export const RENDERER_ENTRIES = ['renderer/src/main.tsx', 'renderer/src/main.ts'];
export const RENDERER_HTML = 'renderer/index.html';

/** Output paths relative to outdir; package.json and electron-builder.yml name these. */
export const OUTPUTS = {
  preload: 'preload/preload.cjs',
  rendererHtml: 'renderer/index.html',
  rendererScript: 'renderer/popover.js',
} as const;

export class MissingEntryError extends Error {}

function rendererEntry(root: string): string {
  const entry = RENDERER_ENTRIES.find((candidate) => existsSync(join(root, candidate)));
  if (entry === undefined) throw new MissingEntryError(`bundle: missing ${RENDERER_ENTRIES.join(' or ')}`);
  return entry;
}

function resolveEntries(root: string): { preload: string; renderer: string; html: string } {
  const renderer = RENDERER_ENTRIES.find((entry) => existsSync(join(root, entry)));
  const missing = [
    existsSync(join(root, PRELOAD_ENTRY)) ? null : PRELOAD_ENTRY,
    renderer ? null : RENDERER_ENTRIES.join(' or '),
    existsSync(join(root, RENDERER_HTML)) ? null : RENDERER_HTML,
  ].filter((entry) => entry !== null);
  if (missing.length > 0 || renderer === undefined) {
    throw new MissingEntryError(`bundle: missing entry point(s): ${missing.join(', ')} (under ${root})`);
  }
  return { preload: PRELOAD_ENTRY, renderer, html: RENDERER_HTML };
}

// Paths the page loads itself (src/href that are neither URLs with a scheme nor fragments).
export function localReferences(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)]
    .map((match) => match[1] ?? '')
    .filter((ref) => ref !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('#'));
}

const commonOptions = (root: string) =>
  ({
    absWorkingDir: root,
    bundle: true,
    minify: true,
    sourcemap: false, // production output carries no source maps
    target: TARGET,
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  }) satisfies BuildOptions;

/** The renderer's esbuild options, shared by `npm run build` and the preview server (main/preview). */
export function rendererBuildOptions(root: string) {
  return {
    ...commonOptions(root),
    // Only the renderer's entry: the preview needs no preload.
    entryPoints: { popover: rendererEntry(root) },
    platform: 'browser',
    format: 'iife', // a classic script: one file, no module loading, fine under script-src 'self'
    jsx: 'automatic',
    jsxImportSource: 'preact',
  } satisfies BuildOptions;
}

/** Bundles preload and renderer into `outdir`; returns the files written, relative to `outdir`. */
export async function bundle(root: string, outdir: string): Promise<string[]> {
  const entries = resolveEntries(root);
  const common = commonOptions(root);
  const preload = await build({
    ...common,
    entryPoints: [entries.preload],
    outfile: join(outdir, OUTPUTS.preload),
    platform: 'browser', // sandboxed: no Node built-ins beyond Electron's polyfills, so none are resolved
    format: 'cjs',
    external: ['electron'],
  });
  const renderer = await build({ ...rendererBuildOptions(root), outdir: join(outdir, 'renderer') });
  await mkdir(join(outdir, 'renderer'), { recursive: true });
  await copyFile(join(root, entries.html), join(outdir, OUTPUTS.rendererHtml));

  const written = [
    OUTPUTS.rendererHtml,
    ...Object.keys(preload.metafile.outputs),
    ...Object.keys(renderer.metafile.outputs),
  ].map((file) => (file === OUTPUTS.rendererHtml ? file : relative(outdir, resolve(root, file))));
  const html = await readFile(join(root, entries.html), 'utf8');
  const dangling = localReferences(html).filter((ref) => !existsSync(join(outdir, 'renderer', ref)));
  if (dangling.length > 0) {
    throw new Error(
      `bundle: ${RENDERER_HTML} loads ${dangling.join(', ')}, which the bundle did not produce`,
    );
  }
  return [...new Set(written)].sort();
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } });
  try {
    const files = await bundle(ROOT, resolve(ROOT, values.outdir));
    console.log(`bundle: wrote ${files.join(', ')} in ${values.outdir}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
