import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'module',
  'worker_threads',
  'zlib',
];

// Each folder under renderer/src/views is one view; read from disk so a new view is covered too.
const root = path.dirname(fileURLToPath(import.meta.url));
const viewsDir = 'renderer/src/views';
const viewFolders = fs
  .readdirSync(path.join(root, viewsDir), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', '.tsbuild/', '.cache/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // shared/ is the pure domain: no Node, DOM, Electron or React.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'better-sqlite3', ...nodeModules].map((name) => ({
            name,
            message: 'shared/ must stay pure TypeScript: no Node, DOM, Electron or React imports.',
          })),
          patterns: [
            { group: ['node:*'], message: 'shared/ must not import Node modules.' },
            {
              regex: '^#(electron|renderer)/',
              message: 'shared/ is the domain: it imports nothing outside shared/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', 'localStorage'],
    },
  },
  {
    // The renderer talks to the host only through renderer/src/api.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api/**'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'planner', message: 'Use renderer/src/api instead of window.planner.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', ...nodeModules],
          patterns: [{ group: ['node:*', '**/electron/**'] }, { regex: '^#electron/' }],
        },
      ],
    },
  },
  {
    files: ['renderer/src/api/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['electron/**/*.ts', 'scripts/**/*.{ts,mjs}', 'test/**/*.ts', 'bin/**/*.mjs', '*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // No import circle anywhere (issue 19): a module's dependencies are loaded before it, always.
    // Imports of types only are erased by the compiler and form no circle at run time.
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'] },
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // No view imports another view (issue 19): a component shown in several views lives in
    // renderer/src/panels, a view-independent presentation model in renderer/src/models, a chart in
    // renderer/src/charts, and those shared folders import no view.
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            ...viewFolders.map((view) => ({
              target: `${viewsDir}/${view}`,
              from: viewFolders.filter((other) => other !== view).map((other) => `${viewsDir}/${other}`),
              message: `The ${view} view must not import another view: move what both use to renderer/src/panels (components), renderer/src/models (presentation models) or renderer/src/charts.`,
            })),
            {
              target: ['renderer/src/panels', 'renderer/src/models', 'renderer/src/charts'],
              from: viewsDir,
              message:
                'Shared renderer folders (panels, models, charts) must not import a view: move what they need out of the view too.',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
