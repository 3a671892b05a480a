// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SERVICES = [
  'identity',
  'directory',
  'timelines',
  'knowledge',
  'documents',
  'moderation',
  'search',
  'activities',
  'notifications',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.local/**',
      '.nx/**',
      'portals/**/dist/**',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
      // Nest modules are classes with only static members by design.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  // Module boundaries (Nx tags scope:service, scope:gateway, type:lib): a service never imports another
  // service or the gateway; the gateway never imports a service; libs import neither.
  ...SERVICES.map((name) => ({
    files: [`services/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/gateway/**', '@plein/gateway'], message: 'A service never imports the gateway.' },
            ...SERVICES.filter((s) => s !== name).map((s) => ({
              group: [`**/services/${s}/**`, `@plein/${s}`],
              message: 'A service never imports another service; talk over NATS with libs/contracts.',
            })),
          ],
        },
      ],
    },
  })),
  {
    files: ['gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/**', ...SERVICES.map((s) => `@plein/${s}`)],
              message: 'The gateway talks to services over NATS only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/services/**',
                '**/gateway/**',
                '@plein/gateway',
                ...SERVICES.map((s) => `@plein/${s}`),
              ],
              message: 'Libraries never import apps.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'e2e/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
