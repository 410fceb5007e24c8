// Lint rules that keep the architecture honest (see ../shared/design.md and each src/*/README.md).
// Imports run one way: app -> ui -> (call, store, game) -> domain. Each rule says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const phaserOnlyInGame = 'Phaser is a view behind the control-room bridge: only src/game imports it.';
const lazyMap = 'The map pulls in Phaser: load it with import() (see src/ui/call/location-panel.tsx) so it stays out of the first load.';
const domainFrameworks = 'The domain is plain TypeScript (plus zod): no UI, state-machine, audio, storage or game framework.';
const fflateInPackZip =
  'In the domain only src/domain/pack-zip.ts imports fflate (pure JS, fine in Node and the browser): packs are read through its bounded inflate, which stops at each entry\'s declared size, so no other code may inflate pack bytes.';
const xapiOnlyInSender = {
  name: '@xapi/xapi',
  allowTypeImports: true,
  message: 'Only src/app/lrs-sender.ts imports @xapi/xapi at run time (it loads lazily, once an LRS is configured); elsewhere use `import type`.',
};
const validatorOnlyInTests = {
  name: '@learninglocker/xapi-validation',
  message: 'The xAPI validator is a dev dependency for tests: the app never ships it.',
};
const serviceWorkerOnce =
  'Only src/app/service-worker-updates.ts registers the service worker: one place decides when a new version may reload the page (never by itself mid-call).';
const serviceWorkerImports = [
  { name: 'virtual:pwa-register', message: serviceWorkerOnce },
  { name: 'workbox-window', message: serviceWorkerOnce },
];
const rechartsOnlyInCharts =
  'Only src/ui/progress/progress-charts.tsx imports recharts: the chart library (about 100 kB) stays in the progress screen\'s lazy chunk, and every chart there sits beside a table with the same figures.';
const fsrsOnlyInSchedule =
  'Only src/domain/practice-schedule.ts imports ts-fsrs: spaced repetition has one pure home (no clock, no randomness), so the schedule stays deterministic and testable.';
const frameworks = ['react', 'react-dom', 'react-dom/*', 'xstate', '@xstate/*', 'howler', 'dexie', 'phaser', 'zod/*'];

export default tseslint.config(
  { ignores: ['dist/', 'dist-lms/', 'dist-packages/', 'node_modules/', 'test-results/', 'playwright-report/', 'assets/', 'scenarios/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/domain',
              from: ['./src/app', './src/ui', './src/call', './src/store', './src/game', './src/cli'],
              message: 'The domain is the pure core: it must not depend on screens, machines, storage or scenes.',
            },
            {
              target: ['./src/call', './src/store', './src/game'],
              from: ['./src/app', './src/ui', './src/cli'],
              message: 'Imports run one way, from screens down to the domain: call, store and game must not import the UI or the composition root.',
            },
            {
              target: ['./src/call', './src/game'],
              from: ['./src/store'],
              message: 'The call and the scene do not persist anything themselves: the app wires the store in.',
            },
            { target: './src/ui', from: ['./src/app', './src/cli'], message: 'The UI receives its dependencies from src/app; it must not reach back up.' },
            {
              target: './src/cli',
              from: ['./src/app', './src/ui', './src/call', './src/store', './src/game'],
              message: 'Node commands use the pure domain only: no browser code.',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'howler', message: 'Only src/call/howler-audio.ts imports howler: everything else plays audio through the AudioPort.' },
            { name: 'dexie', message: 'Only src/store imports dexie: everything else goes through the repositories.' },
            { name: 'phaser', message: phaserOnlyInGame },
            xapiOnlyInSender,
            validatorOnlyInTests,
            ...serviceWorkerImports,
            { name: 'recharts', message: rechartsOnlyInCharts },
            { name: 'ts-fsrs', message: fsrsOnlyInSchedule },
          ],
          patterns: [{ group: ['**/game/create-control-room-game', '**/game/county-map-scene'], message: lazyMap }],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'fflate', message: fflateInPackZip },
            xapiOnlyInSender,
            validatorOnlyInTests,
            { name: 'recharts', message: rechartsOnlyInCharts },
            { name: 'ts-fsrs', message: fsrsOnlyInSchedule },
          ],
          patterns: [{ group: frameworks, message: domainFrameworks }],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'The domain runs in Node too: no browser APIs.' },
        { name: 'document', message: 'The domain runs in Node too: no browser APIs.' },
        { name: 'localStorage', message: 'The domain runs in Node too: no browser APIs.' },
        { name: 'indexedDB', message: 'The domain runs in Node too: no browser APIs.' },
      ],
    },
  },
  { files: ['src/call/howler-audio.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['src/domain/pack-zip.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: frameworks, message: domainFrameworks }] }] },
  },
  {
    files: ['src/app/service-worker-updates.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'howler', message: 'Only src/call/howler-audio.ts imports howler: everything else plays audio through the AudioPort.' },
            { name: 'dexie', message: 'Only src/store imports dexie: everything else goes through the repositories.' },
            { name: 'phaser', message: phaserOnlyInGame },
            { name: 'recharts', message: rechartsOnlyInCharts },
            { name: 'ts-fsrs', message: fsrsOnlyInSchedule },
          ],
        },
      ],
    },
  },
  {
    // The one home of ts-fsrs: still the domain (no frameworks, no browser APIs), plus the scheduler.
    files: ['src/domain/practice-schedule.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'fflate', message: fflateInPackZip }, xapiOnlyInSender, validatorOnlyInTests, { name: 'recharts', message: rechartsOnlyInCharts }],
          patterns: [{ group: frameworks, message: domainFrameworks }],
        },
      ],
    },
  },
  {
    // The one home of recharts; the other one-home libraries stay restricted here.
    files: ['src/ui/progress/progress-charts.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'howler', message: 'Only src/call/howler-audio.ts imports howler: everything else plays audio through the AudioPort.' },
            { name: 'dexie', message: 'Only src/store imports dexie: everything else goes through the repositories.' },
            { name: 'phaser', message: phaserOnlyInGame },
            xapiOnlyInSender,
            validatorOnlyInTests,
            ...serviceWorkerImports,
            { name: 'ts-fsrs', message: fsrsOnlyInSchedule },
          ],
        },
      ],
    },
  },
  {
    // Store tests may open a raw Dexie database (e.g. an older schema version) to test upgrades.
    files: ['src/store/**/*.ts', 'test/unit/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'howler', message: 'Only src/call/howler-audio.ts imports howler.' },
            { name: 'phaser', message: phaserOnlyInGame },
            xapiOnlyInSender,
            validatorOnlyInTests,
            ...serviceWorkerImports,
          ],
        },
      ],
    },
  },
  {
    // The map's own modules import Phaser and each other; nothing else may (see the rule above).
    files: ['src/game/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'howler', message: 'Only src/call/howler-audio.ts imports howler: everything else plays audio through the AudioPort.' },
            { name: 'dexie', message: 'Only src/store imports dexie: everything else goes through the repositories.' },
            xapiOnlyInSender,
            validatorOnlyInTests,
          ],
        },
      ],
    },
  },
  {
    // The one run-time home of @xapi/xapi; the other restrictions still apply.
    files: ['src/app/lrs-sender.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'howler', message: 'Only src/call/howler-audio.ts imports howler: everything else plays audio through the AudioPort.' },
            { name: 'dexie', message: 'Only src/store imports dexie: everything else goes through the repositories.' },
            { name: 'phaser', message: phaserOnlyInGame },
          ],
        },
      ],
    },
  },
  {
    // These tests validate statements with the real validator and post them with the real sender.
    files: ['test/fixtures/xapi-validator.ts', 'test/unit/app/**/*.ts', 'test/e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'howler', message: 'Only src/call/howler-audio.ts imports howler.' },
            { name: 'dexie', message: 'Only src/store imports dexie: everything else goes through the repositories.' },
            { name: 'phaser', message: phaserOnlyInGame },
            ...serviceWorkerImports,
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/app/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: { ...globals.node } } },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
