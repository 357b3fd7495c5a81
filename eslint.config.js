// @ts-check
import js from '@eslint/js';
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
