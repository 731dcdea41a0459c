import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One-way imports keep the parts apart:
 *  - shared (contract, analysis) imports nothing of client, server or fixtures;
 *  - the map engine knows no domain: not the contract, not features;
 *  - features never import each other or the app shell;
 *  - the server and the fixture generator never import the client, nor each other.
 */
const FEATURES = readdirSync(new URL('./src/client/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const boundaries = {
  'import-x/no-restricted-paths': [
    'error',
    {
      zones: [
        {
          target: './src/shared',
          from: ['./src/client', './src/server', './src/fixtures'],
          message: 'shared code runs on both sides: it cannot import client, server or fixtures',
        },
        {
          target: './src/client/map',
          from: ['./src/shared', './src/client/features', './src/client/app', './src/client/api'],
          message: 'the map engine knows no domain',
        },
        {
          target: './src/client/features',
          from: ['./src/client/app'],
          message: 'features must not import the app shell',
        },
        {
          target: './src/client',
          from: ['./src/server', './src/fixtures'],
          message: 'the browser cannot import server code',
        },
        {
          target: './src/server',
          from: ['./src/client', './src/fixtures'],
          message: 'the gateway does not import client or generator code',
        },
        {
          target: './src/fixtures',
          from: ['./src/client', './src/server'],
          message: 'the generator builds on the shared contract only',
        },
        // Every folder under features/, read at lint time: a new feature is walled in without
        // editing this file.
        ...FEATURES.map((feature) => ({
          target: `./src/client/features/${feature}`,
          from: './src/client/features',
          except: [`./${feature}`],
          message: 'features never import each other; share through src/client/api, map or shared',
        })),
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'fixtures/erqi',
      'fixtures/kaifeng',
      // HLS segments of the sample camera stream (MPEG-TS, not TypeScript).
      'fixtures/streams',
      'fixtures/basemap',
      'scratch',
      'test-results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { typescript: true, node: true } },
    rules: {
      ...boundaries,
      // A cycle between modules is a wall with a door in it; it also makes start-up order matter.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Fastify route handlers are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The console talks to the gateway through src/client/api, where each answer is parsed by
    // its schema. (The map engine fetches basemap styles and tiles, which are not the API.)
    files: ['src/client/**/*.{ts,tsx}'],
    ignores: ['src/client/api/**', 'src/client/map/**', 'src/client/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'call the gateway through a function in src/client/api' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='apiFetch']",
          message: 'call the gateway through a function in src/client/api, not a hand-built URL',
        },
      ],
    },
  },
  {
    files: ['src/server/**', 'src/fixtures/**', 'tests/**', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Test helpers cast parsed JSON to the shape a test expects.
    files: ['tests/**', 'src/**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-unnecessary-type-parameters': 'off' },
  },
  {
    // Command-line entry points report on the console.
    files: [
      'src/fixtures/cli.ts',
      'src/server/main.ts',
      'src/server/operator-cli.ts',
      'src/server/key-cli.ts',
      'tests/bench/**',
    ],
    rules: { 'no-console': 'off' },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
