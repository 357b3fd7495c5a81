// @ts-check
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // No import cycle anywhere, type-only imports included (issue 16 §5): a cycle means two
    // modules are one concern, or a type sits in the wrong one.
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      // The modules a file imports are read with the TypeScript parser too, or no cycle is seen.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The core must run without Electron: the CLI and the tests use it on any machine.
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '**/electron/**', '**/app/**', '**/platform/**', '**/cli/**'],
              message:
                'The core stays Electron-free and knows nothing above it; data flows core -> app -> electron/cli.',
            },
          ],
        },
      ],
    },
  },
  {
    // The controller, its Node ports and the CLI (`watch` drives the controller) never load Electron.
    files: ['main/cli/**/*.ts', 'main/app/**/*.ts', 'main/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '**/electron/**'],
              message:
                'The app controller and the CLI stay Electron-free; data flows core -> app -> electron/cli.',
            },
          ],
        },
      ],
    },
  },
  {
    // The sandboxed preload is bundled into one CommonJS file that may require only 'electron':
    // it imports Electron, its Electron-free API and the IPC contract, nothing of Node.
    files: ['main/electron/preload.ts', 'main/electron/preload-api.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(?!(electron|valibot|\\./preload-api\\.ts|\\.\\./shared/ipc-(contract|messages)\\.ts)$)',
              message:
                'The sandboxed preload imports only electron, ./preload-api.ts and the IPC contract (and its messages).',
            },
          ],
        },
      ],
    },
  },
);
