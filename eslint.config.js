// ESLint, run by README's test command as the `lint` check (`npm run lint`). Type-aware rules from
// typescript-eslint catch what the compiler lets through: promises nobody awaits or handles, promises
// passed where a plain callback is expected, and `any`. The import layering is the local rule
// `local/layering` (scripts/eslint-layering.mjs). Unused exports are found by knip (`npm run lint:exports`):
// ESLint 10 has no cross-file API for that rule (eslint-plugin-import-x's no-unused-modules is a no-op there).
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import layering from './scripts/eslint-layering.mjs';

export default defineConfig(
  {
    ignores: ['build/', 'dist/', 'data/', '.tmp/', 'node_modules/', '.toolchain/', 'test-results/', 'playwright-report/', 'tests/fixtures/', '**/*.d.ts', '**/*.d.mts'],
  },
  {
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // Each file is typed by the tsconfig that owns it. Files outside every tsconfig (tool configs and the
        // plain-Node .mjs scripts, which Node 24 runs without a build) are typed by the default project.
        projectService: {
          allowDefaultProject: ['*.config.ts', 'renderer/vite.config.ts', 'eslint.config.js', 'scripts/*.mjs'],
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 20,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin, local: layering },
    rules: {
      'local/layering': 'error',
      // A promise that nobody awaits or catches loses its error; fire-and-forget must be written `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a void callback is expected (event handlers, forEach) drops its rejection.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
    },
  },
  {
    // Tests may be looser about `any`: they feed hand-made, deliberately malformed input to the boundaries
    // (zod must reject it) and read untyped JSON reports; what the rules protect against — `any` leaking
    // into shipped code — cannot happen there. Promises must still be awaited: a floating one hides a failure.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The plain-Node scripts are JavaScript typed only by JSDoc: `any` there is the language, not a choice.
    files: ['**/*.{js,mjs}'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
