// Lint: typescript-eslint's strict type-checked rules over the sources and tests, with
// Prettier left to decide layout. `npm run lint` must report nothing (zero warnings).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { DISK, FLOORS } from './scripts/floors.js';

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
      // csp counts characters as code points ([...s]) on purpose: terminal widths and title lengths.
      '@typescript-eslint/no-misused-spread': 'off',
      // `const { a, ...rest } = x` leaves out a; `_name` marks a parameter a signature needs.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // The tests are type-checked as tsconfig.test.json sees them (with the sources, in one program).
    files: ['test/**/*.ts', 'vitest.config.ts'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Tests read csp's JSON output with JSON.parse and look into it: `any` there is the point.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Tests change parsed documents freely to build bad cases.
      '@typescript-eslint/no-explicit-any': 'off',
      // Tests collect output with `(out += s)` arrow bodies.
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    // bin/csp.cjs: CommonJS, so that Node starts it without its ES module loader.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { process: 'readonly', require: 'readonly', __dirname: 'readonly', __filename: 'readonly' },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
  // Each floor of src/ imports only from floors below it; only some floors touch the disk.
  ...FLOORS.map((floor, i) => ({
    files: [`src/${floor}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(FLOORS.slice(i + 1).length > 0
              ? [
                  {
                    group: FLOORS.slice(i + 1).map((above) => `**/${above}/**`),
                    message: `src/${floor} may import only from its own floor and those below it: ${FLOORS.slice(0, i + 1).join(', ')}.`,
                  },
                ]
              : []),
            ...(DISK.includes(floor)
              ? []
              : [
                  {
                    group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:child_process', 'child_process'],
                    message: `Only ${DISK.join(', ')} touch the disk: ask src/workspace.`,
                  },
                ]),
          ],
        },
      ],
    },
  })),
  prettier,
);
