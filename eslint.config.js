// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.tsbuild/**',
      '**/node_modules/**',
      '**/.turbo/**',
      'bench-results/**',
      'runs/**',
      'apps/docs/api/**',
      'apps/docs/.vitepress/cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Package entry points are explicit lists of named re-exports (CONVENTIONS.md #14). The one
      // `export *` allowed is of such a list: a package's shared `exports.ts`, which each platform
      // entry re-exports whole, and runners' method registry, which names every built-in method.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ExportAllDeclaration[exportKind="value"]:not([source.value=/^\\.\\/(exports|methods\\/registry)$/])',
          message: 'Re-export names explicitly (CONVENTIONS.md #14): no `export *` of values.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
