// Debian's Chromium as every browser test and benchmark of the repository launches it: where it is
// (CHROMIUM_PATH, else /usr/bin/chromium; `apt-get install chromium`) and its flags (headless, no
// sandbox for root in CI, and none of its own network traffic: no QUIC, updates, sync or first run).
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
