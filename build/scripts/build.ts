// `npm run build [-- --outdir DIR]`: tsc emits the main process (main/**, per tsconfig.build.json) and
// bundle.ts bundles the preload and the renderer, all into DIR (default dist). Tests build into a temp
// DIR so they never touch the dist/ someone is running.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle, ROOT } from './bundle.ts';

/**
 * Files the compiled code loads by `new URL('./x', import.meta.url)` (workers, assets) that are not in
 * the output. tsc rewrites `.ts` in import specifiers to `.js` but leaves these strings alone, so a
 * worker named `./worker.ts` in the source is missing from the built and packaged app.
 */
export function danglingFileUrls(root: string, outdir: string): string[] {
  const dangling: string[] = [];
  const jsFiles = readdirSync(join(outdir, 'main'), { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.js'),
  );
  for (const file of jsFiles) {
    const source = readFileSync(join(outdir, 'main', file), 'utf8');
    for (const match of source.matchAll(
      /new URL\(\s*(["'`])(\.{1,2}\/[^"'`]+)\1\s*,\s*import\.meta\.url\s*\)/g,
    )) {
      const target = match[2] ?? '';
      // outdir stands for root/dist: a path that leaves it (package.json, say) is looked up from root.
      const inOutdir = relative(outdir, join(outdir, 'main', dirname(file), target));
      const path = inOutdir.startsWith('..') ? join(root, 'dist', inOutdir) : join(outdir, inOutdir);
      if (!existsSync(path)) dangling.push(`main/${file} loads ${target}`);
    }
  }
  return dangling;
}

export async function buildAll(root: string, outdir: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outdir], {
    cwd: root,
    stdio: 'inherit',
  });
  if (compiled.status !== 0) {
    throw new Error(`build: tsc -p tsconfig.build.json failed (exit ${compiled.status ?? compiled.signal})`);
  }
  const dangling = danglingFileUrls(root, outdir);
  if (dangling.length > 0) {
    throw new Error(
      `build: compiled code loads files the build does not make: ${dangling.join('; ')} ` +
        "(tsc does not rewrite these strings: name the built file, e.g. './x.js' when import.meta.url ends in .js)",
    );
  }
  const files = await bundle(root, outdir);
  // package.json "main" names dist/…; the same file under outdir must now exist.
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { main?: string };
  const main = pkg.main === undefined ? undefined : join(outdir, relative('dist', pkg.main));
  if (main === undefined || !existsSync(main)) {
    throw new Error(
      `build: package.json "main" (${pkg.main}) was not produced: is main/electron/main.ts missing?`,
    );
  }
  console.log(`build: main process compiled; bundled ${files.join(', ')} in ${outdir}`);
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } });
  try {
    await buildAll(ROOT, resolve(ROOT, values.outdir));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
