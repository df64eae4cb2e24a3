import fs from 'node:fs';
import { chromium, type Browser } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.mjs';

const executablePath = chromiumPath;
const required = process.env.CI === 'true' || process.env.CHISO_REQUIRE_BROWSER === '1';

/** Debian's Chromium, if installed; in CI (or with CHISO_REQUIRE_BROWSER=1) a missing one is an error. */
export const browserAvailable = (() => {
  if (fs.existsSync(executablePath)) return true;
  if (required) throw new Error(`browser tests are required (CI / CHISO_REQUIRE_BROWSER=1) but ${executablePath} does not exist: apt-get install chromium`);
  console.warn(`NOTICE: ${executablePath} not found; the gateway's browser tests are skipped`);
  return false;
})();

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: chromiumArgs,
  });
}
