import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const libs = ['auth', 'config', 'contracts', 'messaging', 'persistence', 'storage', 'testing'];
const alias = {
  // a file of its own, so the portals take just it (checked before `@plein/contracts`)
  '@plein/contracts/markdown-text': resolve(import.meta.dirname, 'libs/contracts/src/markdown-text.ts'),
  ...Object.fromEntries(
    libs.map((l) => [`@plein/${l}`, resolve(import.meta.dirname, `libs/${l}/src/index.ts`)]),
  ),
};

// SWC compiles the tests so Nest's decorators get their metadata (esbuild does not emit it).
const plugins = [
  swc.vite({
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
  }),
];

export default defineConfig({
  test: {
    projects: [
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['libs/*/src/**/*.spec.ts', 'services/*/src/**/*.spec.ts', 'gateway/src/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'integration',
          include: [
            'libs/*/test/**/*.int-spec.ts',
            'services/*/test/**/*.int-spec.ts',
            'gateway/test/**/*.int-spec.ts',
            'e2e/**/*.e2e-spec.ts',
          ],
          environment: 'node',
          globalSetup: ['tools/test-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The portals in a real browser (Debian's Chromium via playwright-core) against a running gateway,
        // identity service and the real Keycloak; ./plein test runs them after the integration tests.
        plugins,
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['e2e/portals/**/*.browser-spec.ts'],
          environment: 'node',
          globalSetup: ['tools/test-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Logins go through Keycloak and back; give the page time on a busy machine.
          expect: { poll: { timeout: 30_000, interval: 250 } },
        },
      },
    ],
  },
});
