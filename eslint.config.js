// Lint: typescript-eslint's strict type-checked rules over the sources and tests, with
// Prettier left to decide layout. `npm run lint` must report nothing (zero warnings).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'bench/out/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers are how csp writes its messages.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // With noUncheckedIndexedAccess, `list[i]!` after a bounds check is the honest way to say it.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The tests are type-checked as tsconfig.test.json sees them (no noUncheckedIndexedAccess).
    files: ['test/**/*.ts', 'vitest.config.ts'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
  prettier,
);
