// Lint rules for the whole workspace. Import rules keep the layout honest:
// - no import cycles anywhere;
// - web: features never import each other; shared UI (components, lib) never imports features
//   or app; imports flow app → features → components/lib (bulletproof-react's zones);
// - bff: a feature may use another feature's model or service, never its routes; the bottom
//   layers (http, tenancy, errors, lib, policies) depend on no feature.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const dirs = (path) => {
  try {
    return readdirSync(new URL(path, import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
};
const webFeatures = dirs('./web/src/features/');

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'e2e/test-results/**', 'e2e/playwright-report/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['*/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['bff/src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // The bottom layers know no feature; features build on them (architecture.test.ts
            // checks the same on the folder graph, with loops between folders).
            ...[
              ['tenancy', ['./tenancy', './config.ts']],
              ['errors', ['./errors']],
              ['lib', ['./lib', './errors']],
              ['policies', ['./policies', './tenancy', './errors']],
              ['http', ['./http', './tenancy', './errors', './lib', './config.ts', './logger.ts']],
              // The Excel exporter: features declare columns and rows, it knows none of them.
              ['exports', ['./exports', './http', './tenancy', './errors', './lib']],
            ].map(([layer, except]) => ({
              target: `./bff/src/${layer}/!(*.test).ts`,
              from: './bff/src',
              except,
              message: `${layer}/ is a bottom layer: it must not depend on features.`,
            })),
            {
              target: './bff/src/*/**/!(*.test).ts',
              from: './bff/src/**/*.routes.ts',
              message: 'Routes are mounted by src/routes.ts only; call the feature’s service instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...webFeatures.map((f) => ({
              target: `./web/src/features/${f}`,
              from: './web/src/features',
              except: [`./${f}`],
              message: 'Features do not import each other; compose them in src/app.',
            })),
            { target: './web/src/features', from: './web/src/app', message: 'Features do not import the app layer.' },
            {
              target: ['./web/src/components', './web/src/lib'],
              from: ['./web/src/features', './web/src/app'],
              message: 'Shared UI and lib do not import features or the app layer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
