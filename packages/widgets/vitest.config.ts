import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { workspaceSource } from './vite.config.ts';

/**
 * The elements in real Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH); the built package
 * in Node (tests/package); the pure drawing functions are tested in Node in @chiso/charts. With CI=true or CHISO_REQUIRE_BROWSER=1 a missing browser
 * fails the run; elsewhere the browser project is left out with a notice.
 */
import fs from 'node:fs';

const chromium = chromiumPath;
const haveBrowser = fs.existsSync(chromium);
const requireBrowser = process.env.CI === 'true' || process.env.CHISO_REQUIRE_BROWSER === '1';
if (!haveBrowser) {
  if (requireBrowser) throw new Error(`browser tests are required (CI / CHISO_REQUIRE_BROWSER=1) but ${chromium} does not exist: apt-get install chromium`);
  console.warn(`NOTICE: ${chromium} not found; the browser tests of @chiso/widgets are skipped (apt-get install chromium, or set CHROMIUM_PATH)`);
}

export default defineConfig({
  // @chiso/charts from its source, as in the builds.
  ...workspaceSource,
  test: {
    projects: [
      {
        extends: true as const,
        test: {
          // The package as a consumer gets it: manifest, exports, declarations, tree shaking (Node).
          name: 'package',
          include: ['tests/package/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/build.ts'],
          testTimeout: 120_000,
        },
      },
      ...(haveBrowser
        ? [
            {
              extends: true as const,
              test: {
                name: 'browser',
                include: ['tests/components/**/*.test.ts'],
                globalSetup: ['tests/setup/gateway.ts'],
                testTimeout: 30_000,
                hookTimeout: 120_000,
                browser: {
                  enabled: true,
                  headless: true,
                  screenshotFailures: false,
                  provider: playwright({
                    launchOptions: {
                      executablePath: chromium,
                      args: chromiumArgs,
                    },
                  }),
                  instances: [{ browser: 'chromium' as const }],
                },
              },
            },
          ]
        : []),
    ],
  },
});
