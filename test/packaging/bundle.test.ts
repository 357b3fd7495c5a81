// build/scripts/build.ts and bundle.ts on a small project of the same layout: tsc's main process, one
// CommonJS preload with only `electron` left to require, the renderer as a classic script + CSS, no
// source maps from esbuild; and clear failures for a missing entry, a page that loads what was not built,
// and compiled code that loads a file by URL that the build does not make.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAll } from '../../build/scripts/build.ts';
import { bundle, MissingEntryError, OUTPUTS } from '../../build/scripts/bundle.ts';
import { ROOT } from './helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'ipqos-bundle-'));
after(() => rmSync(work, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

const APP: Record<string, string> = {
  'package.json': JSON.stringify({ type: 'module', main: 'dist/main/electron/main.js' }),
  'tsconfig.build.json': JSON.stringify({
    compilerOptions: {
      module: 'nodenext',
      target: 'es2024',
      outDir: 'dist',
      rootDir: '.',
      sourceMap: true,
      types: [],
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      rewriteRelativeImportExtensions: true,
    },
    include: ['main/**/*.ts'],
  }),
  'main/electron/main.ts': "export const worker: URL = new URL('./shared.js', import.meta.url);\n",
  'main/electron/shared.ts': 'export const CHANNEL_NAME_FROM_A_SHARED_MODULE = "ipqos:check";\n',
  'main/electron/preload.ts': [
    "import { contextBridge, ipcRenderer } from 'electron';",
    "import { CHANNEL_NAME_FROM_A_SHARED_MODULE } from './shared.ts';",
    "contextBridge.exposeInMainWorld('api', { check: () => ipcRenderer.invoke(CHANNEL_NAME_FROM_A_SHARED_MODULE) });",
    '',
  ].join('\n'),
  'renderer/index.html':
    '<!doctype html><link rel="stylesheet" href="popover.css"><script defer src="popover.js"></script><div id="root"></div>\n',
  'renderer/src/popover.css': '.popover-root-class { color: CanvasText; }\n',
  'renderer/src/main.tsx': [
    "import { render } from 'preact';",
    "import './popover.css';",
    'render(<p class="popover-root-class">IPQoS Doctor</p>, document.getElementById(\'root\')!);',
    '',
  ].join('\n'),
};

test('npm run build lays out main, preload and renderer where package.json and the config expect', async () => {
  const root = project('app', APP);
  const out = join(work, 'app-out');
  await buildAll(root, out);
  assert.ok(existsSync(join(out, 'main/electron/main.js')));
  const preload = readFileSync(join(out, OUTPUTS.preload), 'utf8');
  assert.match(preload, /require\("electron"\)/, 'electron stays external');
  assert.ok(preload.includes('ipqos:check'), 'the shared module is bundled in');
  assert.doesNotMatch(preload, /require\("\.\/shared/, 'no relative require is left for the sandbox');
  assert.doesNotMatch(preload, /^import /m, 'CommonJS, not ESM');
  const script = readFileSync(join(out, OUTPUTS.rendererScript), 'utf8');
  assert.match(script, /^\(\(\)=>\{/, 'a minified classic script (an IIFE)');
  assert.ok(script.includes('IPQoS Doctor'));
  assert.match(readFileSync(join(out, 'renderer/popover.css'), 'utf8'), /popover-root-class/);
  assert.equal(readFileSync(join(out, OUTPUTS.rendererHtml), 'utf8'), APP['renderer/index.html']);
  for (const file of [OUTPUTS.preload, OUTPUTS.rendererScript, 'renderer/popover.css']) {
    assert.ok(!existsSync(join(out, `${file}.map`)), `${file} has no source map`);
    assert.doesNotMatch(readFileSync(join(out, file), 'utf8'), /sourceMappingURL/);
  }
});

test('a missing entry point is named', async () => {
  const root = project(
    'no-preload',
    Object.fromEntries(Object.entries(APP).filter(([path]) => path !== 'main/electron/preload.ts')),
  );
  await assert.rejects(bundle(root, join(work, 'no-preload-out')), (error: unknown) => {
    assert.ok(error instanceof MissingEntryError);
    assert.match(error.message, /missing entry point\(s\): main\/electron\/preload\.ts/);
    return true;
  });
});

test('a page that loads a file the bundle did not make fails the build', async () => {
  const root = project('dangling', {
    ...APP,
    'renderer/index.html': '<script defer src="popover.js"></script><script src="vendor.js"></script>\n',
  });
  await assert.rejects(
    bundle(root, join(work, 'dangling-out')),
    /loads vendor\.js, which the bundle did not produce/,
  );
});

test('package.json main that the build does not make fails the build', async () => {
  const root = project('wrong-main', {
    ...APP,
    'package.json': JSON.stringify({ type: 'module', main: 'dist/main/electron/index.js' }),
  });
  await assert.rejects(
    buildAll(root, join(work, 'wrong-main-out')),
    /"main" \(dist\/main\/electron\/index\.js\) was not produced/,
  );
});

test('compiled code that loads a file by URL the build does not make fails the build', async () => {
  const root = project('ts-worker-url', {
    ...APP,
    // tsc leaves this string as it is: dist/main/electron/shared.ts will not exist.
    'main/electron/main.ts': "export const worker: URL = new URL('./shared.ts', import.meta.url);\n",
  });
  await assert.rejects(
    buildAll(root, join(work, 'ts-worker-url-out')),
    /loads files the build does not make: main\/electron\/main\.js loads \.\/shared\.ts/,
  );
});
