// `npm run build [-- --outdir DIR]`: tsc emits the main process (main/**, per tsconfig.build.json) and
// bundle.ts bundles the preload and the renderer, all into DIR (default dist). Tests build into a temp
// DIR so they never touch the dist/ someone is running.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle, ROOT } from './bundle.ts';

export async function buildAll(root: string, outdir: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outdir], {
    cwd: root,
    stdio: 'inherit',
  });
  if (compiled.status !== 0) {
    throw new Error(`build: tsc -p tsconfig.build.json failed (exit ${compiled.status ?? compiled.signal})`);
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
