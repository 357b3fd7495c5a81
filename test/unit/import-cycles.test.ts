/**
 * `npm run lint` fails on any import cycle (issue 16 §5), type-only ones
 * included: the checker finds a cycle made in a temp folder, and the
 * project has none.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { importCycles, importGraph } from '../../build/scripts/import-cycles.ts';

const root = path.resolve(import.meta.dirname, '../..');

test('a type-only cycle through three files, and a file that imports itself, are cycles', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ipqd-cycles-'));
  try {
    await writeFile(
      path.join(dir, 'app.tsx'),
      "import { View } from './view.tsx';\nexport type Actions = { go(): void };\n",
    );
    await writeFile(
      path.join(dir, 'view.tsx'),
      "import type { Model } from './model.ts';\nexport const View = 1;\n",
    );
    await writeFile(path.join(dir, 'model.ts'), "export type { Actions as Model } from './app.tsx';\n");
    await writeFile(path.join(dir, 'self.ts'), "import type { X } from './self.ts';\nexport type X = 1;\n");
    await writeFile(
      path.join(dir, 'leaf.ts'),
      "import { View } from './view.tsx';\nexport const leaf = View;\n",
    );
    const cycles = importCycles(importGraph([dir])).map((cycle) => cycle.map((file) => path.basename(file)));
    assert.deepEqual(cycles, [['app.tsx', 'model.ts', 'view.tsx'], ['self.ts']]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the project has no import cycle', () => {
  const roots = ['main', 'renderer/src', 'test', 'build'].map((dir) => path.join(root, dir));
  assert.deepEqual(importCycles(importGraph(roots)), []);
});
