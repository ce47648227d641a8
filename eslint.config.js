// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/vendor/**', 'var/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        // Browser and Node globals used by public/js, bench/ and scripts/.
        ['console', 'process', 'document', 'window', 'navigator', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'fetch', 'performance', 'Buffer', 'FormData', 'Blob', 'File', 'AbortController', 'requestAnimationFrame', 'cancelAnimationFrame', 'MediaRecorder', 'MediaStream', 'AudioContext', 'OfflineAudioContext', 'localStorage', 'sessionStorage', 'HTMLElement', 'HTMLCanvasElement', 'Event', 'CustomEvent', 'TextEncoder', 'TextDecoder', 'Image', 'ImageData', 'createImageBitmap', 'indexedDB', 'crypto', 'Chart', 'location', 'history', 'alert', 'confirm'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
