// Type-checked lint rules: the promise rules catch the bugs that matter most in a Kafka consumer
// (a forgotten await loses an error or commits an offset too early); no-cycle keeps libraries layered.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

// What plain Node scripts may use without declaring it.
const NODE_GLOBALS = Object.fromEntries(
  [
    'AbortController',
    '__dirname',
    '__filename',
    'Buffer',
    'TextDecoder',
    'TextEncoder',
    'URL',
    'URLSearchParams',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

// Import groups of the layering rules below.
const ALIAS_ONLY = {
  group: ['../../libs/*', '../../../libs/*', '**/libs/*/src/*'],
  message: 'Import libraries through their @news/* alias.',
};
const PLATFORM = [
  '@nestjs/*',
  'kafkajs',
  'ioredis',
  '@news/kafka',
  '@news/dedup-redis',
  '@news/config',
  '@news/env',
  '@news/kafkajs',
];
const RUNTIME = [
  'worker_threads',
  'node:worker_threads',
  'child_process',
  'node:child_process',
  'cluster',
  'node:cluster',
];
const DOMAIN = ['@news/normalize', '@news/dedup', '@news/tagging'];
const ORCHESTRATION = ['@news/pipeline', '@news/pipeline-threads'];
const APPS = ['**/apps/*', '**/apps/**'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'packages/*/dist/**',
      'packages/*/.pack/**',
      'node_modules/**',
      '.kafka/**',
      'tools/kafka/lib/**',
      'coverage/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': { typescript: true, node: true },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'no-restricted-imports': ['error', { patterns: [ALIAS_ONLY] }],
    },
  },
  // The layers point one way: contracts at the bottom, the domain (normalize, dedup, tagging, and the pipeline that
  // orchestrates them) above it, the platform adapters (Kafka, Redis, configuration) beside the domain and never
  // above the orchestration, the apps on top. ESLint keeps one no-restricted-imports per file, so every layer
  // repeats ALIAS_ONLY.
  {
    files: ['libs/contracts/**/*.ts', 'libs/snapshot-file/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ALIAS_ONLY,
            {
              group: [...PLATFORM, ...DOMAIN, ...ORCHESTRATION, ...APPS],
              message: 'Contracts and snapshot-file depend on nothing of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/normalize/**/*.ts', 'libs/dedup/**/*.ts', 'libs/tagging/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ALIAS_ONLY,
            {
              group: [...PLATFORM, ...RUNTIME],
              message: 'Domain libraries must not depend on platform code, threads or processes.',
            },
            {
              group: [...ORCHESTRATION, ...APPS],
              message: 'Domain libraries sit below the pipeline and the apps.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/pipeline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ALIAS_ONLY,
            {
              group: [...PLATFORM, ...RUNTIME],
              message: 'The pipeline is pure orchestration: no platform code, threads or processes.',
            },
            {
              group: ['@news/pipeline-threads'],
              message: 'The pure pipeline knows nothing of the threads that may run it.',
            },
            { group: APPS, message: 'Libraries never import the apps.' },
          ],
        },
      ],
    },
  },
  {
    // The pipeline on worker threads: above the pure pipeline, below the apps, beside the platform adapters.
    files: ['libs/pipeline-threads/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ALIAS_ONLY,
            {
              group: [...PLATFORM, ...APPS],
              message: 'The threaded pipeline uses no platform code and no apps.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'libs/kafka/**/*.ts',
      'libs/kafkajs/**/*.ts',
      'libs/dedup-redis/**/*.ts',
      'libs/config/**/*.ts',
      'libs/env/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ALIAS_ONLY,
            {
              group: ORCHESTRATION,
              message: 'Platform adapters know no orchestration: share shapes through @news/contracts.',
            },
            { group: APPS, message: 'Libraries never import the apps.' },
          ],
        },
      ],
    },
  },
  {
    // The consumer package is compiled from its own sources, the contracts and the kafkajs read_committed fix and
    // codecs (packages/consumer/tsconfig.json): nothing else of ours may slip into what downstream services install.
    files: ['packages/consumer/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ALIAS_ONLY,
            {
              group: [...DOMAIN, ...ORCHESTRATION, ...APPS, '@news/config', '@news/dedup-redis'],
              message: 'The consumer package is built from @news/contracts and the kafkajs fixes only.',
            },
            {
              regex: '^@news/kafka$',
              message: 'Only the codecs of @news/kafka: import @news/kafka/compression-codecs.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript (tools, the bin entry, configuration): the same rules without type information, which
    // exists only for the TypeScript project. CommonJS except the ES-module config files.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: NODE_GLOBALS },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  {
    // kafkajs only through @news/kafkajs, which installs the project's fixes before kafkajs loads (its README).
    files: ['**/*.ts'],
    ignores: ['libs/kafkajs/**', 'packages/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kafkajs', allowTypeImports: true, message: 'Import kafkajs values from @news/kafkajs.' },
          ],
          patterns: [
            {
              group: ['kafkajs/*'],
              allowTypeImports: true,
              message: 'kafkajs internals belong to libs/kafkajs.',
            },
          ],
        },
      ],
    },
  },
  {
    // Sizes a reader can hold: a file of at most 400 lines of code, a function of at most 80 (blank lines and
    // comments not counted).
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Specs, integration tests and tables of cases keep the file limit but not the function one: a describe or
    // it callback is a list of cases read one at a time, and a fixture function (bad inputs, hostile inputs)
    // returns a table of inputs; the file limit still bounds them. Test support code (test/**/support) is held
    // to both.
    files: ['**/*.spec.ts', 'test/**/*.test.ts', 'test/fixtures/**/*.ts', 'bench/hostile-inputs.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts', 'packages/*/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
